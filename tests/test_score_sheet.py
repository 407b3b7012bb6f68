"""The department score sheet (部门整体支出绩效评价指标表, rules.md §8): held as printed, and its
sums checked — items against their 二级 and 一级 分值 and the 总分, no score above its 分值."""

from decimal import Decimal

import attrs
import pytest

import budget_perf as bp
from budget_perf.checks import score_sheet as sheet_rules

D = Decimal


def _item(name: str, weight: str, score: str | None, **more: object) -> bp.ScoreItem:
    stated = None if score is None else D(score)
    return bp.ScoreItem(name=name, weight=D(weight), stated_score=stated, **more)  # type: ignore[arg-type]


def _framework_sheet() -> bp.ScoreSheet:
    """A whole sheet on the 2013 framework's 投入 block: 投入 15 = 目标设定 5 + 预算配置 10."""
    return bp.ScoreSheet(
        title="部门整体支出绩效评价指标表",
        groups=(
            bp.ScoreGroup(
                label="投入",
                stated_weight=D(15),
                groups=(
                    bp.ScoreSubgroup(
                        label="目标设定",
                        stated_weight=D(5),
                        items=(
                            _item("绩效目标合理性", "3", "3"),
                            _item("绩效指标明确性", "2", "1.5"),
                        ),
                    ),
                    bp.ScoreSubgroup(
                        label="预算配置",
                        stated_weight=D(10),
                        items=(
                            _item("在职人员控制率", "5", "5", stated_value="76.58%"),
                            _item("三公经费变动率", "5", "4.2"),
                        ),
                    ),
                ),
            ),
        ),
        stated_total_weight=D(15),
        stated_total_score=D("13.7"),
    )


def _report(sheet: bp.ScoreSheet) -> bp.SelfEvaluation:
    return bp.SelfEvaluation(year=2023, department=bp.Department(name="某单位"), score_sheet=sheet)


def _codes(sheet: bp.ScoreSheet) -> list[tuple[str, str, str]]:
    findings = bp.check(_report(sheet), rules=sheet_rules.RULES)
    return [(f.code, f.severity.value, f.path) for f in findings]


# The record -------------------------------------------------------------------------------------


def test_a_sheet_holds_its_levels_texts_and_stated_figures() -> None:
    """Each row keeps 序号, the three levels' 分值, 指标解释, 评分标准, the value and the 得分."""
    sheet = _framework_sheet()
    assert [i.name for i in sheet.items()] == [
        "绩效目标合理性",
        "绩效指标明确性",
        "在职人员控制率",
        "三公经费变动率",
    ]
    assert (sheet.weight_of_items(), sheet.score_of_items()) == (D(15), D("13.7"))
    assert sheet.groups[0].groups[1].items[0].stated_value == "76.58%"


def test_a_report_carries_its_score_sheet_through_json() -> None:
    """The sheet is part of the report and round-trips; a 0.1 report has none."""
    sheet = attrs.evolve(_framework_sheet(), cut=True, stated_total_score=None)
    report = _report(attrs.evolve(sheet, not_shown=("stated_total_score",)))
    assert bp.from_json(bp.to_json(report), bp.SelfEvaluation) == report
    assert "score sheet" in str(report)
    old = bp.from_json('{"year": 2022, "department": {"name": "x"}}', bp.SelfEvaluation)
    assert old.score_sheet is None


# The rules --------------------------------------------------------------------------------------


def test_a_consistent_sheet_has_no_finding() -> None:
    """Levels and total add up and no score exceeds its 分值: nothing to report."""
    assert _codes(_framework_sheet()) == []


def test_a_score_above_its_weight_is_an_error() -> None:
    """A 得分 of 6 on a 5-point row cannot be right."""
    sheet = _framework_sheet()
    item = sheet.groups[0].groups[1].items[1]
    changed = _replace_item(sheet, 0, 1, 1, attrs.evolve(item, stated_score=D(6)))
    changed = attrs.evolve(changed, stated_total_score=D("15.5"))
    assert ("BP601", "error", "$.score_sheet.groups[0].groups[1].items[1].stated_score") in (
        _codes(changed)
    )


