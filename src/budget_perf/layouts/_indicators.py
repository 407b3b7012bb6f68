"""Reading a layout's indicator blocks, total row and score sheet (private).

Indicator rows are grouped as printed: a 一级 label starts a group (printed again after a page
break, the same label continues it), a 二级 label starts a subgroup, a blank one continues it.
"""

from __future__ import annotations

from typing import Any

from budget_perf.excel._values import text_of
from budget_perf.layouts._cells import Sheet
from budget_perf.layouts._columns import Columns, columns_of
from budget_perf.layouts._description import Layout, label_key
from budget_perf.layouts._funds import Cut, weight_in
from budget_perf.layouts._segments import Segment
from budget_perf.model.indicators import Indicator, Level1, Level1Group, Level2, Level2Group
from budget_perf.model.score_sheet import ScoreGroup, ScoreItem, ScoreSubgroup

__all__ = ["Tree", "read_indicators", "read_score_sheet", "read_total"]

_TEXT = (
    "target", "actual", "deviation_note", "nature", "measure_unit", "adjusted_target",
    "description", "completion", "core",
)  # fmt: skip
_FIGURES = {"weight": "weight", "score": "score", "weighted_score": "stated_weighted_score"}
_RATES = {"proportion": "proportion", "score_coefficient": "score_coefficient"}
_DEFAULT_LEVEL1 = tuple((level.value.removesuffix("指标"), level) for level in Level1)


class Tree:
    """An indicator tree being read: its groups, ungrouped rows and where figures went."""

    def __init__(self) -> None:
        self.groups: list[dict[str, Any]] = []
        self.ungrouped: list[Indicator] = []
        self.columns: Columns | None = None
        self.header_cut = False
        self.rows = 0
        self.funding: dict[str, Any] = {}
        self.funding_hidden: list[str] = []

    def built(self) -> tuple[tuple[Level1Group, ...], tuple[Indicator, ...]]:
        """The groups and ungrouped indicators read."""
        groups = tuple(
            Level1Group(
                category=g["category"], label=g["label"], stated_weight=g["weight"],
                goal=g["goal"],
                groups=tuple(
                    Level2Group(
                        category=s["category"], label=s["label"], indicators=tuple(s["rows"])
                    )
                    for s in g["level2"]
                ),
            )
            for g in self.groups
        )  # fmt: skip
        return groups, tuple(self.ungrouped)


def _level2(label: str, sheet: Sheet, row: int, column: int) -> Level2:
    key = label_key(label)
    for category in Level2:
        if key.startswith(category.value.removesuffix("指标")):
            return category
    raise sheet.grid.error(
        sheet.own(row, column), f"{label!r} is not a 二级指标 (level-2 category)",
        f"“{label}”不是二级指标",
    )  # fmt: skip


def _level1(label: str, level2: Level2 | None, layout: Layout, cell: Any, sheet: Sheet) -> Level1:
    key = label_key(label)
    for prefix, category in (*layout.level1, *_DEFAULT_LEVEL1):
        if key.startswith(prefix):
            return category
    if level2 is not None:  # a label reduced to its weight ("(50分)")
        return level2.level1
    raise sheet.grid.error(cell, f"{label!r} is not a 一级指标", f"“{label}”不是一级指标")


