"""单元格解析: reading the cells of a self-evaluation table as exact values.

The tables of a 预算绩效自评 report are typed by hand: amounts in 万元 ("4026.3", "85　" with an
ideographic space, "１２３．４"), rates ("76.58%", "１００％"), targets (年度指标值: "≥95%",
"24-26次", "十余次专项督查", "满意") and dates ("2023.6.9").  Each ``parse_*`` function here is
pure and *total*: it never raises on a str.  What it cannot read is kept, with the raw text and
a reason, in the result; nothing is guessed, nothing passes through float.

Every cell result carries a :class:`CellStatus`:

- ``VALUE``: the cell holds a figure (or a date), in ``value`` / ``points``;
- ``BLANK``: nothing is stated: "", spaces, a run of dashes ("-", "—", "——"), "/" or "无";
  a blank is never read as zero;
- ``NOTE``: a remark in Chinese where a figure was expected, such as
  "(实际支出为124，差额原因为业务科室报账不及时）"; the figures in it are *not* read;
- ``UNPARSED``: something else, such as "4026,3" or "(12.5)", with ``reason`` saying why.

Targets (年度指标值) have their own result, :class:`Target`, which keeps the raw text and a tuple
of :class:`TargetClause`.  :func:`parse_target` splits a cell into clauses at "；", "，", "。" and
line breaks (a comma that groups thousands, "3,800本", does not split), and at "、" when every
piece holds a figure ("8次常委会、24次主任会议").  In each clause:

- a figure is a number and a unit: an Arabic number before any unit ("次", "人次", "%", "万元",
  "个月" …), or a plain Chinese numeral ("一", "两", "十二", "两百") before a count unit only
  ("每年立一部法" → 1 部; "十分重要" is not 10 分).  Units are kept as normalised strings;
- a comparator stands before the figure ("≥", "至少", "不低于", "不超过", "突破", "达到" …) or
  after the unit ("以上", "以内", "内", "左右").  "达到"/"达" are read as ≥: reaching the
  figure or more meets the target.  A bare "8次" has no comparator (direction UNSTATED);
- "每年", "每两个月" are kept as the clause's ``per``; calendar references ("2022年", "8月"),
  ordinals ("第一次") and slogans ("两个确立") are not figures;
- "十余次", "200余人次", "两百多件", "约50人" are APPROXIMATE; "n+1次", "约n次" are SYMBOLIC;
  neither is measurable;
- a clause that is only a number, with or without a comparator ("50", "≥95", "100以上",
  "1-2", "3,800"), is a figure without a unit (``unit`` ""): a measurable target or actual;
- a clause without a figure is QUALITATIVE ("满意", "预算内资金"); one with several figures, or
  with a number in words but no recognised unit ("达到10水平"), is UNPARSED with a reason.

The target's kind is BLANK, QUALITATIVE (every clause qualitative), the kind of its only clause,
or COMPOUND (several clauses, at least one not qualitative).  A cell longer than
:data:`MAX_TARGET_LENGTH` (10,000) characters is not read: it is UNPARSED with the reason.

>>> parse_amount("4,026.30").value
Decimal('4026.30')
>>> parse_amount("85　").value
Decimal('85')
>>> parse_amount("——").status
<CellStatus.BLANK: 'blank'>
>>> parse_amount("全年预算数与执行数差额的原因是支付天然气借款6.03万。").status
<CellStatus.NOTE: 'note'>
>>> bad = parse_amount("4026,3")
>>> bad.status, bad.value, bad.reason
(<CellStatus.UNPARSED: 'unparsed'>, None, "misplaced thousands separator in '4026,3'")
>>> cell = parse_percent("76.58%")
>>> cell.points, cell.places
(Decimal('76.58'), 2)
>>> parse_target("24-26次").numbers
(Decimal('24'), Decimal('26'))
>>> parse_target("50").measurable
True
>>> parse_date("2023.6.9").value
datetime.date(2023, 6, 9)
"""

import datetime
import enum
import re
from decimal import Decimal

import attrs

from budget_perf._celltext import has_cjk, is_blank, normalise
from budget_perf._decimal import (
    check_bounds,
    decimal_places,
    in_library_context,
    optional_decimal,
    to_decimal,
)
from budget_perf._targets import (
    MAX_TARGET_LENGTH,
    Comparator,
    Target,
    TargetClause,
    TargetDirection,
    TargetKind,
    parse_target,
)
from budget_perf.errors import InvalidAmount

__all__ = [
    "MAX_TARGET_LENGTH",
    "AmountCell",
    "CellStatus",
    "Comparator",
    "DateCell",
    "MoneyUnit",
    "PercentCell",
    "Target",
    "TargetClause",
    "TargetDirection",
    "TargetKind",
    "parse_amount",
    "parse_date",
    "parse_percent",
    "parse_target",
]