def test_a_level2_weight_that_is_not_the_sum_of_its_rows_is_an_error() -> None:
    """预算配置 stated as 8 points while its rows weigh 5 + 5."""
    sheet = _framework_sheet()
    group = attrs.evolve(sheet.groups[0].groups[1], stated_weight=D(8))
    changed = _replace_subgroup(sheet, 0, 1, group)
    codes = _codes(changed)
    assert ("BP602", "error", "$.score_sheet.groups[0].groups[1].stated_weight") in codes
    assert ("BP603", "error", "$.score_sheet.groups[0].stated_weight") in codes


def test_a_total_score_that_is_not_the_sum_of_the_rows_is_an_error() -> None:
    """总分 13.5 printed for rows that score 13.7."""
    changed = attrs.evolve(_framework_sheet(), stated_total_score=D("13.5"))
    assert _codes(changed) == [("BP605", "error", "$.score_sheet.stated_total_score")]


def test_a_total_weight_that_is_not_the_sum_of_the_groups_is_an_error() -> None:
    """总分 分值 100 printed for a sheet whose 一级 weigh 15."""
    changed = attrs.evolve(_framework_sheet(), stated_total_weight=D(100))
    assert _codes(changed) == [("BP604", "error", "$.score_sheet.stated_total_weight")]


def test_a_blank_score_is_a_warning_never_an_error() -> None:
    """A row printed without a 得分 is worth a look; its 总分 is then not summed."""
    sheet = _framework_sheet()
    item = sheet.groups[0].groups[0].items[1]
    changed = _replace_item(sheet, 0, 0, 1, attrs.evolve(item, stated_score=None))
    assert _codes(changed) == [
        ("BP606", "warning", "$.score_sheet.groups[0].groups[0].items[1].stated_score")
    ]


def test_a_score_not_shown_is_neither_blank_nor_summed() -> None:
    """A row cut inside its 评分标准 has no score to report and its sheet no total to check."""
    sheet = _framework_sheet()
    item = sheet.groups[0].groups[0].items[1]
    cut_item = attrs.evolve(item, stated_score=None, not_shown=("stated_score",))
    changed = _replace_item(sheet, 0, 0, 1, cut_item)
    changed = attrs.evolve(changed, stated_total_score=D(14))
    assert _codes(changed) == []


def test_a_cut_sheet_checks_its_whole_groups_and_not_the_last_or_the_total() -> None:
    """Anhui's excerpt: 规划 is whole and checked; 执行 is cut after its first row; no total."""
    whole = bp.ScoreGroup(
        label="规划(15分)",
        stated_weight=D(15),
        groups=(
            bp.ScoreSubgroup(
                label="基础信息(3分)",
                stated_weight=D(3),
                items=(_item("基础信息完整性", "3", "3"),),
            ),
            bp.ScoreSubgroup(
                label="工作计划(6分)", stated_weight=D(7), items=(_item("年度工作计划", "6", "6"),)
            ),
        ),
    )
    cut = bp.ScoreGroup(
        label="执行(35分)",
        stated_weight=D(35),
        groups=(
            bp.ScoreSubgroup(
                label="预算执行(18分)",
                stated_weight=D(18),
                items=(bp.ScoreItem(name="预算执行率", weight=D(5), not_shown=("stated_score",)),),
            ),
        ),
    )
    sheet = bp.ScoreSheet(groups=(whole, cut), cut=True, stated_total_weight=D(100))
    codes = _codes(sheet)
    assert ("BP602", "error", "$.score_sheet.groups[0].groups[1].stated_weight") in codes
    assert not [path for _, _, path in codes if path.startswith("$.score_sheet.groups[1]")]
    assert all(code not in ("BP604", "BP605") for code, _, _ in codes)


def test_a_printed_subtotal_score_is_checked() -> None:
    """A 一级 得分 printed as a subtotal must be the sum of its rows' scores."""
    sheet = _framework_sheet()
    changed = attrs.evolve(sheet, groups=(attrs.evolve(sheet.groups[0], stated_score=D(14)),))
    assert _codes(changed) == [("BP607", "error", "$.score_sheet.groups[0].stated_score")]


@pytest.mark.parametrize("score", ["-1", "5.01"])
def test_a_negative_or_excess_score_names_its_bounds(score: str) -> None:
    """A score below zero is as wrong as one above its weight."""
    sheet = _framework_sheet()
    item = sheet.groups[0].groups[0].items[0]
    changed = _replace_item(sheet, 0, 0, 0, attrs.evolve(item, weight=D(5), stated_score=D(score)))
    messages = [f.message("en") for f in bp.check(_report(changed), rules=sheet_rules.RULES)]
    assert any("outside [0, 5]" in m for m in messages)


