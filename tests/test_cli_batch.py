"""budget-perf check over files and folders: what a reviewer with 200 submissions gets back.

One command for the whole folder: each report's findings, the files that could not be read
(with the reason) and the files skipped, then a summary; as a table that fits 100 columns, or
as JSON, JSON lines, CSV or a workbook for further work.  Exit 2 when any file could not be
read (after checking all the others), else 1 for findings at or above --fail-on, else 0.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

import budget_perf as bp
from batch_folder import CLEAN, FILES, SEED_ERRORS, SEED_FINDINGS, clean_report, make_folder
from budget_perf.cli import main


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("cli-batch"))


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["check", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_table_fits_100_columns_and_ends_with_the_summary(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every line of the default table fits a 100-column terminal (Chinese counts two); the
    unreadable files are listed with their reason, the skipped ones after, then the counts; the
    status is 2 because two files could not be read."""
    status, out, err = _run(capsys, str(folder), "--lang", "en")
    assert status == 2
    lines = out.splitlines()
    assert max(_columns(line) for line in lines) <= 100
    assert any("01-seed.json  岳阳市人大常委会 2022  5 errors" in line for line in lines)
    assert any("02-wrong-year.json  cannot be read: " in line for line in lines)
    assert "2 skipped:" in lines
    assert any("03-package.json  not a report (JSON without" in line for line in lines)
    assert "3 reports read, 2 unreadable, 2 skipped; 10 errors, 72 warnings, 22 info" in lines
    assert any(line.startswith("岳阳市人大常委会  2 ") for line in lines)  # by department
    assert err == "budget-perf: 2 of the inputs could not be read (see the output)\n"