class CellStatus(enum.Enum):
    """What a parsed amount, percent or date cell turned out to hold."""

    VALUE = "value"
    BLANK = "blank"
    NOTE = "note"
    UNPARSED = "unparsed"


class MoneyUnit(enum.Enum):
    """The money unit an amount cell named; amounts are converted exactly to 万元."""

    YUAN = "元"
    WAN_YUAN = "万元"
    YI_YUAN = "亿元"

    @property
    def wan_yuan_exponent(self) -> int:
        """The power of ten that turns an amount in this unit into 万元 (元 → -4)."""
        return {"元": -4, "万元": 0, "亿元": 4}[self.value]


_ENUM = attrs.validators.instance_of


@attrs.frozen(kw_only=True)
class AmountCell:
    """A money cell: ``value`` in 万元 when ``status`` is VALUE, else None and a ``reason``."""

    raw: str = attrs.field(validator=_ENUM(str))
    status: CellStatus = attrs.field(validator=_ENUM(CellStatus))
    value: Decimal | None = attrs.field(default=None, validator=optional_decimal)
    #: The unit the text named (None: no unit written, 万元 by the tables' convention).
    stated_unit: MoneyUnit | None = attrs.field(
        default=None, validator=attrs.validators.optional(_ENUM(MoneyUnit))
    )
    reason: str = attrs.field(default="", validator=_ENUM(str))


@attrs.frozen(kw_only=True)
class PercentCell:
    """A rate cell in percent points ("76.58%" → 76.58) and the decimals it was written with."""

    raw: str = attrs.field(validator=_ENUM(str))
    status: CellStatus = attrs.field(validator=_ENUM(CellStatus))
    points: Decimal | None = attrs.field(default=None, validator=optional_decimal)
    places: int | None = attrs.field(default=None, validator=attrs.validators.optional(_ENUM(int)))
    #: Whether a "%" sign was written (a bare "100" is read as 100 percent points too).
    has_sign: bool = attrs.field(default=False, validator=_ENUM(bool))
    reason: str = attrs.field(default="", validator=_ENUM(str))


@attrs.frozen(kw_only=True)
class DateCell:
    """A date cell such as 填报日期 "2023.6.9"; ``value`` is None unless ``status`` is VALUE."""

    raw: str = attrs.field(validator=_ENUM(str))
    status: CellStatus = attrs.field(validator=_ENUM(CellStatus))
    value: datetime.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(_ENUM(datetime.date))
    )
    reason: str = attrs.field(default="", validator=_ENUM(str))


_NUMBER = r"(?P<sign>-)?(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
_AMOUNT = re.compile(_NUMBER + r"\s*(?P<unit>亿元|亿|万元|万|元)?")
_PERCENT = re.compile(_NUMBER + r"\s*(?P<pct>%)?")
_UNITS = {"元": MoneyUnit.YUAN, "万": MoneyUnit.WAN_YUAN, "亿": MoneyUnit.YI_YUAN}
_COMPARATOR = re.compile(
    r"^(?:[≥≤<>=]|不低于|不少于|不超过|不高于|至少|达到)|[0-9]\s*%?\s*(?:以上|以下|以内)$"
)
_BAD_GROUPING = re.compile(r"[0-9],[0-9]|,[0-9]{1,2}(?![0-9])|[0-9]{4,},")
_DATE = re.compile(
    r"(?P<y>[0-9]{4})(?:(?P<sep>[./-])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
    r"|\s*年\s*(?P<cm>[0-9]{1,2})\s*月\s*(?P<cd>[0-9]{1,2})\s*[日号]?)"
)


def _non_value(text: str, what: str) -> tuple[CellStatus, str]:
    """Classify a cell that is not a figure: blank, a Chinese note, or unparsed with a reason."""
    if is_blank(text):
        return CellStatus.BLANK, f"blank marker {text!r}" if text else "empty cell"
    if _COMPARATOR.search(text):
        return CellStatus.UNPARSED, f"{text!r} states a target with a comparator; use parse_target"
    if has_cjk(text):
        return CellStatus.NOTE, "text, not a figure"
    if text.startswith("(") and text.endswith(")"):
        return CellStatus.UNPARSED, f"a figure in parentheses is not read: {text!r}"
    if "," in text and _BAD_GROUPING.search(text):
        return CellStatus.UNPARSED, f"misplaced thousands separator in {text!r}"
    return CellStatus.UNPARSED, f"{text!r} is not {what}"


def _shift(number: Decimal, places: int) -> Decimal:
    """Multiply by a power of ten exactly (``scaleb`` would round to the context precision)."""
    sign, digits, stated = number.as_tuple()
    exponent = int(stated)  # finite by construction: the text matched a plain decimal
    if exponent + places > 0:  # write whole numbers without an exponent: "1.5亿" → 15000
        return Decimal((sign, digits + (0,) * (exponent + places), 0))
    return Decimal((sign, digits, exponent + places))