def _replace_subgroup(
    sheet: bp.ScoreSheet, i: int, j: int, subgroup: bp.ScoreSubgroup
) -> bp.ScoreSheet:
    group = sheet.groups[i]
    subgroups = (*group.groups[:j], subgroup, *group.groups[j + 1 :])
    groups = (*sheet.groups[:i], attrs.evolve(group, groups=subgroups), *sheet.groups[i + 1 :])
    return attrs.evolve(sheet, groups=groups)


def _replace_item(
    sheet: bp.ScoreSheet, i: int, j: int, k: int, item: bp.ScoreItem
) -> bp.ScoreSheet:
    subgroup = sheet.groups[i].groups[j]
    items = (*subgroup.items[:k], item, *subgroup.items[k + 1 :])
    return _replace_subgroup(sheet, i, j, attrs.evolve(subgroup, items=items))


def broken_sheets() -> list[tuple[str, bp.ScoreSheet]]:
    """One sheet per score-sheet rule, each breaking that rule (used by test_layout_checks)."""
    sheet = _framework_sheet()
    item = sheet.groups[0].groups[0].items[1]
    return [
        ("BP601", _replace_item(sheet, 0, 0, 1, attrs.evolve(item, stated_score=D(3)))),
        (
            "BP602",
            _replace_subgroup(
                sheet, 0, 1, attrs.evolve(sheet.groups[0].groups[1], stated_weight=D(8))
            ),
        ),
        (
            "BP603",
            attrs.evolve(sheet, groups=(attrs.evolve(sheet.groups[0], stated_weight=D(16)),)),
        ),
        ("BP604", attrs.evolve(sheet, stated_total_weight=D(100))),
        ("BP605", attrs.evolve(sheet, stated_total_score=D("13.5"))),
        ("BP606", _replace_item(sheet, 0, 0, 1, attrs.evolve(item, stated_score=None))),
        ("BP607", attrs.evolve(sheet, groups=(attrs.evolve(sheet.groups[0], stated_score=D(14)),))),
    ]


def _level_scored_sheet(*, satisfaction_score: str | None) -> bp.ScoreSheet:
    """A sound sheet whose 满意度 is scored at its 二级 (no 三级 rows), as many sheets print it."""
    satisfaction = None if satisfaction_score is None else D(satisfaction_score)
    return bp.ScoreSheet(
        title="部门整体支出绩效评价指标表",
        groups=(
            bp.ScoreGroup(
                label="产出及效益",
                stated_weight=D(15),
                stated_score=D(13),
                groups=(
                    bp.ScoreSubgroup(
                        label="产出",
                        stated_weight=D(10),
                        items=(_item("数量", "5", "5"), _item("质量", "5", "4")),
                    ),
                    bp.ScoreSubgroup(
                        label="满意度",
                        stated_weight=D(5),
                        stated_score=satisfaction,
                    ),
                ),
            ),
            bp.ScoreGroup(label="加分", stated_weight=D(5), stated_score=D(2)),
        ),
        stated_total_weight=D(20),
        stated_total_score=D(15),
    )


def test_a_level_scored_without_rows_counts_with_its_own_score() -> None:
    """满意度 scored 4 at its 二级 and 加分 scored 2 at its 一级, with no 三级 rows under them:
    the 一级 subtotal 13 = 5 + 4 + 4 and the 总分 15 = 5 + 4 + 4 + 2 are sound, not errors."""
    assert _codes(_level_scored_sheet(satisfaction_score="4")) == []


def test_a_level_scored_without_rows_still_catches_a_wrong_total() -> None:
    """The same sheet with 满意度 scored 3: the subtotal 13 and the 总分 15 are each 1 too high."""
    assert _codes(_level_scored_sheet(satisfaction_score="3")) == [
        ("BP607", "error", "$.score_sheet.groups[0].stated_score"),
        ("BP605", "error", "$.score_sheet.stated_total_score"),
    ]


def test_a_level_without_rows_or_score_leaves_its_sums_unchecked() -> None:
    """满意度 printed with neither rows nor a 得分: the sums that take it in cannot be made."""
    assert _codes(_level_scored_sheet(satisfaction_score=None)) == []
