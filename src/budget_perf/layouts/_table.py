"""Reading one grid with one layout into a table of the model (private).

The grid is cut into its title, fact rows and blocks (:mod:`._segments`); each block is read
through its columns; what the layout prints but the grid does not reach — the page was cut —
is marked not shown; and a figure that no part of the layout placed is refused at its cell.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from budget_perf.cells import CellStatus, parse_date
from budget_perf.excel._grid import Grid
from budget_perf.excel._values import text_of
from budget_perf.layouts._cells import Sheet
from budget_perf.layouts._description import Layout
from budget_perf.layouts._funds import Cut, read_funding, read_goal, read_split
from budget_perf.layouts._indicators import Tree, read_indicators, read_score_sheet, read_total
from budget_perf.layouts._segments import Segment, segments
from budget_perf.model.department_table import DepartmentTable
from budget_perf.model.filing import Signature
from budget_perf.model.funds import Funding
from budget_perf.model.grade import Grade
from budget_perf.model.indicators import IndicatorTree
from budget_perf.model.project import Project
from budget_perf.model.score_sheet import ScoreSheet
from budget_perf.model.units import AmountUnit

__all__ = ["TableRead", "read_table"]

_YEAR = re.compile(r"([0-9]{4})\s*年度?")
_SIGNATURE = ("date_filed", "phone", "prepared_by", "head_of_unit")


@attrs.frozen(kw_only=True)
class TableRead:
    """One table read: the record, and what the report takes from it."""

    record: Any
    title: str
    year: int | None
    hidden_found: frozenset[str]
    department: str | None
    sources: dict[str, str]


def _facts(sheet: Sheet, rows: list[int]) -> dict[str, Any]:
    facts: dict[str, Any] = {"notes": []}
    for row in rows:
        cells = list(sheet.grid.filled(row))
        for index, cell in enumerate(cells):
            text = text_of(cell)
            fact = next((f for f in sheet.layout.facts if f.labels.match(text)), None)
            if fact is None or (cell.row, cell.column) in sheet.used:
                continue
            sheet.used.add((cell.row, cell.column))
            after = (
                re.split(r"[:：]", text, maxsplit=1)[-1].strip()
                if re.search(r"[:：]", text)
                else ""
            )
            if fact.take == "after_colon" or (fact.take == "sign_off" and after):
                value, where = after, cell
            else:
                nxt = cells[index + 1] if index + 1 < len(cells) else None
                labelled = nxt is not None and any(
                    f.labels.match(text_of(nxt)) for f in sheet.layout.facts
                )
                value = "" if nxt is None or labelled else text_of(nxt)
                where = cell if nxt is None or labelled else nxt
                if value:
                    sheet.used.add((where.row, where.column))
            if fact.field == "ignore":
                continue
            if fact.take == "pair":
                facts["notes"].append(f"{text}：{value}")
            elif fact.field == "notes":
                facts["notes"].append(value)
            elif fact.field == "date_filed" and fact.take == "sign_off" and not _is_date(value):
                facts["notes"].append(text if where is cell else f"{text.rstrip(':：')}：{value}")
            elif fact.field == "date_filed":
                facts[fact.field] = sheet.date(where, value, "")
            elif fact.field == "stated_total_score":
                facts[fact.field] = sheet.figure_in(attrs.evolve(where, value=value), "", "总分")
            else:
                facts[fact.field] = value
    return facts


def _is_date(text: str) -> bool:
    """Whether *text* is blank or reads as a date (a sign-off's other text is kept as a note)."""
    return parse_date(text).status in (CellStatus.BLANK, CellStatus.VALUE)


def _cut(sheet: Sheet, found: list[Segment]) -> tuple[bool, Cut]:
    """Whether the grid ends before a part the layout prints after its last block."""
    parts = sheet.layout.parts
    kinds = [s.block.kind for s in found]
    last = max((parts.index(k) for k in kinds if k in parts), default=-1)
    cut = any(part != "signature" for part in parts[last + 1 :])
    if not cut or not found:
        return False, Cut(None, 0)
    rows = found[-1].rows
    row = rows[-1]
    written = [c.column for c in sheet.grid.filled(row)]
    return True, Cut(row, max(written, default=0))


def read_table(grid: Grid, layout: Layout, prefix: str, hidden: frozenset[str]) -> TableRead:
    """Read *grid* with *layout*; model paths start with *prefix* ("$.projects[0]")."""
    sheet = Sheet(grid, layout, hidden)
    title, fact_rows, found = segments(sheet)
    facts = _facts(sheet, fact_rows)
    cut, at = _cut(sheet, found)
    kinds = {s.block.kind for s in found}
    table = layout.table
    tree_path = f"{prefix}.indicators"
    funding_path = f"{prefix}.funding"
    fields: dict[str, Any] = {}
    hidden_parts: list[str] = []
    funding: dict[str, Any] | None = None
    tree = Tree()
    total: dict[str, Any] | None = None
    groups: tuple[Any, ...] = ()
    unit = facts.get("money_unit") or ""
    for segment in found:
        kind = segment.block.kind
        start_text = text_of(sheet.own(segment.start, segment.start_column))
        if kind == "funding":
            funding = read_funding(sheet, segment, funding_path, at)
            unit = unit or _unit_in(start_text)
        elif kind == "goal":
            fields["goal"] = read_goal(sheet, segment, f"{prefix}.goal", at)
        elif kind == "split":
            fields.update(read_split(sheet, segment, prefix))
        elif kind == "indicators":
            read_indicators(sheet, segment, tree, tree_path, funding_path, at)
        elif kind == "total":
            total = read_total(sheet, segment, tree, tree_path)
        else:
            groups = read_score_sheet(sheet, segment, f"{prefix}", at)
    unit = unit or layout.money_unit or ""
    leftover = sheet.leftover_figure()
    if leftover is not None:
        raise grid.error(
            leftover,
            f"the figure {text_of(leftover)!r} has no place in the layout {layout.key!r} "
            "(it is neither under a column the layout reads nor beside a label it knows)",
            f"数字“{text_of(leftover)}”在版式“{layout.key}”中没有对应位置"
            "（既不在版式读取的列中，也不在已知标签旁）",
        )  # fmt: skip
    if funding is not None:
        funding.update(tree.funding)
        extra = tuple(f for f in tree.funding_hidden if f not in funding["not_shown"])
        funding["not_shown"] = (*funding["not_shown"], *extra)
        if cut and "funding_score" in {r.is_ for b in layout.blocks for r in b.rows}:
            for field in ("weight", "stated_score"):
                if field not in funding and field not in funding["not_shown"]:
                    funding["not_shown"] = (*funding["not_shown"], field)
        for field in layout.not_printed.get("funding", ()):
            if field not in funding["not_shown"]:
                funding["not_shown"] = (*funding["not_shown"], field)
        fields["funding"] = Funding(**funding)
    signature = {k: facts[k] for k in _SIGNATURE if k in facts}
    if table in ("project", "department"):
        tree_record = _tree(layout, tree, total, facts, cut, "indicators" in kinds)
        if tree_record is None:
            if "indicators" in layout.parts and cut:
                hidden_parts.append("indicators")
        else:
            fields["indicators"] = tree_record
        if signature:
            fields["signature"] = Signature(**signature)
        elif cut and "signature" in layout.parts:
            hidden_parts.append("signature")
        if cut and "goal" in layout.parts and "goal" not in kinds:
            hidden_parts.append("goal")
    amount_unit = AmountUnit.YUAN if unit == "元" else None
    if table == "project":
        grade = (total or {}).pop("stated_grade", "")
        record: Any = Project(
            name=facts.get("name", ""),
            supervising_department=facts.get("supervising_department", ""),
            implementing_unit=facts.get("implementing_unit", ""),
            amount_unit=amount_unit,
            notes=tuple(facts["notes"]),
            problems=facts.get("problems", ""),
            improvements=facts.get("improvements", ""),
            conclusion=facts.get("conclusion", ""),
            stated_grade=Grade.from_label(grade) if grade else None,
            not_shown=tuple(hidden_parts),
            **fields,
        )
    elif table == "department":
        record = DepartmentTable(
            department_name=facts.get("department_name", ""),
            amount_unit=amount_unit,
            not_shown=tuple(hidden_parts),
            **fields,
        )
    else:
        record = ScoreSheet(
            title=title, unit_name=facts.get("unit_name", ""), groups=groups, cut=cut,
            not_shown=("stated_total_weight", "stated_total_score") if cut else (),
        )  # fmt: skip
    year_match = _YEAR.search(title)
    department = None
    for source in layout.department_from:
        if source == "title_prefix":
            department = title[: year_match.start()].strip() if year_match else None
        elif source in facts:
            department = facts[source]
        if department is not None:
            break
    return TableRead(
        record=record, title=title, year=int(year_match[1]) if year_match else None,
        hidden_found=frozenset(sheet.hidden_found), department=department,
        sources=sheet.sources,
    )  # fmt: skip


def _unit_in(text: str) -> str:
    normal = text.replace("（", "(").replace("）", ")")
    if "(万元" in normal:
        return "万元"
    if "(元" in normal:
        return "元"
    return ""


def _tree(
    layout: Layout,
    tree: Tree,
    total: dict[str, Any] | None,
    facts: dict[str, Any],
    cut: bool,
    found: bool,
) -> IndicatorTree | None:
    groups, ungrouped = tree.built()
    if not found or (not groups and not ungrouped and total is None):
        return None
    fields: dict[str, Any] = dict(total or {})
    fields.pop("stated_grade", None)
    hidden = list(fields.pop("not_shown", ()))
    if "stated_total_score" in facts:
        fields["stated_total_score"] = facts["stated_total_score"]
    if total is None and cut:
        for name in ("stated_total_weight", "stated_total_score"):
            if name not in fields and name not in hidden:
                hidden.append(name)
    for name in layout.not_printed.get("tree", ()):
        if name not in hidden and name not in fields:
            hidden.append(name)
    includes = next((b.includes_execution for b in layout.blocks if b.kind == "total"), True)
    return IndicatorTree(
        groups=groups, ungrouped=ungrouped, total_includes_execution=includes,
        cut=cut and total is None, not_shown=tuple(hidden), **fields,
    )  # fmt: skip
