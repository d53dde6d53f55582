"""A GGUF file's chat template (Jinja, written by whoever made the file) rendered in a sandbox
with bounds: no attribute a template could climb out through (__class__, __globals__...), no
huge repetition or formatting, at most RENDER_S of work and MAX_OUTPUT characters. A template
that breaks a rule is refused when the model is loaded, by a trial render, before llama.cpp
sees the file."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterable
from datetime import datetime
from types import FrameType
from typing import Any

import psutil
from jinja2 import TemplateError, nodes
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

RENDER_S = 1.0  # a chat template renders in microseconds; a second is a loop meant to hang
MAX_GROWTH_MB = 256  # growth of the resident size while rendering
MAX_OUTPUT = 1_000_000  # characters: far more than any context window
MAX_REPEAT = 100_000  # items or characters one `*` may make
_WIDE_FORMAT = re.compile(r"%[-#0 +]*(?:\*|\d{6,})|%[-#0 +]*\d*\.(?:\*|\d{6,})")
_WIDE_BRACES = re.compile(r"\{[^{}]*:[^{}]*(?:\d{6,}|\{)")  # '{:>200000}', '{:{w}}'
_WIDTH_FILTERS = ("center", "indent", "wordwrap", "truncate", "replace")
PROBE = [
    {"role": "system", "content": "You answer from the passages."},
    {"role": "user", "content": "What was the revenue?"},
]


class TemplateRefused(ValueError):
    """The template was refused; str(err) says why, in words for a person."""


class TemplateRaised(TemplateRefused):
    """The template itself called raise_exception (e.g. "System role not supported")."""


class _Timeout(Exception):
    pass


class _TooBig(Exception):
    pass


class _Generation(Extension):
    """Hugging Face's {% generation %} ... {% endgeneration %}: its body, as is."""

    tags = {"generation"}

    def parse(self, parser: Any) -> list[nodes.Node]:
        parser.stream.skip(1)
        return list(parser.parse_statements(("name:endgeneration",), drop_needle=True))


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with repetition, %-formatting and width arguments bounded
    (each would otherwise allocate gigabytes in one C call no deadline can interrupt)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
        """Refuse at once: Jinja's own sandbox returns an undefined value that prints as
        nothing, so a template reaching for __class__ would pass the trial render silently."""
        kind = type(obj).__name__
        raise SecurityError(f"access to attribute {attribute!r} of {kind!r} object is unsafe")

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(f"an exponent of {right} is refused")
        elif operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise SecurityError("a %-format with a huge or * width is refused")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str | list | tuple) and len(result) > MAX_OUTPUT:
            raise SecurityError(f"a value of {len(result):,} items is refused")
        return result

    def wrap_str_format(self, value: Any) -> Any:
        """str.format and format_map, which Jinja wraps when they are looked up (not in
        call): a replacement field with a huge or nested width is refused there."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _WIDE_BRACES.search(value.__self__):
            raise SecurityError("a format with a huge width is refused")
        return wrapped

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """A call of a string's method: widths, joins, formats and replacements bounded
        before the C code runs (it would make gigabytes in one call)."""
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, str):
            args = _checked_str_call(owner, getattr(obj, "__name__", ""), args, kwargs)
        return super().call(context, obj, *args, **kwargs)


def _checked_str_call(
    owner: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """SecurityError when str.name(*args) would make more than MAX_OUTPUT characters; the
    arguments to call it with (an iterable given to join is read once, here)."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_REPEAT:
            raise SecurityError(f"str.{name} with {value:,} is refused")
    if name == "join" and args:
        items = list(args[0])
        _check_join(owner, items)
        return (items, *args[1:])
    grows = name == "replace" and len(args) >= 2 and isinstance(args[1], str)
    if grows and (len(owner) + 1) * max(len(args[1]), 1) > MAX_OUTPUT:
        raise SecurityError("a replace that could make too much text is refused")
    return args


def _check_join(separator: str, items: list[Any]) -> None:
    size = len(separator) * max(len(items) - 1, 0) + sum(len(str(i)) for i in items)
    if size > MAX_OUTPUT:
        raise SecurityError(f"a join making {size:,} characters is refused")


def _join_filter(original: Any) -> Any:
    def join(context: Any, value: Any, d: str = "", attribute: Any = None) -> Any:
        items = list(value)
        _check_join(str(d), items)
        return original(context, items, d, attribute)

    join.jinja_pass_arg = original.jinja_pass_arg  # type: ignore[attr-defined]
    return join


def _format_filter(value: Any, *args: Any, **kwargs: Any) -> str:
    if isinstance(value, str) and (_WIDE_FORMAT.search(value) or _WIDE_BRACES.search(value)):
        raise SecurityError("a format with a huge or * width is refused")
    return str(value) % (kwargs or args)


def _check_repeat(sequence: Any, count: Any) -> None:
    sized = isinstance(sequence, str | list | tuple) and isinstance(count, int)
    if sized and len(sequence) * count > MAX_REPEAT:
        raise SecurityError(f"a repetition of {len(sequence) * count:,} items is refused")


