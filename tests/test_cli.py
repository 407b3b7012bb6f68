"""The budget-perf command: what a reviewer types and what comes back.

Exit status: 0 done with no finding at or above ``--fail-on``, 1 such findings, 2 an input that
cannot be read or a wrong command line, 3 an internal error, 130 interrupted, 141 output closed
early.  The child-process cases (a real closed pipe, a real Ctrl-C) are in
``tests/hostile_cases/cli.py``.
"""

import codecs
import io
import json
from pathlib import Path

import attrs
import pytest

import budget_perf as bp
import budget_perf._cli_check
import budget_perf.cli
from budget_perf.cli import main, summary

SEED = "example:yueyang-npc-2022"
#: The rules that find the seed's nine errors; with them off only warnings and info remain.
ERROR_RULES = ["BP102", "BP103", "BP201", "BP202", "BP204"]


def _seed_json() -> str:
    return bp.to_json(bp.examples.load("yueyang-npc-2022"))


def _renamed(department: str, project: str) -> str:
    """The seed as JSON with the unit and its second project (运行维护经费) renamed."""
    seed = bp.examples.load("yueyang-npc-2022")
    projects = list(seed.projects)
    projects[1] = attrs.evolve(projects[1], name=project)
    renamed = attrs.evolve(
        seed,
        department=attrs.evolve(seed.department, name=department),
        projects=tuple(projects),
    )
    return bp.to_json(renamed)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- what the commands show -------------------------------------------------------------------


