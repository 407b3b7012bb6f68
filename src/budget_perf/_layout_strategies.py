"""Hypothesis strategies for the parts of other provinces' layouts (private).

:mod:`budget_perf.strategies` exports what is public here; see its docstring.  Everything drawn
is consistent: execution rows add up to their total row and state their own rate and score;
折算得分 is 单项得分 × 权重占比 exactly; 得分 is 权重 × 得分系数; a score sheet's levels add up
to their stated 分值 and its 总分 to the sum of its rows; blank rows state nothing; a part not
shown holds nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from budget_perf._decimal import CENT, ZERO, round_half_up
from budget_perf.model import (
    AmountUnit,
    BasicDataTable,
    DepartmentTable,
    ExpenseRow,
    Funding,
    FundSource,
    FundTotal,
    Indicator,
    IndicatorTree,
    Level2,
    Level2Group,
    RateBasis,
    Region,
    ScoreGroup,
    ScoreItem,
    ScoreSheet,
    ScoreSubgroup,
    SelfEvaluation,
    SpendingKind,
    SpendingRow,
    convert_amount,
)
from budget_perf.rates import NOT_APPLICABLE, Ratio, to_percent

__all__ = ["dress_evaluation", "regions", "score_sheets"]

_MICRO = Decimal("0.000001")
HALF = Decimal("0.5")
TEN = Decimal(10)

_PLACES = (
    ("湖南省", "岳阳市", "岳阳县"),
    ("湖南省", "衡阳市", "衡山县"),
    ("云南省", "临沧市", "永德县"),
    ("贵州省", "遵义市", "绥阳县"),
    ("四川省", "德阳市", "中江县"),
    ("湖北省", "黄冈市", ""),
    ("上海市", "", "普陀区"),
)
_LEVEL1_LABELS = ("投入", "过程", "产出", "效果", "规划", "执行", "决策", "效益")
_LEVEL2_LABELS = (
    "目标设定",
    "预算配置",
    "预算执行",
    "预算管理",
    "资产管理",
    "职责履行",
    "履职效益",
)
_EXPLANATIONS = ("", "在职人数÷核定编制数×100%", "是否设定年度绩效目标")
_CRITERIA = ("", "不超过100%得满分，每超1个百分点扣0.5分", "完整得满分")
_ITEM_NAMES = (
    "绩效目标合理性", "绩效指标明确性", "在职人员控制率", "三公经费变动率", "重点支出安排率",
    "预算完成率", "预算调整率", "支付进度率", "结转结余率", "公用经费控制率", "政府采购执行率",
    "管理制度健全性", "资金使用合规性", "预决算信息公开性", "基础信息完善性", "实际完成率",
    "完成及时率", "质量达标率", "重点工作办结率", "社会公众或服务对象满意度",
)  # fmt: skip
#: The 二级 categories of the national table (a blank row may stand for any of them).
_NATIONAL_LEVEL2 = tuple(c for c in Level2 if c is not Level2.PROGRESS)
_BLANK_ROWS = ("……", "3、省级专项资金(每个专项一行)", "其他")
#: Parts of a report, and of its tables, that a copy may not show without any rule reading them.
_QUIET_REPORT_PARTS = ("narrative", "attachments", "review_rubric", "other_budgets", "stated_grade")
_QUIET_PROJECT_PARTS = ("goal", "notes", "conclusion", "problems", "improvements")
_QUIET_BASIC_PARTS = ("procurement", "basic_budget_adjustment", "notes", "austerity_measures")


def _stated(ratio: Ratio) -> Decimal | None:
    percent = to_percent(ratio)
    return None if percent is NOT_APPLICABLE else percent


def _score(weight: Decimal, ratio: Ratio) -> Decimal | None:
    if ratio is NOT_APPLICABLE:
        return None
    return round_half_up(weight * min(ratio, Decimal(1)))


@st.composite
def regions(draw: st.DrawFn) -> Region:
    """A place as a report prints it: some of its province, city and county, never a guess.

    >>> from hypothesis import find
    >>> find(regions(), lambda region: True)
    Region(province='', city='', county='')
    """
    province, city, county = draw(st.sampled_from(_PLACES))
    return Region(
        province=province if draw(st.booleans()) else "",
        city=city if draw(st.booleans()) else "",
        county=county if draw(st.booleans()) else "",
    )


def _split(draw: st.DrawFn, total: Decimal, parts: int) -> list[Decimal]:
    """*parts* positive half-point weights adding up to *total* (fewer if *total* is small)."""
    steps = int(total / HALF)
    parts = max(1, min(parts, steps))
    cuts = sorted(
        draw(
            st.lists(
                st.integers(min_value=1, max_value=max(1, steps - 1)),
                min_size=parts - 1,
                max_size=parts - 1,
                unique=True,
            )
        )
    )
    return [(b - a) * HALF for a, b in zip([0, *cuts], [*cuts, steps], strict=True)]


@st.composite
def _score_item(draw: st.DrawFn, number: int, weight: Decimal) -> ScoreItem:
    score = draw(st.sampled_from([weight, weight, round_half_up(weight * Decimal("0.8")), ZERO]))
    return ScoreItem(
        number=f"{number}、",
        name=draw(st.sampled_from(_ITEM_NAMES)),
        weight=weight,
        explanation=draw(st.sampled_from(_EXPLANATIONS)),
        criteria=draw(st.sampled_from(_CRITERIA)),
        stated_value=draw(st.sampled_from(["", "100%", "76.58%", "高", "好"])),
        stated_score=score,
    )


@st.composite
def score_sheets(draw: st.DrawFn, *, cut: bool | None = False) -> ScoreSheet:
    """A department score sheet whose levels and 总分 add up (rules.md §8).

    With ``cut=True`` (or ``None``, drawn) the sheet may be cut like an excerpt: the rows after
    the last shown one are missing, its last 一级 no longer adds up, the last row's score and
    the 总分 are not shown.

    >>> from hypothesis import find
    >>> sheet = find(score_sheets(), lambda sheet: True)
    >>> sheet.stated_total_weight == sheet.weight_of_items() == sum(
    ...     g.stated_weight for g in sheet.groups)
    True
    """
    number = 0
    groups = []
    labels = draw(st.lists(st.sampled_from(_LEVEL1_LABELS), min_size=1, max_size=3, unique=True))
    for label, weight in zip(labels, _split(draw, Decimal(100), len(labels)), strict=False):
        subgroups = []
        names = draw(st.lists(st.sampled_from(_LEVEL2_LABELS), min_size=1, max_size=3, unique=True))
        for name, sub_weight in zip(names, _split(draw, weight, len(names)), strict=False):
            items = []
            count = draw(st.integers(min_value=1, max_value=3))
            for item_weight in _split(draw, sub_weight, count):
                number += 1
                items.append(draw(_score_item(number, item_weight)))
            total = sum((i.stated_score for i in items if i.stated_score is not None), ZERO)
            printed = draw(st.booleans())
            subgroups.append(
                ScoreSubgroup(
                    label=f"{name}({sub_weight}分)",
                    stated_weight=sub_weight,
                    stated_score=total if printed else None,
                    items=tuple(items),
                )
            )
        group = ScoreGroup(label=label, stated_weight=weight, groups=tuple(subgroups))
        if draw(st.booleans()):  # a printed subtotal
            scores = (i.stated_score for i in group.items() if i.stated_score is not None)
            group = attrs.evolve(group, stated_score=sum(scores, ZERO))
        groups.append(group)
    sheet = ScoreSheet(
        title="部门整体支出绩效评价指标表",
        groups=tuple(groups),
        stated_total_weight=Decimal(100),
        stated_total_score=sum(
            (i.stated_score for g in groups for i in g.items() if i.stated_score is not None), ZERO
        ),
    )
    if cut is None:
        cut = draw(st.booleans())
    return _cut(sheet) if cut else sheet


def _cut(sheet: ScoreSheet) -> ScoreSheet:
    """*sheet* as an excerpt shows it: its last row's score and its 总分 cut, rows after gone."""
    last_group = sheet.groups[-1]
    last_sub = last_group.groups[-1]
    row = last_sub.items[-1]
    row = attrs.evolve(row, stated_score=None, criteria="", not_shown=("criteria", "stated_score"))
    last_sub = attrs.evolve(last_sub, items=(*last_sub.items[:-1], row), stated_score=None)
    last_group = attrs.evolve(
        last_group, groups=(*last_group.groups[:-1], last_sub), stated_score=None
    )
    return attrs.evolve(
        sheet,
        groups=(*sheet.groups[:-1], last_group),
        stated_total_weight=None,
        stated_total_score=None,
        not_shown=("stated_total_weight", "stated_total_score"),
        cut=True,
    )