def read_indicators(
    sheet: Sheet, segment: Segment, tree: Tree, path: str, funding_path: str, cut: Cut
) -> None:
    """Add the rows of one indicator block to *tree*."""
    layout = sheet.layout
    columns = columns_of(sheet, segment)
    declared = {c.role for c in segment.block.columns}
    tree.columns = columns if tree.columns is None else tree.columns
    tree.header_cut = tree.header_cut or bool(set(columns.missing) & declared)
    goal = ""
    if segment.block.goal_from_start:
        goal = text_of(sheet.own(segment.start, segment.start_column))
    figures = [r for r in (*_TEXT, *_FIGURES, *_RATES) if r in declared]
    printed_not = tuple(layout.not_printed.get("indicator", ()))
    level1_col, level2_col, name_col = (columns.get(r) for r in ("level1", "level2", "name"))
    for row in segment.body:
        label = next((text_of(c) for c in sheet.grid.filled(row)), "")
        rule = next((r for r in segment.block.rows if r.labels and r.labels.match(label)), None)
        if rule is not None:  # the execution row printed among the indicators (Hebei)
            for field, role in rule.fields.items():
                column = columns.get(role)
                if column is None:
                    continue
                where = f"{funding_path}.{field}"
                if sheet.is_hidden(where) or cut.hides(row, column):
                    tree.funding_hidden.append(field)
                    sheet.used.add((row, column))
                else:
                    tree.funding[field] = sheet.figure(
                        row, column, where, field, rate=field == "stated_execution_rate"
                    )
            continue
        if level1_col is not None:
            _group(sheet, tree, row, level1_col, level2_col, goal, layout)
        if name_col is None:
            continue
        name = sheet.text(row, name_col, "")
        cells = {role: sheet.own(row, columns.at[role]) for role in figures if role in columns.at}
        if not name or (layout.not_applicable and layout.not_applicable.search(name)):
            continue  # no indicator: a figure in the row is left over, and refused
        if (
            layout.placeholder
            and layout.placeholder.fullmatch(name)
            and all(c.blank for c in cells.values())
        ):
            continue
        where = _where(tree, path, level1_col is None)
        sheet.sources[f"{where}.name"] = sheet.grid.address(sheet.own(row, name_col))
        fields: dict[str, Any] = {"name": name}
        hidden = list(printed_not)
        for role in figures:
            field = _FIGURES.get(role) or _RATES.get(role) or role
            column = columns.get(role)
            marked = sheet.is_hidden(f"{where}.{field}")
            if marked or tree.header_cut or column is None or cut.hides(row, column):
                if column is not None:
                    sheet.used.add((row, column))
                if field not in hidden:
                    hidden.append(field)
            elif role in _TEXT:
                fields[field] = sheet.text(row, column, f"{where}.{field}")
            else:
                fields[field] = sheet.figure(
                    row, column, f"{where}.{field}", field, rate=role in _RATES
                )
        indicator = Indicator(**fields, not_shown=tuple(hidden))
        tree.rows += 1
        if level1_col is None:
            tree.ungrouped.append(indicator)
        else:
            if not tree.groups or not tree.groups[-1]["level2"]:
                raise sheet.grid.error(
                    sheet.own(row, name_col), "an indicator with no 一级/二级 category above it",
                    "指标上方没有一级或二级指标",
                )  # fmt: skip
            tree.groups[-1]["level2"][-1]["rows"].append(indicator)


def _where(tree: Tree, path: str, ungrouped: bool) -> str:
    """The model path of the next indicator of *tree*."""
    if ungrouped or not tree.groups or not tree.groups[-1]["level2"]:
        return f"{path}.ungrouped[{len(tree.ungrouped)}]"
    g = len(tree.groups) - 1
    s = len(tree.groups[-1]["level2"]) - 1
    n = len(tree.groups[-1]["level2"][-1]["rows"])
    return f"{path}.groups[{g}].groups[{s}].indicators[{n}]"


def _group(
    sheet: Sheet,
    tree: Tree,
    row: int,
    level1_col: int,
    level2_col: int | None,
    goal: str,
    layout: Layout,
) -> None:
    label1 = sheet.text(row, level1_col, "")
    label2 = sheet.text(row, level2_col, "") if level2_col is not None else ""
    category2 = _level2(label2, sheet, row, level2_col) if label2 and level2_col else None
    if label1:
        cell = sheet.own(row, level1_col)
        category = _level1(label1, category2, layout, cell, sheet)
        last = tree.groups[-1] if tree.groups else None
        if last is None or last["category"] is not category or last["goal"] != goal:
            tree.groups.append(
                {
                    "category": category,
                    "label": label1,
                    "weight": weight_in(label1),
                    "goal": goal,
                    "level2": [],
                }
            )
    if category2 is not None:
        if not tree.groups:
            tree.groups.append(
                {
                    "category": category2.level1,
                    "label": "",
                    "weight": None,
                    "goal": goal,
                    "level2": [],
                }
            )
        tree.groups[-1]["level2"].append({"category": category2, "label": label2, "rows": []})


