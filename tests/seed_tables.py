"""Read the seed report's text on its own, without the library: a test helper, not library code.

The seed (``tests/data/seed_yueyang_npc_2022.txt``) is the 2022 self-evaluation report of
岳阳市人大常委会 as plain text.  Its tables are laid out one cell per line: a line that starts
with a tab opens a cell, a line without a tab continues the cell above it (a cell may hold
several paragraphs), and a blank line ends a row.  A table opens with a title line (ending in
"表") and ends at the first line under it that starts with "备注：", "填表人：" or "说明：".

This module splits the text into its tables and reads, by position and label only, the figures
and texts the cross-check in ``test_seed_example.py`` compares with the bundled example.  It
never imports ``budget_perf``, so a mistake in the transcription cannot hide here.  It is strict:
a row that does not have the shape it expects raises ``ValueError`` instead of being skipped.

>>> table = split_tables("部门表\\n\\n\\t总分\\n\\t100\\n\\t　100\\n\\n\\t长的\\n单元格\\n\\t")[0]
>>> table.title, table.rows
('部门表', (('总分', '100', '　100'), ('长的\\n单元格', '')))
>>> figure("　76.58%"), figure("——"), figure("　")
(Decimal('76.58'), None, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

__all__ = [
    "BASIC_DATA_TITLE",
    "DEPARTMENT_TITLE",
    "PROJECT_TITLE",
    "SEED_PATH",
    "BasicData",
    "EvaluationTable",
    "ExpenseFigures",
    "FundRow",
    "FundTotalRow",
    "GeneralBudget",
    "IndicatorRow",
    "Level1Block",
    "Level2Block",
    "NarrativeProject",
    "SignatureLine",
    "Table",
    "basic_data",
    "clean",
    "compact",
    "evaluation_tables",
    "figure",
    "general_budget",
    "parse_basic_data",
    "parse_evaluation_table",
    "parse_general_budget",
    "parse_grade",
    "parse_other_budgets",
    "parse_signature",
    "seed_tables",
    "seed_text",
    "split_tables",
]

SEED_PATH = Path(__file__).resolve().parent / "data" / "seed_yueyang_npc_2022.txt"

DEPARTMENT_TITLE = "2022年度部门整体支出绩效自评表"
PROJECT_TITLE = "2022年度项目支出绩效自评表"
BASIC_DATA_TITLE = "2022年度部门整体支出绩效评价基础数据表"

_FOOTER_STARTS = ("备注：", "填表人：", "说明：")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

Row = tuple[str, ...]


# Cells ---------------------------------------------------------------------------------------


def clean(cell: str) -> str:
    """The cell's text without surrounding whitespace (ideographic spaces "　" included)."""
    return cell.strip()


def compact(cell: str) -> str:
    """The cell's text with every whitespace removed: "经济效\\n\\n益指标" → "经济效益指标"."""
    return "".join(cell.split())


def figure(cell: str) -> Decimal | None:
    """A number as printed ("4280.31", "100%" → 100); blank or "——" is ``None``.

    Raises:
        ValueError: if the cell holds anything else, so that no figure is misread silently.
    """
    text = clean(cell)
    if text in ("", "——"):
        return None
    number = text.removesuffix("%")
    if not _NUMBER.fullmatch(number):
        raise ValueError(f"not a figure: {cell!r}")
    return Decimal(number)


def _text(cell: str) -> str:
    return clean(cell)


# Splitting the text into tables --------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """One table of the seed: its title, its rows of raw cells, and the lines printed under it."""

    title: str
    line: int  # 1-based line number of the title in the seed
    rows: tuple[Row, ...]
    footer: tuple[str, ...]


def _is_title(lines: list[str], index: int) -> bool:
    line = lines[index]
    if line.startswith("\t") or not line.strip().endswith("表"):
        return False
    for following in lines[index + 1 :]:
        if following == "":
            continue
        return following.startswith("\t")
    return False


