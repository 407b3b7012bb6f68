"""Field helpers shared by the model's records (private).

Each helper returns an ``attrs.field`` with the converter, validator and metadata for one kind
of cell, so that every record states its fields the same way:

- ``amount()``: a money amount as printed, in its table's unit (万元 or 元, see
  :mod:`budget_perf.model.units`), ``None`` where the cell is blank; never negative;
- ``points()``: a weight (分值), never negative; ``score()``: a score (得分) as stated, any sign;
- ``percent()``: a rate or share as stated, in percent points (``Decimal("76.58")`` for 76.58%),
  keeping the decimals it was written with;
- ``text()``: a text cell, ``""`` where blank; ``records(cls)``: a tuple of records;
- ``choice(Enum)``: a member of a closed vocabulary; ``optional(cls)``: a part that may be absent.

Building by hand takes plain Python values and converts them exactly: an ``int`` where a
Decimal is stored (``weight=10``), a list where a tuple is (``sources=[...]``), an enum's
Chinese value or its name where the enum is (``category="数量指标"``).  A value already of the
stored type passes through one class test.  A float, or a Decimal made from one
(``Decimal(7.1)`` is 7.0999999999999996447…), is refused with a hint to write
``Decimal("7.1")``; every refusal names the field and shows a short example.

>>> import attrs
>>> from budget_perf.model.units import AmountUnit
>>> @attrs.frozen(kw_only=True)
... class Row:
...     weight: Decimal | None = points()
...     unit: AmountUnit = choice(AmountUnit, default=AmountUnit.WAN_YUAN)
...     notes: tuple[str, ...] = records(str)
>>> Row(weight=10, unit="元", notes=["备注"])
Row(weight=Decimal('10'), unit=<AmountUnit.YUAN: '元'>, notes=('备注',))
>>> Row(weight=7.1)
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: weight: expected a Decimal, got float 7.1 (floats are not exact);
    write Decimal('7.1') or an int
>>> Row(weight=Decimal(7.1))
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: weight: 7.09999999999999964...; it was made from a float:
    write Decimal('7.1')
>>> Row(unit="万")
Traceback (most recent call last):
...
budget_perf.errors.InvalidValue: unit: '万' is not an AmountUnit; expected one of 万元, 元
    (e.g. unit='万元' or unit=AmountUnit.WAN_YUAN)

Every text must be valid Unicode: a lone surrogate (``"\\ud800"``), which no file can hold and
no terminal can show, is refused with :class:`~budget_perf.errors.InvalidText`.  Control
characters are data; writers escape them.
"""

import enum
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from budget_perf._decimal import (
    MAX_INTEGER_DIGITS,
    check_count,
    optional_decimal,
    optional_non_negative,
)
from budget_perf._jsonload import lone_surrogate
from budget_perf._safety import shorten
from budget_perf.errors import InvalidAmount, InvalidText, InvalidValue

#: An amount's unit is its table's ``amount_unit`` (or the report's), not a fixed one.
AMOUNT_UNIT = "amount_unit"

_Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

#: What each validator made here checks of its value alone, for the quick reader of JSON
#: (:mod:`budget_perf._fastread`), which reads every value as its field's type and builds the
#: record without running a validator whose check that reading has made already:
#: ``("str",)`` a str of valid Unicode; ``("bool",)``; ``("member", Enum, blank)`` a member
#: (or None if *blank*); ``("instance", cls, blank)``; ``("tuple", member)`` a tuple of *member*
#: (a class, or a function giving it); ``("decimal", non_negative)`` None or a bounded Decimal.
#: A validator not listed (a cross-field one, such as ``not_shown``'s) is always run.
PROOFS: dict[object, tuple[object, ...]] = {}
#: Converters that return a value already of the field's stored type unchanged (an exact
#: Decimal, a tuple, an enum member): the quick reader, which gives the stored type, skips them.
PASS_THROUGH: set[object] = set()


def _proves(validator: _Validator, *proof: object) -> _Validator:
    PROOFS[validator] = proof
    return validator


# Decimals ------------------------------------------------------------------------------------


def _exact(value: Any, field: "attrs.Attribute[Any]") -> Any:
    """Converter: an int becomes its Decimal; a float or a numeric text is refused with a hint."""
    cls = value.__class__
    if value is None or cls is Decimal:
        return value
    if cls is int:
        if -_INT_BOUND < value < _INT_BOUND:
            return Decimal(value)
        digits = "more than 1000" if value.bit_length() > 3000 else str(len(str(abs(value))))
        raise InvalidAmount(
            f"{field.name}: an int of {digits} digits; a figure may have at most "
            f"{MAX_INTEGER_DIGITS} before the decimal point",
            field=field.name,
            message_zh=f"{field.name}：整数有 {digits} 位，"
            f"数字整数部分最多 {MAX_INTEGER_DIGITS} 位",
        )
    if cls is float:
        raise InvalidAmount(
            f"{field.name}: expected a Decimal, got float {value!r} (floats are not exact); "
            f"write Decimal('{value!r}') or an int",
            field=field.name,
            message_zh=f"{field.name}：应为 Decimal，实际为浮点数 {value!r}（浮点数不精确）；"
            f"请写 Decimal('{value!r}') 或整数",
        )
    if cls is str:
        shown = shorten(repr(value))
        hint = f"; write Decimal({shown})" if _numeric(value) else ""
        raise InvalidAmount(
            f"{field.name}: expected a Decimal, got str {shown}{hint}",
            field=field.name,
            message_zh=f"{field.name}：应为 Decimal，实际为字符串 {shown}"
            + (f"；请写 Decimal({shown})" if hint else ""),
        )
    return value  # the validator refuses it, saying what it is


