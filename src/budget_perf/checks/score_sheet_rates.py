"""Score-sheet rate items (BP608): items of the score sheet that are rates of the basic data table.

The 2013 framework's score sheet (rules.md §8) scores several rates the basic data table holds
the figures of.  Where a 三级 row names one of them and the basic data table states both
figures, the rate is recomputed by §5's formula and

- the row's stated value ("92%", "108.70%") is compared with it at its printed precision;
- where the rule profile in force scores that rate with the row's own 分值 (Hunan: 在职人员控制率
  5 分), the stated 得分 is compared with the profile's score at its printed precision.

| 三级 row | rate | formula |
|---|---|---|
| 在职人员控制率, 财政供养人员控制率 | staff_control_rate | 实际在职人数 / 编制数 |
| 三公经费控制率 | three_public_control_rate | 三公经费本年决算 / 本年预算 |
| 公用经费控制率 | operating_funds_control_rate | 公用经费本年决算 / 本年预算 |
| 政府采购执行率 | procurement_execution_rate | 政府采购本年决算 / 本年预算 |

Provinces read these rows differently (which budget, which year, a scoring rule of their own),
so a disagreement is a warning for a reviewer, never an error.  A row whose 分值 differs from
the profile's rule is not scored (the sheet follows another rule), and nothing is said about a
row, a stated value or a score the copy does not show.
"""

from collections.abc import Callable, Iterator
from decimal import Decimal

from budget_perf._decimal import HUNDRED, round_half_up
from budget_perf.cells import CellStatus, parse_percent
from budget_perf.checks._walk import Agreement, compare_percent, compare_stated
from budget_perf.checks.finding import Finding, Severity, Value
from budget_perf.checks.registry import CheckContext, Rule, RuleFamily
from budget_perf.model import BasicDataTable, ExpenseRow, ScoreItem
from budget_perf.rates import NOT_APPLICABLE, Ratio, control_rate

__all__ = ["RULES", "rate_of_item"]

_Inputs = list[tuple[str, Value]]
_Derived = tuple[Ratio, str, str, _Inputs]
_Formula = Callable[[BasicDataTable], "_Derived | None"]


def _final_over_budget(row: ExpenseRow | None, field: str, zh: str) -> "_Derived | None":
    if row is None or row.current_final is None or row.current_budget is None:
        return None
    base = f"$.basic_data.{field}"
    return (
        control_rate(row.current_final, row.current_budget),
        f"{zh}本年决算数 / 本年预算数",
        f"{row.current_final} / {row.current_budget}",
        [
            (f"{base}.current_final", row.current_final),
            (f"{base}.current_budget", row.current_budget),
        ],
    )


def _staff(data: BasicDataTable) -> "_Derived | None":
    staffing = data.staffing
    rate = None if staffing is None else staffing.control_rate()
    if staffing is None or rate is None:
        return None
    return (
        rate,
        "实际在职人数 / 编制数",
        f"{staffing.in_post} / {staffing.authorised}",
        [
            ("$.basic_data.staffing.in_post", staffing.in_post),
            ("$.basic_data.staffing.authorised", staffing.authorised),
        ],
    )


_RATES: tuple[tuple[tuple[str, ...], str, _Formula], ...] = (
    (("在职人员控制率", "财政供养人员控制率"), "staff_control_rate", _staff),
    (
        ("三公经费控制率",),
        "three_public_control_rate",
        lambda data: _final_over_budget(data.three_public, "three_public", "三公经费"),
    ),
    (
        ("公用经费控制率",),
        "operating_funds_control_rate",
        lambda data: _final_over_budget(data.operating_funds, "operating_funds", "公用经费"),
    ),
    (
        ("政府采购执行率",),
        "procurement_execution_rate",
        lambda data: _final_over_budget(data.procurement, "procurement", "政府采购"),
    ),
)


def rate_of_item(name: str) -> str | None:
    """The key of the basic-data rate a score-sheet row names, or ``None``.

    >>> rate_of_item("“财政供养人员控制率"), rate_of_item("预算执行率")
    ('staff_control_rate', None)
    """
    label = name.strip().strip("“”\"'")
    for names, key, _ in _RATES:
        if label in names:
            return key
    return None