def _rows(body: list[str]) -> tuple[Row, ...]:
    rows: list[list[list[str]]] = []  # rows of cells of lines
    after_blank = True
    for line in body:
        if line.startswith("\t"):
            if after_blank or not rows:
                rows.append([])
            rows[-1].append([line[1:]])
            after_blank = False
        elif line == "":
            if rows and rows[-1]:
                rows[-1][-1].append("")
            after_blank = True
        elif rows and rows[-1]:
            rows[-1][-1].append(line)  # a cell's next paragraph
            after_blank = False
        else:
            raise ValueError(f"text outside any cell: {line!r}")
    return tuple(tuple("\n".join(cell).rstrip("\n") for cell in row) for row in rows)


def split_tables(text: str) -> tuple[Table, ...]:
    """Every table of *text*, in order: title, rows of cells, and the footer lines under it."""
    lines = text.split("\n")
    starts = [i for i in range(len(lines)) if _is_title(lines, i)]
    tables = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        body = lines[start + 1 : end]
        stop = next(
            (i for i, line in enumerate(body) if line.startswith(_FOOTER_STARTS)), len(body)
        )
        footer = tuple(line.strip() for line in body[stop:] if line.strip())
        tables.append(
            Table(
                title=lines[start].strip(), line=start + 1, rows=_rows(body[:stop]), footer=footer
            )
        )
    return tuple(tables)


# The evaluation tables (部门整体支出 / 项目支出绩效自评表) -------------------------------------


@dataclass(frozen=True)
class FundTotalRow:
    """年度资金总额: the three amounts, then 分值, 执行率 (percent points) and 得分."""

    initial_budget: Decimal | None
    full_year_budget: Decimal | None
    executed: Decimal | None
    weight: Decimal | None
    execution_rate: Decimal | None
    score: Decimal | None


@dataclass(frozen=True)
class FundRow:
    """A fund-source row (其中：当年财政拨款 / 上年结转资金 / 其他资金) and its printed note."""

    label: str
    initial_budget: Decimal | None
    full_year_budget: Decimal | None
    executed: Decimal | None
    note: str


@dataclass(frozen=True)
class IndicatorRow:
    """A 三级 indicator row, with the 一级 and 二级 blocks it sits in."""

    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: Decimal | None
    score: Decimal | None
    deviation_note: str


@dataclass(frozen=True)
class Level2Block:
    """A 二级 row and the 三级 rows under it (none when its 三级 cells are blank)."""

    category: str
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class Level1Block:
    """A 一级 block ("产出指标 (50分)") and its 二级 rows."""

    category: str
    stated_weight: Decimal | None
    groups: tuple[Level2Block, ...]


@dataclass(frozen=True)
class SignatureLine:
    """The sign-off line under a table: 填表人, 填报日期, 联系电话, 单位负责人签字."""

    prepared_by: str
    date_filed: date
    phone: str
    head_of_unit: str


@dataclass(frozen=True)
class EvaluationTable:
    """What the cross-check reads from one self-evaluation table."""

    title: str
    name: str
    supervising_department: str
    implementing_unit: str
    total: FundTotalRow
    sources: tuple[FundRow, ...]
    income_split: tuple[tuple[str, Decimal | None], ...]
    spending_split: tuple[tuple[str, Decimal | None], ...]
    goal_expected: str
    goal_achieved: str
    groups: tuple[Level1Block, ...]
    total_weight: Decimal | None
    total_score: Decimal | None
    notes: tuple[str, ...]
    signature: SignatureLine | None

    @property
    def indicators(self) -> tuple[IndicatorRow, ...]:
        """Every 三级 row of the table, in table order."""
        return tuple(
            row for block in self.groups for group in block.groups for row in group.indicators
        )


_SOURCE_LABELS = ("其中：当年财政拨款", "上年结转资金", "其他资金")
_LEVEL1 = re.compile(r"(.+?指标)[（(](\d+(?:\.\d+)?)分[）)]")
_SPLIT_CELL = re.compile(r"(.+)：(.*)")
_SIGNATURE = re.compile(
    r"填表人：(\S*)\s+填报日期：(\d{4})\.(\d{1,2})\.(\d{1,2})\s+联系电话：(\S*)\s+单位负责人签字：(.*)"
)


def parse_signature(footer: tuple[str, ...]) -> SignatureLine | None:
    """The 填表人 line among *footer*, if there is one."""
    for line in footer:
        match = _SIGNATURE.fullmatch(line)
        if match:
            who, year, month, day, phone, head = match.groups()
            return SignatureLine(who, date(int(year), int(month), int(day)), phone, head.strip())
    return None


