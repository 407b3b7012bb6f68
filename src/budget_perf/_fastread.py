"""Reading a record from JSON data in one pass, for the data that fits (private).

:func:`budget_perf.serialization.from_data` reads a document with the library's cattrs converter,
which checks every value, collects every problem with its JSON path and says them all.  Almost
every document read has no problem, and for those that work is done more than once: cattrs
dispatches on each value's type anew, wraps every record and array in handlers that collect
problems, and looks up each optional part's type at each value.

:func:`reader` returns, for an attrs record class, a function that builds the record from plain
data in one pass: each field's way of reading is found once per class, each value is read once
by it, and each record is built once by its own ``__init__``, whose validators check the values
as they check any record's.  The reader accepts less than the converter, never more: exact
``dict``, ``list``, ``str``, ``int`` and ``bool`` values (what ``json.loads`` gives), only the
record's own keys, the same strict leaf readings (a decimal is a string of ASCII digits, an enum
one of its values, a date ISO).  Anything else raises; the caller then reads the document again
with the converter, which says what is wrong and where, in the same words as ever.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from types import UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from budget_perf._decimal import MAX_FRACTION_DIGITS
from budget_perf._jsonload import DECIMAL_TEXT

__all__ = ["Unread", "reader"]

Read = Callable[[Any], Any]


class Unread(Exception):
    """The value does not fit the quick reading (the converter will say why, if it is wrong)."""


#: A decimal as written by to_json (the converter's own pattern) of at most this many characters
#: is within the bounds as it stands (to_decimal's quick path: one more than a figure's decimals).
_SHORT = MAX_FRACTION_DIGITS + 1


def _str(value: Any) -> Any:
    if type(value) is str:
        return value
    raise Unread


def _int(value: Any) -> Any:
    if type(value) is int:
        return value
    raise Unread


def _bool(value: Any) -> Any:
    if type(value) is bool:
        return value
    raise Unread


def _date(value: Any) -> Any:
    if type(value) is str:
        return date.fromisoformat(value)
    raise Unread


def _decimal(slow: Read) -> Read:
    def read(value: Any) -> Any:
        if type(value) is str and len(value) <= _SHORT and DECIMAL_TEXT.fullmatch(value):
            return Decimal(value)
        return slow(value)  # a long string or an int: the converter's own strict reading

    return read


def _enum(cls: type[enum.Enum]) -> Read:
    members = {member.value: member for member in cls}

    def read(value: Any) -> Any:
        member = members[value]  # KeyError, or TypeError for a list: not a member
        if type(member.value) is type(value):
            return member
        raise Unread

    return read


def _optional(read_inner: Callable[[], Read]) -> Read:
    found: list[Read] = []

    def read(value: Any) -> Any:
        if value is None:
            return None
        if not found:
            found.append(read_inner())
        return found[0](value)

    return read


def _tuple(read_inner: Callable[[], Read]) -> Read:
    found: list[Read] = []

    def read(value: Any) -> Any:
        if type(value) is not list:
            raise Unread
        if not found:
            found.append(read_inner())
        return tuple([found[0](item) for item in value])

    return read


class _Readers:
    """The readers of one converter's types, each made once (records refer to each other).

    A record's reader is generated source, one block per field (as cattrs generates its own):
    a text, a flag or a whole number is checked in line, a decimal read in line when short, an
    optional part or an array unwrapped in line, and any other value read by its type's reader.
    """

    def __init__(self, slow: Callable[[Any, Any], Any]) -> None:
        self._slow = slow
        self._made: dict[Any, Read] = {}
        self._names: dict[Any, str] = {}
        self._globals: dict[str, Any] = {
            "Unread": Unread,
            "Decimal": Decimal,
            "short": DECIMAL_TEXT.fullmatch,
            "slow_decimal": lambda value: slow(value, Decimal),
        }

    def of(self, tp: Any) -> Read:
        made = self._made.get(tp)
        if made is None:
            made = self._made[tp] = self._make(tp)
        return made

    def _make(self, tp: Any) -> Read:
        simple: dict[Any, Read] = {str: _str, int: _int, bool: _bool, date: _date}
        if tp in simple:
            return simple[tp]
        if tp is Decimal:
            return _decimal(lambda value: self._slow(value, Decimal))
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum(tp)
        if attrs.has(tp):
            return self._record(tp)
        args = get_args(tp)
        if get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
            return _tuple(lambda: self.of(args[0]))
        if get_origin(tp) in (Union, UnionType) and len(args) == 2 and type(None) in args:
            inner = args[0] if args[1] is type(None) else args[1]
            return _optional(lambda: self.of(inner))
        return lambda value: self._slow(value, tp)  # a type the quick path does not know

    def _name(self, tp: Any) -> str:
        """The name, in the generated source, of the reader of *tp* (made on its first call)."""
        name = self._names.get(tp)
        if name is None:
            name = self._names[tp] = f"read_{len(self._names)}"

            def first(value: Any) -> Any:  # records refer to each other: made when first used
                made = self._globals[name] = self.of(tp)
                return made(value)

            self._globals[name] = first
        return name

    def _record(self, cls: type) -> Read:
        attrs.resolve_types(cls)
        fields = [f for f in attrs.fields(cls) if f.init]
        record = f"cls_{id(cls)}"  # two classes may share a name, never an id
        keys = f"keys_{record}"
        self._globals[record], self._globals[keys] = cls, frozenset(f.name for f in fields)
        lines = [
            "def read(o):",
            "    if type(o) is not dict or not o.keys() <= " + keys + ":",
            "        raise Unread",
            "    g = {}",
        ]
        for field in fields:
            lines += [f"    if {field.name!r} in o:", f"        v = o[{field.name!r}]"]
            lines += ["        " + line for line in self._value(field.type)]
            lines.append(f"        g[{field.alias!r}] = v")
        lines.append(f"    return {record}(**g)")
        namespace: dict[str, Any] = {}
        exec(
            compile("\n".join(lines), f"<budget_perf quick reader of {cls.__name__}>", "exec"),
            self._globals,
            namespace,
        )
        read: Read = namespace["read"]
        return read

    def _value(self, tp: Any, at: str = "v") -> list[str]:
        """Source lines that read the value named *at* as a *tp*, in place."""
        if tp in (str, int, bool):
            return [f"if type({at}) is not {tp.__name__}:", "    raise Unread"]
        if tp is Decimal:
            return [
                f"if type({at}) is str and len({at}) <= {_SHORT} and short({at}):",
                f"    {at} = Decimal({at})",
                "else:",
                f"    {at} = slow_decimal({at})",
            ]
        args = get_args(tp)
        if get_origin(tp) in (Union, UnionType) and len(args) == 2 and type(None) in args:
            inner = args[0] if args[1] is type(None) else args[1]
            return [f"if {at} is not None:"] + ["    " + line for line in self._value(inner, at)]
        if get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
            if args[0] is str:
                check = [f"for x in {at}:", "    if type(x) is not str:", "        raise Unread"]
                return [
                    f"if type({at}) is not list:",
                    "    raise Unread",
                    *check,
                    f"{at} = tuple({at})",
                ]
            item = self._name(args[0])
            return [
                f"if type({at}) is not list:",
                "    raise Unread",
                f"{at} = tuple([{item}(x) for x in {at}])",
            ]
        return [f"{at} = {self._name(tp)}({at})"]


def reader(slow: Callable[[Any, Any], Any]) -> Callable[[type], Read]:
    """For each record class, the quick reader of its data; *slow* reads a value of a type
    the quick path does not know (``converter.structure``)."""
    return _Readers(slow).of
