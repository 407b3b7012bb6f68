"""Decimal discipline: constants, exact construction and the one rounding helper.

Every amount in budget_perf is a :class:`~decimal.Decimal` in 万元, built from a string (or an
int), never from a float.  Rates are exact ratios.  Rounding (四舍五入, ``ROUND_HALF_UP``)
happens once, where a figure is stated or compared, through :func:`round_half_up`.

>>> to_decimal("4026.3", field="total")
Decimal('4026.3')
>>> to_decimal(0.1, field="executed")
Traceback (most recent call last):
...
budget_perf.errors.InvalidAmount: executed: expected a Decimal, str or int, got float 0.1 (...)
>>> round_half_up(Decimal("0.125"), 2)
Decimal('0.13')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

import attrs

from budget_perf.errors import InvalidAmount

__all__ = [
    "CENT",
    "HUNDRED",
    "ONE",
    "ZERO",
    "check_count",
    "check_decimal",
    "check_non_negative",
    "decimal_places",
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


def to_decimal(value: object, *, field: str = "value") -> Decimal:
    """Return *value* as a finite Decimal; accept Decimal, str and int, reject everything else.

    Raises:
        InvalidAmount: for a float, a bool, NaN, infinity or a malformed string; the message
            names *field*.
    """
    if isinstance(value, bool):
        raise InvalidAmount(f"{field}: expected a Decimal, str or int, got bool {value!r}")
    if isinstance(value, float):
        raise InvalidAmount(
            f"{field}: expected a Decimal, str or int, got float {value!r} (floats are not exact)"
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise InvalidAmount(f"{field}: {value!r} is not a decimal number") from None
    else:
        raise InvalidAmount(
            f"{field}: expected a Decimal, str or int, got {type(value).__name__} {value!r}"
        )
    if not result.is_finite():
        raise InvalidAmount(f"{field}: {value!r} is not a finite number")
    return result


def check_decimal(value: object, *, field: str = "value") -> Decimal:
    """Return *value* unchanged if it is a finite Decimal, else raise :class:`InvalidAmount`.

    Unlike :func:`to_decimal` this converts nothing: model constructors take Decimals only.
    """
    if isinstance(value, float):
        raise InvalidAmount(
            f"{field}: expected a Decimal, got float {value!r} (floats are not exact)", field=field
        )
    if not isinstance(value, Decimal):
        raise InvalidAmount(
            f"{field}: expected a Decimal, got {type(value).__name__} {value!r}", field=field
        )
    if not value.is_finite():
        raise InvalidAmount(f"{field}: expected a finite Decimal, got {value!r}", field=field)
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
        raise InvalidAmount(f"{field}: must not be negative, got {number}", field=field)
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
            f"{field}: expected a whole number, got {type(value).__name__} {value!r}", field=field
        )
    if value < 0:
        raise InvalidAmount(f"{field}: must not be negative, got {value}", field=field)
    return value


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round *value* to *places* decimals, halves away from zero (四舍五入).

    >>> round_half_up(Decimal("98.485")), round_half_up(Decimal("-0.5"), 0)
    (Decimal('98.49'), Decimal('-1'))
    """
    # A local context wide enough for the result, so a huge or very precise figure rounds
    # instead of raising InvalidOperation in the default 28-digit context.
    context = Context(prec=max(28, value.adjusted() + places + 2), rounding=ROUND_HALF_UP)
    return value.quantize(Decimal(1).scaleb(-places), context=context)


def decimal_places(value: Decimal) -> int:
    """Return how many decimals *value* was written with ("0.6" → 1, "76.58" → 2, "100" → 0).

    >>> [decimal_places(Decimal(s)) for s in ("0.60", "12", "1E+2")]
    [2, 0, 0]
    """
    return max(0, -int(value.as_tuple().exponent))


# attrs validators ---------------------------------------------------------------------------


def _any_decimal(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    check_decimal(value, field=attribute.name)


def _non_negative(_instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    check_non_negative(value, attribute.name)


def _optional(
    inner: Any,
) -> Any:
    def validate(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            inner(instance, attribute, value)

    return validate


#: attrs validator: a finite Decimal (scores and stated rates may be negative as stated).
optional_decimal = _optional(_any_decimal)
#: attrs validator: a finite, non-negative Decimal (amounts, weights, areas).
non_negative = _non_negative
#: attrs validator: None or a finite, non-negative Decimal.
optional_non_negative = _optional(_non_negative)
