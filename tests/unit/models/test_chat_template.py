"""Chat templates in the bounded sandbox: the templates models ship render as llama-cpp-python's
own formatter renders them; templates reaching for Python's internals, looping without end,
or building huge values are refused with their reason, and nothing of them runs outside."""

from __future__ import annotations

import time

import pytest
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from models.chat_template import ChatTemplate, TemplateRefused, check
from models.discovery import bundled_llm_path, gguf_info

R1 = (
    "{% for m in messages %}{% if m['role'] == 'user' %}<｜User｜>{{ m['content'] }}"
    "{% endif %}{% endfor %}{% if add_generation_prompt %}<｜Assistant｜><think>\n{% endif %}"
)
NO_SYSTEM = (  # as Gemma's: a system turn is an error the template raises itself
    "{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}"
    "{% endif %}{% for m in messages %}<start>{{ m['role'] }}\n{{ m['content'] }}<end>\n"
    "{% endfor %}"
)
MESSAGES = [
    {"role": "system", "content": "Answer from the passages."},
    {"role": "user", "content": "营业收入是多少？ {{ not a template }} [1]"},
]
SANDBOX = "it tries something the sandbox forbids: "
HOSTILE = {
    "reach for __class__": (
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        SANDBOX + "access to attribute '__class__' of 'str' object is unsafe",
    ),
    "reach for __globals__": (
        "{{ raise_exception.__globals__['os'].system('touch {marker}') }}",
        SANDBOX + "access to attribute '__globals__' of 'function' object is unsafe",
    ),
    "through str.format": (
        "{{ '{0.__class__}'.format(messages) }}",
        SANDBOX + "access to attribute '__class__' of 'list' object is unsafe",
    ),
    "through the attr filter": (
        "{{ messages|attr('__class__') }}",
        SANDBOX + "access to attribute '__class__' of 'list' object is unsafe",
    ),
    "loop for ever": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "it did not finish within 1 s (an endless or huge loop)",
    ),
    "recurse": (
        "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
        "it recurses without end",
    ),
    "repeat a string": (
        "{{ 'x' * 1000000000 }}",
        SANDBOX + "a repetition of 1,000,000,000 items is refused",
    ),
    "raise to a huge power": (
        "{{ 10 ** 100000000 }}",
        SANDBOX + "an exponent of 100000000 is refused",
    ),
    "format a huge width": (
        "{{ '%999999999d' % 1 }}",
        SANDBOX + "a %-format with a huge or * width is refused",
    ),
    "center in a huge width": (
        "{{ 'x'|center(1000000000) }}",
        SANDBOX + "the center filter with a width of 1,000,000,000 is refused",
    ),
    "double a string": (
        "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        ("it took over 256 MB of memory to render", "it did not finish within 1 s"),
    ),
    "join with a huge separator": (
        "{{ (range(100000)|list)|join('x' * 50000)|length }}",
        SANDBOX + "a join making 5,000,438,890 characters is refused",
    ),
    "pad a string's method out": ("{{ 'x'.ljust(200000) }}", SANDBOX + "str.ljust with 200,000"),
    "a format filter with a huge width": (
        "{{ '%0200000d'|format(1) }}",
        SANDBOX + "a format with a huge or * width is refused",
    ),
    "str.format with a huge width": (
        "{{ '{:>200000}'.format(1) }}",
        SANDBOX + "a format with a huge width is refused",
    ),
    "a replace that multiplies": (
        "{{ ('x' * 1000).replace('', 'y' * 1000) }}",
        SANDBOX + "a replace that could make too much text is refused",
    ),
    "write too much": (
        "{% for i in range(1000) %}{{ '" + "lorem ipsum " * 200 + "' }}{% endfor %}",
        "its output runs past 1,000,000 characters",
    ),
    "not compile": ("{% for m in messages %}{{ m.content }", "not a valid Jinja template"),
    "fail on every conversation": ("{{ raise_exception('nope') }}", "it raised an error: nope"),
}


@pytest.mark.parametrize("template", [gguf_info(bundled_llm_path()).chat_template, R1])
def test_real_templates_render_as_llama_cpp_python_renders_them(template):
    theirs = Jinja2ChatFormatter(template, eos_token="</s>", bos_token="<s>")(messages=MESSAGES)
    ours = ChatTemplate(template, bos_token="<s>", eos_token="</s>").render(MESSAGES)
    assert ours == theirs.prompt
    check(template)


def test_a_template_that_refuses_a_system_turn_is_accepted_for_the_user_turn():
    check(NO_SYSTEM)
    assert ChatTemplate(NO_SYSTEM).render(MESSAGES[1:]).startswith("<start>user\n营业收入")


@pytest.mark.parametrize(("source", "reason"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_template_is_refused_with_its_reason(tmp_path, source, reason):
    marker = tmp_path / "escaped"
    started = time.monotonic()
    with pytest.raises(TemplateRefused) as err:
        check(source.replace("{marker}", str(marker)))
    # Under load a memory bomb can meet the clock first: refused either way, in bounds.
    assert str(err.value).startswith(reason)
    assert time.monotonic() - started < 3
    assert not marker.exists()
