"""The twelve corpus tables (tests/data/corpus, from /work/shared/corpus) built into the model.

No reader exists yet for these layouts, so each file has a small builder here that reads its grid
cell by cell (``grid(row, column)``, both 1-based as the files' ``uncertain`` notes count them)
and states in the model what the table prints — no more: figures as printed (never corrected),
labels as printed, a blank cell as blank, and what the excerpt cut as not shown.  Template
placeholder rows ("指标2", "……") that print nothing are not indicators and are left out.

A region is what the grid prints of a place (a unit named "临沧市永德县明朗中学" prints 临沧市 and
永德县); nothing is looked up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import budget_perf as bp
from budget_perf.cells import CellStatus, parse_amount, parse_percent

CORPUS = Path(__file__).parent / "data" / "corpus"
FILES = tuple(sorted(path.name for path in CORPUS.glob("*.json")))


@attrs.frozen
class Grid:
    """One table of a corpus file: its title and rows of cells."""

    title: str
    rows: tuple[tuple[str, ...], ...]

    def __call__(self, row: int, column: int) -> str:
        """The cell at *row*, *column* (1-based) as printed."""
        return self.rows[row - 1][column - 1]

    def amount(self, row: int, column: int) -> Decimal | None:
        """An amount, weight or score cell: its figure, None where blank ("", "—", "-")."""
        return _figure(parse_amount(self(row, column)), self(row, column))

    def percent(self, row: int, column: int) -> Decimal | None:
        """A rate cell in percent points ("86.19%" → 86.19), None where blank."""
        cell = parse_percent(self(row, column))
        if cell.status is CellStatus.BLANK:
            return None
        if cell.status is not CellStatus.VALUE or cell.points is None:
            raise ValueError(f"not a percent: {self(row, column)!r}")
        return cell.points

    def after(self, row: int, column: int) -> str:
        """The text after a label's colon ("部门:临沧市永德县明朗中学" → "临沧市永德县明朗中学")."""
        return re.split(r"[:：]", self(row, column), maxsplit=1)[-1].strip()

    def labelled_amount(self, row: int, column: int) -> tuple[str, Decimal | None]:
        """A "label:figure" cell ("政府性基金拨款:118.82") as its label and its figure."""
        label, _, figure = self(row, column).replace("：", ":").rpartition(":")
        cell = parse_amount(figure)
        return label.strip(), _figure(cell, figure) if figure.strip() else None


def _figure(cell: Any, raw: str) -> Decimal | None:
    if cell.status is CellStatus.BLANK:
        return None
    if cell.status is not CellStatus.VALUE:
        raise ValueError(f"not a figure: {raw!r}")
    value: Decimal = cell.value
    return value


def load(name: str) -> dict[str, Any]:
    """The corpus file *name*, as JSON."""
    data: dict[str, Any] = json.loads((CORPUS / name).read_text("utf-8"))
    return data


def grids(name: str) -> tuple[Grid, ...]:
    """The tables of the corpus file *name*."""
    return tuple(
        Grid(title=t["title"], rows=tuple(tuple(r) for r in t["rows"]))
        for t in load(name)["tables"]
    )


# Indicator trees ------------------------------------------------------------------------------

_WEIGHT_IN_LABEL = re.compile(r"[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]")
_LEVEL1 = (
    ("产出", bp.Level1.OUTPUT),
    ("效益", bp.Level1.BENEFIT),
    ("效果", bp.Level1.BENEFIT),  # Hebei prints 效果指标 for the benefit block
    ("满意度", bp.Level1.SATISFACTION),
    ("成本", bp.Level1.COST),
)
_PLACEHOLDER = re.compile(r"^(?:……|指标\d+[:：]?)$")


def weight_in(label: str) -> Decimal | None:
    """The 分值 a label prints ("产出指标(70分)" → 70), None if it prints none."""
    match = _WEIGHT_IN_LABEL.search(label)
    return None if match is None else Decimal(match[1])


def level1_of(label: str, level2: bp.Level2 | None) -> bp.Level1:
    """The 一级 category a label names; a label reduced to its weight ("(50分)") takes the
    category its 二级 rows belong to."""
    for prefix, category in _LEVEL1:
        if label.startswith(prefix):
            return category
    if level2 is None:
        raise ValueError(f"no 一级 category in {label!r}")
    return level2.level1


