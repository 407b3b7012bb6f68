"""Decimal discipline: the library's decimal context, the bounds of a figure, exact construction
and the one rounding helper.

Every amount in budget_perf is a :class:`~decimal.Decimal` in its table's unit (万元 by the
tables' convention, 元 where a table prints 元), built from a string (or an int), never from a
float.  Rates are exact ratios.  Rounding (四舍五入, ``ROUND_HALF_UP``)
happens once, where a figure is stated or compared, through :func:`round_half_up`.

The decimal context belongs to the caller (it is per thread, and a program may set ``prec=3``
or trap ``Inexact`` for its own reasons).  Every public calculation of the library therefore runs
in a private copy of one library context, entered by :func:`in_library_context`, and leaves the
caller's context as it was.  The library context has the settings of Python's default context —
28 significant digits, ``ROUND_HALF_EVEN``, traps on InvalidOperation, DivisionByZero and
Overflow — so a ratio has 28 significant digits whatever the caller's context says.

A stated figure is bounded by what a budget can be (:data:`MAX_INTEGER_DIGITS` before the point,
:data:`MAX_FRACTION_DIGITS` after), so sums of figures are exact in 28 digits.

>>> to_decimal("4026.3", field="total")
Decimal('4026.3')
>>> to_decimal(0.1, field="executed")
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: executed: expected a Decimal, str or int, got float 0.1 (...)
>>> to_decimal("0.0000001", field="executed")
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: executed: 0.0000001 has 7 decimals; a figure may have at most 6
>>> round_half_up(Decimal("0.125"), 2)
Decimal('0.13')
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar, Token
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    getcontext,
    setcontext,
)
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

import attrs

from budget_perf._safety import shorten
from budget_perf.errors import InvalidAmount

__all__ = [
    "CENT",
    "HUNDRED",
    "MAX_FRACTION_DIGITS",
    "MAX_INTEGER_DIGITS",
    "ONE",
    "ZERO",
    "check_bounds",
    "check_count",
    "check_decimal",
    "check_non_negative",
    "decimal_places",
    "in_library_context",
    "library_context",
    "non_negative",
    "optional_decimal",
    "optional_non_negative",
    "round_half_up",
    "to_decimal",
]

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

#: The most digits a stated figure may have before the decimal point: below 10**15 万元
#: (10**19 元), far above any budget — China's national budget is about 3 × 10**9 万元.
MAX_INTEGER_DIGITS = 15
#: The most decimals a stated figure may have: 0.000001 万元 is 0.01 元, one fen.
MAX_FRACTION_DIGITS = 6
# So a figure has at most 15 + 6 = 21 significant digits, and a sum of up to 10**7 figures
# (at most 28 digits) is exact in the library context: totals are compared, never rounded.

# The library context: Python's default settings, spelled out so that a program that changes
# decimal.DefaultContext changes nothing here.  It is a template: only copies are ever entered
# (flags are per copy), never the template itself.
_LIBRARY = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
# The copy of _LIBRARY that is current where the library is running (per thread and task, as the
# decimal context itself); a nested call finds it current and enters nothing.
_ENTERED: ContextVar[Context | None] = ContextVar("budget_perf_decimal_context", default=None)
# Parses a string exactly and raises on a malformed one, whatever the caller's context traps.
# Only its traps are used: a malformed string sets a flag on it, and no one reads its flags.
_PARSING = _LIBRARY.copy()

# round_half_up: the library context, rounding half up; its precision is set per call.
_HALF_UP = _LIBRARY.copy()
_HALF_UP.rounding = ROUND_HALF_UP
# The most digits round_half_up writes: a stated figure has at most 21, a ratio of two 28.
_MAX_ROUNDED_DIGITS = 1000

# A number written in this many characters or fewer, without an exponent, is within the bounds.
_SHORT = MAX_FRACTION_DIGITS + 1

_P = ParamSpec("_P")
_R = TypeVar("_R")


def library_context() -> _LibraryContext:
    """Run a ``with`` block in a fresh copy of the library's decimal context.

    The caller's context is current again after the block, however it ends.

    >>> import decimal
    >>> with decimal.localcontext(prec=3):
    ...     with library_context():
    ...         Decimal(2) / Decimal(3)
    ...     decimal.getcontext().prec
    Decimal('0.6666666666666666666666666667')
    3
    """
    return _LibraryContext()


class _LibraryContext:
    """The context manager of :func:`library_context` (cheaper than a contextlib generator)."""

    __slots__ = ("_caller", "_token")
    _caller: Context
    _token: Token[Context | None]

    def __enter__(self) -> Context:
        self._caller = getcontext()
        private = _LIBRARY.copy()
        setcontext(private)
        self._token = _ENTERED.set(private)
        return private

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        _ENTERED.reset(self._token)
        setcontext(self._caller)


def in_library_context(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Decorate a public calculation so that it computes in the library's decimal context.

    The caller's context (precision, rounding, traps, flags) is the same after the call as
    before; a call from inside another decorated call enters nothing (one identity check).

    >>> import decimal
    >>> @in_library_context
    ... def third(value: Decimal) -> Decimal:
    ...     return value / 3
    >>> with decimal.localcontext(prec=3, traps=[decimal.Inexact]):
    ...     third(Decimal(1))
    Decimal('0.3333333333333333333333333333')
    """

    @functools.wraps(function)
    def in_context(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if getcontext() is _ENTERED.get():
            return function(*args, **kwargs)
        with library_context():
            return function(*args, **kwargs)

    return in_context


def check_bounds(value: Decimal, *, field: str = "value") -> Decimal:
    """Return the finite *value* if it is within the bounds of a stated figure, else raise.

    At most :data:`MAX_INTEGER_DIGITS` digits before the decimal point and
    :data:`MAX_FRACTION_DIGITS` decimals as written ("1.0000000" has 7).

    >>> check_bounds(Decimal("123456789012345.123456"))
    Decimal('123456789012345.123456')
    >>> check_bounds(Decimal("1E+15"), field="budget")
    Traceback (most recent call last):
    ...
    budget_perf.errors.InvalidAmount: budget: 1E+15 has 16 digits before the decimal point;
        a figure may have at most 15
    """
    exponent = int(value.as_tuple().exponent)
    if exponent < -MAX_FRACTION_DIGITS:
        raise InvalidAmount(
            f"{field}: {_shown(value)} has {-exponent} decimals; "
            f"a figure may have at most {MAX_FRACTION_DIGITS}",
            field=field,
            message_zh=f"{field}：{_shown(value)} 有 {-exponent} 位小数，"
            f"数字最多 {MAX_FRACTION_DIGITS} 位小数",
        )
    if value and value.adjusted() >= MAX_INTEGER_DIGITS:
        raise InvalidAmount(
            f"{field}: {_shown(value)} has {value.adjusted() + 1} digits before the "
            f"decimal point; a figure may have at most {MAX_INTEGER_DIGITS}",
            field=field,
            message_zh=f"{field}：{_shown(value)} 整数部分有 {value.adjusted() + 1} 位，"
            f"数字整数部分最多 {MAX_INTEGER_DIGITS} 位",
        )
    return value


def _shown(value: Decimal) -> str:
    """*value* for a message: written out ("0.0000001", not "1E-7") unless that is very long."""
    if -1000 < int(value.as_tuple().exponent) <= 0 and value.adjusted() < 1000:
        return shorten(format(value, "f"))
    return shorten(str(value))


def to_decimal(value: object, *, field: str = "value", bounded: bool = True) -> Decimal:
    """Return *value* as a finite Decimal; accept Decimal, str and int, reject everything else.

    With *bounded* (the default) the figure must also be within the bounds of
    :func:`check_bounds`; a caller that scales the figure first checks the bounds after.

    Raises:
        InvalidAmount: for a float, a bool, NaN, infinity, a malformed string or a figure out
            of bounds; the message names *field*.
    """
    if isinstance(value, str):  # the common case (JSON, cells) first
        text = value.strip()
        try:
            result = Decimal(text, _PARSING)
        except InvalidOperation:
            shown = shorten(repr(value))
            raise InvalidAmount(
                f"{field}: {shown} is not a decimal number",
                field=field,
                message_zh=f"{field}：{shown} 不是十进制数字",
            ) from None
        if len(text) <= _SHORT and "e" not in text and "E" not in text and result.is_finite():
            return result  # "4026.3": too short to be out of bounds (the quick path)
    elif isinstance(value, bool):
        raise InvalidAmount(
            f"{field}: expected a Decimal, str or int, got bool {value!r}",
            field=field,
            message_zh=f"{field}：应为 Decimal、字符串或整数，实际为布尔值 {value!r}",
        )
    elif isinstance(value, float):
        raise InvalidAmount(
            f"{field}: expected a Decimal, str or int, got float {value!r} (floats are not exact)",
            field=field,
            message_zh=f"{field}：应为 Decimal、字符串或整数，"
            f"实际为浮点数 {value!r}（浮点数不精确）",
        )
    elif isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    else:
        raise InvalidAmount(
            f"{field}: expected a Decimal, str or int, got {type(value).__name__} "
            f"{shorten(repr(value))}",
            field=field,
            message_zh=f"{field}：应为 Decimal、字符串或整数，实际为 {type(value).__name__} "
            f"{shorten(repr(value))}",
        )
    if not result.is_finite():
        raise InvalidAmount(
            f"{field}: {shorten(repr(value))} is not a finite number",
            field=field,
            message_zh=f"{field}：{shorten(repr(value))} 不是有限数",
        )
    if bounded and not _within_bounds(result):
        check_bounds(result, field=field)  # raises, saying which bound
    return result


def _within_bounds(value: Decimal) -> bool:
    """Whether the finite *value* is within the bounds (the quick test of :func:`check_bounds`)."""
    return int(value.as_tuple().exponent) >= -MAX_FRACTION_DIGITS and (
        not value or value.adjusted() < MAX_INTEGER_DIGITS
    )


def check_decimal(value: object, *, field: str = "value") -> Decimal:
    """Return *value* unchanged if it is a finite Decimal, else raise :class:`InvalidAmount`.

    Unlike :func:`to_decimal` this converts nothing: model constructors take Decimals only.
    Nor does it bound the figure: a derived ratio or score has 28 significant digits.  The
    model's validators add :func:`check_bounds` for stated figures.
    """
    if isinstance(value, float):
        raise InvalidAmount(
            f"{field}: expected a Decimal, got float {value!r} (floats are not exact)",
            field=field,
            message_zh=f"{field}：应为 Decimal，实际为浮点数 {value!r}（浮点数不精确）",
        )
    if not isinstance(value, Decimal):
        raise InvalidAmount(
            f"{field}: expected a Decimal, got {type(value).__name__} {shorten(repr(value))}",
            field=field,
            message_zh=f"{field}：应为 Decimal，实际为 {type(value).__name__} "
            f"{shorten(repr(value))}",
        )
    if not value.is_finite():
        raise InvalidAmount(
            f"{field}: expected a finite Decimal, got {value!r}",
            field=field,
            message_zh=f"{field}：应为有限的 Decimal，实际为 {value!r}",
        )
    return value


def check_non_negative(value: object, field: str = "value") -> Decimal:
    """Return *value* if it is a finite, non-negative Decimal, else raise :class:`InvalidAmount`.

    >>> check_non_negative(Decimal("-1"), "budget")
    Traceback (most recent call last):
    ...
    budget_perf.errors.InvalidAmount: budget: must not be negative, got -1
    """
    number = check_decimal(value, field=field)
    if number < ZERO:
        raise InvalidAmount(
            f"{field}: must not be negative, got {number}",
            field=field,
            message_zh=f"{field}：不能为负数，实际为 {number}",
        )
    return number


def check_count(value: object, field: str = "value") -> int:
    """Return *value* if it is a non-negative whole number (a headcount), else raise.

    >>> check_count(85, "in_post")
    85
    >>> check_count(85.0, "in_post")
    Traceback (most recent call last):
    ...
    budget_perf.errors.InvalidAmount: in_post: expected a whole number, got float 85.0
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAmount(
            f"{field}: expected a whole number, got {type(value).__name__} {shorten(repr(value))}",
            field=field,
            message_zh=f"{field}：应为整数，实际为 {type(value).__name__} {shorten(repr(value))}",
        )
    if value < 0:
        raise InvalidAmount(
            f"{field}: must not be negative, got {value}",
            field=field,
            message_zh=f"{field}：不能为负数，实际为 {value}",
        )
    return value


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round *value* to *places* decimals, halves away from zero (四舍五入).

    The rounding has its own context, as wide as the result, so a huge or very precise figure
    rounds exactly whatever the caller's context; a result of more than 1000 digits is refused.

    >>> round_half_up(Decimal("98.485")), round_half_up(Decimal("-0.5"), 0)
    (Decimal('98.49'), Decimal('-1'))

    Raises:
        InvalidAmount: *value* is not a finite Decimal, or the result would be over 1000 digits.
    """
    number = check_decimal(value, field="value")
    digits = number.adjusted() + places + 2
    if digits > _MAX_ROUNDED_DIGITS:
        raise InvalidAmount(
            f"value: {shorten(str(number))} rounded to {places} decimals would have {digits} "
            f"digits; at most {_MAX_ROUNDED_DIGITS} are written",
            field="value",
            message_zh=f"value：{shorten(str(number))} 保留 {places} 位小数后将有 {digits} 位数字，"
            f"最多 {_MAX_ROUNDED_DIGITS} 位",
        )
    context = _HALF_UP.copy()
    context.prec = max(28, digits)
    return number.quantize(Decimal((0, (1,), -places)), context=context)


def decimal_places(value: Decimal) -> int:
    """Return how many decimals *value* was written with ("0.6" → 1, "76.58" → 2, "100" → 0).

    >>> [decimal_places(Decimal(s)) for s in ("0.60", "12", "1E+2")]
    [2, 0, 0]
    """
    return max(0, -int(value.as_tuple().exponent))


# attrs validators ---------------------------------------------------------------------------


def _any_decimal(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    number = check_decimal(value, field=attribute.name)
    if not _within_bounds(number):
        check_bounds(number, field=attribute.name)  # raises, saying which bound


def _non_negative(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    number = check_non_negative(value, attribute.name)
    if not _within_bounds(number):
        check_bounds(number, field=attribute.name)  # raises, saying which bound


def _optional(
    inner: Any,
) -> Any:
    def validate(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return validate


#: attrs validator: None or a finite Decimal within the bounds of a stated figure (scores and
#: stated rates may be negative as stated).
optional_decimal = _optional(_any_decimal)
#: attrs validator: a finite, non-negative Decimal within the bounds (amounts, weights, areas).
non_negative = _non_negative
#: attrs validator: None or a finite, non-negative Decimal within the bounds.
optional_non_negative = _optional(_non_negative)