def test_summary_shows_stated_and_derived_figures_side_by_side(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """运行维护经费: the table states 100% and 10 points; the library derives 98.49% and 9.85.
    The figures are in two tables (execution, scores) so that each fits 100 columns."""
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    execution, scores = (row for row in out.splitlines() if row.startswith("运行维护经费"))
    assert execution.split() == ["运行维护经费", "400.03", "394.00", "100%", "98.49%", "10", "9.85"]
    assert scores.split() == ["运行维护经费", "90.00", "90.00", "100", "99.85"]
    assert "在职人员控制率：85 / 111 — 自评 76.58%，复核 76.58%" in out
    assert "节能环保支出        24.00     0.6%" in out  # a stated share keeps its own decimals
    assert "检查结果：错误5项，警告36项，提示11项" in out


def test_summary_speaks_english() -> None:
    """The same summary with English labels."""
    text = summary(bp.examples.load("yueyang-npc-2022"), "en")
    assert "staff control rate: 85 / 111 — stated 76.58%, derived 76.58%" in text
    assert "Grade: stated excellent, derived excellent" in text


def test_check_writes_json_for_a_report_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON report file is read, and the findings come back as JSON."""
    report = tmp_path / "report.json"
    report.write_text(_seed_json(), encoding="utf-8")
    assert main(["check", str(report), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["count"] == {"error": 5, "warning": 36, "info": 11}


def test_a_profile_file_can_be_given_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A province's own profile file is used by path, like a bundled profile by key."""
    bundled = Path(bp.__file__).parent / "profiles" / "hunan-departmental.json"
    mine = tmp_path / "my-province.json"
    mine.write_bytes(codecs.BOM_UTF8 + bundled.read_bytes())  # saved by a Windows editor
    assert main(["check", SEED, "--profile", str(mine), "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("52 findings")


def test_catalogue_is_written_to_a_file(tmp_path: Path) -> None:
    """The catalogue command writes the same Markdown that docs/rules.md holds."""
    target = tmp_path / "rules.md"
    assert main(["catalogue", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == Path("docs/rules.md").read_text(encoding="utf-8")


def test_catalogue_printed_is_the_same_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --output the catalogue goes to standard output, unchanged."""
    assert main(["catalogue"]) == 0
    assert capsys.readouterr().out == Path("docs/rules.md").read_text(encoding="utf-8")


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


# --- exit status 0 and 1: the gate -----------------------------------------------------------


def test_check_exits_1_when_the_report_has_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """A script can gate on the exit status: the seed has errors."""
    assert main(["check", SEED, "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "52 findings: 5 errors, 36 warnings, 11 info"


def test_check_exits_0_when_the_errors_are_switched_off(capsys: pytest.CaptureFixture[str]) -> None:
    """With the rules that find the seed's errors switched off, the exit status is 0."""
    assert main(["check", SEED, "--disable", *ERROR_RULES]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "共43项：错误0，警告32，提示11"


@pytest.mark.parametrize(("fail_on", "status"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_sets_the_severity_that_fails_the_gate(
    fail_on: str, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the errors the seed still has warnings: --fail-on warning (or info) fails on them."""
    args = ["check", SEED, "--disable", *ERROR_RULES, "--fail-on", fail_on]
    assert main(args) == status
    capsys.readouterr()


def test_fail_on_info_fails_on_info_alone(capsys: pytest.CaptureFixture[str]) -> None:
    """A report whose only findings are info passes by default and fails with --fail-on info."""
    found = bp.check(bp.examples.load("yueyang-npc-2022"))
    noisy = sorted({f.code for f in found if f.severity is not bp.Severity.INFO})
    assert main(["check", SEED, "--disable", *noisy]) == 0
    assert main(["check", SEED, "--disable", *noisy, "--fail-on", "warning"]) == 0
    assert main(["check", SEED, "--disable", *noisy, "--fail-on", "info"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "共11项：错误0，警告0，提示11"


# --- the forms of REPORT ----------------------------------------------------------------------


def test_a_dash_reads_the_report_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``-`` reads JSON bytes from standard input, as in ``curl … | budget-perf check -``."""
    _stdin(monkeypatch, _seed_json().encode())
    assert main(["check", "-", "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "52 findings: 5 errors, 36 warnings, 11 info"


def test_a_byte_order_mark_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notepad saves UTF-8 with a BOM in front; the report is read all the same, file or stdin."""
    report = tmp_path / "记事本.json"
    report.write_bytes(codecs.BOM_UTF8 + _seed_json().encode())
    assert main(["check", str(report), "--lang", "en"]) == 1
    _stdin(monkeypatch, report.read_bytes())
    assert main(["check", "-", "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines.count("52 findings: 5 errors, 36 warnings, 11 info") == 2


def test_a_file_named_like_the_example_is_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path always means the file: a report saved as ``yueyang-npc-2022`` is the one read."""
    monkeypatch.chdir(tmp_path)
    Path("yueyang-npc-2022").write_text(_renamed("某某局", "运行维护经费"), encoding="utf-8")
    assert main(["summary", "yueyang-npc-2022"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "2022 某某局 — 预算绩效自评"
    assert captured.err == ""


def test_example_prefix_names_the_bundled_report_even_beside_such_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``example:NAME`` is the bundled example, whatever files the folder holds."""
    monkeypatch.chdir(tmp_path)
    Path("yueyang-npc-2022").write_text(_renamed("某某局", "运行维护经费"), encoding="utf-8")
    assert main(["summary", SEED]) == 0
    assert capsys.readouterr().out.startswith("2022 岳阳市人大常委会")


def test_a_bare_example_name_still_works_with_a_deprecation_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Where no file has the name, the old spelling reads the example and says how to write it."""
    assert main(["check", "yueyang-npc-2022", "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[-1].startswith("52 findings")
    assert "write example:yueyang-npc-2022" in captured.err
    assert "deprecated" in captured.err


def test_a_file_named_like_a_bundled_profile_is_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--profile national-2020 reads a file of that name when there is one (here a broken one)."""
    monkeypatch.chdir(tmp_path)
    Path("national-2020").write_text("{}", encoding="utf-8")
    assert main(["check", SEED, "--profile", "national-2020", "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("budget-perf: national-2020: ")


# --- exit status 2: an input that cannot be read ---------------------------------------------


def test_a_report_that_cannot_be_read_exits_2_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken file is named with the problem and its path, in the language asked for."""
    report = tmp_path / "broken.json"
    report.write_text('{"year": 2022, "department": {"name": 5}}', encoding="utf-8")
    assert main(["check", str(report), "--lang", "en"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(report) in captured.err
    assert "expected a string, got int 5 @ $.department.name" in captured.err
    assert main(["check", str(report)]) == 2
    assert "应为字符串，实际为 int 5 @ $.department.name" in capsys.readouterr().err


def test_a_folder_without_reports_exits_2_saying_no_report_was_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder is checked as a batch; one holding no report is not a pass (exit 2)."""
    assert main(["check", str(tmp_path), "--lang", "en"]) == 2
    assert capsys.readouterr().err == "budget-perf: no report found in the paths given\n"
    assert main(["check", str(tmp_path), "--lang", "zh"]) == 2
    assert capsys.readouterr().err == "budget-perf: 所给路径中没有找到报告\n"


def test_a_missing_file_exits_2_saying_no_such_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path to nothing says so."""
    missing = tmp_path / "report.json"
    assert main(["check", str(missing), "--lang", "en"]) == 2
    assert capsys.readouterr().err == f"budget-perf: {missing}: no such file\n"


def test_an_unknown_report_name_exits_2_with_the_examples_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A bare name that is neither a file nor an example shows how examples are written."""
    assert main(["summary", "nowhere-2099", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "no such file (a bundled example is written example:yueyang-npc-2022)" in err
    assert main(["summary", "example:nowhere-2099", "--lang", "en"]) == 2
    assert "no bundled example 'nowhere-2099'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b'{"year": "2022\xff"}', "is not UTF-8 text (byte 14 cannot be read)"),
        (codecs.BOM_UTF16_LE + "{}".encode("utf-16-le"), "is UTF-16 text: save it as UTF-8"),
        (b"PK\x03\x04 rest of a zip", "a damaged or truncated zip"),  # read by content
        (b"", "not valid JSON"),
    ],
    ids=["not-utf8", "utf16", "workbook-as-json", "empty"],
)
def test_bytes_that_are_not_a_json_report_exit_2(
    content: bytes, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is not UTF-8 JSON is refused with what it is, not with a traceback."""
    report = tmp_path / "report.json"
    report.write_bytes(content)
    assert main(["check", str(report), "--lang", "en"]) == 2
    assert said in capsys.readouterr().err


def test_a_broken_workbook_exits_2_with_the_readers_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An .xlsx that is not a workbook is an unreadable input (2), not an internal error (3)."""
    workbook = tmp_path / "自评表.xlsx"
    workbook.write_text("not a workbook", encoding="utf-8")
    assert main(["check", str(workbook), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"budget-perf: {workbook}: ")
    assert "Traceback" not in err


def test_an_unknown_rule_code_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt --disable code would silently switch nothing off, so it is refused."""
    assert main(["check", SEED, "--disable", "BP999", "--lang", "en"]) == 2
    assert "no rule BP999" in capsys.readouterr().err


def test_an_unknown_profile_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """A profile that is neither a file nor a bundled key lists the bundled keys."""
    assert main(["check", SEED, "--profile", "guangdong", "--lang", "en"]) == 2
    assert "no bundled profile of that key (hunan-departmental, " in capsys.readouterr().err


def test_catalogue_to_a_path_that_cannot_be_written_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing folder or a folder as the output file is refused plainly."""
    target = tmp_path / "missing" / "rules.md"
    assert main(["catalogue", "--output", str(target)]) == 2
    assert capsys.readouterr().err == f"budget-perf: {target}：要写入的文件夹不存在\n"
    assert main(["catalogue", "--output", str(tmp_path)]) == 2
    assert "是文件夹" in capsys.readouterr().err


def test_a_wrong_command_line_exits_2_and_help_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """argparse's own refusals keep their status 2, and main() returns it instead of exiting."""
    assert main(["check", SEED, "--fail-on", "fatal"]) == 2
    assert "invalid choice: 'fatal'" in capsys.readouterr().err
    assert main(["--help"]) == 0
    assert "141 output closed early" in capsys.readouterr().out


def test_a_wrong_command_line_quotes_the_arguments_escaped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """argparse repeats an unexpected argument (a file name from ``xargs``) made visible."""
    assert main(["summary", "a.json", "b\x1b[2J.json"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert err.endswith("budget-perf: error: unrecognized arguments: b\\x1b[2J.json\n")


# --- exit status 3, 130, 141: the wrapper -----------------------------------------------------


def _raise(exc: BaseException) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    return fail


def test_an_internal_error_exits_3_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug is not "errors found" (1): it exits 3 with one line, and the traceback on --debug."""
    monkeypatch.setattr(budget_perf._cli_check, "check", _raise(ZeroDivisionError("boom\x1b[2J")))
    assert main(["check", SEED, "--lang", "en"]) == 3
    err = capsys.readouterr().err
    assert err == (
        "budget-perf: internal error (a bug, please report it): ZeroDivisionError: "
        "boom\\x1b[2J; run with --debug for details\n"
    )
    assert main(["--debug", "check", SEED]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    assert main(["check", SEED, "--debug"]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_ctrl_c_exits_130_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An interrupted check says so in one line and exits 130 (128 + SIGINT)."""
    monkeypatch.setattr(budget_perf._cli_check, "check", _raise(KeyboardInterrupt()))
    assert main(["check", SEED, "--lang", "en"]) == 130
    assert capsys.readouterr().err == "budget-perf: interrupted\n"


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_output_pipe_exits_141_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``budget-perf check … | head`` that stops reading: no traceback, status 141, never 0."""
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    assert main(["check", SEED]) == 141
    assert capsys.readouterr().err == ""


# --- output that cannot be turned against its reader ------------------------------------------


def test_report_text_cannot_act_on_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name with a clear-screen sequence and a bidi override is shown, not obeyed."""
    report = tmp_path / "report.json"
    report.write_text(_renamed("岳阳\x1b[2J\u202e人大", "运行\x1b]0;x\x07维护"), encoding="utf-8")
    assert main(["summary", str(report)]) == 0
    assert main(["check", str(report)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert out.startswith("2022 岳阳\\x1b[2J\\u202e人大 — 预算绩效自评\n")
    assert "「运行\\x1b]0;x\\x07维护」执行率表中为100%" in out


def test_a_line_break_in_a_name_cannot_forge_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name ending in a fake "no errors" line stays inside its own row."""
    forged = "运行维护\n检查结果：错误0项，警告0项，提示0项"
    report = tmp_path / "report.json"
    report.write_text(_renamed("岳阳\n共0项：错误0", forged), encoding="utf-8")
    assert main(["summary", str(report)]) == 0
    assert main(["check", str(report)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert not any(line.startswith(("检查结果：错误0", "共0项")) for line in lines)
    assert lines[0] == "2022 岳阳\\x0a共0项：错误0 — 预算绩效自评"


def test_json_output_stays_json_with_hostile_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--json writes control characters as \\u escapes: valid JSON, the same text, safe to print."""
    name = "运行\x1b[2J\u202e\x85维护"
    report = tmp_path / "report.json"
    report.write_text(_renamed("岳阳市人大常委会", name), encoding="utf-8")
    assert main(["check", str(report), "--json"]) == 1
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\u202e\x85")
    messages = [f["message_zh"] for f in json.loads(out)["findings"]]
    assert f"「{name}」执行率表中为100%，按全年执行数 / 全年预算数计算应为98.49%" in messages


def test_a_hostile_file_name_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The path in an error message is report-derived text too (``find | xargs``)."""
    missing = tmp_path / "x\x1b[2J\n.json"
    assert main(["check", str(missing), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err == f"budget-perf: {tmp_path}/x\\x1b[2J\\x0a.json: no such file\n"
