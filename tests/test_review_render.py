"""Tests of budget_perf.review.render and of ``budget-perf review``: the filled sheet as text,
HTML, Markdown and JSON, each score with its reasons, and the command's exit status."""

import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from budget_perf.cli import main
from budget_perf.examples import load
from budget_perf.model import Department
from budget_perf.review import (
    facts_from_json,
    fill_sheet,
    filled_to_data,
    filled_to_json,
    render_html,
    render_markdown,
    render_text,
)
from budget_perf.serialization import to_json

D = Decimal
REPORT = load("yueyang-npc-2022")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "review-facts.json"
FILLED = fill_sheet(REPORT, facts_from_json(EXAMPLE.read_bytes()))
HOSTILE = attrs.evolve(REPORT, department=Department(name="岳阳\x1b[2J<b>|人大</b>"))


def test_the_text_sheet_says_why_for_every_score() -> None:
    """Each row has its score and first reason; below the table every reason is listed."""
    text = render_text(FILLED, "zh")
    assert text.splitlines()[0] == "部门整体支出绩效自评工作考核评分表 — 岳阳市人大常委会"
    assert "计为迟报的工作日：2023-06-25（调休上班）、2023-06-26" in text
    assert "评审理由：三个问题均为管理层面" in text
    assert text.endswith("合计：84分（满分100分）")
    english = render_text(FILLED, "en")
    assert "deadline 2023-06-21, submitted 2023-06-26: 2 working day(s) late" in english
    assert english.endswith("Total: 84 of 100")


def test_an_open_sheet_says_what_it_waits_for() -> None:
    """Without facts the summary names the open items; a discretionary suggestion is shown in
    brackets, not counted."""
    text = render_text(fill_sheet(REPORT), "en")
    assert "(1.47)" in text
    assert text.endswith(
        "Incomplete: 25 of 100 so far; open: notice_issued, notice_contents, working_group, "
        "self_check, submission, measurable, core_indicators, relevant_indicators, problems, "
        "suggestions"
    )


def test_report_text_is_escaped_in_every_medium() -> None:
    """A unit name with a terminal escape, HTML and a table bar cannot act on any output."""
    filled = fill_sheet(HOSTILE)
    assert "\x1b" not in render_text(filled) and "\\x1b[2J" in render_text(filled)
    html = render_html(filled)
    assert "<b>" not in html and "&lt;b&gt;" in html
    markdown = render_markdown(filled)
    assert "— 岳阳\x1b\\[2J&lt;b&gt;\\|人大&lt;/b&gt;" in markdown  # no raw bar nor tag
    assert "\\u001b" in filled_to_json(filled)


def test_the_html_and_markdown_tables_have_a_row_per_item() -> None:
    """Fourteen items, fourteen rows, in both languages."""
    for language in ("zh", "en"):
        assert render_html(FILLED, language).count("<tr><td>") == 14
        rows = [line for line in render_markdown(FILLED, language).splitlines()
                if line.startswith("| ")]  # fmt: skip
        assert len(rows) == 1 + 14


def test_the_json_export_keeps_scores_exact_and_reasons_in_both_languages() -> None:
    """Scores are decimal strings; each item has its criteria, the evidence the sheet asks for,
    its status, basis and reasons."""
    data = json.loads(filled_to_json(FILLED))
    assert data == filled_to_data(FILLED)
    assert (data["complete"], data["total"], data["points"]) == (True, "84", "100")
    submission = next(item for item in data["items"] if item["key"] == "submission")
    assert submission["score"] == "8" and submission["basis"] == "evidence"
    assert submission["criteria"].startswith("按时向市财政局报送报告的得10分")
    working_group = next(item for item in data["items"] if item["key"] == "working_group")
    assert working_group["evidence_required"].startswith("本部门、本单位预算绩效管理领导小组")
    assert data["example_sheet"] is False
    assert submission["why"][1] == {
        "zh": "计为迟报的工作日：2023-06-25（调休上班）、2023-06-26",
        "en": "working days late: 2023-06-25 (make-up working day), 2023-06-26",
    }


# --- the command line ----------------------------------------------------------------------


def test_review_exits_1_while_items_are_open(capsys: pytest.CaptureFixture[str]) -> None:
    """Without facts the judged items are missing: the sheet prints, and the status is 1."""
    assert main(["review", "example:yueyang-npc-2022"]) == 1
    assert "待补或待确认" in capsys.readouterr().out


def test_review_exits_0_on_a_complete_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    """With the example facts every item is scored: status 0, in every format."""
    assert main(["review", "example:yueyang-npc-2022", "--facts", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("合计：84分（满分100分）")
    args = ["review", "example:yueyang-npc-2022", "--facts", str(EXAMPLE), "--format", "json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["total"] == "84"
    for fmt in ("html", "markdown"):
        assert main([*args[:-1], fmt, "--lang", "en"]) == 0
        assert "Total: 84 of 100" in capsys.readouterr().out


def test_review_reads_a_json_report_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A report file is read like for check."""
    path = tmp_path / "report.json"
    path.write_text(to_json(REPORT), encoding="utf-8")
    assert main(["review", str(path), "--facts", str(EXAMPLE), "--lang", "en"]) == 0
    assert "Total: 84 of 100" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("facts", "english", "chinese"),
    [
        ('{"deadline": 20230621}', "expected a string, got the JSON number 20230621 @ $.deadline",
         "应为字符串，实际为JSON数字 20230621 @ $.deadline"),
        ('{"reviewer": {"problems": {"score": "19", "reason": "x"}}}',
         "19 is in none of the sheet's bands", "19分不在评分表的任何分数段内"),
        ('{"calendar": "cn-2031"}', "no bundled calendar 'cn-2031'", "没有内置工作日历"),
        ("{", "not valid JSON", "JSON"),
    ],
)  # fmt: skip
def test_a_bad_facts_file_is_refused_with_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    facts: str,
    english: str,
    chinese: str,
) -> None:
    """A facts file that does not fit is refused on standard error, in --lang, with status 2."""
    path = tmp_path / "facts.json"
    path.write_text(facts, encoding="utf-8")
    assert main(["review", "example:yueyang-npc-2022", "--facts", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"budget-perf: {path}: ") and english in err
    assert main(["review", "example:yueyang-npc-2022", "--facts", str(path)]) == 2
    assert chinese in capsys.readouterr().err


def test_a_missing_facts_file_is_refused_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No such file: the command's usual refusal."""
    missing = str(tmp_path / "none.json")
    assert main(["review", "example:yueyang-npc-2022", "--facts", missing, "--lang", "en"]) == 2
    assert capsys.readouterr().err == f"budget-perf: {missing}: no such file\n"