def _column_split(draw: st.DrawFn, amount: Decimal | None) -> tuple[Decimal | None, ...]:
    if amount is None:
        return (None, None)
    cents = int(amount / CENT)
    first = draw(st.integers(min_value=0, max_value=cents)) * CENT
    return (first, amount - first)


def _spending_row(
    kind: SpendingKind, amounts: tuple[Decimal | None, ...], basis: RateBasis
) -> SpendingRow:
    row = SpendingRow(
        kind=kind,
        label=kind.value,
        initial_budget=amounts[0],
        full_year_budget=amounts[1],
        executed=amounts[2],
        weight=TEN,
    )
    rate = row.execution_rate(basis)
    if rate is None:
        return row
    return attrs.evolve(row, stated_execution_rate=_stated(rate), stated_score=_score(TEN, rate))


@st.composite
def _dress_funding(
    draw: st.DrawFn, funding: Funding, *, initial_basis: bool, rows: bool | None = None
) -> Funding:
    """Execution rows on *funding*: scored sources, 基本/项目支出 rows (drawn unless *rows* says),
    the 年初 basis if asked."""
    total = funding.total
    if total is None:
        return funding
    basis = RateBasis.INITIAL_BUDGET if initial_basis else RateBasis.FULL_YEAR_BUDGET
    sources = []
    for source in funding.sources:
        if draw(st.booleans()):
            rate = source.execution_rate(basis)
            if rate is not None:
                stated = _stated(rate)
                source = attrs.evolve(
                    source, weight=TEN, stated_execution_rate=stated, stated_score=_score(TEN, rate)
                )
        sources.append(source)
    spending: tuple[SpendingRow, ...] = ()
    if rows if rows is not None else draw(st.booleans()):
        amounts = (total.initial_budget, total.full_year_budget, total.executed)
        columns = [_column_split(draw, a) for a in amounts]
        basic, project = (tuple(column[i] for column in columns) for i in (0, 1))
        spending = (
            _spending_row(SpendingKind.BASIC, basic, basis),
            _spending_row(SpendingKind.PROJECT, project, basis),
        )
        if draw(st.booleans()):
            spending = (*spending, SpendingRow(kind=SpendingKind.OTHER, label="其他"))
    dressed = attrs.evolve(
        funding, sources=tuple(sources), spending_rows=spending, rate_basis=basis
    )
    rate = dressed.execution_rate()
    if initial_basis and rate is not None and funding.weight is not None:
        dressed = attrs.evolve(
            dressed, stated_execution_rate=_stated(rate), stated_score=_score(funding.weight, rate)
        )
    return dressed