def test_the_table_in_chinese_names_tables_rows_and_cells(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A finding points at its table and row by name, or at its cell for a workbook."""
    status, out, _ = _run(capsys, str(folder / "01-seed.json"), str(folder / "06-sub"))
    assert status == 1
    lines = out.splitlines()
    assert max(_columns(line) for line in lines) <= 100
    assert any("BP201  运行维护经费 › funding.stat" in line for line in lines)
    assert any("BP201  运行维护经费!G5" in line for line in lines)
    assert "读取报告2份，无法读取0个，跳过0个；发现错误10，警告72，提示22" in lines


def test_wide_shows_every_column_uncut(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--wide gives the full path, the stated and expected figures and the whole message."""
    _, out, _ = _run(
        capsys, str(folder / "01-seed.json"), str(folder / CLEAN), "--wide", "--lang", "en"
    )
    assert "$.projects[1].funding.stated_execution_rate" in out
    assert max(_columns(line) for line in out.splitlines()) > 100


def test_json_keeps_the_findings_schema_and_adds_the_file(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format json: one budget_perf.findings/1 document per file with its file, department,
    year, region, status and problem added, in input order, and the summary."""
    status, out, _ = _run(capsys, str(folder), "--format", "json")
    assert status == 2
    document = json.loads(out)
    assert document["schema"] == "budget_perf.batch/1"
    reports = document["reports"]
    assert [(Path(r["file"]).relative_to(folder).as_posix(), r["status"]) for r in reports] == list(
        FILES
    )
    seed = reports[0]
    assert seed["schema"] == "budget_perf.findings/1"
    assert seed["count"] == {"error": SEED_ERRORS, "warning": 36, "info": 11}
    assert (seed["department"], seed["year"], seed["region"], seed["problem"]) == (
        "岳阳市人大常委会",
        2022,
        None,
        None,
    )
    single = json.loads(bp.findings_to_json(bp.check(bp.examples.load("yueyang-npc-2022"))))
    assert seed["findings"] == single["findings"]
    assert reports[5]["findings"][3]["cell"] == "运行维护经费!G5"  # the workbook's cells
    assert reports[1]["problem"]["message_zh"].startswith("文档有")
    assert reports[6]["region"] == "湖南省衡山县"
    summary = document["summary"]
    assert (summary["reports"], summary["failed"], summary["skipped"]) == (3, 2, 2)
    assert summary["findings"] == {"error": 10, "warning": 72, "info": 22}
    assert summary["by_rule"]["BP201"] == 6
    assert summary["by_department"]["某某县财政局"] == {
        "reports": 1,
        "error": 0,
        "warning": 0,
        "info": 0,
    }


def test_one_report_keeps_todays_output_exactly(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A single file with --json or --format json is the findings document as before."""
    seed = folder / "01-seed.json"
    expected = bp.findings_to_json(bp.check(bp.examples.load("yueyang-npc-2022"))) + "\n"
    for option in ("--json", "--format=json"):
        status, out, _ = _run(capsys, str(seed), option)
        assert (status, out) == (1, expected)


def test_jsonl_is_one_envelope_a_line_then_the_summary(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format jsonl: each line a file's document, the last the summary; stderr has the
    summary for a person, unless --quiet."""
    _, out, err = _run(
        capsys,
        str(folder / "01-seed.json"),
        str(folder / CLEAN),
        "--format",
        "jsonl",
        "--lang",
        "en",
    )
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["schema"] for line in lines] == ["budget_perf.findings/1"] * 2 + [
        "budget_perf.batch-summary/1"
    ]
    assert lines[2]["reports"] == 2
    assert err.startswith("2 reports read, 0 unreadable, 0 skipped; 5 errors")
    _, _, quiet = _run(capsys, str(folder / CLEAN), "--format", "jsonl", "--quiet")
    assert quiet == ""


def test_csv_has_a_bom_and_never_a_live_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format csv: UTF-8 with a byte-order mark (Excel reads Chinese), one row per finding or
    per unread file; a unit named like a formula is shown as text."""
    reports = tmp_path / "in"
    reports.mkdir()
    hostile = clean_report('=HYPERLINK("http://evil","点击")')
    (reports / "a.json").write_text(bp.to_json(hostile), encoding="utf-8")
    (reports / "b.json").write_text("{", encoding="utf-8")
    seed = bp.examples.load("yueyang-npc-2022")
    (reports / "c.json").write_text(bp.to_json(seed), encoding="utf-8")
    output = tmp_path / "findings.csv"
    status, out, _ = _run(
        capsys, str(reports), "--format", "csv", "--output", str(output), "--quiet"
    )
    assert (status, out) == (2, "")
    data = output.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["file", "status", "department"]
    assert len(rows) == 1 + 2 + SEED_FINDINGS  # a clean report's row, b's, the seed's findings
    assert rows[1][1:3] == ["checked", '\'=HYPERLINK("http://evil","点击")']
    assert rows[1][5] == ""  # no finding
    assert rows[2][1] == "failed" and rows[2][12]
    assert all(row[2] == "岳阳市人大常委会" for row in rows[3:])
    (reports / "c.json").unlink()
    (reports / "b.json").unlink()
    (reports / "d.json").write_text(
        bp.to_json(bp.examples.load("yueyang-npc-2022")).replace("岳阳市人大常委会", "=1+1"),
        "utf-8",
    )
    assert main(["check", str(reports), "--format", "csv", "--quiet"]) == 1
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.removeprefix("\ufeff"))))
    assert "'=1+1" in {row[2] for row in rows[1:]}
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_xlsx_needs_an_output_file_and_writes_findings_and_summary(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format xlsx writes a workbook with openpyxl: a findings sheet and a summary sheet."""
    from openpyxl import load_workbook

    status, _, err = _run(capsys, str(folder / CLEAN), "--format", "xlsx", "--lang", "en")
    assert (status, err) == (2, "budget-perf: --format xlsx: needs --output FILE\n")
    output = tmp_path / "findings.xlsx"
    status, _, _ = _run(
        capsys,
        str(folder / "01-seed.json"),
        str(folder / CLEAN),
        "--format",
        "xlsx",
        "--output",
        str(output),
        "--quiet",
    )
    assert status == 1
    book = load_workbook(output, read_only=True)
    assert book.sheetnames == ["findings", "summary"]
    findings = list(book["findings"].iter_rows(values_only=True))
    assert len(findings) == 1 + SEED_FINDINGS + 1  # the clean report has a row too
    assert findings[1][3] == 2022  # the year is a number
    summary = {row[0]: row[1] for row in book["summary"].iter_rows(values_only=True) if row}
    assert (summary["reports"], summary["error"]) == (2, SEED_ERRORS)


def test_fail_on_select_and_ignore_decide_the_exit_status(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """0 when nothing at or above --fail-on remains; --select keeps only the rules named,
    --ignore (and the older --disable) switches rules off; an unknown code is refused."""
    two = [str(folder / "01-seed.json"), str(folder / CLEAN)]
    assert _run(capsys, *two)[0] == 1
    assert _run(capsys, *two, "--ignore", "BP102,BP103", "--ignore", "BP201,BP204")[0] == 0
    assert _run(capsys, *two, "--disable", "BP102", "BP103", "BP201", "BP204")[0] == 0
    status, out, _ = _run(capsys, *two, "--select", "BP102", "--format", "json")
    assert status == 1
    codes = {f["code"] for r in json.loads(out)["reports"] for f in r["findings"]}
    assert codes == {"BP102"}
    assert _run(capsys, str(folder / CLEAN), "--fail-on", "info")[0] == 0
    status, _, err = _run(capsys, *two, "--select", "BP999", "--lang", "en")
    assert (status, err) == (
        2,
        "budget-perf: --select: no rule BP999 (see budget-perf catalogue)\n",
    )
    status, _, err = _run(capsys, *two, "--ignore", "BP1O2")
    assert (status, err) == (
        2,
        "budget-perf: --ignore：没有规则 BP1O2（见 budget-perf catalogue）\n",
    )


def test_jobs_two_gives_the_same_output_in_the_same_order(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--jobs 2 checks in worker processes; the output is byte for byte the same."""
    here = _run(capsys, str(folder), "--format", "jsonl", "--quiet")
    pooled = _run(capsys, str(folder), "--format", "jsonl", "--quiet", "--jobs", "2")
    assert pooled == here


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_only(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a terminal standard error shows a bar counting the files; --quiet hides it, and a
    log file (standard error not a terminal) never gets it."""
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["check", str(folder / "01-seed.json"), str(folder / CLEAN), "--lang", "en"]) == 1
    assert "] 2/2 08-clean.json" in terminal.getvalue()
    terminal.seek(0)
    terminal.truncate()
    main(["check", str(folder / "01-seed.json"), str(folder / CLEAN), "--quiet"])
    assert terminal.getvalue() == ""
    monkeypatch.undo()
    _, _, err = _run(capsys, str(folder / "01-seed.json"), str(folder / CLEAN))
    assert "\r" not in err


def test_an_output_that_cannot_be_written_is_refused(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--output naming a folder, or a file in a missing folder, exits 2 with the reason."""
    status, _, err = _run(capsys, str(folder), "--output", str(tmp_path), "--lang", "en")
    assert (status, err) == (2, f"budget-perf: {tmp_path}: is a directory, not a file\n")
    missing = tmp_path / "no" / "out.csv"
    status, _, err = _run(capsys, str(folder), "--format", "csv", "--output", str(missing))
    assert (status, err) == (2, f"budget-perf: {missing}：要写入的文件夹不存在\n")


def test_schema_prints_the_report_format_and_example_writes_a_report_to_try(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """budget-perf schema is the JSON Schema of budget_perf.report/2; budget-perf example
    writes the bundled report, which check then reads."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["schema"] == {"const": "budget_perf.report/2"}
    example = tmp_path / "example.json"
    assert main(["example", "--output", str(example)]) == 0
    assert main(["check", str(example), "--quiet"]) == 1
    assert "52 findings" not in capsys.readouterr().out  # 共52项 in Chinese
    assert json.loads(example.read_text(encoding="utf-8"))["schema"] == "budget_perf.report/2"


def test_standard_input_and_examples_join_a_batch_in_their_place(
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``-`` and ``example:NAME`` are read once, in their place among the files; an unknown
    example is failed with the reason, and the rest is checked."""
    data = bp.to_json(clean_report("标准输入局")).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    args = [str(folder / CLEAN), "-", "example:yueyang-npc-2022", "example:nowhere"]
    status, out, _ = _run(capsys, *args, "--format", "jsonl", "--quiet")
    assert status == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(r["file"], r["status"]) for r in lines[:-1]] == [
        (str(folder / CLEAN), "checked"),
        ("-", "checked"),
        ("example:yueyang-npc-2022", "checked"),
        ("example:nowhere", "failed"),
    ]
    assert lines[1]["department"] == "标准输入局"
    assert lines[2]["count"]["error"] == SEED_ERRORS


def test_one_report_to_an_output_file_is_the_table_as_printed(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A single report with --output writes the same table to the file, nothing to stdout."""
    output = tmp_path / "findings.txt"
    status, out, _ = _run(capsys, str(folder / "01-seed.json"), "--output", str(output))
    assert (status, out) == (1, "")
    _, printed, _ = _run(capsys, str(folder / "01-seed.json"))
    assert output.read_text(encoding="utf-8") == printed


def test_a_report_whose_department_is_blank_is_named_so_in_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A submitted report that leaves the unit's name blank is still checked; its line and its
    row in the by-department table say the name is blank rather than showing an empty cell."""
    (tmp_path / "blank.json").write_text(bp.to_json(clean_report("")), encoding="utf-8")
    (tmp_path / "named.json").write_text(bp.to_json(clean_report()), encoding="utf-8")
    status, out, _ = _run(capsys, str(tmp_path), "--lang", "en")
    assert status == 0
    lines = out.splitlines()
    assert any("blank.json  (department name blank) 2023" in line for line in lines)
    assert any(line.startswith("(department name blank)  1 ") for line in lines)
    assert any(line.startswith("某某县财政局") for line in lines)
    status, out, _ = _run(capsys, str(tmp_path), "--lang", "zh")
    assert any(line.startswith("（单位名称空白）") for line in out.splitlines())


def test_a_worker_that_dies_stops_the_batch_with_status_2_and_says_why(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker stopped by the system (killed, out of memory) is not a bug in budget_perf: the
    command says so in one line and exits 2, as for an input it could not read."""
    from budget_perf import _batch

    def died(*args: object, **kwargs: object) -> Iterator[bp.Envelope]:
        raise bp.WorkerFailed(
            "a worker process of the batch exited (exit code -9) before it answered"
        )
        yield  # a generator, as run_items returns

    monkeypatch.setattr(_batch, "run_items", died)
    status, _, err = _run(capsys, str(folder), "--jobs", "2", "--lang", "en", "--quiet")
    assert status == 2
    assert err == (
        "budget-perf: a worker process of the batch exited (exit code -9) before it answered\n"
    )
