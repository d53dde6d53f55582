<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChatView</name>
    <message>
        <source>▸ sources and reasoning beside</source>
        <translation>▸ 来源与推理见旁栏</translation>
    </message>
</context>
<context>
    <name>ConversationBar</name>
    <message>
        <source>The conversations of this knowledge base</source>
        <translation>此知识库的对话</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>A new conversation (Ctrl+N)</source>
        <translation>新建对话 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename this conversation</source>
        <translation>重命名此对话</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete this conversation</source>
        <translation>删除此对话</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <source>Chunks of {name}</source>
        <translation>{name} 的片段</translation>
    </message>
    <message>
        <source>Find in the chunks…</source>
        <translation>在片段中查找…</translation>
    </message>
    <message>
        <source>{shown} of {total} match</source>
        <translation>{total} 个片段中有 {shown} 个匹配</translation>
    </message>
    <message>
        <source>No chunk holds this text.</source>
        <translation>没有片段包含此文本。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find (Ctrl+F)</source>
        <translation>查找 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>下一个匹配 (F3)</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 个匹配</translation>
    </message>
    <message>
        <source>{0} matches</source>
        <translation>{0} 个匹配</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>第 {0} 个，共 {1} 个</translation>
    </message>
</context>
<context>
    <name>IngestPanel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Drop folders or files anywhere on the window to index them.</source>
        <translation>将文件夹或文件拖到窗口任意位置即可建立索引。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Looking for documents…</source>
        <translation>正在查找文档…</translation>
    </message>
    <message>
        <source>Indexing %1…</source>
        <translation>正在索引 %1…</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>parsing</source>
        <translation>解析中</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>向量化中</translation>
    </message>
    <message>
        <source>OCR page %1/%2</source>
        <translation>OCR 识别第 %1/%2 页</translation>
    </message>
    <message>
        <source>reading page %1 / %2</source>
        <translation>读取第 %1 / %2 页</translation>
    </message>
    <message>
        <source>embedding %1 / %2 chunks</source>
        <translation>向量化 %1 / %2 个片段</translation>
    </message>
    <message>
        <source>done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>File %1 / %2</source>
        <translation>文件 %1 / %2</translation>
    </message>
    <message>
        <source>page %1 / %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>%1 / %2 chunks embedded</source>
        <translation>已向量化 %1 / %2 个片段</translation>
    </message>
    <message>
        <source>estimating time left</source>
        <translation>正在估算剩余时间</translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation>预计还需 %1</translation>
    </message>
    <message>
        <source>Indexing stopped: %1</source>
        <translation>索引已停止：%1</translation>
    </message>
    <message>
        <source>Added %1, updated %2, unchanged %3, %4 failed, %5 skipped in %6 s</source>
        <translation>新增 %1，更新 %2，未变 %3，失败 %4，跳过 %5，用时 %6 秒</translation>
    </message>
    <message>
        <source>Cancelled. </source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
</context>
<context>
    <name>LibrarySidebar</name>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Create a knowledge base</source>
        <translation>新建知识库</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename this knowledge base</source>
        <translation>重命名此知识库</translation>
    </message>
    <message>
        <source>Delete knowledge base…</source>
        <translation>删除知识库…</translation>
    </message>
    <message>
        <source>Delete this knowledge base with the index of all its documents</source>
        <translation>删除此知识库及其全部文档的索引</translation>
    </message>
    <message>
        <source>Add files or folders…</source>
        <translation>添加文件或文件夹…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Knowledge bases&lt;/b&gt;</source>
        <translation>&lt;b&gt;知识库&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Documents&lt;/b&gt;</source>
        <translation>&lt;b&gt;文档&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Delete the knowledge base “{name}” and its {documents}?</source>
        <translation>删除知识库“{name}”及其中的 {documents}？</translation>
    </message>
    <message>
        <source>Its index and its conversations are deleted; the files themselves stay where they are.</source>
        <translation>其索引和对话将被删除；文件本身仍保留在原位置。</translation>
    </message>
    <message>
        <source>Remove from knowledge base…</source>
        <translation>从知识库中移除…</translation>
    </message>
    <message>
        <source>Re-index</source>
        <translation>重新索引</translation>
    </message>
    <message>
        <source>Preview chunks</source>
        <translation>预览片段</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Indexing is under way: remove documents once it is done.</source>
        <translation>正在建立索引：请在完成后再移除文档。</translation>
    </message>
    <message>
        <source>Remove {what} from the knowledge base “{name}”?</source>
        <translation>从知识库“{name}”中移除 {what}？</translation>
    </message>
    <message>
        <source>Its chunks leave the index and no longer show in answers; the files themselves stay where they are.</source>
        <translation>其片段将从索引中移除，不再出现在回答中；文件本身仍保留在原位置。</translation>
    </message>
    <message>
        <source>Not found, so not re-indexed: {files}</source>
        <translation>找不到以下文件，未重新索引：{files}</translation>
    </message>
    <message>
        <source>{file} has no indexed chunks.</source>
        <translation>{file} 没有已索引的片段。</translation>
    </message>
    <message>
        <source>Cannot open {folder}</source>
        <translation>无法打开 {folder}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Rename the conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Delete the conversation “{}”?</source>
        <translation>删除对话“{}”？</translation>
    </message>
    <message>
        <source>Its questions and answers are forgotten; the documents stay.</source>
        <translation>其中的问题与回答将被删除，文档会保留。</translation>
    </message>
    <message>
        <source>Answer copied with its sources</source>
        <translation>已复制回答及其来源</translation>
    </message>
    <message>
        <source>Still answering: press Esc to stop first.</source>
        <translation>仍在回答：请先按 Esc 停止。</translation>
    </message>
