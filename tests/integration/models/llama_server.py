"""`python -m llama_cpp.server ARGS` with one more chat format, "chatml-think": SmolLM2's
ChatML with the reply opened by "<think>\\n", as DeepSeek-R1-Distill templates open it, so the
bundled model can play a reasoning model served without reasoning parsing."""

import runpy

from llama_cpp import llama_chat_format

THINK_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n<think>\\n' }}{% endif %}"
)

formatter = llama_chat_format.Jinja2ChatFormatter(
    THINK_TEMPLATE, eos_token="<|im_end|>", bos_token="<|im_start|>"
)
llama_chat_format.LlamaChatCompletionHandlerRegistry().register_chat_completion_handler(
    "chatml-think", formatter.to_chat_handler()
)
runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