@st.composite
def _dress_indicator(draw: st.DrawFn, indicator: Indicator) -> Indicator:
    """The columns of provincial layouts, each consistent with the row's figures."""
    weight, score = indicator.weight, indicator.score
    changes: dict[str, object] = {}
    if weight is not None and score is not None and weight > 0:
        if draw(st.booleans()):  # Hebei: 权重占比 and 折算得分 = 单项得分 × 权重占比, exactly
            weighted = (score * weight / 100).quantize(_MICRO)  # exact: 4 decimals at most
            changes.update(proportion=weight, stated_weighted_score=weighted)
        if draw(st.booleans()):  # Chongqing: 得分系数 = 得分 / 权重
            changes["score_coefficient"] = score / weight * 100
    if score is not None and score == weight and draw(st.booleans()):  # Yunnan: ≧ | 95 | %
        changes.update(nature="≥", target="95", measure_unit="%", actual="98%")
        if draw(st.booleans()):
            changes["adjusted_target"] = "96"
    elif draw(st.booleans()):
        changes["nature"] = "定性指标"
    if draw(st.booleans()):
        changes.update(completion="完成" if score == weight else "部分完成", core="否")
    return attrs.evolve(indicator, **changes)  # type: ignore[arg-type]


@st.composite
def _dress_tree(draw: st.DrawFn, tree: IndicatorTree, *, ungroup: bool) -> IndicatorTree:
    """Provincial columns on each indicator, blank 二级 rows, or rows without levels (Chongqing)."""
    groups = []
    for group in tree.groups:
        level2: list[Level2Group] = []
        for sub in group.groups:
            rows = tuple(draw(_dress_indicator(i)) for i in sub.indicators)
            level2.append(attrs.evolve(sub, indicators=rows))
        used = {sub.category for sub in group.groups}
        unused: list[Level2] = [
            c for c in _NATIONAL_LEVEL2 if c.level1 is group.category and c not in used
        ]
        blank: bool = bool(unused) and draw(st.booleans())
        if blank:  # a blank 二级 row
            level2.append(Level2Group(category=draw(st.sampled_from(unused))))
        label = f"{group.category.value}({group.stated_weight}分)"
        groups.append(attrs.evolve(group, groups=tuple(level2), label=label))
    dressed = attrs.evolve(tree, groups=tuple(groups))
    if ungroup:
        dressed = attrs.evolve(dressed, groups=(), ungrouped=tuple(dressed.indicators()))
    return dressed


