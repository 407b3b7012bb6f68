"""Locale formatting of amounts and percentages (zh_CN and en), with babel.

Figures are rounded half-up (四舍五入) *here, before* babel sees them, because babel itself
rounds half-even with the current decimal context (0.125 → "0.12"), which here is the library's,
never the caller's.  Babel's percent format has no decimals by default, so an explicit pattern
is passed.  A ratio that is not applicable is written as "不适用" / "n/a", never as 0% or 100%.

>>> from decimal import Decimal
>>> format_amount(Decimal("4026.3"), "zh")
'4,026.30'
>>> format_amount(Decimal("0.125"), "en")
'0.13'
>>> format_ratio(Decimal("0.7657657657"), "zh")
'76.58%'
>>> from budget_perf.rates import NOT_APPLICABLE
>>> format_ratio(NOT_APPLICABLE, "en")
'n/a'
"""

from decimal import Decimal, localcontext
from typing import Literal

from babel.numbers import format_decimal

from budget_perf._decimal import in_library_context, round_half_up
from budget_perf.rates import NOT_APPLICABLE, Ratio

__all__ = ["Language", "format_amount", "format_percent_points", "format_ratio"]

#: The languages budget_perf writes.
Language = Literal["zh", "en"]
_LOCALES = {"zh": "zh_CN", "en": "en_US"}
_NOT_APPLICABLE = {"zh": "不适用", "en": "n/a"}


def _pattern(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places > 0 else "")


@in_library_context
def format_amount(value: Decimal | None, language: Language = "zh", places: int = 2) -> str:
    """An amount in 万元 with thousands separators and *places* decimals; blank is "—".

    >>> format_amount(Decimal("1496.7"), "en"), format_amount(None)
    ('1,496.70', '—')"""
    if value is None:
        return "—"
    rounded = round_half_up(value, places)
    # babel quantizes again in the current (library) context; widen it so a huge figure formats.
    with localcontext(prec=max(28, rounded.adjusted() + places + 2)):
        return format_decimal(rounded, format=_pattern(places), locale=_LOCALES[language])


@in_library_context
def format_percent_points(value: Decimal | None, language: Language = "zh", places: int = 2) -> str:
    """A figure already in percent points (a stated "76.58") as "76.58%"; blank is "—".

    >>> format_percent_points(Decimal("0.6"), "zh")
    '0.60%'"""
    if value is None:
        return "—"
    return format_amount(value, language, places) + "%"


@in_library_context
def format_ratio(ratio: Ratio | None, language: Language = "zh", places: int = 2) -> str:
    """A ratio (0.7658 …) as a percent rounded half-up to *places*; "不适用"/"n/a" if undefined.

    >>> format_ratio(Decimal("0.98485"), "en")
    '98.49%'"""
    if ratio is None:
        return "—"
    if ratio is NOT_APPLICABLE:
        return _NOT_APPLICABLE[language]
    return format_percent_points(ratio * 100, language, places)
