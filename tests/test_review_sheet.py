"""Tests of budget_perf.review.sheet: the 考核评分表 as data, and the refusal of a malformed one."""

import json
import re
from decimal import Decimal
from importlib import resources
from typing import Any

import pytest

from budget_perf.examples import load
from budget_perf.review import (
    InvalidReviewInput,
    RuleKind,
    list_sheets,
    load_sheet,
    load_sheet_file,
    sheet_from_json,
)

D = Decimal
YUEYANG = load_sheet("yueyang-2022")


def bundled(key: str) -> dict[str, Any]:
    """The bundled sheet *key* as parsed JSON, ready to be altered."""
    folder = resources.files("budget_perf.review") / "sheets"
    data: dict[str, Any] = json.loads((folder / f"{key}.json").read_text("utf-8"))
    return data


def refusal(data: dict[str, Any]) -> InvalidReviewInput:
    """The refusal of the sheet *data*."""
    with pytest.raises(InvalidReviewInput) as caught:
        sheet_from_json(json.dumps(data, ensure_ascii=False))
    return caught.value


def test_both_sheets_are_bundled_and_the_example_says_so() -> None:
    """Two sheets ship; the made-up one is marked an example in its flag, title and criteria."""
    assert list_sheets() == ("example-county", "yueyang-2022")
    example = load_sheet("example-county")
    assert example.example and not YUEYANG.example
    assert example.title.startswith("【示例】") and example.title_en.startswith("[EXAMPLE]")
    assert all(item.criteria.startswith("【示例】") for item in example.items)


def test_the_yueyang_sheet_is_the_one_the_bundled_report_prints() -> None:
    """Every line of the report's 考核评分表 is on the sheet: same names, same points, the
    criteria quoted word for word (a clause split over several items, joined by ……)."""
    rubric = load("yueyang-npc-2022").review_rubric
    assert rubric is not None
    assert YUEYANG.total == rubric.stated_total == D(100)
    printed = {(r.level1, r.level2): r for r in rubric.items}
    assert {(i.level1, i.level2) for i in YUEYANG.items} == set(printed)
    for item in YUEYANG.items:
        row = printed[(item.level1, item.level2)]
        assert (item.level1_points, item.level2_points) == (row.level1_points, row.level2_points)
        for clause in item.criteria.split("……"):
            assert clause in row.criteria, (item.key, clause)
        # the evidence as printed, its stray space and line break tidied
        assert item.evidence == re.sub(r" ", "", row.evidence).replace("\n", "；")


def test_the_yueyang_sheet_lists_the_report_s_own_headings_and_attachments() -> None:
    """The 正文 parts are the report's section headings in order, the 附件 its own list."""
    report = load("yueyang-npc-2022")
    assert [p.name for p in YUEYANG.attachments] == list(report.attachments)
    assert [p.name for p in YUEYANG.report_parts] == [
        "一、部门（单位）基本情况",
        "二、一般公共预算支出情况",
        "三、政府性基金预算支出情况",
        "四、国有资本经营预算支出情况",
        "五、社会保险基金预算支出情况",
        "六、部门整体支出绩效情况",
        "七、存在的问题及原因分析",
        "八、下一步改进措施",
        "九、部门整体支出绩效自评结果拟应用和公开情况",
        "十、其他需要说明的情况",
    ]
    # "按照本规程规定，绩效自评通知包括自评范围、…、有关要求等内容，并附有本通知要求的附件"
    assert YUEYANG.notice_contents == (
        "自评范围", "自评主要依据", "自评主要内容", "自评程序和步骤", "有关要求", "附件",
    )  # fmt: skip


def test_the_judged_items_carry_the_printed_bands() -> None:
    """反映问题 20 / 16–18 / 13–15 / 10–12 / 0 and 建议 15 / 12–14 / 9–11 / 6–8 / 0, each with
    the sheet's 其他情况酌情扣分; the two smaller quality clauses are at discretion from 0."""
    bands = {i.key: [str(b) for b in i.rule.bands] for i in YUEYANG.items if i.judged}
    assert bands == {
        "core_indicators": ["0–3"],
        "relevant_indicators": ["0–2"],
        "problems": ["20", "16–18", "13–15", "10–12", "0"],
        "suggestions": ["15", "12–14", "9–11", "6–8", "0"],
    }
    assert YUEYANG.item("problems").rule.other_cases
    assert not YUEYANG.item("core_indicators").rule.other_cases


def test_the_lateness_rule_states_whether_the_deadline_day_counts() -> None:
    """Yueyang: "按时…报送" — a report handed in on the deadline day is on time; the example
    sheet, due before its deadline, counts the deadline day as late."""
    assert YUEYANG.item("submission").rule.deadline_day_counts is False
    assert load_sheet("example-county").item("submission").rule.deadline_day_counts is True


def test_every_rule_kind_is_used_by_a_bundled_sheet() -> None:
    """No rule kind is dead code: the Yueyang sheet uses each one."""
    assert {item.rule.kind for item in YUEYANG.items} == set(RuleKind)


def test_a_sheet_file_reads_like_the_bundled_one(tmp_path: Any) -> None:
    """A user's sheet file in the same shape loads to the same sheet."""
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps(bundled("yueyang-2022"), ensure_ascii=False), encoding="utf-8")
    assert load_sheet_file(path) == YUEYANG


def test_a_float_point_value_is_refused_at_its_path() -> None:
    """Points are exact: a JSON number is refused, naming where, in both languages."""
    data = bundled("yueyang-2022")
    data["items"][0]["points"] = 2
    err = refusal(data)
    assert str(err).endswith(
        'expected a decimal string such as "2", got the JSON number 2 @ $.items[0].points'
    )
    assert err.message("zh").endswith(
        '应为小数字符串（如 "2"），实际为JSON数字 2 @ $.items[0].points'
    )


@pytest.mark.parametrize(
    ("change", "english", "chinese"),
    [
        (
            lambda d: d["items"][0].update(points="3"),
            "add up to 101, not the stated total 100",
            "合计101分",
        ),
        (
            lambda d: d.update(profile="beijing"),
            "no bundled rule profile 'beijing'",
            "没有内置规则配置",
        ),
        (
            lambda d: d["report_parts"][0].update(key="preface"),
            "cannot find a part 'preface'",
            "无法识别",
        ),
        (lambda d: d["items"][0].update(colour="red"), "unknown key(s) 'colour'", "未知的键"),
        (
            lambda d: d["items"][-1]["rule"]["bands"][1].update(upper="15"),
            "bands 12–15 and 15 overlap",
            "重叠",
        ),
        (
            lambda d: d["items"][0]["rule"].update(kind="guess"),
            "no rule kind 'guess'",
            "没有规则类型",
        ),
        (
            lambda d: d["items"][2].update(level2_points="3"),
            "工作小组 add up to 2, not its 3 points",
            "与其3分不符",
        ),
    ],
)
def test_a_malformed_sheet_is_refused_saying_what(change: Any, english: str, chinese: str) -> None:
    """Points that do not add up, an unknown profile, part, key or rule kind, overlapping bands:
    each is refused with a message in English and Chinese."""
    data = bundled("yueyang-2022")
    change(data)
    err = refusal(data)
    assert english in str(err)
    assert chinese in err.message("zh")


def test_an_unknown_sheet_key_is_refused() -> None:
    """Asking for a sheet that is not bundled names the bundled ones."""
    with pytest.raises(InvalidReviewInput, match="bundled: example-county, yueyang-2022"):
        load_sheet("beijing-2022")