def level2_of(label: str) -> bp.Level2:
    """The 二级 category a label names ("服务对象满意度指标等" → 服务对象满意度指标)."""
    for category in bp.Level2:
        if label.startswith(category.value.removesuffix("指标")):
            return category
    raise ValueError(f"no 二级 category in {label!r}")


def placeholder(name: str, *cells: str) -> bool:
    """A template row that prints nothing: "……", or "指标2" with every other cell blank."""
    return bool(_PLACEHOLDER.match(name.strip())) and not any(c.strip() for c in cells)


def tree_groups(
    grid: Grid,
    rows: Iterable[int],
    *,
    level1: int,
    level2: int,
    indicator: Callable[[int], bp.Indicator | None],
    goal: Callable[[int], str] = lambda row: "",
) -> tuple[bp.Level1Group, ...]:
    """The 一级 → 二级 → 三级 groups of *rows*: a label starts a group, a blank one continues it.

    A 一级 label printed again after a page break ("效益指标" twice) continues its group.
    """
    groups: list[dict[str, Any]] = []
    for row in rows:
        label1, label2 = grid(row, level1).strip(), grid(row, level2).strip()
        category2 = level2_of(label2) if label2 else None
        if label1:
            category = level1_of(label1, category2)
            same = groups and groups[-1]["category"] is category and groups[-1]["goal"] == goal(row)
            if not same:
                groups.append(
                    {
                        "category": category,
                        "label": label1,
                        "weight": weight_in(label1),
                        "goal": goal(row),
                        "level2": [],
                    }
                )
        if category2 is not None:
            groups[-1]["level2"].append({"category": category2, "label": label2, "rows": []})
        made = indicator(row)
        if made is not None:
            groups[-1]["level2"][-1]["rows"].append(made)
    return tuple(
        bp.Level1Group(
            category=g["category"],
            label=g["label"],
            stated_weight=g["weight"],
            goal=g["goal"],
            groups=tuple(
                bp.Level2Group(
                    category=s["category"], label=s["label"], indicators=tuple(s["rows"])
                )
                for s in g["level2"]
            ),
        )
        for g in groups
    )


# 01 Yunnan: 公开14表, 元, 指标性质 / 指标值 / 度量单位 -------------------------------------------


def yunnan_2022() -> bp.SelfEvaluation:
    """01: a Yunnan project table in 元 with 指标性质 and 度量单位 columns."""
    (g,) = grids("01_yunnan-yongde-minglang-school-2022.json")

    def indicator(row: int) -> bp.Indicator | None:
        name = g(row, 3)
        if not name:
            return None
        return bp.Indicator(
            name=name,
            nature=g(row, 4),
            target=g(row, 5),
            measure_unit=g(row, 6),
            actual=g(row, 7),
            weight=g.amount(row, 8),
            score=g.amount(row, 9),
            deviation_note=g(row, 10),
        )

    funding = bp.Funding(
        total=bp.FundTotal(
            initial_budget=g.amount(5, 5), full_year_budget=g.amount(5, 6), executed=g.amount(5, 7)
        ),
        sources=tuple(
            bp.FundSource(
                kind=kind,
                label=g(row, 2),
                initial_budget=g.amount(row, 5),
                full_year_budget=g.amount(row, 6),
                executed=g.amount(row, 7),
                weight=g.amount(row, 8),
                stated_score=g.amount(row, 10),
            )
            for row, kind in (
                (6, bp.FundKind.CURRENT_YEAR_APPROPRIATION),
                (7, bp.FundKind.PRIOR_YEAR_CARRYOVER),
                (8, bp.FundKind.OTHER_FUNDS),
            )
        ),
        weight=g.amount(5, 8),
        stated_execution_rate=g.percent(5, 9),
        stated_score=g.amount(5, 10),
    )
    tree = bp.IndicatorTree(
        groups=tree_groups(g, range(13, 23), level1=1, level2=2, indicator=indicator),
        stated_total_weight=g.amount(24, 8),
        stated_total_score=g.amount(24, 9),
    )
    project = bp.Project(
        name=g(2, 2),
        supervising_department=g(3, 2),
        implementing_unit=g(3, 7),
        amount_unit=bp.AmountUnit.YUAN,  # 项目资金(元)
        funding=funding,
        goal=bp.AnnualGoal(expected=g(10, 2), achieved=g(10, 7)),
        indicators=tree,
        notes=(g(23, 2),),  # 其他需要说明事项
        stated_grade=bp.Grade.from_label(g(24, 10)),
    )
    return bp.SelfEvaluation(
        year=2022,
        department=bp.Department(name=g.after(1, 1)),
        region=bp.Region(city="临沧市", county="永德县"),
        projects=(project,),
        title=g.title,
    )