@st.composite
def _dress_basic(draw: st.DrawFn, data: BasicDataTable, *, blank_parents: bool) -> BasicDataTable:
    """Blank template rows under a basic-data row (and, if asked, a parent printed blank)."""
    changes: dict[str, object] = {}
    for part in ("project_spending", "operating_funds"):
        row = getattr(data, part)
        if row is None or not row.children or not draw(st.booleans()):
            continue
        blank = ExpenseRow(label=draw(st.sampled_from(_BLANK_ROWS)))
        changes[part] = attrs.evolve(row, children=(*row.children, blank))
    if blank_parents and data.three_public is not None and data.three_public.children:
        top = data.three_public
        changes["three_public"] = attrs.evolve(
            top, previous_final=None, current_budget=None, current_final=None
        )
    if draw(st.booleans()):
        changes["not_shown"] = tuple(
            draw(st.lists(st.sampled_from(_QUIET_BASIC_PARTS), max_size=2, unique=True))
        )
    return attrs.evolve(data, **changes)  # type: ignore[arg-type]


def _in_unit(funding: Funding | None, unit: AmountUnit, to: AmountUnit) -> Funding | None:
    """*funding* with every amount expressed in *to* (percentages and scores unchanged)."""
    if funding is None:
        return None

    def convert(value: Decimal | None) -> Decimal | None:
        return None if value is None else convert_amount(value, unit, to)

    def row(value: _Row) -> _Row:
        return attrs.evolve(
            value,
            initial_budget=convert(value.initial_budget),
            full_year_budget=convert(value.full_year_budget),
            executed=convert(value.executed),
        )

    return attrs.evolve(
        funding,
        total=None if funding.total is None else row(funding.total),
        sources=tuple(row(s) for s in funding.sources),
        spending_rows=tuple(row(s) for s in funding.spending_rows),
    )