</context>
<context>
    <name>PdfViewer</name>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Cited passage highlighted</source>
        <translation>已高亮引用的段落</translation>
    </message>
    <message>
        <source>The cited text is not on this page&apos;s text layer</source>
        <translation>引用的文字不在此页的文本层中</translation>
    </message>
    <message>
        <source>page {0} of {1}</source>
        <translation>第 {0} 页，共 {1} 页</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>简体中文</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Language model (GGUF file)</source>
        <translation>语言模型（GGUF 文件）</translation>
    </message>
    <message>
        <source>the bundled SmolLM2-135M-Instruct</source>
        <translation>内置的 SmolLM2-135M-Instruct</translation>
    </message>
    <message>
        <source>GGUF model (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>Model server URL (OpenAI-compatible)</source>
        <translation>模型服务器地址（兼容 OpenAI 接口）</translation>
    </message>
    <message>
        <source>the local model above</source>
        <translation>上面的本地模型</translation>
    </message>
    <message>
        <source>Model on the server</source>
        <translation>服务器上的模型</translation>
    </message>
    <message>
        <source>the first it serves</source>
        <translation>服务器提供的第一个</translation>
    </message>
    <message>
        <source>Server API key</source>
        <translation>服务器 API 密钥</translation>
    </message>
    <message>
        <source>env THINKDESK_API_KEY</source>
        <translation>环境变量 THINKDESK_API_KEY</translation>
    </message>
    <message>
        <source>Models folder (scanned for *.gguf)</source>
        <translation>模型文件夹（扫描其中的 *.gguf）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Embedding model folder</source>
        <translation>嵌入模型文件夹</translation>
    </message>
    <message>
        <source>the bundled MiniLM</source>
        <translation>内置的 MiniLM</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>Parsing processes</source>
        <translation>解析进程数</translation>
    </message>
    <message>
        <source>one per core</source>
        <translation>每核一个</translation>
    </message>
    <message>
        <source>Largest file to index (MB)</source>
        <translation>可索引的最大文件（MB）</translation>
    </message>
    <message>
        <source>Context size (tokens)</source>
        <translation>上下文长度（token）</translation>
    </message>
    <message>
        <source>Minimum thinking tokens</source>
        <translation>最少思考 token 数</translation>
    </message>
    <message>
        <source>Maximum thinking tokens</source>
        <translation>最多思考 token 数</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>model preset</source>
        <translation>模型预设</translation>
    </message>
    <message>
        <source>Passages per question (top-k)</source>
        <translation>每个问题检索的段落数（top-k）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Thinkdesk settings</source>
        <translation>Thinkdesk 设置</translation>
    </message>
    <message>
        <source>The new language shows when Thinkdesk starts again.</source>
        <translation>新的界面语言在 Thinkdesk 重新启动后生效。</translation>
    </message>
    <message>
        <source>{setting} (empty: {meaning})</source>
        <translation>{setting}（留空：{meaning}）</translation>
    </message>
    <message>
        <source>{name} · {quantization} · {size} · trained context {context} tokens</source>
        <translation>{name} · {quantization} · {size} · 训练上下文 {context} token</translation>
    </message>
    <message>
        <source>Bundled: {model}</source>
        <translation>内置：{model}</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Copy passage with its source</source>
        <translation>复制段落及其来源</translation>
    </message>
</context>
<context>
    <name>TextViewer</name>
    <message>
        <source>line {0} of {1}</source>
        <translation>第 {0} 行，共 {1} 行</translation>
    </message>
    <message>
        <source>lines {0}-{1} of {2}</source>
        <translation>第 {0}-{1} 行，共 {2} 行</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>{h} h {min} min</source>
        <translation>{h} 小时 {min} 分</translation>
    </message>
    <message>
        <source>{min} min {s} s</source>
        <translation>{min} 分 {s} 秒</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Error: {error}</source>
        <translation>错误：{error}</translation>
    </message>
</context>
</TS>
