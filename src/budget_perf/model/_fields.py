"""Field helpers shared by the model's records (private).

Each helper returns an ``attrs.field`` with the validator and metadata for one kind of cell,
so that every record states its fields the same way:

- ``amount()``: a money amount as printed, in its table's unit (万元 or 元, see
  :mod:`budget_perf.model.units`), ``None`` where the cell is blank; never negative;
- ``points()``: a weight (分值), never negative; ``score()``: a score (得分) as stated, any sign;
- ``percent()``: a rate or share as stated, in percent points (``Decimal("76.58")`` for 76.58%),
  keeping the decimals it was written with;
- ``text()``: a text cell, ``""`` where blank; ``records(cls)``: a tuple of records.

Every text must be valid Unicode: a lone surrogate (``"\\ud800"``), which no file can hold and
no terminal can show, is refused with :class:`~budget_perf.errors.InvalidText`.  Control
characters are data; writers escape them.
"""

from datetime import date
from typing import Any

import attrs

from budget_perf._decimal import check_count, optional_decimal, optional_non_negative
from budget_perf._jsonload import lone_surrogate
from budget_perf.errors import InvalidText

#: An amount's unit is its table's ``amount_unit`` (or the report's), not a fixed one.
AMOUNT_UNIT = "amount_unit"


def amount(*, doc: str = "") -> Any:
    """A blank-able, non-negative money amount, in its table's unit."""
    return attrs.field(
        default=None, validator=optional_non_negative, metadata={"unit": AMOUNT_UNIT, "doc": doc}
    )


def area(*, doc: str = "") -> Any:
    """A blank-able, non-negative floor area in square metres."""
    return attrs.field(
        default=None, validator=optional_non_negative, metadata={"unit": "㎡", "doc": doc}
    )


def points(*, doc: str = "") -> Any:
    """A blank-able, non-negative weight (分值) in points."""
    return attrs.field(
        default=None, validator=optional_non_negative, metadata={"unit": "分", "doc": doc}
    )


def score(*, doc: str = "") -> Any:
    """A blank-able score (得分) as stated; a negative score is data for the checker."""
    return attrs.field(
        default=None, validator=optional_decimal, metadata={"unit": "分", "doc": doc}
    )


def percent(*, doc: str = "") -> Any:
    """A blank-able rate or share as stated, in percent points."""
    return attrs.field(default=None, validator=optional_decimal, metadata={"unit": "%", "doc": doc})


def _unicode(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """Refuse a text with a lone surrogate: it cannot be encoded, written or printed."""
    at = lone_surrogate(value) if isinstance(value, str) else None
    if isinstance(value, str) and at is not None:
        name, code = attribute.name, f"\\u{ord(value[at]):04x}"
        raise InvalidText(
            f"{name}: a lone surrogate {code} at character {at + 1} is not valid Unicode "
            "(the text could not be written or shown)",
            field=name,
            message_zh=f"{name}：第 {at + 1} 个字符是孤立的代理码位 {code}，不是有效的 Unicode"
            "（无法保存或显示）",
        )


_IS_STR: Any = attrs.validators.instance_of(str)


def _TEXT(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:  # noqa: N802
    """A str (else instance_of's usual TypeError) that is valid Unicode; one call per cell."""
    if type(value) is str:
        if not value.isascii():  # an ASCII text has no lone surrogate
            _unicode(instance, attribute, value)
        return
    _IS_STR(instance, attribute, value)  # raises, unless a subclass of str
    _unicode(instance, attribute, value)


def text(*, default: str = "") -> Any:
    """A text cell; blank is the empty string."""
    return attrs.field(default=default, validator=_TEXT)


def required_text() -> Any:
    """A text cell that every record of its kind has."""
    return attrs.field(validator=_TEXT)


def records(member: type) -> Any:
    """A tuple of *member* records (or strings, each valid Unicode), empty by default."""
    return attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(
            member_validator=_TEXT if member is str else attrs.validators.instance_of(member),
            iterable_validator=attrs.validators.instance_of(tuple),
        ),
    )


def optional(member: type) -> Any:
    """A part of a report that may be absent (``None``), else an instance of *member*."""
    return attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(member)),
    )


def _count(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None:
        check_count(value, attribute.name)


def count() -> Any:
    """A blank-able, non-negative whole number (a headcount)."""
    return attrs.field(default=None, validator=_count, metadata={"unit": "人"})


def optional_date() -> Any:
    """A blank-able calendar date."""
    return attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(date))
    )