@in_library_context
def parse_amount(text: str) -> AmountCell:
    """Read a money cell as an exact amount in 万元.

    A number without a unit is taken as 万元, the unit of every table; "万"/"万元" are 万元;
    "元" and "亿"/"亿元" are converted exactly (÷10000, ×10000) and ``stated_unit`` records what
    was written.  Thousands separators must group by three.  Exponents ("1E+3"), a leading "+",
    currency signs, figures in parentheses and amounts beyond the bounds of a figure (more
    than 15 digits before the point or 6 after, in 万元) are UNPARSED.

    >>> parse_amount("１２３．４").value
    Decimal('123.4')
    >>> cell = parse_amount("850000元")
    >>> cell.value, cell.stated_unit
    (Decimal('85.0000'), <MoneyUnit.YUAN: '元'>)
    >>> parse_amount("(实际支出为124，差额原因为业务科室报账不及时）").status
    <CellStatus.NOTE: 'note'>
    >>> parse_amount("(12.5)").reason
    "a figure in parentheses is not read: '(12.5)'"
    """
    raw, text = text, normalise(text)
    match = _AMOUNT.fullmatch(text)
    if match is None:
        status, reason = _non_value(text, "an amount")
        return AmountCell(raw=raw, status=status, reason=reason)
    number = to_decimal((match["sign"] or "") + match["num"].replace(",", ""), bounded=False)
    unit = _UNITS[match["unit"][0]] if match["unit"] else None
    if unit is not None:
        number = _shift(number, unit.wan_yuan_exponent)
    try:  # the bounds apply to the amount in 万元
        check_bounds(number, field="amount" if unit is None else "amount in 万元")
    except InvalidAmount as refused:
        return AmountCell(raw=raw, status=CellStatus.UNPARSED, reason=str(refused))
    return AmountCell(raw=raw, status=CellStatus.VALUE, value=number, stated_unit=unit)


@in_library_context
def parse_percent(text: str) -> PercentCell:
    """Read a rate cell as percent points, remembering the decimals as stated.

    A bare number is read as percent points ("100" → 100, so "0.95" is 0.95%, not 95%);
    ``has_sign`` tells whether "%" was written.  "‰", comparators ("≥95%") and figures beyond
    the bounds (more than 15 digits before the point or 6 after) are UNPARSED.

    >>> cell = parse_percent("0.6%")
    >>> cell.points, cell.places
    (Decimal('0.6'), 1)
    >>> parse_percent("１００％").points
    Decimal('100')
    >>> parse_percent("≥95%").reason
    "'≥95%' states a target with a comparator; use parse_target"
    """
    raw, text = text, normalise(text)
    match = _PERCENT.fullmatch(text)
    if match is None:
        status, reason = _non_value(text, "a percentage")
        return PercentCell(raw=raw, status=status, reason=reason)
    try:
        number = to_decimal((match["sign"] or "") + match["num"].replace(",", ""), field="rate")
    except InvalidAmount as refused:  # beyond the bounds of a figure
        return PercentCell(raw=raw, status=CellStatus.UNPARSED, reason=str(refused))
    return PercentCell(
        raw=raw, status=CellStatus.VALUE, points=number,
        places=decimal_places(number), has_sign=match["pct"] is not None,
    )  # fmt: skip


def parse_date(text: str) -> DateCell:
    """Read a date cell: "2023.6.9", "2023-06-09", "2023/6/9" or "2023年6月9日".

    The separators of one date must agree; an impossible date is UNPARSED, not raised.
    Dates never produce a NOTE: anything that is not a date is UNPARSED.

    >>> parse_date("2023年6月9日").value
    datetime.date(2023, 6, 9)
    >>> parse_date("2023.2.30").reason
    "'2023.2.30' is not a calendar date (day is out of range for month)"
    """
    raw, text = text, normalise(text)
    if is_blank(text):
        return DateCell(raw=raw, status=CellStatus.BLANK, reason=_non_value(text, "")[1])
    match = _DATE.fullmatch(text)
    if match is None:
        return DateCell(
            raw=raw, status=CellStatus.UNPARSED,
            reason=f"{text!r} is not a date like 2023.6.9, 2023-06-09 or 2023年6月9日",
        )  # fmt: skip
    month, day = match["m"] or match["cm"], match["d"] or match["cd"]
    try:
        value = datetime.date(int(match["y"]), int(month), int(day))
    except ValueError as error:
        return DateCell(
            raw=raw, status=CellStatus.UNPARSED,
            reason=f"{text!r} is not a calendar date ({error})",
        )  # fmt: skip
    return DateCell(raw=raw, status=CellStatus.VALUE, value=value)