# 02 Sichuan: 衔接资金 table, 分值 before the targets, 总分 of the indicators only -------------


def sichuan_2022() -> bp.SelfEvaluation:
    """02: Sichuan's 绩效目标自评表; its 总分 (100) adds up the indicators, not the funds' 10."""
    (g,) = grids("02_sichuan-zhongjiang-water-2022.json")

    def indicator(row: int) -> bp.Indicator | None:
        name = g(row, 4)
        if not name or placeholder(name, *(g(row, c) for c in range(5, 10))):
            return None
        return bp.Indicator(
            name=name,
            weight=g.amount(row, 5),
            target=g(row, 6),
            actual=g(row, 7),
            score=g.amount(row, 8),
            deviation_note=g(row, 9),
        )

    funding = bp.Funding(
        total=bp.FundTotal(full_year_budget=g.amount(4, 5), executed=g.amount(4, 6)),
        sources=(
            bp.FundSource(
                kind=bp.FundKind.CURRENT_YEAR_APPROPRIATION,
                label=g(5, 2),
                full_year_budget=g.amount(5, 5),
                executed=g.amount(5, 6),
            ),
            bp.FundSource(kind=bp.FundKind.OTHER_FUNDS, label=g(6, 2)),
        ),
        weight=g.amount(4, 7),
        stated_execution_rate=g.percent(4, 8),
        stated_score=g.amount(4, 9),
    )
    tree = bp.IndicatorTree(
        groups=tree_groups(g, range(10, 21), level1=2, level2=3, indicator=indicator),
        stated_total_weight=g.amount(21, 5),
        stated_total_score=g.amount(21, 8),
        total_includes_execution=False,
    )
    project = bp.Project(
        name=g(1, 2),
        supervising_department=g(2, 2),
        implementing_unit=g(2, 7),
        funding=funding,
        goal=bp.AnnualGoal(expected=g(8, 2), achieved=g(8, 6)),
        indicators=tree,
        signature=bp.Signature(phone=g(1, 7)),  # 负责人及电话: blanked in the corpus
    )
    return bp.SelfEvaluation(
        year=2022,
        department=bp.Department(name=g(2, 2)),
        region=bp.Region(county="中江县"),
        projects=(project,),
        title=g.title,
    )


# 03 Anhui: national table with 指标1/指标2/…… placeholders ---------------------------------


def anhui_tianchang_2022() -> bp.SelfEvaluation:
    """03: the national project table as Anhui fills it, 一级 labels reduced to "(50分)"."""
    (g,) = grids("03_anhui-tianchang-water-2022.json")

    def indicator(row: int) -> bp.Indicator | None:
        name = g(row, 4)
        figures = [g(row, c) for c in range(5, 10)]
        if placeholder(name, *figures) or name.endswith(":/"):  # "指标1:/ / /": not applicable
            return None
        return bp.Indicator(
            name=name,
            target=g(row, 5),
            actual=g(row, 6),
            weight=g.amount(row, 7),
            score=g.amount(row, 8),
            deviation_note=g(row, 9),
        )

    def source(row: int, kind: bp.FundKind) -> bp.FundSource:
        return bp.FundSource(
            kind=kind,
            label=g(row, 2),
            initial_budget=g.amount(row, 4),
            full_year_budget=g.amount(row, 5),
            executed=g.amount(row, 6),
            weight=g.amount(row, 7),
            stated_score=g.amount(row, 9),
        )

    funding = bp.Funding(
        total=bp.FundTotal(
            initial_budget=g.amount(4, 4), full_year_budget=g.amount(4, 5), executed=g.amount(4, 6)
        ),
        sources=(
            source(5, bp.FundKind.CURRENT_YEAR_APPROPRIATION),
            source(6, bp.FundKind.PRIOR_YEAR_CARRYOVER),
            source(7, bp.FundKind.OTHER_FUNDS),
        ),
        weight=g.amount(4, 7),
        stated_execution_rate=g.percent(4, 8),
        stated_score=g.amount(4, 9),
    )
    tree = bp.IndicatorTree(
        groups=tree_groups(g, range(11, 38), level1=2, level2=3, indicator=indicator),
        stated_total_weight=g.amount(38, 7),
        stated_total_score=g.amount(38, 8),
    )
    project = bp.Project(
        name=g(1, 2),
        supervising_department=g(2, 2),
        implementing_unit=g(2, 6),
        funding=funding,
        goal=bp.AnnualGoal(expected=g(9, 2), achieved=g(9, 6)),
        indicators=tree,
    )
    return bp.SelfEvaluation(
        year=2022,
        department=bp.Department(name=g(2, 6)),
        region=bp.Region(county="天长市"),
        projects=(project,),
        title=g.title,
    )


