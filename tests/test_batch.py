"""check_many: many reports checked in one call, each answered by an envelope, in input order.

A bureau checks a folder of submissions: each file gets one envelope (its findings, or why it
could not be read, or why it was skipped), in the order the files were given, whether checked
in this process or in worker processes, reading one file at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import budget_perf as bp
from batch_folder import CLEAN, FILES, SEED_ERRORS, SEED_FINDINGS, clean_report, make_folder
from budget_perf._envelope import pack


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("batch"))


def _outline(envelopes: list[bp.Envelope], root: Path) -> list[tuple[str, str]]:
    return [(Path(e.source).relative_to(root).as_posix(), e.status) for e in envelopes]


def test_a_folder_is_walked_in_sorted_order_and_every_file_is_answered(folder: Path) -> None:
    """Each file of the folder (the subfolder's in its place) has one envelope, in sorted order:
    reports checked, unreadable ones failed with the reason, other files skipped."""
    envelopes = list(bp.check_many([folder]))
    assert _outline(envelopes, folder) == list(FILES)
    seed, wrong, package, notes, truncated, book, clean = envelopes
    assert (seed.department, seed.year, seed.region) == ("岳阳市人大常委会", 2022, None)
    assert len(seed.findings) == SEED_FINDINGS
    assert seed.cells is None and seed.problem is None
    assert book.findings == seed.findings  # the same report, as a workbook
    assert book.cells is not None and book.cells["$.projects[1].funding.stated_execution_rate"]
    assert clean.findings == ()
    assert (clean.department, clean.year, clean.region) == ("某某县财政局", 2023, "湖南省衡山县")
    assert wrong.problem is not None and "$.year" in wrong.problem.message("en")
    assert wrong.report is None and wrong.findings == ()
    assert truncated.problem is not None and "JSON" in truncated.problem.message("en")
    assert package.problem == bp.LoadProblem(
        message_en="not a report (JSON without a report's schema or keys)",
        message_zh="不是报告（JSON中没有报告的schema或字段）",
    )
    assert notes.problem is not None and ".json, .xlsx, .xls or .docx" in notes.problem.message(
        "en"
    )


def test_files_and_loaded_reports_keep_the_order_they_were_given(folder: Path) -> None:
    """Sources are answered in the order given, reports already loaded among files."""
    report = clean_report("某某乡政府")
    sources: list[bp.ReportSource] = [
        folder / CLEAN,
        report,
        str(folder / "01-seed.json"),
        folder / "missing.json",
    ]
    envelopes = list(bp.check_many(sources))
    assert [e.status for e in envelopes] == ["checked", "checked", "checked", "failed"]
    assert envelopes[1].report is report and envelopes[1].source == "<report 2>"
    assert envelopes[2].source == str(folder / "01-seed.json")
    assert envelopes[3].problem == bp.LoadProblem(
        message_en="no such file", message_zh="没有这个文件"
    )


def test_a_file_named_on_its_own_is_read_whatever_its_name(tmp_path: Path) -> None:
    """Only a folder's files are chosen by name; a file the reviewer names is read by content."""
    named = tmp_path / "report.txt"
    named.write_text(bp.to_json(clean_report()), encoding="utf-8")
    [envelope] = bp.check_many([named])
    assert envelope.status == "checked"


def test_check_many_reads_one_source_at_a_time(folder: Path) -> None:
    """The sources are drawn lazily: the first envelope comes before the second path is asked
    for, so a province's tens of thousands of files are never all read first."""
    drawn: list[str] = []

    def sources() -> Iterator[Path]:
        for name in ("01-seed.json", CLEAN, "02-wrong-year.json"):
            drawn.append(name)
            yield folder / name

    envelopes = bp.check_many(sources())
    assert drawn == []
    first = next(envelopes)
    assert first.status == "checked" and drawn == ["01-seed.json"]
    assert [e.status for e in envelopes] == ["checked", "failed"]
    assert len(drawn) == 3


def test_a_file_that_vanishes_mid_run_is_failed_and_the_batch_goes_on(tmp_path: Path) -> None:
    """A file listed in the folder but removed before it is read is 'no such file'."""
    for name in ("a.json", "b.json", "c.json"):
        (tmp_path / name).write_text(bp.to_json(clean_report()), encoding="utf-8")
    envelopes = bp.check_many([tmp_path])
    assert next(envelopes).status == "checked"  # the folder has been listed
    (tmp_path / "b.json").unlink()
    rest = list(envelopes)
    assert [e.status for e in rest] == ["failed", "checked"]
    assert rest[0].problem is not None and rest[0].problem.message("zh") == "没有这个文件"


def test_links_hidden_files_and_lock_files_in_a_folder_are_skipped(tmp_path: Path) -> None:
    """A link back to the folder is not followed (no endless walk); a self-referring link is
    failed; hidden files and Office lock files are skipped with the reason."""
    (tmp_path / "a.json").write_text(bp.to_json(clean_report()), encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "self.json", tmp_path / "self.json")
    (tmp_path / ".hidden.json").write_text("{}", encoding="utf-8")
    (tmp_path / "~$book.xlsx").write_bytes(b"lock")
    envelopes = {Path(e.source).name: e for e in bp.check_many([tmp_path])}
    assert {name: e.status for name, e in envelopes.items()} == {
        ".hidden.json": "skipped",
        "a.json": "checked",
        "loop": "skipped",
        "self.json": "failed",
        "~$book.xlsx": "skipped",
    }
    loop = envelopes["loop"].problem
    assert loop is not None and loop.message("en") == "a link to a folder, not followed"


def test_profile_and_options_apply_to_every_report(folder: Path) -> None:
    """The run's profile and switched-off rules reach each report's check."""
    seed = folder / "01-seed.json"
    options = bp.CheckOptions(disabled=frozenset({"BP504", "BP505"}))
    [envelope] = bp.check_many([seed], options=options, profile=bp.NATIONAL_2020)
    report = envelope.report
    assert report is not None
    assert envelope.findings == bp.check(report, bp.NATIONAL_2020, options=options)
    assert not {f.code for f in envelope.findings} & {"BP504", "BP505"}
    errors = [f for f in envelope.findings if f.severity is bp.Severity.ERROR]
    assert len(errors) == SEED_ERRORS


def test_worker_processes_give_the_same_envelopes_in_the_same_order(folder: Path) -> None:
    """With two worker processes the envelopes equal those checked in this process, in order
    (the one pool of this module: they take a second to start)."""
    sources: list[bp.ReportSource] = [folder, clean_report(), folder / "01-seed.json"]
    here = list(bp.check_many(sources))
    pooled = list(bp.check_many(sources, jobs=2))
    assert pooled == here
    assert len(here) == len(FILES) + 2


def test_jobs_below_one_is_a_programming_error() -> None:
    """jobs=0 is refused at once, before any file is read."""
    with pytest.raises(ValueError, match="jobs"):
        bp.check_many([], jobs=0)


def test_a_folder_of_word_and_old_excel_files_in_provincial_layouts_is_checked(
    tmp_path: Path,
) -> None:
    """A folder holding a Word document (Shanghai's layout) and an .xls workbook (Guizhou's)
    is read by content through budget_perf.read and checked; nothing is skipped or failed."""
    from corpus_reports import FILES, load
    from grid_files import write_docx, write_xls

    def tables(number: int) -> list[tuple[str, list[list[str]]]]:
        return [(t["title"], t["rows"]) for t in load(FILES[number - 1])["tables"]]

    folder = tmp_path / "reports"
    folder.mkdir()
    write_docx(tables(5), folder / "shanghai.docx")
    titled = [(title, [[f"2021年度{title}"] + [""] * (len(rows[0]) - 1), *rows])
              for title, rows in tables(9)]  # fmt: skip
    write_xls(titled, folder / "guizhou.xls")
    envelopes = list(bp.check_many([folder]))
    assert [Path(e.source).name for e in envelopes] == ["guizhou.xls", "shanghai.docx"]
    assert [e.status for e in envelopes] == ["checked", "checked"], [e.problem for e in envelopes]
    assert envelopes[1].report is not None and len(envelopes[1].report.projects) == 2


def test_a_file_is_a_workbook_by_its_content_whatever_its_name(
    folder: Path, tmp_path: Path
) -> None:
    """A workbook saved under a .json name is read as the workbook it is (its cells given), and
    a file that starts like a workbook but is damaged fails with the reason instead of being
    skipped as "not JSON"."""
    named_json = tmp_path / "seed.json"
    named_json.write_bytes((folder / "06-sub" / "07-seed.xlsx").read_bytes())
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(b"PK\x03\x04 the rest of a zip is missing")
    book, broken = bp.check_many([named_json, damaged])
    assert book.status == "checked" and len(book.findings) == SEED_FINDINGS
    assert book.cells is not None and book.cells["$.projects[1].funding.stated_execution_rate"]
    assert broken.status == "failed" and broken.problem is not None
    assert "JSON" not in broken.problem.message("en")


def test_an_envelope_from_a_worker_carries_its_report_packed_until_asked_for() -> None:
    """A worker sends each envelope back with its report pickled once; the department, year,
    region, findings and where each finding is are read without rebuilding the report, which
    is unpacked only when the caller asks for it, equal to the one checked."""
    report = bp.examples.load("yueyang-npc-2022")
    envelope = next(bp.check_many([report]))
    packed = pack(envelope)
    assert type(packed._report).__name__ == "_Packed"  # not rebuilt yet
    assert (packed.department, packed.year, packed.region) == ("岳阳市人大常委会", 2022, None)
    assert packed.findings == envelope.findings
    for finding in packed.findings:
        for language in ("zh", "en"):
            assert packed.place(finding.path, language) == envelope.place(finding.path, language)
    assert type(packed._report).__name__ == "_Packed"  # still not rebuilt
    assert packed.report == report
    assert packed == envelope
    kept = attrs.evolve(pack(envelope), findings=packed.findings[:3])  # a reviewer's selection
    assert (kept.department, kept.year) == ("岳阳市人大常委会", 2022)
    assert kept.place(kept.findings[0].path) == envelope.place(kept.findings[0].path)
    assert attrs.evolve(packed) == packed and hash(packed) == hash(attrs.evolve(packed))


def test_a_report_read_from_json_travels_back_as_that_json(folder: Path) -> None:
    """From a worker, a report read from a JSON file comes back as the very document it was read
    from (nothing to pickle in the worker), read again only when asked for, the same report."""
    from budget_perf import _batch
    from budget_perf._envelope import _Packed

    [item] = _batch.expand([folder / "01-seed.json"])
    travelled = _batch.check_to_send(item, None, None)
    here = _batch.check_source(item)
    packed = travelled._report
    assert isinstance(packed, _Packed) and packed.json
    assert packed.data == (folder / "01-seed.json").read_bytes()
    assert travelled.findings == here.findings and travelled.department == here.department
    assert travelled.report == here.report
