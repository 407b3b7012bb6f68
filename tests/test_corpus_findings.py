"""What the checker says about each of the twelve real tables (tests/data/corpus), judged by hand.

Every finding of ``check(...)`` on each corpus report is pinned here — code, severity and the
figure it points at — with a comment that judges it against the table as printed
(/work/shared/corpus/<file>).  A false error on a sound report is the worst defect the checker
can have, so no error may stand on a figure that adds up, and nothing the copy does not show
(a cut tree, an illegible amount, a column the layout lacks) may be called wrong or missing.
A change here is a change in what the product tells a reviewer: judge it before re-pinning.
"""

import pytest

import budget_perf as bp
from corpus_reports import BUILDERS, FILES

E, W, INFO = "error", "warning", "info"
P0 = "$.projects[0]"
P1 = "$.projects[1]"
DT = "$.department_table"

#: Each file's findings as (code, severity, path), in the checker's order.
PINNED: dict[str, list[tuple[str, str, str]]] = {
    # 01 Yunnan 公开14表 (元): funds 387664.62 of 387664.62, 10/100%/10; 总分 100/96 adds up
    # (execution 10 + indicators 90 weight; 10 + 86 score).
    "01_yunnan-yongde-minglang-school-2022.json": [
        # 资金到位及时率: scored 7 of 10, the 偏差原因 column is printed empty: a true warning.
        (
            "BP407",
            W,
            f"{P0}.indicators.groups[0].groups[2].indicators[0].deviation_note",
        ),
        # 政策知晓率: target =100%, actual 98%, scored 9 of 10, no deviation note: true.
        ("BP407", W, f"{P0}.indicators.groups[1].groups[1].indicators[0].deviation_note"),
        # 资金到位及时率: target ≥100% met (100%) yet 7 of 10: an info asking why; fair.
        ("BP211", INFO, f"{P0}.indicators.groups[0].groups[2].indicators[0].score"),
    ],
    # 02 Sichuan: 产出70/效益20/满意度10; the 总分 row (100/100) adds up the indicators only,
    # the funds' 10 is on top (total_includes_execution=False).  The former BP206/BP207/BP402
    # errors (110 ≠ 100) were false and are gone.
    "02_sichuan-zhongjiang-water-2022.json": [
        # 产出 weighs 70, 效益 20 where the national profile sets 50/30: a permitted deviation
        # ("如有特殊情况"), rightly a warning.
        ("BP401", W, f"{P0}.indicators.groups[0].stated_weight"),
        ("BP401", W, f"{P0}.indicators.groups[1].stated_weight"),
    ],
    # 03 Anhui (Tianchang): six 三级 rows print a name ("指标1:工程质量合格") and a score but an
    # empty 年度指标值: the cells are printed blank, so "no target" is a fair warning.
    "03_anhui-tianchang-water-2022.json": [
        ("BP405", W, f"{P0}.indicators.groups[0].groups[1].indicators[0].target"),
        ("BP405", W, f"{P0}.indicators.groups[0].groups[2].indicators[0].target"),
        ("BP405", W, f"{P0}.indicators.groups[0].groups[3].indicators[0].target"),
        ("BP405", W, f"{P0}.indicators.groups[1].groups[0].indicators[0].target"),
        ("BP405", W, f"{P0}.indicators.groups[1].groups[1].indicators[0].target"),
        ("BP405", W, f"{P0}.indicators.groups[1].groups[3].indicators[0].target"),
    ],
    # 04 Hubei: 预算数(A) 10, 执行数(B) 10, 100%, 20 of 20 (now checked on the 年初 basis: it
    # agrees); 总分 99.6 = 20 + 10 + 10 + 19.6 + 20 + 20.  The layout prints no 三级 分值, so
    # the former "no level-3 weight" BP405 is gone (weights marked not shown).
    "04_hubei-huanggang-soil-monitoring-2020.json": [
        # 预算执行 weighs 20 (printed "(20分)"), the national profile 10: a warning, fine.
        ("BP401", W, f"{P0}.funding.weight"),
        # 效益指标 rows printed empty in both goal blocks, and 满意度 in the second: true gaps.
        ("BP406", W, f"{P0}.indicators.groups[1]"),
        ("BP406", W, f"{P0}.indicators.groups[4]"),
        ("BP406", W, f"{P0}.indicators.groups[5]"),
    ],
    # 05 Shanghai, two tables in 元; the second's indicator figures and 总分 are cut.
    "05_shanghai-putuo-sports-2022.json": [
        # 86.19% printed; 215457.6 / 250000 = 86.18304% → 86.18% at the printed 2 decimals.
        ("BP201", E, f"{P0}.funding.stated_execution_rate"),
        # Table 2: sources printed 0 / 0 / 0 under a total of 20000.00 in 全年预算数 and in
        # 年初预算数: the printed breakdown does not add up (true; the OCR notes place the two
        # zeros by column order, but zeros are what the table prints).
        (
            "BP101",
            E,
            f"{P1}.funding.total.full_year_budget",
        ),
        ("BP101", E, f"{P1}.funding.total.initial_budget"),
        # Table 1: every indicator at full marks (100% everywhere) with 86.18% spent: true.
        ("BP501", W, f"{P0}.indicators"),
        # Table 2: 9034 of 20000 spent (45.17%): more than 20% unspent, true.
        ("BP503", W, f"{P1}.funding.total.executed"),
        # (The former BP406 ×3 on table 2 are gone: its rows are there, their figures cut.)
    ],
    # 06 Hebei (Langfang) 2019, cut before its 总分 row: nothing wrong in what is shown.
    "06_hebei-langfang-food-school-2019.json": [],
    # 07 Hebei (Chengan), cut at the 预算执行率 row; the layout prints no 三级 分值, so the
    # former BP405 "no level-3 weight" is gone.
    "07_hebei-chengan-civil-affairs-2020.json": [],
    # 08 Hunan (Hengshan) 基础数据表 and the department table's funds block.
    "08_hunan-hengshan-guantang-dept-2023.json": [
        # 按支出性质分: 基本支出 900.47 + 项目支出 1025.20 = 1925.67, the total 2030.12: true
        # (the split's own printed total is 2030.12 too, so it cannot be a missing line).
        ("BP103", E, f"{DT}.spending_split"),
        # 公用经费 118.31 / 85.76 / 193.42 above its "其中:" listing (29.35+8.80+4.92 = 43.07,
        # 27.00+13.00+3.00 = 43.00, 49.09+12.64+5.42 = 67.15): the template's fourth row
        # (印刷费、邮电费、劳务费等) is not printed, so the listing is partial: warnings.
        ("BP104", W, "$.basic_data.operating_funds.current_budget"),
        ("BP104", W, "$.basic_data.operating_funds.current_final"),
        # 公用经费 193.42 spent against a budget of 85.76 (225.54%): true.
        ("BP506", W, "$.basic_data.operating_funds.current_final"),
        ("BP104", W, "$.basic_data.operating_funds.previous_final"),
    ],
    # 09 Guizhou: rates on 年初预算数(A), method "执行率×该项分值,以分值为上限".
    "09_guizhou-suiyang-taibai-dept-2021.json": [
        # 基本支出 914.97 / 985.19 = 92.87%, × 10 = 9.29, printed 10: true.  (The total row,
        # 1268.72 / 1172.55 above 100%, and 项目支出 353.75 / 187.36 earn their 10.)
        ("BP215", E, f"{DT}.funding.spending_rows[0].stated_score"),
    ],
    # 10 Anhui (Shouxian) score sheet, cut: nothing wrong in what is shown.
    "10_anhui-shouxian-dept-scoresheet-2023.json": [],
    # 11 Chongqing (OCR): amounts illegible, indicators ungrouped, the list cut at 公共服务….
    # The former BP207 error (自评总分 97.6 against 7.6) was false: the tree is cut.  The layout
    # has no 偏差原因 column (marked not shown), so no deviation note is asked for.
    "11_chongqing-kexuecheng-media-dept-2021.json": [
        # "三公经费变动率 / 控制率: the OCR gives only 得分系数/权重/得分; target and result are
        # blank.  A warning asks; it does not accuse.  Fair, if possibly an OCR loss.
        ("BP405", W, f"{DT}.indicators.ungrouped[1].target"),
        ("BP405", W, f"{DT}.indicators.ungrouped[7].target"),
        # 政府采购执行率: target 100%, actual 72.74%, full marks 2 (coefficient 100%): a
        # reviewer's question by the national rule (2 × 72.74% = 1.45); fair as a warning.
        ("BP211", W, f"{DT}.indicators.ungrouped[8].score"),
        # 党性教育培训次数: 26次 planned, 12次 held, full marks 5: same question, fair.
        ("BP211", W, f"{DT}.indicators.ungrouped[14].score"),
        # 制作宣传品数量: the target reads "第O份" (the OCR's text, kept as given): it cannot be
        # measured as printed.  A warning on an OCR artefact — true of the text we hold.
        ("BP505", W, f"{DT}.indicators.ungrouped[16].target"),
    ],
    # 12 A Hunan-style indicator score sheet, cut in 过程: nothing wrong in what is shown.
    "12_dept-indicator-scoresheet-touru-guocheng-2017.json": [],
}


def _findings(name: str) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity.value, f.path) for f in bp.check(BUILDERS[name]())]


def test_every_corpus_file_is_pinned() -> None:
    """Each of the twelve files has its findings judged here."""
    assert set(PINNED) == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_corpus_findings_are_the_judged_ones(name: str) -> None:
    """The checker finds exactly what was judged by hand on each table, no more, no less."""
    assert _findings(name) == PINNED[name]


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("02_sichuan-zhongjiang-water-2022.json", {"BP206", "BP207", "BP402"}),
        ("11_chongqing-kexuecheng-media-dept-2021.json", {"BP207"}),
        ("05_shanghai-putuo-sports-2022.json", {"BP406"}),
    ],
)
def test_the_false_findings_once_reported_are_gone(name: str, codes: set[str]) -> None:
    """Sichuan's 总分 without the execution 10, Chongqing's cut tree and Shanghai's cut second
    table gave false findings before the checker honoured what the copy shows; none is back."""
    assert not codes & {code for code, _, _ in _findings(name)}