# 04 Hubei: 预算执行 (20分) on 预算数(A), two goal blocks of 40 ---------------------------------


def hubei_2020() -> bp.SelfEvaluation:
    """04: Hubei's project table: the rate on 预算数(A), weighed 20; indicators print no 分值."""
    (g,) = grids("04_hubei-huanggang-soil-monitoring-2020.json")

    def indicator(row: int) -> bp.Indicator | None:
        if not g(row, 4):
            return None
        return bp.Indicator(
            name=g(row, 4),
            target=g(row, 5),
            actual=g(row, 6),
            score=g.amount(row, 7),
            not_shown=("weight",),  # the layout has no 分值 column
        )

    def goal(row: int) -> str:
        return g(7, 1) if row < 12 else g(12, 1)

    rows = (*range(8, 12), *range(13, 17))
    groups = tree_groups(g, rows, level1=2, level2=3, indicator=indicator, goal=goal)
    funding = bp.Funding(
        total=bp.FundTotal(initial_budget=g.amount(6, 4), executed=g.amount(6, 5)),
        weight=weight_in(g(5, 1)),  # 预算执行情况(万元)(20分)
        stated_execution_rate=g.percent(6, 6),
        stated_score=g.amount(6, 7),
        rate_basis=bp.RateBasis.INITIAL_BUDGET,  # 执行率(B/A), A = 预算数
    )
    options = tuple(f"{g(row, col)}：{g(row, col + 1)}" for row, col in ((3, 5), (4, 1), (4, 5)))
    project = bp.Project(
        name=g(2, 2),
        supervising_department=g(2, 6),
        implementing_unit=g(3, 2),
        funding=funding,
        indicators=bp.IndicatorTree(
            groups=groups,
            stated_total_score=g.amount(17, 7),
            not_shown=("stated_total_weight",),
        ),
        notes=options,  # 项目类别 / 项目属性 / 项目类型 as printed, options and all
        problems=g(18, 2),
        improvements=g(19, 2),
        signature=bp.Signature(date_filed=date(2021, 3, 10)),  # 填报日期:2021年3月10日
    )
    return bp.SelfEvaluation(
        year=2020,
        department=bp.Department(name=g.after(1, 1)),
        region=bp.Region(city="黄冈市"),
        projects=(project,),
        title=g.title,
    )


# 05 Shanghai: two project tables in 元, the second cut in its indicator block ----------------


def shanghai_2022() -> bp.SelfEvaluation:
    """05: two Shanghai project tables in 元; the second's indicator figures are cut."""
    first, second = grids("05_shanghai-putuo-sports-2022.json")
    cut = ("target", "actual", "weight", "score", "deviation_note")

    def project(g: Grid, *, whole: bool) -> bp.Project:
        def indicator(row: int) -> bp.Indicator | None:
            if not g(row, 4):
                return None
            if not whole:
                return bp.Indicator(name=g(row, 4), not_shown=cut)
            return bp.Indicator(
                name=g(row, 4),
                target=g(row, 5),
                actual=g(row, 6),
                weight=g.amount(row, 7),
                score=g.amount(row, 8),
                deviation_note=g(row, 9),
            )

        def source(row: int, kind: bp.FundKind) -> bp.FundSource:
            return bp.FundSource(
                kind=kind,
                label=g(row, 2),
                initial_budget=g.amount(row, 4),
                full_year_budget=g.amount(row, 5),
                executed=g.amount(row, 6),
                weight=g.amount(row, 7),
            )

        funding = bp.Funding(
            total=bp.FundTotal(
                initial_budget=g.amount(4, 4),
                full_year_budget=g.amount(4, 5),
                executed=g.amount(4, 6),
            ),
            sources=(
                source(5, bp.FundKind.CURRENT_YEAR_APPROPRIATION),
                source(6, bp.FundKind.PRIOR_YEAR_CARRYOVER),
                source(7, bp.FundKind.OTHER_FUNDS),
            ),
            weight=g.amount(4, 7),
            stated_execution_rate=g.percent(4, 8),
            stated_score=g.amount(4, 9),
        )
        groups = tree_groups(g, range(11, 16), level1=2, level2=3, indicator=indicator)
        if whole:
            tree = bp.IndicatorTree(
                groups=groups,
                stated_total_weight=g.amount(16, 7),
                stated_total_score=g.amount(16, 8),
            )
        else:
            hidden = ("stated_total_weight", "stated_total_score")
            tree = bp.IndicatorTree(groups=groups, not_shown=hidden)
        return bp.Project(
            name=g(1, 2),
            supervising_department=g(2, 2),
            implementing_unit=g(2, 7),
            amount_unit=bp.AmountUnit.YUAN,  # 项目资金(元)
            funding=funding,
            goal=bp.AnnualGoal(expected=g(9, 2), achieved=g(9, 6)),
            indicators=tree,
        )

    return bp.SelfEvaluation(
        year=2022,
        department=bp.Department(name=first(2, 7)),
        region=bp.Region(province="上海市", county="普陀区"),
        amount_unit=bp.AmountUnit.YUAN,
        projects=(project(first, whole=True), project(second, whole=False)),
        title=first.title,
    )