@dataclass
class _Level2Builder:
    category: str
    indicators: list[IndicatorRow] = field(default_factory=list)


@dataclass
class _Level1Builder:
    category: str
    stated_weight: Decimal | None
    groups: list[_Level2Builder] = field(default_factory=list)


def _split_line(cell: str) -> tuple[str, Decimal | None] | None:
    match = _SPLIT_CELL.fullmatch(compact(cell))
    if match is None:
        return None
    return match.group(1).removeprefix("其中："), figure(match.group(2))


def parse_evaluation_table(table: Table) -> EvaluationTable:
    """Read one 绩效自评表 row by row.

    Raises:
        ValueError: if a part the table must have is missing or a row has an unexpected shape.
    """
    name = supervising = implementing = ""
    total: FundTotalRow | None = None
    sources: list[FundRow] = []
    income: list[tuple[str, Decimal | None]] = []
    spending: list[tuple[str, Decimal | None]] = []
    goal: tuple[str, str] | None = None
    blocks: list[_Level1Builder] = []
    totals: tuple[Decimal | None, Decimal | None] | None = None
    section = "head"
    for row in table.rows:
        first = compact(row[0])
        if section == "indicators":
            if first == "总分":
                totals = (figure(row[1]), figure(row[2]))
                section = "done"
                continue
            if len(row) != 9:
                raise ValueError(f"{table.title} line {table.line}: indicator row {row!r}")
            level1, level2 = compact(row[1]), compact(row[2])
            if level1:
                match = _LEVEL1.fullmatch(level1)
                if match is None:
                    raise ValueError(f"unreadable 一级 cell {row[1]!r}")
                blocks.append(_Level1Builder(match.group(1), Decimal(match.group(2))))
            if level2:
                blocks[-1].groups.append(_Level2Builder(level2))
            cells = row[3:]
            if any(clean(cell) for cell in cells):
                group = blocks[-1].groups[-1]
                group.indicators.append(
                    IndicatorRow(
                        level1=blocks[-1].category,
                        level2=group.category,
                        name=_text(cells[0]),
                        target=_text(cells[1]),
                        actual=_text(cells[2]),
                        weight=figure(cells[3]),
                        score=figure(cells[4]),
                        deviation_note=_text(cells[5]),
                    )
                )
            elif not level2:
                raise ValueError(f"empty indicator row {row!r}")
            continue
        if section == "goal":
            goal = (_text(row[1]), _text(row[2]))
            section = "before indicators"
            continue
        if first in ("项目支出名称", "市级预算部门名称"):
            name = _text(row[1])
        elif first == "主管部门":
            supervising, implementing = _text(row[1]), _text(row[3])
        elif first == "年度总体目标":
            section = "goal"
        elif any(compact(cell) == "一级指标" for cell in row):
            section = "indicators"
        elif any(compact(cell) == "年度资金总额" for cell in row):
            at = [compact(cell) for cell in row].index("年度资金总额")
            values = [figure(cell) for cell in row[at + 1 : at + 7]]
            if len(values) != 6:
                raise ValueError(f"short total row {row!r}")
            total = FundTotalRow(*values)
        elif any(compact(cell) in _SOURCE_LABELS for cell in row):
            at = next(i for i, cell in enumerate(row) if compact(cell) in _SOURCE_LABELS)
            amounts = [figure(cell) for cell in row[at + 1 : at + 4]]
            amounts += [None] * (3 - len(amounts))
            note = " ".join(clean(cell) for cell in row[at + 4 :] if clean(cell))
            sources.append(FundRow(compact(row[at]), amounts[0], amounts[1], amounts[2], note))
        elif any(compact(cell) == "按收入性质分：" for cell in row):
            section = "split"
        elif section == "split":
            for column, lines in ((1, income), (2, spending)):
                if column < len(row) and clean(row[column]):
                    item = _split_line(row[column])
                    if item is None:
                        raise ValueError(f"unreadable split cell {row[column]!r}")
                    lines.append(item)
    if total is None or goal is None or totals is None or not name:
        raise ValueError(f"incomplete table at line {table.line}: {name!r}")
    return EvaluationTable(
        title=table.title,
        name=name,
        supervising_department=supervising,
        implementing_unit=implementing,
        total=total,
        sources=tuple(sources),
        income_split=tuple(income),
        spending_split=tuple(spending),
        goal_expected=goal[0],
        goal_achieved=goal[1],
        groups=tuple(
            Level1Block(
                b.category,
                b.stated_weight,
                tuple(Level2Block(g.category, tuple(g.indicators)) for g in b.groups),
            )
            for b in blocks
        ),
        total_weight=totals[0],
        total_score=totals[1],
        notes=tuple(line for line in table.footer if line.startswith("备注：")),
        signature=parse_signature(table.footer),
    )


