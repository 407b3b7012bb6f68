"""Writing a record as compact JSON text in one pass (private).

:func:`budget_perf.serialization.to_json` with ``indent=None`` wrote ``json.dumps`` of the
record's plain data (cattrs' unstructuring): the record was walked once to build dicts, and the
dicts walked again to write them.  :func:`writer` returns, for an attrs record class, a function
that writes the same text straight from the record: each class's fields are found once, and its
writer is generated source that writes each field in order, as the standard library's encoder
writes it (``", "`` between items, ``": "`` after keys, texts escaped by
``json.encoder.encode_basestring``, non-ASCII characters kept), a Decimal as its digits
(``format(value, "f")``), an enum as its value, a date in ISO form, an absent part as ``null``.

Pieces are handed to a list and joined once at the end, so that the text of a deep part is not
copied again at every level above it.

The writer knows the types of the model's fields; for a record holding any other type,
:func:`writer` returns None and the caller writes as before.  A value not of its field's type
(a record built with validators switched off) raises, and the caller writes as before too.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

import attrs

from budget_perf._fastread import _items_of, _optional_of

__all__ = ["writer"]

#: Writes a record, handing its text to the append function, after the pending text given.
Write = Callable[[Any, Callable[[str], None], str], None]


class _Unwritable(Exception):
    """A value not of its field's type: the caller writes the record as before."""


def _unwritable() -> str:
    raise _Unwritable


class _Writers:
    """The writers of the record classes, each generated once (records refer to each other)."""

    def __init__(self) -> None:
        self._names: dict[tuple[type, str], str | None] = {}
        self._globals: dict[str, Any] = {
            "enc": encode_basestring,
            "iso": date.isoformat,
            "unwritable": _unwritable,
        }

    def of(self, cls: type, head: str = "") -> Write | None:
        """The writer of *cls* records, which writes *head* (``'"schema": "…", '``) first."""
        name = self._name(cls, head)
        return None if name is None else self._globals[name]

    def _name(self, cls: type, head: str = "") -> str | None:
        key = (cls, head)
        if key in self._names:
            return self._names[key]
        name = self._names[key] = f"write_{len(self._names)}"
        try:
            source = self._source(cls, name, head)
        except TypeError:  # a type this module does not write
            self._names[key] = None
            return None
        exec(compile(source, f"<budget_perf writer of {cls.__name__}>", "exec"), self._globals)
        return name

    def _constant(self, value: object) -> str:
        name = f"c_{len(self._globals)}"
        self._globals[name] = value
        return name

    def _scalar(self, tp: Any, at: str) -> str | None:
        """An expression giving the JSON text of the *tp* value named *at*, for a type that is
        not a record or an array of records; None for those."""
        if tp is str:
            return f"(enc({at}) if {at} else '\"\"')"
        if tp is bool:
            return f"('true' if {at} is True else 'false' if {at} is False else unwritable())"
        if tp is int:
            return f"(int.__repr__({at}) if {at}.__class__ is int else unwritable())"
        if tp is Decimal:
            return f"f'\"{{{at}:f}}\"'"
        if tp is date:
            return f"('\"' + iso({at}) + '\"')"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            texts = {member._name_: json.dumps(member.value, ensure_ascii=False) for member in tp}
            return f"{self._constant(texts)}[{at}._name_]"
        inner = _optional_of(tp)
        if inner is not None:
            text = self._scalar(inner, at)
            return None if text is None else f"('null' if {at} is None else {text})"
        if _items_of(tp) is str:
            return f"(f'[{{\", \".join(map(enc, {at}))}}]' if {at} else '[]')"
        if attrs.has(tp) or (_items_of(tp) is not None and attrs.has(_items_of(tp))):
            return None
        raise TypeError(f"no writer for {tp!r}")

    def _source(self, cls: type, name: str, head: str) -> str:
        """The source of the writer of *cls*: the text before a part is handed to the part's
        writer as its pending text; the text after the last part is appended at the end."""
        attrs.resolve_types(cls)
        lines = [f"def {name}(o, a, t):"]
        pending: list[str] = []  # pieces of an f-string, not yet assigned to t

        def text(literal: str) -> None:
            pending.append(literal.replace("{", "{{").replace("}", "}}"))

        def flush() -> None:
            if pending:
                lines.append(f"    t = f'{{t}}{''.join(pending)}'")
                pending.clear()

        text("{" + head)
        for i, field in enumerate(attrs.fields(cls)):
            text(("" if i == 0 else ", ") + json.dumps(field.name) + ": ")
            lines.append(f"    v = o.{field.name}")
            scalar = self._scalar(field.type, "v")
            if scalar is not None:
                lines.append(f"    p{i} = {scalar}")
                pending.append(f"{{p{i}}}")
                continue
            flush()
            inner = _optional_of(field.type)
            tp = field.type if inner is None else inner
            if inner is not None:
                lines += ["    if v is None:", "        t += 'null'", "    else:"]
            indent = "        " if inner is not None else "    "
            item = _items_of(tp)
            if item is None:
                write = self._name(tp)
                if write is None:
                    raise TypeError(f"no writer for {tp!r}")
                lines += [f"{indent}{write}(v, a, t)", f"{indent}t = ''"]
            else:
                write = self._name(item)
                if write is None:
                    raise TypeError(f"no writer for {item!r}")
                lines += [
                    f"{indent}if v:",
                    f"{indent}    p = t + '['",
                    f"{indent}    for x in v:",
                    f"{indent}        {write}(x, a, p)",
                    f"{indent}        p = ', '",
                    f"{indent}    t = ']'",
                    f"{indent}else:",
                    f"{indent}    t += '[]'",
                ]
        text("}")
        flush()
        lines.append("    a(t)")
        return "\n".join(lines)


_WRITERS = _Writers()
_MADE: dict[tuple[type, str], Callable[[Any], str] | None] = {}


def writer(cls: type, head: str = "") -> Callable[[Any], str] | None:
    """A function that writes a *cls* record as compact JSON text (*head*, such as
    ``'"schema": "budget_perf.report/2", '``, written first inside its braces), or None if
    the record holds a type this module does not write.

    It raises for a value that is not of its field's type; the caller then writes as before.

    >>> from decimal import Decimal
    >>> from budget_perf.model import FundTotal
    >>> write = writer(FundTotal)
    >>> write(FundTotal(executed=Decimal("394.50"), note='含"结转"'))[51:]
    '"executed": "394.50", "note": "含\\\\"结转\\\\"", "received": null, "not_shown": []}'
    """
    key = (cls, head)
    if key in _MADE:
        return _MADE[key]
    write = _WRITERS.of(cls, head)
    if write is None:
        _MADE[key] = None
        return None
    found: Write = write

    def text(record: Any) -> str:
        parts: list[str] = []
        found(record, parts.append, "")
        return "".join(parts)

    _MADE[key] = text
    return text
