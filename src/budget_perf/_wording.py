"""How a problem in a JSON document is worded, in English and Chinese (private).

Every problem shows the offending value cut to a few hundred characters, built without ever
making the whole of a huge value's repr.

>>> text = show("x" * 100_000_000)
>>> text[:5], text[-25:], len(text)
("'xxxx", "'… (100000000 characters)", 226)
>>> show([[[[[1]]]]])
'[[[[...]]]]'
"""

from __future__ import annotations

import reprlib
from typing import Any

import attrs
from cattrs.errors import ForbiddenExtraKeysError

from budget_perf._jsonload import key_text
from budget_perf._safety import shorten
from budget_perf.errors import BudgetPerfError

__all__ = ["SHOWN", "Unfit", "format_en", "format_zh", "kind", "show"]


class Unfit(ValueError):
    """A value of the wrong kind, said in English (``str``) and in Chinese (``zh``)."""

    def __init__(self, message: str, zh: str) -> None:
        super().__init__(message)
        self.zh = zh


#: Characters of an offending value a problem shows.
SHOWN = 200


class _Repr(reprlib.Repr):
    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 1000:  # repr would refuse over 4300 digits
            return f"<an integer of about {x.bit_length() * 3 // 10} digits>"
        return super().repr_int(x, level)


_REPR = _Repr()
_REPR.maxstring = _REPR.maxother = SHOWN
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict = 3, 6, 6


def show(value: object) -> str:
    """*value* as a problem shows it: its repr, cut without building the whole of it."""
    if isinstance(value, str) and len(value) > SHOWN:
        return f"{value[:SHOWN]!r}… ({len(value)} characters)"
    return shorten(_REPR.repr(value), SHOWN)


def kind(value: object) -> str:
    """*value*'s type and value as a problem shows them (``str 'x'``)."""
    return f"{type(value).__name__} {show(value)}"


def format_en(exc: BaseException, _type: Any) -> str:
    """One problem in English, without its path (cattrs adds it)."""
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        fields = sorted(exc.extra_fields)
        return f"unknown field{'s' if len(fields) > 1 else ''}: {_names(fields)}"
    args = tuple(exc.args)
    if isinstance(exc, TypeError) and len(args) == 4 and isinstance(args[1], attrs.Attribute):
        return f"expected {args[2]}, got {show(args[3])}"  # attrs instance_of failure
    return _without_field(exc, str(exc))


def format_zh(exc: BaseException, _type: Any) -> str:
    """One problem in Chinese, without its path; the English where there is no Chinese."""
    if isinstance(exc, KeyError):
        return "缺少必填字段"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"未知字段：{_names(sorted(exc.extra_fields))}"
    args = tuple(exc.args)
    if isinstance(exc, TypeError) and len(args) == 4 and isinstance(args[1], attrs.Attribute):
        return f"应为 {args[2]}，实际为 {show(args[3])}"
    if isinstance(exc, Unfit):
        return exc.zh
    if isinstance(exc, BudgetPerfError) and exc.message_zh is not None:
        return _without_field(exc, exc.message_zh)
    return f"取值无效：{format_en(exc, _type)}"


def _without_field(exc: BaseException, message: str) -> str:
    """*message* without a leading "field: ", since the path already names the field."""
    for separator in (": ", "："):
        head, sep, rest = message.partition(separator)
        if sep and head.isidentifier() and getattr(exc, "field", head) == head:
            return shorten(rest, 5 * SHOWN)
    return shorten(message, 5 * SHOWN)


def _names(fields: list[str], listed: int = 10) -> str:
    shown = ", ".join(key_text(name) for name in fields[:listed])
    return shown if len(fields) <= listed else f"{shown}, … ({len(fields)} in all)"