# The basic data table (部门整体支出绩效评价基础数据表) ---------------------------------------


@dataclass(frozen=True)
class ExpenseFigures:
    """A row of 经费控制情况: its label (no numbering, "其中：" or spaces) and three columns."""

    label: str
    previous_final: Decimal | None
    current_budget: Decimal | None
    current_final: Decimal | None


@dataclass(frozen=True)
class BasicData:
    """What the cross-check reads from the basic data table."""

    authorised: int
    in_post: int
    control_rate: Decimal | None
    expenses: tuple[ExpenseFigures, ...]
    building_cells: tuple[str, ...]
    austerity_measures: tuple[str, ...]
    notes: tuple[str, ...]
    signature: SignatureLine | None


def _expense_label(cell: str) -> str:
    label = re.sub(r"^\d+、", "", compact(cell))
    return label.removeprefix("其中：").removesuffix("：")


def parse_basic_data(table: Table) -> BasicData:
    """Read the basic data table.

    Raises:
        ValueError: if a part is missing or a row has an unexpected shape.
    """
    staffing: tuple[int, int, Decimal | None] | None = None
    expenses: list[ExpenseFigures] = []
    buildings: list[str] = []
    measures: tuple[str, ...] = ()
    section = ""
    for row in table.rows:
        first = compact(row[0])
        if first.startswith("财政供养人员情况"):
            section = "staffing"
        elif first.startswith("经费控制情况"):
            section = "expenses"
        elif first.startswith("楼堂馆所控制情况"):
            section = "buildings"
        elif first == "厉行节约保障措施":
            paragraphs = [p.strip() for p in row[1].split("\n") if p.strip()]
            measures = tuple(re.sub(r"^\d+\.", "", p) for p in paragraphs)
            section = ""
        elif section == "staffing":
            if len(row) != 4:
                raise ValueError(f"staffing row {row!r}")
            staffing = (int(clean(row[1])), int(clean(row[2])), figure(row[3]))
            section = ""
        elif section == "expenses":
            if len(row) != 4:
                raise ValueError(f"expense row {row!r}")
            expenses.append(
                ExpenseFigures(
                    _expense_label(row[0]), figure(row[1]), figure(row[2]), figure(row[3])
                )
            )
        elif section == "buildings":
            buildings.extend(clean(cell) for cell in row[1:])
    if staffing is None or not expenses or not measures:
        raise ValueError("incomplete basic data table")
    return BasicData(
        authorised=staffing[0],
        in_post=staffing[1],
        control_rate=staffing[2],
        expenses=tuple(expenses),
        building_cells=tuple(buildings),
        austerity_measures=measures,
        notes=tuple(line for line in table.footer if line.startswith("说明：")),
        signature=parse_signature(table.footer),
    )


# The narrative's general-budget paragraphs (一般公共预算支出情况) ------------------------------


@dataclass(frozen=True)
class NarrativeProject:
    """One project the narrative names: label, amount, the bracketed correction, its purpose."""

    label: str
    amount: Decimal
    stated_actual: Decimal | None
    of_which_other_funds: Decimal | None
    purpose: str


@dataclass(frozen=True)
class GeneralBudget:
    """The narrative's figures: total, functional breakdown, basic and project spending."""

    total: Decimal
    by_function: tuple[tuple[str, Decimal, Decimal], ...]  # (class, amount, stated share %)
    basic: Decimal
    project: Decimal
    project_actual: Decimal
    project_other_funds: Decimal
    projects: tuple[NarrativeProject, ...]