def _items(context: CheckContext) -> Iterator[tuple[str, ScoreItem]]:
    sheet = context.evaluation.score_sheet
    if sheet is None:
        return
    for i, group in enumerate(sheet.groups):
        for j, sub in enumerate(group.groups):
            for k, item in enumerate(sub.items):
                yield f"$.score_sheet.groups[{i}].groups[{j}].items[{k}]", item


def _score_sheet_rates(context: CheckContext, rule: Rule) -> Iterator[Finding]:
    data = context.evaluation.basic_data
    if data is None:
        return
    formulas = {key: formula for _, key, formula in _RATES}
    for path, item in _items(context):
        key = rate_of_item(item.name)
        if key is None:
            continue
        derived = formulas[key](data)
        if derived is None or derived[0] is NOT_APPLICABLE:
            continue
        yield from _stated_value(rule, path, item, derived)
        yield from _stated_score(context, rule, path, item, key, derived)


def _stated_value(rule: Rule, path: str, item: ScoreItem, derived: _Derived) -> Iterator[Finding]:
    rate, formula, figures, inputs = derived
    parsed = parse_percent(item.stated_value) if item.is_shown("stated_value") else None
    if parsed is None or parsed.status is not CellStatus.VALUE or parsed.points is None:
        return
    comparison = compare_percent(rate, parsed.points)
    if comparison is None or comparison.agreement is not Agreement.DISAGREES:
        return
    yield rule.finding(
        path=f"{path}.stated_value",
        stated=parsed.points,
        expected=comparison.expected,
        formula=formula,
        inputs=inputs,
        message_zh=f"评分表「{item.name}」填报值为{item.stated_value}，"
        f"按基础数据表{formula}（{figures}）为{_percent(rate)}%",
        message_en=f"score sheet row '{item.name}' states {item.stated_value}; the basic data "
        f"table gives {formula} = {figures} = {_percent(rate)}%",
    )


def _stated_score(
    context: CheckContext,
    rule: Rule,
    path: str,
    item: ScoreItem,
    key: str,
    derived: _Derived,
) -> Iterator[Finding]:
    rate, formula, _, inputs = derived
    profile = context.profile
    if item.stated_score is None or item.weight is None or not item.is_shown("stated_score"):
        return
    try:
        weight = profile.rate_rule(key).weight
    except KeyError:
        return  # the profile does not score this rate: the sheet's arithmetic only
    if weight != item.weight:
        return  # the sheet scores the row out of other points: another rule
    expected = profile.score_rate(key, rate)
    if not isinstance(expected, Decimal):
        return
    comparison = compare_stated(expected, item.stated_score, full=item.weight)
    if comparison.agreement is Agreement.AGREES:
        return
    yield rule.finding(
        path=f"{path}.stated_score",
        stated=item.stated_score,
        expected=comparison.expected,
        formula=f"{profile.key}: {key}",
        inputs=[(f"{path}.weight", item.weight), *inputs],
        message_zh=f"评分表「{item.name}」得分为{item.stated_score}，按{profile.title}的评分规则，"
        f"{formula}为{_percent(rate)}%应得{comparison.exact}分",
        message_en=f"score sheet row '{item.name}' scores {item.stated_score}; profile "
        f"{profile.key} gives {comparison.exact} for a rate of {_percent(rate)}%",
    )


def _percent(rate: Ratio) -> Decimal | str:
    """*rate* as a percent at two decimals, for a message."""
    return round_half_up(rate * HUNDRED, 2) if isinstance(rate, Decimal) else "—"


_FAMILY = RuleFamily(name="score sheet", severity=Severity.WARNING)

RULES = (
    _FAMILY.rule(
        "BP608",
        "评分表中基础数据表比率的填报值与得分相符",
        "Score-sheet rows that are basic-data rates state the rate and the profile's score",
        "The 2013 framework scores rates the basic data table holds the figures of; provinces "
        "read them differently, so a disagreement is for a reviewer to judge.",
        _score_sheet_rates,
    ),
)