# 06 Hebei (Langfang): 2019 national table, cut in the 满意度 block ----------------------------


def hebei_langfang_2019() -> bp.SelfEvaluation:
    """06: the 2019 national project table, cut before its 总分 row."""
    (g,) = grids("06_hebei-langfang-food-school-2019.json")

    def indicator(row: int) -> bp.Indicator | None:
        name = g(row, 4)
        if placeholder(name, *(g(row, c) for c in range(5, 10))):
            return None
        return bp.Indicator(
            name=name,
            target=g(row, 5),
            actual=g(row, 6),
            weight=g.amount(row, 7),
            score=g.amount(row, 8),
            deviation_note=g(row, 9),
        )

    funding = bp.Funding(
        total=bp.FundTotal(
            initial_budget=g.amount(4, 4), full_year_budget=g.amount(4, 5), executed=g.amount(4, 6)
        ),
        sources=(
            bp.FundSource(
                kind=bp.FundKind.CURRENT_YEAR_APPROPRIATION,
                label=g(5, 2),
                initial_budget=g.amount(5, 4),
                full_year_budget=g.amount(5, 5),
                executed=g.amount(5, 6),
            ),
            bp.FundSource(kind=bp.FundKind.PRIOR_YEAR_CARRYOVER, label=g(6, 2)),
            bp.FundSource(kind=bp.FundKind.OTHER_FUNDS, label=g(7, 2)),
        ),
        weight=g.amount(4, 7),
        stated_execution_rate=g.percent(4, 8),
        stated_score=g.amount(4, 9),
    )
    tree = bp.IndicatorTree(
        groups=tree_groups(g, range(11, 37), level1=2, level2=3, indicator=indicator),
        cut=True,
        not_shown=("stated_total_weight", "stated_total_score"),
    )
    project = bp.Project(
        name=g(1, 2),
        supervising_department=g(2, 2),
        implementing_unit=g(2, 7),
        funding=funding,
        goal=bp.AnnualGoal(expected=g(9, 2), achieved=g(9, 6)),
        indicators=tree,
        not_shown=("signature",),
    )
    return bp.SelfEvaluation(
        year=2019,
        department=bp.Department(name=g(2, 7)),
        region=bp.Region(city="廊坊市"),
        projects=(project,),
        title=g.title,
    )


# 07 Hebei (Cheng'an): 符号/数值/单位 and 单项得分/权重占比/折算得分 ---------------------------