def _numeric(text: str) -> bool:
    try:
        return len(text) < 40 and Decimal(text).is_finite()
    except ArithmeticError:
        return False


#: Ints of more digits than a figure may have are refused before any conversion (a huge int
#: would take long to convert, only to be refused).
_INT_BOUND = 10**MAX_INTEGER_DIGITS
#: More significant digits than a person writes and a float holds: 7.0999999999999996447….
_FLOAT_DIGITS = 15


def _from_float(value: object) -> str | None:
    """The float *value* was made from ("7.1"), if its digits are a float's binary expansion."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return None
    if len(value.as_tuple().digits) <= _FLOAT_DIGITS:
        return None
    number = float(value)  # float-ok: only to test whether the digits are a float's expansion
    return repr(number) if Decimal(number) == value else None


def _hinted(inner: _Validator) -> _Validator:
    """*inner*, whose refusal of a Decimal made from a float says which Decimal to write."""

    def validate(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        try:
            inner(instance, attribute, value)
        except InvalidAmount:
            origin = _from_float(value)
            if origin is None:
                raise
            name = attribute.name
            raise InvalidAmount(
                f"{name}: {shorten(str(value), 40)}; it was made from a float: "
                f"write Decimal('{origin}')",
                field=name,
                message_zh=f"{name}：{shorten(str(value), 40)} 是由浮点数构造的；"
                f"请写 Decimal('{origin}')",
            ) from None

    return validate


_EXACT = attrs.Converter(_exact, takes_field=True)
PASS_THROUGH.add(_EXACT)
_NON_NEGATIVE = _proves(_hinted(optional_non_negative), "decimal", True)
_ANY_SIGN = _proves(_hinted(optional_decimal), "decimal", False)


def _figure(validator: _Validator, unit: str, doc: str) -> Any:
    return attrs.field(
        default=None, converter=_EXACT, validator=validator, metadata={"unit": unit, "doc": doc}
    )


def amount(*, doc: str = "") -> Any:
    """A blank-able, non-negative money amount, in its table's unit."""
    return _figure(_NON_NEGATIVE, AMOUNT_UNIT, doc)


def area(*, doc: str = "") -> Any:
    """A blank-able, non-negative floor area in square metres."""
    return _figure(_NON_NEGATIVE, "㎡", doc)


def points(*, doc: str = "") -> Any:
    """A blank-able, non-negative weight (分值) in points."""
    return _figure(_NON_NEGATIVE, "分", doc)


def score(*, doc: str = "") -> Any:
    """A blank-able score (得分) as stated; a negative score is data for the checker."""
    return _figure(_ANY_SIGN, "分", doc)


def percent(*, doc: str = "") -> Any:
    """A blank-able rate or share as stated, in percent points."""
    return _figure(_ANY_SIGN, "%", doc)


# Texts ---------------------------------------------------------------------------------------


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