_Row = TypeVar("_Row", FundSource, FundTotal, SpendingRow)


@st.composite
def dress_evaluation(draw: st.DrawFn, report: SelfEvaluation, *, partial: bool) -> SelfEvaluation:
    """*report* with the parts of other provinces' layouts, all consistent.

    Without *partial*, only what every rule already reads correctly: a region, the report's
    unit (元 or 万元, tables stating the same), scored execution rows on the national basis,
    provincial indicator columns, blank template rows, a score sheet, and not-shown parts that
    no figure depends on.  With *partial*, also what needs a rule to honour the model: an
    unknown year, a project table in the other unit, rates on the 年初预算数, Chongqing's
    indicators without levels, project tables and trees cut from the copy, a parent row printed
    blank and a cut score sheet.
    """
    unit = draw(st.sampled_from(AmountUnit))
    other = AmountUnit.YUAN if unit is AmountUnit.WAN_YUAN else AmountUnit.WAN_YUAN
    projects = []
    for project in report.projects:
        funding = project.funding
        if funding is not None:
            funding = draw(_dress_funding(funding, initial_basis=partial and draw(st.booleans())))
        tree = project.indicators
        if tree is not None:
            tree = draw(_dress_tree(tree, ungroup=False))
        changed = attrs.evolve(
            project,
            funding=funding,
            indicators=tree,
            amount_unit=draw(st.sampled_from([None, unit])),
            not_shown=tuple(
                draw(st.lists(st.sampled_from(_QUIET_PROJECT_PARTS), max_size=3, unique=True))
            ),
        )
        if partial and draw(st.booleans()):
            changed = attrs.evolve(
                changed, amount_unit=other, funding=_in_unit(changed.funding, unit, other)
            )
        if partial and changed.indicators is not None and draw(st.booleans()):
            changed = attrs.evolve(
                changed,
                indicators=attrs.evolve(
                    changed.indicators,
                    cut=True,
                    stated_total_weight=None,
                    stated_total_score=None,
                    not_shown=("stated_total_weight", "stated_total_score"),
                ),
            )
        projects.append(changed)
    table = report.department_table
    if table is not None:
        table = _dress_department(draw, table, unit, partial=partial)
    basic = report.basic_data
    if basic is not None:
        basic = attrs.evolve(
            draw(_dress_basic(basic, blank_parents=partial)),
            amount_unit=draw(st.sampled_from([None, unit])),
        )
    hidden = list(draw(st.lists(st.sampled_from(_QUIET_REPORT_PARTS), max_size=3, unique=True)))
    year = report.year
    if partial and draw(st.booleans()):
        year = None
    if partial and draw(st.booleans()):
        projects, hidden = [], [*hidden, "projects"]
    return attrs.evolve(
        report,
        year=year,
        region=draw(st.none() | regions()),
        amount_unit=unit,
        projects=tuple(projects),
        department_table=table,
        basic_data=basic,
        score_sheet=draw(st.none() | score_sheets(cut=None if partial else False)),
        not_shown=tuple(hidden),
    )


def _dress_department(
    draw: st.DrawFn, table: DepartmentTable, unit: AmountUnit, *, partial: bool
) -> DepartmentTable:
    funding = table.funding
    if funding is not None:
        funding = draw(_dress_funding(funding, initial_basis=False))
    tree = table.indicators
    if tree is not None:
        tree = draw(_dress_tree(tree, ungroup=partial and draw(st.booleans())))
    income = sum((line.amount for line in table.income_split if line.amount is not None), ZERO)
    spending = sum((line.amount for line in table.spending_split if line.amount is not None), ZERO)
    printed = draw(st.booleans())
    return attrs.evolve(
        table,
        funding=funding,
        indicators=tree,
        amount_unit=draw(st.sampled_from([None, unit])),
        income_split_total=income if printed and table.income_split else None,
        spending_split_total=spending if printed and table.spending_split else None,
    )
