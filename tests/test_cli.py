"""The budget-perf command: what a reviewer types and what comes back."""

import json
from pathlib import Path

import pytest

import budget_perf as bp
from budget_perf.cli import main, summary


def test_summary_shows_stated_and_derived_figures_side_by_side(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """运行维护经费: the table states 100% and 10 points; the library derives 98.49% and 9.85."""
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if row.startswith("运行维护经费"))
    stated_and_derived = ["100%", "98.49%", "10", "9.85", "90.00", "90.00", "100", "99.85"]
    assert line.split() == ["运行维护经费", "400.03", "394.00", *stated_and_derived]
    assert "在职人员控制率：85 / 111 — 自评 76.58%，复核 76.58%" in out
    assert "节能环保支出        24.00     0.6%" in out  # a stated share keeps its own decimals
    assert "检查结果：错误5项，警告36项，提示11项" in out


def test_summary_speaks_english() -> None:
    """The same summary with English labels."""
    text = summary(bp.examples.load("yueyang-npc-2022"), "en")
    assert "staff control rate: 85 / 111 — stated 76.58%, derived 76.58%" in text
    assert "Grade: stated excellent, derived excellent" in text


def test_check_exits_1_when_the_report_has_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """A script can gate on the exit status: the seed has errors."""
    assert main(["check", "yueyang-npc-2022", "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "52 findings: 5 errors, 36 warnings, 11 info"


def test_check_exits_0_when_the_errors_are_switched_off(capsys: pytest.CaptureFixture[str]) -> None:
    """With the rules that find the seed's errors switched off, the exit status is 0."""
    assert (
        main(
            ["check", "yueyang-npc-2022", "--disable", "BP102", "BP103", "BP201", "BP202", "BP204"]
        )
        == 0
    )
    capsys.readouterr()


def test_check_writes_json_for_a_report_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON report file is read, and the findings come back as JSON."""
    report = tmp_path / "report.json"
    report.write_text(bp.to_json(bp.examples.load("yueyang-npc-2022")), encoding="utf-8")
    main(["check", str(report), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == {"error": 5, "warning": 36, "info": 11}


def test_a_report_that_cannot_be_read_exits_2_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken file is named with the problem and its path, and nothing is checked."""
    report = tmp_path / "broken.json"
    report.write_text('{"year": 2022, "department": {"name": 5}}', encoding="utf-8")
    assert main(["check", str(report)]) == 2
    err = capsys.readouterr().err
    assert str(report) in err
    assert "expected a string, got int 5 @ $.department.name" in err


def test_an_unknown_report_name_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A name that is neither a file nor a bundled example is refused with the examples listed."""
    assert main(["summary", "nowhere-2099"]) == 2
    assert "yueyang-npc-2022" in capsys.readouterr().err


def test_an_unknown_rule_code_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt --disable code would silently switch nothing off, so it is refused."""
    assert main(["check", "yueyang-npc-2022", "--disable", "BP999"]) == 2
    assert "no rule BP999" in capsys.readouterr().err


def test_a_profile_file_can_be_given_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A province's own profile file is used by path, like a bundled profile by key."""
    bundled = Path(bp.__file__).parent / "profiles" / "hunan-departmental.json"
    mine = tmp_path / "my-province.json"
    mine.write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check", "yueyang-npc-2022", "--profile", str(mine), "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("52 findings")


def test_catalogue_is_written_to_a_file(tmp_path: Path) -> None:
    """The catalogue command writes the same Markdown that docs/rules.md holds."""
    target = tmp_path / "rules.md"
    assert main(["catalogue", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == Path("docs/rules.md").read_text(encoding="utf-8")


def test_a_workbook_is_checked_and_each_finding_names_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reviewer checks an .xlsx directly; 运行维护经费's 100% points at its cell."""
    from budget_perf.excel import write_workbook

    workbook = tmp_path / "自评表.xlsx"
    write_workbook(bp.examples.load("yueyang-npc-2022"), workbook)
    assert main(["check", str(workbook), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    rate = next(f for f in findings if f["path"] == "$.projects[1].funding.stated_execution_rate")
    assert rate["cell"] == "运行维护经费!G5"
