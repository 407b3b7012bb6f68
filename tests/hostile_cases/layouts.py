"""Hostile inputs: budget_perf.read and layout descriptions (see tests/hostile.py)."""

import textwrap

from hostile import Case

_TABLE = """
import openpyxl
import budget_perf as bp

HEAD = [
    ["2022年度项目支出绩效自评表"],
    ["项目名称", "p"], ["主管部门", "d", None, None, None, "实施单位", "u"],
    ["项目资金(万元)", None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
     "得分"],
    [None, "年度资金总额", None, 10, 10, 10, 10, "100%", 10],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
     "偏差原因分析及改进措施"],
]


def book(name, rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(work / name)
    return work / name
"""

CASES: tuple[Case, ...] = (
    Case(
        id="layouts-read-not-a-workbook",
        what="budget_perf.read on a text file is refused as not a workbook",
        code="""
        import budget_perf as bp
        (work / "x.xlsx").write_text("not a workbook")
        refused(bp.BudgetPerfError, bp.read, work / "x.xlsx", contains=("x.xlsx",))
        """,
    ),
    Case(
        id="layouts-read-unknown-form",
        what="a sheet of labels no layout knows is refused naming the nearest layout",
        code=_TABLE
        + textwrap.dedent(
            """
        path = book("odd.xlsx", [["季度报表"], ["项目名称", "p"], ["收入", 5]])
        refused(bp.UnknownLayout, bp.read, path, contains=("nearest layout", "odd.xlsx"))
        """
        ),
    ),
    Case(
        id="layouts-read-five-thousand-indicator-rows",
        what="a project table of 4 990 indicator rows (near the 5 000-row limit) reads in one pass",
        code=_TABLE
        + textwrap.dedent(
            """
        rows = [*HEAD, [None, "产出指标", "数量指标", "n0", "1", "1", 1, 1]]
        rows += [[None, None, None, f"n{i}", "1", "1", 1, 1] for i in range(1, 4_990)]
        path = book("long.xlsx", rows)
        report = bp.read(path)
        assert len(report.projects[0].indicators.groups[0].groups[0].indicators) == 4_990
        """
        ),
    ),
    Case(
        id="layouts-read-stray-figure",
        what="a figure beside no label the layout knows is refused at its cell, never dropped",
        code=_TABLE
        + textwrap.dedent(
            """
        path = book("stray.xlsx", [*HEAD, [None, "产出指标", "数量指标", "n", "1", "1", 1, 1],
                                   ["总分", None, None, None, None, None, 1, 1, None, 99]])
        refused(bp.BudgetPerfError, bp.read, path, contains=("!J8", "national-project"))
        """
        ),
    ),
    Case(
        id="layouts-description-float-and-depth",
        what="a layout description nested 100 000 deep is refused, not a RecursionError",
        code="""
        import budget_perf as bp
        text = '{"key": ' + "[" * 100_000 + "]" * 100_000 + "}"
        refused(bp.InvalidLayout, bp.layouts.layout_from_json, text, contains=("@ $",))
        """,
    ),
)