_TOTAL = re.compile(r"2022年一般公共预算拨款支出(\d+(?:\.\d+)?)万元，其中，(.*?)。具体安排情况如下")
_FUNCTION = re.compile(r"(.+?支出)(\d+(?:\.\d+)?)万元，占(\d+(?:\.\d+)?)%")
_BASIC = re.compile(r"2022年基本支出为(\d+(?:\.\d+)?)万元")
_PROJECT = re.compile(
    r"2022年一般公共预算项目支出为(\d+(?:\.\d+)?)万元[(（]项目支出实际为(\d+(?:\.\d+)?)万元，"
    r"包含其他资金支出(\d+(?:\.\d+)?)万元[)）].*?包括有关业务工作经费、运行维护经费等。(.*)"
)
_ONE_PROJECT = re.compile(
    r"(.+?)(\d+(?:\.\d+)?)万元"
    r"(?:[（(]实际为(\d+(?:\.\d+)?)万元，包含其他资金支出(\d+(?:\.\d+)?)万元[）)])?"
    r"，(主要用于.*)"
)


def _one(pattern: re.Pattern[str], text: str) -> re.Match[str]:
    matches = [m for line in text.split("\n") if (m := pattern.search(line))]
    if len(matches) != 1:
        raise ValueError(f"{pattern.pattern!r} matched {len(matches)} paragraphs, expected 1")
    return matches[0]


def parse_general_budget(text: str) -> GeneralBudget:
    """Read the figures of the 一般公共预算支出情况 paragraphs with regular expressions.

    Raises:
        ValueError: if a paragraph is missing, repeated or does not read as expected.
    """
    total = _one(_TOTAL, text)
    functions = []
    for part in total.group(2).split("；"):
        match = _FUNCTION.fullmatch(part)
        if match is None:
            raise ValueError(f"unreadable functional class {part!r}")
        functions.append((match.group(1), Decimal(match.group(2)), Decimal(match.group(3))))
    project = _one(_PROJECT, text)
    projects = []
    for part in project.group(4).split("；"):
        match = _ONE_PROJECT.fullmatch(part)
        if match is None:
            raise ValueError(f"unreadable project {part!r}")
        label, amount, actual, other, purpose = match.groups()
        projects.append(
            NarrativeProject(
                label=label,
                amount=Decimal(amount),
                stated_actual=Decimal(actual) if actual else None,
                of_which_other_funds=Decimal(other) if other else None,
                purpose=purpose,
            )
        )
    return GeneralBudget(
        total=Decimal(total.group(1)),
        by_function=tuple(functions),
        basic=Decimal(_one(_BASIC, text).group(1)),
        project=Decimal(project.group(1)),
        project_actual=Decimal(project.group(2)),
        project_other_funds=Decimal(project.group(3)),
        projects=tuple(projects),
    )


_OTHER_BUDGET = re.compile(r"我单位无(政府性基金预算|国有资本经营预算|社会保险基金预算)支出。")
_GRADE = re.compile(r"绩效自评结果为(\S+?)等级")


def parse_other_budgets(text: str) -> tuple[tuple[str, str], ...]:
    """The sentences on the other budgets, as (budget, sentence): "我单位无政府性基金预算支出。"."""
    return tuple(
        (match.group(1), match.group(0))
        for line in text.split("\n")
        if (match := _OTHER_BUDGET.fullmatch(line.strip()))
    )


def parse_grade(text: str) -> str:
    """The grade the report gives itself, as written ("优秀")."""
    return _one(_GRADE, text).group(1)


# Parsed once per session ------------------------------------------------------------------------


@cache
def seed_text() -> str:
    """The seed report's text."""
    return SEED_PATH.read_text(encoding="utf-8")


@cache
def seed_tables() -> tuple[Table, ...]:
    """Every table of the seed, in order."""
    return split_tables(seed_text())


@cache
def evaluation_tables() -> tuple[EvaluationTable, ...]:
    """The department table and the project tables, in seed order."""
    titles = (DEPARTMENT_TITLE, PROJECT_TITLE)
    return tuple(parse_evaluation_table(t) for t in seed_tables() if t.title in titles)


@cache
def basic_data() -> BasicData:
    """The basic data table."""
    (table,) = (t for t in seed_tables() if t.title == BASIC_DATA_TITLE)
    return parse_basic_data(table)


@cache
def general_budget() -> GeneralBudget:
    """The narrative's general-budget figures."""
    return parse_general_budget(seed_text())