def _str(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    """A str that is valid Unicode, one call per cell: an exact ASCII str needs no more."""
    if value.__class__ is str:
        if not value.isascii():  # an ASCII text has no lone surrogate
            _unicode(_instance, attribute, value)
        return
    if not isinstance(value, str):
        name = attribute.name
        raise InvalidValue(
            f"{name}: expected a text (str), got {_kind(value)} (e.g. {name}='已完成')",
            field=name,
            message_zh=f"{name}：应为文本（str），实际为 {_kind(value)}（如 {name}='已完成'）",
        )
    _unicode(_instance, attribute, value)


_proves(_str, "str")


def _kind(value: object) -> str:
    return f"{type(value).__name__} {shorten(repr(value), 60)}"


def text(*, default: str = "") -> Any:
    """A text cell; blank is the empty string."""
    return attrs.field(default=default, validator=_str)


def required_text() -> Any:
    """A text cell that every record of its kind has."""
    return attrs.field(validator=_str)


# Tuples of records ---------------------------------------------------------------------------


def as_tuple(value: Any) -> Any:
    """Converter: a list becomes a tuple (records are immutable); anything else is left as is."""
    return tuple(value) if value.__class__ is list else value


PASS_THROUGH.add(as_tuple)


def _example(member: type) -> str:
    """A short call that builds a *member* ("Indicator(name=...)")."""
    if member is str:
        return "'…'"
    required = [f.name for f in attrs.fields(member) if f.default is attrs.NOTHING]
    inside = ", ".join(f"{name}=…" for name in required) if required else "…"
    return f"{member.__name__}({inside})"


def records(member: type) -> Any:
    """A tuple of *member* records (or strings, each valid Unicode), empty by default.

    A list is taken as the tuple it lists.
    """
    return attrs.field(default=(), converter=as_tuple, validator=tuple_of(member))


def tuple_of(member: type | Callable[[], type]) -> _Validator:
    """Validator: a tuple of *member* records (*member* may be a function giving the class)."""

    def validate(instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        cls: type = member if isinstance(member, type) else member()
        name = attribute.name
        what = "texts" if cls is str else f"{cls.__name__} records"
        if value.__class__ is not tuple:
            raise InvalidValue(
                f"{name}: expected a list or tuple of {what}, got {_kind(value)} "
                f"(e.g. {name}=[{_example(cls)}])",
                field=name,
                message_zh=f"{name}：应为 {what} 的列表或元组，实际为 {_kind(value)}"
                f"（如 {name}=[{_example(cls)}]）",
            )
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                raise InvalidValue(
                    f"{name}: item {index} is {_kind(item)}, not one of the {what} "
                    f"(e.g. {name}=[{_example(cls)}])",
                    field=name,
                    message_zh=f"{name}：第 {index + 1} 项为 {_kind(item)}，应为 {what}"
                    f"（如 {name}=[{_example(cls)}]）",
                )
            if cls is str:
                _unicode(instance, attribute, item)

    return _proves(validate, "tuple", member)


# Closed vocabularies and parts ---------------------------------------------------------------


def _enum_converter(cls: type[enum.Enum]) -> Any:
    """Converter: a member, its value ("数量指标") or its name ("QUANTITY") becomes the member."""
    lookup: dict[object, enum.Enum] = {member.name: member for member in cls}
    lookup.update({member.value: member for member in cls})

    def convert(value: Any) -> Any:
        if value.__class__ is cls or value is None or value.__class__ is not str:
            return value
        return lookup.get(value, value)

    PASS_THROUGH.add(convert)
    return convert


def _member(cls: type[enum.Enum], *, blank: bool) -> _Validator:
    first = next(iter(cls))
    allowed = ", ".join(str(member.value) for member in cls)
    article = "an" if cls.__name__[0] in "AEIOU" else "a"

    def validate(_instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if value.__class__ is cls or (blank and value is None):
            return
        name = attribute.name
        example = f"{name}={first.value!r} or {name}={cls.__name__}.{first.name}"
        raise InvalidValue(
            f"{name}: {shorten(repr(value), 60)} is not {article} {cls.__name__}; "
            f"expected one of {allowed} (e.g. {example})",
            field=name,
            message_zh=f"{name}：{shorten(repr(value), 60)} 不是 {cls.__name__} 的取值；"
            f"应为其中之一：{allowed}（如 {example}）",
        )

    return _proves(validate, "member", cls, blank)


def choice(cls: type[enum.Enum], *, default: Any = attrs.NOTHING) -> Any:
    """A member of the closed vocabulary *cls*, given as a member, its value or its name."""
    return attrs.field(
        default=default, converter=_enum_converter(cls), validator=_member(cls, blank=False)
    )


def _record(cls: type, *, blank: bool) -> _Validator:
    def validate(_instance: Any, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if (blank and value is None) or isinstance(value, cls):
            return
        name = attribute.name
        absent = " or None" if blank else ""
        raise InvalidValue(
            f"{name}: expected {_example(cls)}{absent}, got {_kind(value)}",
            field=name,
            message_zh=f"{name}：应为 {_example(cls)}{'或 None' if blank else ''}，"
            f"实际为 {_kind(value)}",
        )

    return _proves(validate, "instance", cls, blank)


def required(member: type) -> Any:
    """A part every record of its kind has: an instance of *member*."""
    return attrs.field(validator=_record(member, blank=False))


def optional(member: type) -> Any:
    """A part of a report that may be absent (``None``), else an instance of *member*.

    An enum part also takes its value or name ("元" for ``AmountUnit.YUAN``).
    """
    if isinstance(member, type) and issubclass(member, enum.Enum):
        return attrs.field(
            default=None, converter=_enum_converter(member), validator=_member(member, blank=True)
        )
    return attrs.field(default=None, validator=_record(member, blank=True))


def _flag(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value.__class__ is not bool:
        name = attribute.name
        raise InvalidValue(
            f"{name}: expected True or False, got {_kind(value)}",
            field=name,
            message_zh=f"{name}：应为 True 或 False，实际为 {_kind(value)}",
        )


_proves(_flag, "bool")


def flag(*, default: bool) -> Any:
    """A yes/no fact (True or False only)."""
    return attrs.field(default=default, validator=_flag)


def _count(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None:
        check_count(value, attribute.name)


def count() -> Any:
    """A blank-able, non-negative whole number (a headcount)."""
    return attrs.field(default=None, validator=_count, metadata={"unit": "人"})


def optional_date() -> Any:
    """A blank-able calendar date."""
    return attrs.field(default=None, validator=_record(date, blank=True))