def _bounded(name: str, original: Any) -> Any:
    def check(*args: Any, **kwargs: Any) -> Any:
        for value in (*args[1:], *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and value > MAX_REPEAT:
                raise SecurityError(f"the {name} filter with a width of {value:,} is refused")
        result = original(*args, **kwargs)
        if isinstance(result, str) and len(result) > MAX_OUTPUT:
            raise SecurityError(f"the {name} filter making {len(result):,} characters is refused")
        return result

    return check


class ChatTemplate:
    """A compiled chat template; render() is bounded as the module says."""

    def __init__(self, source: str, bos_token: str = "", eos_token: str = "") -> None:
        environment = _Sandbox(
            trim_blocks=True, lstrip_blocks=True, extensions=[_Generation, loopcontrols]
        )
        for name in _WIDTH_FILTERS:
            environment.filters[name] = _bounded(name, environment.filters[name])
        environment.filters["tojson"] = _tojson
        environment.filters["join"] = _join_filter(environment.filters["join"])
        environment.filters["format"] = _format_filter
        self.bos_token, self.eos_token = bos_token, eos_token
        try:
            self.template = environment.from_string(source)
        except TemplateError as err:
            raise TemplateRefused(f"not a valid Jinja template ({err})") from None
        except RecursionError:
            raise TemplateRefused("nested too deeply to compile") from None

    def render(self, messages: list[dict[str, str]], add_generation_prompt: bool = True) -> str:
        """The prompt for messages; TemplateRefused when the template breaks a bound."""
        context = {
            "messages": messages,
            "bos_token": self.bos_token,
            "eos_token": self.eos_token,
            "add_generation_prompt": add_generation_prompt,
            "raise_exception": _raise,
            "strftime_now": _strftime_now,  # as llama-cpp-python and Transformers give them
            "tools": None,
            "functions": None,
            "function_call": None,
            "tool_choice": None,
        }
        try:
            with _deadline(RENDER_S):
                return _joined(self.template.generate(**context))
        except SecurityError as err:
            raise TemplateRefused(f"it tries something the sandbox forbids: {err}") from None
        except _Timeout:
            raise TemplateRefused(
                f"it did not finish within {RENDER_S:.0f} s (an endless or huge loop)"
            ) from None
        except (_TooBig, MemoryError):
            raise TemplateRefused(f"it took over {MAX_GROWTH_MB} MB of memory to render") from None
        except TemplateRefused:
            raise
        except RecursionError:
            raise TemplateRefused("it recurses without end") from None
        except (TemplateError, ValueError, TypeError, KeyError, IndexError) as err:
            raise TemplateRefused(f"it fails on a plain conversation ({err})") from None


def check(source: str) -> None:
    """TemplateRefused unless source compiles and renders a plain conversation in bounds (a
    template that refuses a system turn is tried with the user's turn alone)."""
    template = ChatTemplate(source)
    try:
        template.render(PROBE)
    except TemplateRaised:
        template.render(PROBE[1:])


def _joined(pieces: Iterable[str]) -> str:
    out, size = [], 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_OUTPUT:
            raise TemplateRefused(f"its output runs past {MAX_OUTPUT:,} characters")
        out.append(piece)
    return "".join(out)


class _deadline:  # noqa: N801 (used as a context manager, named like one)
    """Raise _Timeout inside the rendering once seconds have passed: a line tracer on the
    template's frames (Jinja compiles templates to Python functions)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self) -> None:
        self.previous = sys.gettrace()
        self.until = time.monotonic() + self.seconds
        self.process = psutil.Process()
        self.ceiling = self.process.memory_info().rss + MAX_GROWTH_MB * 2**20
        self.events = 0
        sys.settrace(self._global)

    def __exit__(self, *exc: object) -> None:
        sys.settrace(self.previous)

    def _global(self, frame: FrameType, event: str, arg: Any) -> Any:
        return self._local

    def _local(self, frame: FrameType, event: str, arg: Any) -> Any:
        self.events += 1
        if self.events % 32 == 0:  # a clock and a /proc read: not at every line
            if time.monotonic() > self.until:
                raise _Timeout
            if self.process.memory_info().rss > self.ceiling:
                raise _TooBig
        return self._local


def _raise(message: str) -> None:
    raise TemplateRaised(f"it raised an error: {message}")


def _strftime_now(form: str) -> str:
    """Today's date as Llama 3's template asks for it; a format with a width is refused (C's
    strftime would pad it out to any size)."""
    if len(form) > 64 or re.search(r"%[-_0^#]*\d", form):
        raise SecurityError("a strftime format with a width is refused")
    return datetime.now().strftime(form)


def _tojson(value: Any, indent: int | None = None, **kwargs: Any) -> str:
    import json

    if indent is not None and indent > 16:
        raise SecurityError("tojson with a huge indent is refused")
    return json.dumps(value, ensure_ascii=False, indent=indent)
