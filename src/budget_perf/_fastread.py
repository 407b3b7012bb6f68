"""Reading a record from JSON data in one pass, for the data that fits (private).

:func:`budget_perf.serialization.from_data` reads a document with the library's cattrs converter,
which checks every value, collects every problem with its JSON path and says them all.  Almost
every document read has no problem, and for those that work is done more than once: cattrs
dispatches on each value's type anew, wraps every record and array in handlers that collect
problems, and looks up each optional part's type at each value.

:func:`reader` returns, for an attrs record class, a function that builds the record from plain
data in one pass: each field's way of reading is found once per class, each value is read once,
and each value is validated once.  Reading a value as its field's type makes the checks of the
field's validator (a text is a str of valid Unicode, a flag a bool, an enum a member found by
its value, a part a record of its class, a figure a decimal string of at most 15 digits before
the point and 6 after, non-negative where the field is): such a validator is not run again, and
the record is built by setting its slots, as its ``__init__`` does.  Every other validator (a
cross-field one, such as ``not_shown``'s, or one this module does not know) runs on the built
record, as in ``__init__``; a class whose converters or construction this module does not know
is built by its ``__init__``.  Which validator makes which check is stated where the validators
are made (``budget_perf.model._fields.PROOFS``).

The reader accepts less than the converter, never more: exact ``dict``, ``list``, ``str``,
``int`` and ``bool`` values (what ``json.loads`` gives), only the record's own keys, the same
strict leaf readings (a decimal is a string of ASCII digits, an enum one of its values, a date
ISO).  Anything else raises; the caller then reads the document again with the converter, which
says what is wrong and where, in the same words as ever.

:mod:`budget_perf._jsonread` reads JSON text with these readers, building each record as the
parser closes its object; :mod:`budget_perf._msgspecread` builds records the same way from
msgspec's parse.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from types import UnionType
from typing import Any, Union, get_args, get_origin

import attrs

from budget_perf._decimal import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS
from budget_perf._jsonload import (
    lone_surrogate,
)
from budget_perf.model._fields import PASS_THROUGH, PROOFS
from budget_perf.model._shown import check_not_shown

__all__ = ["EMPTY_PASSES", "Read", "Unread", "decimal_lines", "reachable", "reader", "validation"]

Read = Callable[[Any], Any]


class Unread(Exception):
    """The value does not fit the quick reading (the converter will say why, if it is wrong)."""


_FIGURE = f"[0-9]{{1,{MAX_INTEGER_DIGITS}}}(?:\\.[0-9]{{1,{MAX_FRACTION_DIGITS}}})?"
#: A decimal string that is within the bounds of a stated figure as it stands (and matches the
#: converter's own pattern, DECIMAL_TEXT): non-negative, or of any sign.
_NON_NEGATIVE = re.compile(_FIGURE, re.ASCII).fullmatch
_ANY_SIGN = re.compile(f"-?{_FIGURE}", re.ASCII).fullmatch


def _optional_of(tp: Any) -> Any:
    """X for ``X | None``, else None."""
    args = get_args(tp)
    if get_origin(tp) in (Union, UnionType) and len(args) == 2 and type(None) in args:
        return args[0] if args[1] is type(None) else args[1]
    return None


def _items_of(tp: Any) -> Any:
    """X for ``tuple[X, ...]``, else None."""
    args = get_args(tp)
    if get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


def _enum(cls: type[enum.Enum]) -> Read:
    members = {member.value: member for member in cls}

    def read(value: Any) -> Any:
        member = members[value]  # KeyError, or TypeError for a list: not a member
        if type(member.value) is type(value):
            return member
        raise Unread

    return read


def _stored(value: object, tp: Any) -> bool:
    """Whether the default *value* of a *tp* field is stored as it is and passes the checks that
    reading a *tp* value makes (so that a field left out needs neither converter nor check)."""
    inner = _optional_of(tp)
    if value is None:
        return inner is not None
    tp = tp if inner is None else inner
    if tp in (str, bool):
        return value.__class__ is tp and (tp is bool or lone_surrogate(value) is None)  # type: ignore[arg-type]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return value.__class__ is tp
    return value == () and value.__class__ is tuple and _items_of(tp) is not None


def _direct(cls: type) -> bool:
    """Whether a *cls* record can be built by setting its slots, as its ``__init__`` does: no
    init hook, no field left out of ``__init__`` or converted otherwise than to what it is."""
    fields = attrs.fields(cls)
    slots = {name for klass in cls.__mro__ for name in getattr(klass, "__slots__", ())}
    return (
        cls.__new__ is object.__new__  # type: ignore[comparison-overlap]
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and slots - {"__weakref__"} == {field.name for field in fields}
        and all(
            field.init
            and type(getattr(cls, field.name, None)).__name__ == "member_descriptor"
            and (field.converter is None or field.converter in PASS_THROUGH)
            and (field.default is attrs.NOTHING or _stored(field.default, field.type))
            for field in fields
        )
    )


def _proves(proof: tuple[object, ...] | None, tp: Any, *, blank: bool) -> bool:
    """Whether reading a value as *tp* (built exactly of that type) makes the checks of *proof*."""
    if proof is None:
        return False
    kind = proof[0]
    if kind == "instance" and (proof[2] or not blank):
        cls = proof[1]
        return isinstance(cls, type) and isinstance(tp, type) and issubclass(tp, cls)
    if kind == "member" and (proof[2] or not blank):
        return tp is proof[1]
    if kind == "tuple" and not blank:
        member = proof[1]
        return (member if isinstance(member, type) else member()) is _items_of(tp)  # type: ignore[operator]
    return not blank and ((proof == ("str",) and tp is str) or (proof == ("bool",) and tp is bool))


def decimal_lines(
    at: str, field: Any, constant: Callable[[object], str], *, blank: bool
) -> tuple[list[str], bool]:
    """Source lines that read a decimal named *at* in place, and whether they make every check
    of *field*'s validator: a string within the bounds as it stands is read in line
    (non-negative where the field's validator wants it); any other value by the converter, then
    checked by the field's validator at once (a decimal validator checks the value alone).
    *constant* names a value for the generated code; with *blank*, ``None`` is kept."""
    proof = _proof_of(field)
    proven = proof is not None and proof[0] == "decimal"
    pattern = "non_negative" if proof == ("decimal", True) else "any_sign"
    lines = [
        f"if {at}.__class__ is str and {pattern}({at}):",
        f"    {at} = Decimal({at})",
        "else:",
        f"    {at} = slow_decimal({at})",
    ]
    if proven:
        validator, attribute = constant(field.validator), constant(field)
        lines.append(f"    {validator}(None, {attribute}, {at})")
    if blank:
        lines = [f"if {at} is not None:", *("    " + line for line in lines)]
    return lines, proven


class _Readers:
    """The readers of one converter's types, each made once (records refer to each other).

    A record's reader is generated source, one block per field (as cattrs generates its own).
    With *hooked*, a part may already be built (by the ``object_hook`` of :func:`json_reader`)
    and every text is known to be valid Unicode (the caller checks the whole document).
    """

    def __init__(self, slow: Callable[[Any, Any], Any], *, hooked: bool) -> None:
        self._slow = slow
        self._hooked = hooked
        self._made: dict[Any, Read] = {}
        self._names: dict[Any, str] = {}
        self._globals: dict[str, Any] = {
            "Unread": Unread,
            "Decimal": Decimal,
            "MISSING": _MISSING,
            "new": object.__new__,
            "lone": lone_surrogate,
            "fromiso": date.fromisoformat,
            "non_negative": _NON_NEGATIVE,
            "any_sign": _ANY_SIGN,
            "slow_decimal": lambda value: slow(value, Decimal),
        }

    def of(self, tp: Any) -> Read:
        made = self._made.get(tp)
        if made is None:
            made = self._made[tp] = self._make(tp)
        return made

    def _make(self, tp: Any) -> Read:
        if attrs.has(tp):
            return self._record(tp)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum(tp)
        lines = ["def read(v):", *("    " + line for line in self._value(tp, "v")[0])]
        return self._compile([*lines, "    return v"], str(tp))

    def _compile(self, lines: list[str], what: str) -> Read:
        namespace: dict[str, Any] = {}
        source = compile("\n".join(lines), f"<budget_perf quick reader of {what}>", "exec")
        exec(source, self._globals, namespace)
        read: Read = namespace["read"]
        return read

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

    def _constant(self, value: object) -> str:
        """The name, in the generated source, of *value*."""
        name = f"c_{len(self._globals)}"
        self._globals[name] = value
        return name

    def _record(self, cls: type) -> Read:
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        direct = _direct(cls)
        record, keys = self._constant(cls), self._constant(frozenset(f.name for f in fields))
        lines = [
            "def read(o):",
            f"    if o.__class__ is not dict or not o.keys() <= {keys}:",
            "        raise Unread",
            f"    s = new({record})" if direct else "    g = {}",
        ]
        unproven = []
        for i, field in enumerate(fields):
            at = f"v{i}"
            body, proven = self._value(field.type, at, field)
            if field.default is attrs.NOTHING:  # required: a KeyError if it is missing
                lines += [f"    {at} = o[{field.name!r}]", *("    " + line for line in body)]
            elif direct:
                default = self._constant(field.default)
                lines += [f"    {at} = o.get({field.name!r}, MISSING)", f"    if {at} is MISSING:"]
                lines += [f"        {at} = {default}", "    else:"]
                lines += ["        " + line for line in body or ["pass"]]
            else:
                lines += [
                    f"    {at} = o.get({field.name!r}, MISSING)",
                    f"    if {at} is not MISSING:",
                ]
                lines += ["        " + line for line in body]
                lines += [f"        g[{field.alias!r}] = {at}"]
                continue
            if direct:
                lines.append(f"    {self._constant(getattr(cls, field.name).__set__)}(s, {at})")
                if not proven and field.validator is not None:
                    unproven.append((field, at))
            else:
                lines.append(f"    g[{field.alias!r}] = {at}")
        for field, at in unproven:  # as __init__ runs them: once every field is set, in order
            validator, attribute = self._constant(field.validator), self._constant(field)
            lines.append("    " + validation(validator, attribute, at, field.validator))
        lines.append("    return s" if direct else f"    return {record}(**g)")
        return self._compile(lines, cls.__name__)

    def _value(self, tp: Any, at: str, field: Any = None) -> tuple[list[str], bool]:
        """Source lines that read the value named *at* as a *tp*, in place, and whether that
        reading makes every check of *field*'s validator."""
        proof = _proof_of(field)
        inner = _optional_of(tp)
        if tp is Decimal or inner is Decimal:
            return self._decimal(at, field, blank=inner is not None)
        if inner is not None:
            body, _ = self._value(inner, at)
            return [f"if {at} is not None:", *("    " + line for line in body)], _proves(
                proof, inner, blank=True
            )
        if tp in (str, int, bool):
            check = f"{at}.__class__ is not {tp.__name__}"
            if tp is str and not self._hooked:
                check += f" or not {at}.isascii() and lone({at}) is not None"
            return [f"if {check}:", "    raise Unread"], _proves(proof, tp, blank=False)
        if tp is date:
            lines = [f"if {at}.__class__ is not str:", "    raise Unread", f"{at} = fromiso({at})"]
            return lines, _proves(proof, tp, blank=False)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            kinds = {type(member.value) for member in tp}
            if len(kinds) != 1:
                return [f"{at} = {self._name(tp)}({at})"], False
            kind, members = self._constant(kinds.pop()), self._constant(_members(tp))
            lines = [
                f"if {at}.__class__ is not {kind}:",
                "    raise Unread",
                f"{at} = {members}[{at}]",
            ]
            return lines, _proves(proof, tp, blank=False)
        if attrs.has(tp):
            read = self._name(tp)
            if not self._hooked:
                return [f"{at} = {read}({at})"], _proves(proof, tp, blank=False)
            lines = [f"if {at}.__class__ is not {self._constant(tp)}:", f"    {at} = {read}({at})"]
            return lines, _proves(proof, tp, blank=False)
        item = _items_of(tp)
        if item is not None:
            return self._tuple(item, at), _proves(proof, tp, blank=False)
        slow = self._constant(lambda value: self._slow(value, tp))
        return [f"{at} = {slow}({at})"], False  # a type the quick path does not know

    def _decimal(self, at: str, field: Any, *, blank: bool) -> tuple[list[str], bool]:
        return decimal_lines(at, field, self._constant, blank=blank)

    def _tuple(self, item: Any, at: str) -> list[str]:
        head = [f"if {at}.__class__ is not list:", "    raise Unread"]
        if item is str:
            check = "x.__class__ is not str"
            if not self._hooked:
                check += " or not x.isascii() and lone(x) is not None"
            return [
                *head,
                f"for x in {at}:",
                f"    if {check}:",
                "        raise Unread",
                f"{at} = tuple({at})",
            ]
        read = self._name(item)
        if attrs.has(item) and self._hooked:
            cls = self._constant(item)
            return [
                *head,
                f"{at} = tuple([x if x.__class__ is {cls} else {read}(x) for x in {at}])",
            ]
        return [*head, f"{at} = tuple([{read}(x) for x in {at}])"]


def _proof_of(field: Any) -> tuple[object, ...] | None:
    """What *field*'s validator checks of its value alone (``model._fields.PROOFS``), if known."""
    try:
        return None if field is None else PROOFS.get(field.validator)
    except TypeError:  # an unhashable validator: not one of those
        return None


def _members(cls: type[enum.Enum]) -> dict[object, enum.Enum]:
    return {member.value: member for member in cls}


_MISSING = object()

#: Validators that an empty tuple passes whatever else the record holds: ``not_shown``'s (an
#: empty ``not_shown`` names no part; tests/test_json_fast_paths.py checks it for every record
#: class).  The readers run them only on a tuple that is not empty.
EMPTY_PASSES = frozenset({check_not_shown})


def validation(validator: str, attribute: str, at: str, validator_object: object) -> str:
    """The source line that runs *validator* on the record ``s`` and the value named *at*."""
    line = f"{validator}(s, {attribute}, {at})"
    return f"if {at}: {line}" if validator_object in EMPTY_PASSES else line


def reader(slow: Callable[[Any, Any], Any]) -> Callable[[type], Read]:
    """For each record class, the quick reader of its data; *slow* reads a value of a type
    the quick path does not know (``converter.structure``)."""
    return _Readers(slow, hooked=False).of


def reachable(root: type) -> list[type]:
    """Every record class that a *root* record may hold, *root* first."""
    found: list[type] = []
    stack: list[Any] = [root]
    while stack:
        tp = stack.pop()
        if attrs.has(tp):
            if tp in found:
                continue
            found.append(tp)
            attrs.resolve_types(tp)
            stack.extend(field.type for field in attrs.fields(tp))
        else:
            stack.extend(get_args(tp))
    return found
