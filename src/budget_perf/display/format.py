"""Figures and names as a reader sees them, in Chinese or English (through babel).

Every figure is rounded half-up (四舍五入) *before* babel formats it — babel itself rounds
half-even — by :mod:`budget_perf.formatting`, which this module builds on:

- an amount in a table: thousands separators, two decimals, its unit in the column header;
- an amount in prose: in 亿元 from a hundred million 元 up ("4.28亿元"), else in 万元 or 元;
  in English in million yuan;
- a stated percent or score: with exactly the decimals the report printed ("100%", "0.6%");
- a derived rate: two decimals ("98.49%"); an undefined rate: "不适用" / "n/a";
- an enum: its Chinese value ("优", "产出指标"), or its English name.

>>> from decimal import Decimal
>>> amount(Decimal("4280.305"), "zh"), amount(Decimal("0.125"), "en")
('4,280.31', '0.13')
>>> stated_percent(Decimal("0.6"), "zh"), stated_percent(Decimal("100"), "en")
('0.6%', '100%')
>>> ratio(Decimal("0.984851"), "zh")
'98.49%'
>>> prose_amount(Decimal("42803.1"), AmountUnit.WAN_YUAN, "zh")
'4.28亿元'
>>> prose_amount(Decimal("42850"), AmountUnit.WAN_YUAN, "zh")  # half up, as everywhere
'4.29亿元'
>>> prose_amount(Decimal("400.03"), AmountUnit.WAN_YUAN, "en")
'4.00 million yuan'
>>> from budget_perf.model import Grade, Level1
>>> label(Grade.EXCELLENT, "zh"), label(Grade.EXCELLENT, "en"), label(Level1.OUTPUT, "en")
('优', 'excellent', 'output indicators')
"""

import enum
from decimal import Decimal

from budget_perf._decimal import decimal_places, in_library_context
from budget_perf.checks.finding import Severity
from budget_perf.formatting import Language, format_amount, format_percent_points, format_ratio
from budget_perf.model import AmountUnit, convert_amount
from budget_perf.rates import Ratio

__all__ = [
    "amount",
    "label",
    "prose_amount",
    "ratio",
    "score",
    "stated",
    "stated_percent",
    "unit_label",
]

_UNIT_EN = {AmountUnit.WAN_YUAN: "10k yuan", AmountUnit.YUAN: "yuan"}
BLANK = "—"


def label(member: enum.Enum, lang: Language) -> str:
    """The name of an enum member: its Chinese value, or an English name."""
    if isinstance(member, Severity):
        return member.zh if lang == "zh" else member.value
    if lang == "zh":
        return str(member.value)
    english = getattr(member, "english", None)
    if isinstance(english, str):
        return english
    return member.name.lower().replace("_", " ")


def unit_label(unit: AmountUnit, lang: Language) -> str:
    """万元 / 元, or "10k yuan" / "yuan"."""
    return unit.value if lang == "zh" else _UNIT_EN[unit]


def amount(value: Decimal | None, lang: Language) -> str:
    """An amount for a table cell: thousands separators, two decimals; blank is "—"."""
    return format_amount(value, lang)


def stated(value: Decimal | int | None, lang: Language) -> str:
    """A stated figure with the decimals it was printed with; blank is "—"."""
    if value is None:
        return BLANK
    if isinstance(value, int):
        return format_amount(Decimal(value), lang, 0)
    return format_amount(value, lang, decimal_places(value))


def stated_percent(value: Decimal | None, lang: Language) -> str:
    """A stated percentage with the decimals it was printed with ("100%", "76.58%")."""
    if value is None:
        return BLANK
    return format_percent_points(value, lang, decimal_places(value))


def ratio(value: Ratio | None, lang: Language) -> str:
    """A derived rate as a percent with two decimals, rounded half-up; "不适用" if undefined."""
    return format_ratio(value, lang)


def score(value: Ratio | Decimal | None, lang: Language) -> str:
    """A derived score with two decimals; "不适用" / "n/a" where it does not apply."""
    if value is None:
        return BLANK
    if not isinstance(value, Decimal):
        return "不适用" if lang == "zh" else "n/a"
    return format_amount(value, lang)


@in_library_context
def prose_amount(value: Decimal | None, unit: AmountUnit, lang: Language) -> str:
    """An amount for a sentence: 亿元 from a hundred million 元 up, in English million yuan."""
    if value is None:
        return BLANK
    yuan = convert_amount(value, unit, AmountUnit.YUAN)
    if lang == "en":
        if abs(yuan) >= Decimal(10) ** 6:
            return f"{format_amount(yuan / Decimal(10) ** 6, 'en')} million yuan"
        return f"{format_amount(yuan, 'en')} yuan"
    if abs(yuan) >= Decimal(10) ** 8:
        return f"{format_amount(yuan / Decimal(10) ** 8, 'zh')}亿元"
    if abs(yuan) >= Decimal(10) ** 4:
        return f"{format_amount(yuan / Decimal(10) ** 4, 'zh')}万元"
    return f"{format_amount(yuan, 'zh')}元"