def hebei_chengan_2020() -> bp.SelfEvaluation:
    """07: Hebei's 预算项目绩效自评表, cut at its 预算执行率 row."""
    (g,) = grids("07_hebei-chengan-civil-affairs-2020.json")

    def indicator(row: int) -> bp.Indicator | None:
        if not g(row, 4):
            return None
        return bp.Indicator(
            name=g(row, 4),
            description=g(row, 5),  # printed under 指标分值, it holds the indicator's description
            nature=g(row, 6),
            target=g(row, 7),
            measure_unit=g(row, 8),
            actual=g(row, 9),
            completion=g(row, 10),
            score=g.amount(row, 11),
            proportion=g.amount(row, 12),
            stated_weighted_score=g.amount(row, 13),
            not_shown=("weight",),
        )

    def source(row: int, kind: bp.FundKind) -> bp.FundSource:
        return bp.FundSource(
            kind=kind,
            label=g(row, 2),
            full_year_budget=g.amount(row, 3),  # 预算安排情况(调整后)
            received=g.amount(row, 5),
            executed=g.amount(row, 7),
        )

    funding = bp.Funding(
        total=bp.FundTotal(
            full_year_budget=g.amount(3, 3), received=g.amount(3, 5), executed=g.amount(3, 7)
        ),
        sources=(source(4, bp.FundKind.FISCAL_FUNDS), source(5, bp.FundKind.OTHER_FUNDS)),
        stated_execution_rate=g.amount(3, 8),  # 预算执行进度(%)
        not_shown=("weight", "stated_score"),  # the 预算执行率 row is cut
    )
    tree = bp.IndicatorTree(
        groups=tree_groups(g, range(11, 15), level1=2, level2=3, indicator=indicator),
        cut=True,
        not_shown=("stated_total_weight", "stated_total_score"),
    )
    project = bp.Project(
        name=g(1, 3),
        implementing_unit=g(1, 8),
        funding=funding,
        goal=bp.AnnualGoal(
            expected="\n".join((g(7, 2), g(8, 2))),
            achieved="\n".join((g(7, 7), g(8, 7))),
            stated_completion_rate=g.amount(7, 12),
        ),
        indicators=tree,
        not_shown=("signature",),
    )
    return bp.SelfEvaluation(
        year=2020,
        department=bp.Department(name="成安县民政局"),  # in the title: 成安县民政局2020年度…
        region=bp.Region(county="成安县"),
        projects=(project,),
        title=g.title,
    )


# 08 Hunan (Hengshan): the basic data table and the department table's funding block ----------


def hunan_hengshan_2023() -> bp.SelfEvaluation:
    """08: Hunan's 基础数据表 (whole) and 部门整体支出绩效自评表 (funds block only)."""
    basic_grid, table_grid = grids("08_hunan-hengshan-guantang-dept-2023.json")
    b = basic_grid

    def row(number: int, children: tuple[bp.ExpenseRow, ...] = ()) -> bp.ExpenseRow:
        return bp.ExpenseRow(
            label=b(number, 1),
            previous_final=b.amount(number, 3),
            current_budget=b.amount(number, 5),
            current_final=b.amount(number, 7),
            children=children,
        )

    basic = bp.BasicDataTable(
        staffing=bp.StaffingRow(
            authorised=int(b(2, 3)), in_post=int(b(2, 5)), stated_control_rate=b.percent(2, 7)
        ),
        three_public=row(4, (row(5, (row(6), row(7))), row(8), row(9))),
        project_spending=row(10, (row(11), row(12), row(14))),  # "……" rows print nothing
        operating_funds=row(16, (row(17), row(18), row(19))),
        procurement=row(20),
        basic_budget_adjustment=row(21),
        buildings=(),  # the 楼堂馆所 row under its header is printed blank
    )
    t = table_grid
    income = (
        (bp.IncomeKind.GENERAL_PUBLIC_BUDGET, 5),
        (bp.IncomeKind.GOVERNMENT_FUND, 6),
        (bp.IncomeKind.SPECIAL_ACCOUNT_NON_TAX, 7),
        (bp.IncomeKind.OTHER_FUNDS, 8),
    )
    spending = ((bp.SpendingKind.BASIC, 5), (bp.SpendingKind.PROJECT, 6))
    table = bp.DepartmentTable(
        department_name=t(1, 2),
        funding=bp.Funding(
            total=bp.FundTotal(
                initial_budget=t.amount(3, 3),
                full_year_budget=t.amount(3, 4),
                executed=t.amount(3, 5),
            ),
            weight=t.amount(3, 6),
            stated_execution_rate=t.percent(3, 7),
            stated_score=t.amount(3, 8),
        ),
        income_split=tuple(
            bp.IncomeLine(
                kind=kind, label=t.labelled_amount(r, 2)[0], amount=t.labelled_amount(r, 2)[1]
            )
            for kind, r in income
        ),
        spending_split=tuple(
            bp.SpendingLine(
                kind=kind, label=t.labelled_amount(r, 5)[0], amount=t.labelled_amount(r, 5)[1]
            )
            for kind, r in spending
        ),
        income_split_total=t.labelled_amount(4, 2)[1],
        spending_split_total=t.labelled_amount(4, 5)[1],
        goal=bp.AnnualGoal(expected=t(10, 2), not_shown=("achieved",)),
        not_shown=("indicators", "signature"),
    )
    return bp.SelfEvaluation(
        year=2023,
        department=bp.Department(name=t(1, 2)),
        region=bp.Region(county="衡山县"),
        department_table=table,
        basic_data=basic,
        not_shown=("projects",),  # 项目支出 1025.20: the notice's copy shows no project table
        title=t.title,
    )


