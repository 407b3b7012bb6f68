"""Reading a record from JSON text with msgspec's compiled parser, when it is installed (private).

The optional ``fast`` extra (``pip install "budget_perf[fast]"``) installs msgspec.  Then
:func:`budget_perf.serialization.from_json` parses a document with a ``msgspec.json.Decoder``
into *mirrors* of the record classes (``msgspec.Struct`` classes generated from the attrs fields,
kept out of the garbage collector), and builds the records from the mirrors, as
:mod:`budget_perf._fastread` builds them from dicts: each value checked once, the validators
whose checks that reading makes not run again, every other one run.

msgspec checks less than the strict loader, and some things otherwise, so the mirrors take a
figure as its text (a str, or an int) for the library's own reading, and a date as its text;
and the reader gives up (raises) on everything the strict loader refuses, for the caller to read
the text again with the strict loader and the converter, which say what is wrong:

- a document too large (before parsing), not UTF-8 or holding a lone surrogate (which msgspec
  refuses, raw or written as an escape);
- a document nested deeper than 64 levels: each record is read knowing its depth, and a type
  nested too deep (an expense row's children) is given up on, as msgspec would read it;
- a key given twice, which msgspec reads as its last value: the keys read (the fields present
  in each mirror) must be as many as the colons in the text, or if there are more colons (a
  colon in a text), as the colons outside strings (``_jsonload.skeleton``);
- a number literal of more than 100 characters, which msgspec reads as a large int;
- anything msgspec refuses (broken JSON, NaN, a float or a bool where an int or a text
  belongs, an unknown key, a value not of an enum), or a record's reading refuses;
- a report in a schema other than the current one (an older one is migrated by the converter).
"""

from __future__ import annotations

import enum
import keyword
import sys
import types
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from budget_perf._fastread import (
    _ANY_SIGN,
    _NON_NEGATIVE,
    Unread,
    _direct,
    _items_of,
    _optional_of,
    _proof_of,
    _proves,
    decimal_lines,
    reachable,
    validation,
)
from budget_perf._jsonload import MAX_DEPTH, MAX_NUMBER_LENGTH, skeleton
from budget_perf._jsonread import text_bytes
from budget_perf._schema import REPORT_SCHEMA, SCHEMA_KEY

__all__ = ["msgspec_reader"]

#: The bounds of an int whose literal has at most MAX_NUMBER_LENGTH characters.
_INT_BOUNDS = (-(10 ** (MAX_NUMBER_LENGTH - 1)), 10**MAX_NUMBER_LENGTH)