def read_total(sheet: Sheet, segment: Segment, tree: Tree, path: str) -> dict[str, Any]:
    """The 总分 row: the fields the layout maps to the indicator columns."""
    fields: dict[str, Any] = {}
    hidden: list[str] = []
    for cell in sheet.grid.filled(segment.start):
        if segment.block.start.match(text_of(cell)):
            sheet.used.add((cell.row, cell.column))
    for field, role in segment.block.fields.items():
        column = None if tree.columns is None else tree.columns.get(role)
        where = f"{path}.{field}" if field != "stated_grade" else ""
        if column is None or tree.header_cut or (where and sheet.is_hidden(where)):
            if field != "stated_grade":
                hidden.append(field)
            continue
        if field == "stated_grade":
            fields[field] = sheet.text(segment.start, column, "")
        else:
            fields[field] = sheet.figure(segment.start, column, where, field)
    fields["not_shown"] = tuple(hidden)
    return fields


def read_score_sheet(sheet: Sheet, segment: Segment, path: str, cut: Cut) -> tuple[ScoreGroup, ...]:
    """The score sheet's 一级 → 二级 → 三级 rows."""
    columns = columns_of(sheet, segment)
    groups: list[ScoreGroup] = []
    item_roles = (
        ("number", "number"),
        ("name", "name"),
        ("weight", "weight"),
        ("explanation", "explanation"),
        ("criteria", "criteria"),
        ("value", "stated_value"),
        ("score", "stated_score"),
        ("note", "note"),
    )
    for row in segment.body:
        group_col, sub_col = columns.get("group"), columns.get("subgroup")
        if group_col is not None and not sheet.own(row, group_col).blank:
            label = sheet.text(row, group_col, "")
            gw = columns.get("group_weight")
            where = f"{path}.groups[{len(groups)}].stated_weight"
            weight = sheet.figure(row, gw, where, "分值") if gw is not None else weight_in(label)
            groups.append(ScoreGroup(label=label, stated_weight=weight))
        if sub_col is not None and not sheet.own(row, sub_col).blank:
            label = sheet.text(row, sub_col, "")
            sw = columns.get("subgroup_weight")
            count = len(groups[-1].groups) if groups else 0
            where = f"{path}.groups[{len(groups) - 1}].groups[{count}].stated_weight"
            weight = sheet.figure(row, sw, where, "分值") if sw else weight_in(label)
            if not groups:
                raise sheet.grid.error(
                    sheet.own(row, sub_col),
                    "a 二级指标 with no 一级指标 above it",
                    "二级指标上方没有一级指标",
                )
            groups[-1] = attrs_evolve(
                groups[-1],
                groups=(*groups[-1].groups, ScoreSubgroup(label=label, stated_weight=weight)),
            )
        name_col = columns.get("name")
        if name_col is None or sheet.own(row, name_col).blank:
            continue
        if not groups or not groups[-1].groups:
            raise sheet.grid.error(
                sheet.own(row, name_col),
                "a 三级指标 with no 一级/二级指标 above it",
                "三级指标上方没有一级或二级指标",
            )
        g, s = len(groups) - 1, len(groups[-1].groups) - 1
        where = f"{path}.groups[{g}].groups[{s}].items[{len(groups[-1].groups[-1].items)}]"
        fields: dict[str, Any] = {}
        hidden: list[str] = []
        for role, field in item_roles:
            column = columns.get(role)
            if column is None:
                continue
            if cut.hides(row, column) or sheet.is_hidden(f"{where}.{field}"):
                sheet.used.add((row, column))
                hidden.append(field)
            elif field in ("weight", "stated_score"):
                fields[field] = sheet.figure(row, column, f"{where}.{field}", field)
            else:
                fields[field] = sheet.text(row, column, f"{where}.{field}")
        item = ScoreItem(**fields, not_shown=tuple(hidden))
        last = groups[-1].groups[-1]
        last = attrs_evolve(last, items=(*last.items, item))
        groups[-1] = attrs_evolve(groups[-1], groups=(*groups[-1].groups[:-1], last))
    return tuple(groups)


def attrs_evolve(record: Any, **changes: Any) -> Any:
    """*record* with *changes* (attrs.evolve)."""
    import attrs

    return attrs.evolve(record, **changes)