# 09 Guizhou: execution rows 基本支出 / 项目支出 on 年初预算数(A) --------------------------------


def guizhou_2021() -> bp.SelfEvaluation:
    """09: Guizhou's department table: rows scored on 全年执行数(B) / 年初预算数(A)."""
    (g,) = grids("09_guizhou-suiyang-taibai-dept-2021.json")

    def spending_row(row: int, kind: bp.SpendingKind) -> bp.SpendingRow:
        return bp.SpendingRow(
            kind=kind,
            label=g(row, 2),
            initial_budget=g.amount(row, 3),
            executed=g.amount(row, 4),
            weight=g.amount(row, 5),
            stated_score=g.amount(row, 6),
        )

    funding = bp.Funding(
        total=bp.FundTotal(initial_budget=g.amount(4, 3), executed=g.amount(4, 4)),
        weight=g.amount(4, 5),
        stated_score=g.amount(4, 6),
        rate_basis=bp.RateBasis.INITIAL_BUDGET,
        spending_rows=(
            spending_row(5, bp.SpendingKind.BASIC),
            spending_row(6, bp.SpendingKind.PROJECT),
            spending_row(7, bp.SpendingKind.OTHER),
        ),
        scoring_method=g(4, 7),
    )
    table = bp.DepartmentTable(
        department_name=g(2, 2),
        funding=funding,
        goal=bp.AnnualGoal(expected=g(9, 2), achieved=g(9, 3)),
        signature=bp.Signature(date_filed=date(2022, 2, 3)),  # 填报日期:2022年2月3日
        not_shown=("indicators",),  # cut inside the indicator block's header
    )
    return bp.SelfEvaluation(
        year=2021,
        department=bp.Department(name=g(2, 2)),
        region=bp.Region(county="绥阳县"),
        department_table=table,
        not_shown=("projects", "basic_data"),
        title=g.title,
    )


# 10 Anhui (Shouxian): a score sheet, 规划 / 执行, cut inside row 6 ----------------------------


def anhui_shouxian_2023() -> bp.SelfEvaluation:
    """10: an Anhui county's 部门整体支出绩效评价自评表, rows 1–5 whole, row 6 cut."""
    (g,) = grids("10_anhui-shouxian-dept-scoresheet-2023.json")
    groups: list[bp.ScoreGroup] = []
    for row in range(3, 9):
        cut = row == 8
        item = bp.ScoreItem(
            number=g(row, 1),
            name=g(row, 4),
            weight=g.amount(row, 5),
            explanation=g(row, 6),
            criteria=g(row, 7),
            stated_score=None if cut else g.amount(row, 8),
            not_shown=("stated_score",) if cut else (),
        )
        if g(row, 2):
            groups.append(bp.ScoreGroup(label=g(row, 2), stated_weight=weight_in(g(row, 2))))
        group = groups[-1]
        if g(row, 3):
            sub = bp.ScoreSubgroup(label=g(row, 3), stated_weight=weight_in(g(row, 3)))
            group = attrs.evolve(group, groups=(*group.groups, sub))
        last = group.groups[-1]
        last = attrs.evolve(last, items=(*last.items, item))
        groups[-1] = attrs.evolve(group, groups=(*group.groups[:-1], last))
    sheet = bp.ScoreSheet(
        title=g.title,
        unit_name=g(1, 2),
        groups=tuple(groups),
        cut=True,
        not_shown=("stated_total_weight", "stated_total_score"),
    )
    return bp.SelfEvaluation(
        year=2023,
        department=bp.Department(name=g(1, 2)),
        score_sheet=sheet,
        title=g.title,
    )


# 11 Chongqing: indicators without levels, 得分系数 / 权重 / 是否核心指标 ----------------------