class _Mirrors:
    """The mirror of each record class under one root, and the reader of each mirror.

    The mirrors are written as source text and run in a module of their own (as
    bench/anchors.py writes its own), so that records that refer to each other, or to
    themselves (an expense row's children), resolve as in written code.
    """

    def __init__(self, msgspec: Any, slow: Callable[[Any, Any], Any], root: type, marked: type):
        classes = reachable(root)
        if not all(_direct(cls) for cls in classes):
            raise TypeError("a record this reader does not build")
        self._marked = marked
        self._names = {cls: f"M{i}_{cls.__name__}" for i, cls in enumerate(classes)}
        self._globals: dict[str, Any] = {
            "Unread": Unread,
            "Decimal": Decimal,
            "UNSET": msgspec.UNSET,
            "new": object.__new__,
            "fromiso": date.fromisoformat,
            "non_negative": _NON_NEGATIVE,
            "any_sign": _ANY_SIGN,
            "slow_decimal": lambda value: slow(value, Decimal),
            "low": _INT_BOUNDS[0],
            "high": _INT_BOUNDS[1],
            "SCHEMA": REPORT_SCHEMA,
            "MAX_DEPTH": MAX_DEPTH,
        }
        module = types.ModuleType(f"budget_perf._msgspec_mirrors_{id(self)}")
        module.__dict__.update(msgspec=msgspec, UnsetType=msgspec.UnsetType, UNSET=msgspec.UNSET)
        source = ["from __future__ import annotations"]
        for cls in classes:
            fields = self._fields(cls, module)
            source += [
                f"class {self._names[cls]}(msgspec.Struct, forbid_unknown_fields=True, gc=False):",
                *(f"    {name}: {kind} | UnsetType = UNSET" for name, kind in fields),
            ]
        sys.modules[module.__name__] = module  # where msgspec resolves the annotations
        try:
            exec(compile("\n".join(source), module.__name__, "exec"), module.__dict__)
            self.mirrors = {cls: module.__dict__[self._names[cls]] for cls in classes}
            self.decoder = msgspec.json.Decoder(self.mirrors[root])
        finally:
            del sys.modules[module.__name__]
        for cls in classes:
            self._globals[f"read_{self._names[cls]}"] = self._reader(cls)
        self.read: Callable[[Any, list[int], int], Any] = self._globals[f"read_{self._names[root]}"]

    def _fields(self, cls: type, module: types.ModuleType) -> list[tuple[str, str]]:
        fields = [(field.name, self._annotation(field.type, module)) for field in attrs.fields(cls)]
        if cls is self._marked:
            fields.insert(0, (SCHEMA_KEY, "str"))
        if any(keyword.iskeyword(name) or name.startswith("_") for name, _ in fields):
            raise TypeError(f"a field name a mirror cannot have, in {cls.__name__}")
        return fields

    def _annotation(self, tp: Any, module: types.ModuleType) -> str:
        inner = _optional_of(tp)
        if inner is not None:
            return f"{self._annotation(inner, module)} | None"
        if tp in (str, int, bool):
            return str(tp.__name__)
        if tp is Decimal:
            return "str | int"  # read by the library, as the converter reads it
        if tp is date:
            return "str"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            if not all(type(member.value) is str for member in tp):
                raise TypeError(f"an enum of other values than texts: {tp!r}")
            name = f"E{id(tp)}"
            module.__dict__[name] = tp
            return name
        if attrs.has(tp):
            return self._names[tp]
        item = _items_of(tp)
        if item is not None:
            return f"tuple[{self._annotation(item, module)}, ...]"
        raise TypeError(f"no mirror for {tp!r}")

    def _constant(self, value: object) -> str:
        name = f"c_{len(self._globals)}"
        self._globals[name] = value
        return name

    def _reader(self, cls: type) -> Callable[[Any, list[int], int], Any]:
        fields = attrs.fields(cls)
        mirror = self._constant(self.mirrors[cls])
        lines = [
            "def read(o, c, d):",
            f"    if o.__class__ is not {mirror} or d >= MAX_DEPTH:",
            "        raise Unread  # not this record, or maybe nested too deep",
            f"    s = new({self._constant(cls)})",
            "    missing = 0",
        ]
        count = len(fields)
        if cls is self._marked:
            count += 1
            lines += ["    if o.schema != SCHEMA:", "        raise Unread  # older, or absent"]
        unproven = []
        for i, field in enumerate(fields):
            at = f"v{i}"
            body, proven = self._value(field.type, at, field)
            lines.append(f"    {at} = o.{field.name}")
            if field.default is attrs.NOTHING:
                lines += [f"    if {at} is UNSET:", "        raise Unread"]
            else:
                default = self._constant(field.default)
                lines += [f"    if {at} is UNSET:", f"        {at} = {default}"]
                lines.append("        missing += 1")
            if body:
                lines += ["    else:", *("        " + line for line in body)]
            lines.append(f"    {self._constant(getattr(cls, field.name).__set__)}(s, {at})")
            if not proven and field.validator is not None:
                unproven.append((field, at))
        for field, at in unproven:  # as __init__ runs them: once every field is set, in order
            validator, attribute = self._constant(field.validator), self._constant(field)
            lines.append("    " + validation(validator, attribute, at, field.validator))
        lines += [f"    c[0] += {count} - missing", "    return s"]
        namespace: dict[str, Any] = {}
        what = f"<budget_perf msgspec reader of {cls.__name__}>"
        exec(compile("\n".join(lines), what, "exec"), self._globals, namespace)
        read: Callable[[Any, list[int], int], Any] = namespace["read"]
        return read

    def _value(self, tp: Any, at: str, field: Any = None) -> tuple[list[str], bool]:
        """Source lines that read the mirror's value named *at* as a *tp*, in place, and whether
        that reading makes every check of *field*'s validator."""
        proof = _proof_of(field)
        inner = _optional_of(tp)
        if tp is Decimal or inner is Decimal:
            return decimal_lines(at, field, self._constant, blank=inner is not None)
        if inner is not None:
            body, _ = self._value(inner, at)
            if not body:
                return [], _proves(proof, inner, blank=True)
            return [f"if {at} is not None:", *("    " + line for line in body)], _proves(
                proof, inner, blank=True
            )
        if tp is int:
            return [f"if not low < {at} < high:", "    raise Unread  # too long a number"], False
        if tp in (str, bool) or (isinstance(tp, type) and issubclass(tp, enum.Enum)):
            return [], _proves(proof, tp, blank=False)  # msgspec read it as one
        if tp is date:
            return [f"{at} = fromiso({at})"], _proves(proof, tp, blank=False)
        if attrs.has(tp):
            return [f"{at} = read_{self._names[tp]}({at}, c, d + 1)"], _proves(
                proof, tp, blank=False
            )
        item = _items_of(tp)
        if item is not None and attrs.has(item):
            read = f"read_{self._names[item]}"
            lines = [f"{at} = tuple([{read}(x, c, d + 2) for x in {at}])"]
            return lines, _proves(proof, tp, blank=False)
        if item is str:
            return [], _proves(proof, tp, blank=False)  # msgspec read a tuple of texts
        raise TypeError(f"no reader for {tp!r}")


class _MsgspecReader:
    """:func:`msgspec_reader`'s reader."""

    def __init__(self, msgspec: Any, slow: Callable[[Any, Any], Any], marked: type) -> None:
        self._msgspec = msgspec
        self._slow = slow
        self._marked = marked
        self._roots: dict[type, _Mirrors | None] = {}

    def _mirrors(self, root: type) -> _Mirrors | None:
        if root not in self._roots:
            try:
                self._roots[root] = _Mirrors(self._msgspec, self._slow, root, self._marked)
            except TypeError:  # a record of a type this reader does not mirror
                self._roots[root] = None
        return self._roots[root]

    def __call__(self, text: str | bytes | bytearray, cls: type) -> Any:
        mirrors = self._mirrors(cls)
        if mirrors is None:
            raise Unread
        raw = text_bytes(text)
        counted = [0]
        record = mirrors.read(mirrors.decoder.decode(raw), counted, 1)
        if raw.count(b":") != counted[0]:  # a colon in a text, or a key given twice
            scanned = skeleton(raw)
            if scanned is None or scanned[0] != counted[0]:
                raise Unread  # a key given twice (msgspec kept the last)
        return record


def msgspec_reader(
    slow: Callable[[Any, Any], Any], marked: type
) -> Callable[[str | bytes, type], Any] | None:
    """The quick reader of JSON text that parses with msgspec, or None if msgspec is not
    installed; *slow* reads a value the quick path does not (``converter.structure``), and
    *marked* is the class whose documents name their schema first (the report)."""
    try:
        import msgspec  # optional: the ``fast`` extra
    except ImportError:
        return None
    return _MsgspecReader(msgspec, slow, marked)
