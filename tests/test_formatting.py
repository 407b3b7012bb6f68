"""Locale formatting rounds half-up first, so babel's half-even rounding never decides a figure."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budget_perf.formatting import format_amount, format_percent_points, format_ratio
from budget_perf.rates import NOT_APPLICABLE


@pytest.mark.parametrize(
    ("value", "language", "text"),
    [
        (Decimal("0.125"), "zh", "0.13"),  # babel alone would write 0.12
        (Decimal("4026.3"), "zh", "4,026.30"),
        (Decimal("1234567.005"), "en", "1,234,567.01"),
        (None, "zh", "—"),
    ],
)
def test_amounts_are_rounded_half_up_before_babel_formats_them(
    value: Decimal | None, language: str, text: str
) -> None:
    """Amounts show two decimals, rounded 四舍五入, with thousands separators."""
    assert format_amount(value, language) == text  # type: ignore[arg-type]


def test_an_undefined_rate_is_written_as_not_applicable() -> None:
    """A zero denominator is "不适用" / "n/a", never 0% or 100%."""
    assert (format_ratio(NOT_APPLICABLE, "zh"), format_ratio(NOT_APPLICABLE, "en")) == (
        "不适用",
        "n/a",
    )


def test_a_stated_percent_keeps_its_places_when_asked() -> None:
    """A stated "100" can be shown as "100%" (no decimals) beside a derived "98.49%"."""
    assert format_percent_points(Decimal("100"), "zh", 0) == "100%"
    assert format_ratio(Decimal("394") / Decimal("400.03"), "zh") == "98.49%"


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False))
def test_formatting_agrees_with_half_up_rounding(value: Decimal) -> None:
    """Whatever the amount, the text is the half-up rounded figure with separators."""
    expected = value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert Decimal(format_amount(value, "en").replace(",", "")) == expected