def chongqing_2021() -> bp.SelfEvaluation:
    """11: Chongqing's 部门整体绩效自评表 (OCR): amounts illegible, cut mid-list."""
    (g,) = grids("11_chongqing-kexuecheng-media-dept-2021.json")
    figures = ("target", "adjusted_target", "actual", "weight", "score", "score_coefficient")

    def indicator(row: int) -> bp.Indicator:
        if row == 27:  # the excerpt ends inside this name
            hidden = (*figures, "measure_unit", "core", "deviation_note")
            return bp.Indicator(name=g(row, 2), not_shown=hidden)
        return bp.Indicator(
            name=g(row, 2),
            not_shown=("deviation_note",),  # the layout has no 偏差原因 column
            measure_unit=g(row, 3),
            nature=g(row, 4),
            target=g(row, 5),
            adjusted_target=g(row, 6),
            actual=g(row, 7),
            score_coefficient=g.percent(row, 8),
            weight=g.amount(row, 9),
            score=g.amount(row, 10),
            core=g(row, 11),
        )

    amounts = ("initial_budget", "full_year_budget", "executed")
    table = bp.DepartmentTable(
        department_name=g(1, 2),
        funding=bp.Funding(
            total=bp.FundTotal(not_shown=amounts),  # not legible in the OCR text
            stated_execution_rate=g.percent(4, 8),
            weight=g.amount(4, 9),
            stated_score=g.amount(4, 10),
        ),
        goal=bp.AnnualGoal(expected=g(6, 2), adjusted=g(6, 4), achieved=g(6, 8)),
        indicators=bp.IndicatorTree(
            ungrouped=tuple(indicator(row) for row in range(8, 28)),
            stated_total_score=g.amount(1, 9),  # 自评总分(分)
            cut=True,
            not_shown=("stated_total_weight",),
        ),
        signature=bp.Signature(prepared_by=g(2, 2), phone=g(2, 5)),
    )
    return bp.SelfEvaluation(
        year=2021,
        department=bp.Department(name=""),  # named only in the goal text
        department_table=table,
        not_shown=("projects", "basic_data"),
        title=g.title,
    )


# 12 A Hunan-style indicator sheet: 分值 at each level, cut in 过程 ----------------------------


def scoresheet_2017() -> bp.SelfEvaluation:
    """12: a 部门整体支出绩效评价指标表 with 分值 columns at each level, cut in row 7."""
    (g,) = grids("12_dept-indicator-scoresheet-touru-guocheng-2017.json")
    groups: list[bp.ScoreGroup] = []
    for row in range(2, 8):
        cut = row == 7
        item = bp.ScoreItem(
            name=g(row, 5),
            weight=g.amount(row, 6),
            criteria=g(row, 7),
            explanation=g(row, 8),
            stated_score=None if cut else g.amount(row, 9),
            not_shown=("explanation", "stated_score") if cut else (),
        )
        if g(row, 1):
            groups.append(bp.ScoreGroup(label=g(row, 1), stated_weight=g.amount(row, 2)))
        group = groups[-1]
        if g(row, 3):
            sub = bp.ScoreSubgroup(label=g(row, 3), stated_weight=g.amount(row, 4))
            group = attrs.evolve(group, groups=(*group.groups, sub))
        last = group.groups[-1]
        groups[-1] = attrs.evolve(
            group, groups=(*group.groups[:-1], attrs.evolve(last, items=(*last.items, item)))
        )
    sheet = bp.ScoreSheet(
        title=g.title,
        groups=tuple(groups),
        cut=True,
        not_shown=("stated_total_weight", "stated_total_score"),
    )
    return bp.SelfEvaluation(
        year=2017, department=bp.Department(name=""), score_sheet=sheet, title=g.title
    )


#: Each corpus file and the builder of its report.
BUILDERS: dict[str, Callable[[], bp.SelfEvaluation]] = dict(
    zip(
        FILES,
        (
            yunnan_2022,
            sichuan_2022,
            anhui_tianchang_2022,
            hubei_2020,
            shanghai_2022,
            hebei_langfang_2019,
            hebei_chengan_2020,
            hunan_hengshan_2023,
            guizhou_2021,
            anhui_shouxian_2023,
            chongqing_2021,
            scoresheet_2017,
        ),
        strict=True,
    )
)


def records(record: object) -> Iterator[object]:
    """Every attrs record inside *record* (itself included), depth first."""
    if isinstance(record, tuple):
        for item in record:
            yield from records(item)
    elif attrs.has(type(record)):
        yield record
        for field in attrs.fields(type(record)):  # type: ignore[arg-type]
            yield from records(getattr(record, field.name))


def values(record: object) -> Iterator[object]:
    """Every figure and text a record holds, depth first."""
    if isinstance(record, tuple):
        for item in record:
            yield from values(item)
    elif attrs.has(type(record)):
        for field in attrs.fields(type(record)):  # type: ignore[arg-type]
            yield from values(getattr(record, field.name))
    else:
        yield record
