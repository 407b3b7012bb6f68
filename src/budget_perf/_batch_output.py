"""A batch's results written out: a 100-column table, JSON, JSON lines, CSV, a workbook (private).

Every writer takes the envelopes one at a time (:meth:`Writer.add`) as
:func:`budget_perf.check_many` yields them, and the :class:`Summary` at the end
(:meth:`Writer.finish`), so a batch of any size is written in the memory of one report.

Report text is made safe for each medium where it is written: the table through
:func:`budget_perf._texttable.one_line`, JSON with terminal-unsafe characters as ``\\uXXXX``,
CSV and workbook cells through :func:`budget_perf._safety.neutralise_formula`.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from decimal import Decimal
from typing import Any, BinaryIO, TextIO

from budget_perf._batch_summary import (
    TABLE_WIDTH,
    Summary,
    department_label,
    fit,
    fit_tail,
    one_message,
    pad,
)
from budget_perf._envelope import Envelope
from budget_perf._safety import escape_terminal, neutralise_formula
from budget_perf._texttable import one_line, table, width, wrap
from budget_perf.checks import Finding, Severity
from budget_perf.checks.render import _json_visible, cell_of, findings_to_data
from budget_perf.formatting import Language

__all__ = [
    "BATCH_SCHEMA",
    "CSV_COLUMNS",
    "FORMATS",
    "SUMMARY_SCHEMA",
    "Summary",
    "Writer",
    "envelope_data",
    "envelope_rows",
    "writer",
]

BATCH_SCHEMA = "budget_perf.batch/1"
SUMMARY_SCHEMA = "budget_perf.batch-summary/1"
FORMATS = ("table", "json", "jsonl", "csv", "xlsx")
_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
#: The columns of the CSV and xlsx outputs, in order.
CSV_COLUMNS = (
    "file",
    "status",
    "department",
    "year",
    "region",
    "code",
    "severity",
    "place",
    "path",
    "cell",
    "stated",
    "expected",
    "message_zh",
    "message_en",
)


def envelope_data(envelope: Envelope) -> dict[str, Any]:
    """One envelope as JSON-ready data: a ``budget_perf.findings/1`` document with its file.

    The fields of the findings document are kept as they are; ``file``, ``status``,
    ``department``, ``year``, ``region`` and ``problem`` are added.
    """
    findings = findings_to_data(envelope.findings, envelope.cells)
    problem = envelope.problem
    return {
        "schema": findings["schema"],
        "file": envelope.source,
        "status": envelope.status,
        "department": envelope.department,
        "year": envelope.year,
        "region": envelope.region,
        "problem": None
        if problem is None
        else {"message_en": problem.message_en, "message_zh": problem.message_zh},
        "count": findings["count"],
        "findings": findings["findings"],
    }


def _dumps(data: object, indent: int | None = None) -> str:
    return _json_visible(json.dumps(data, ensure_ascii=False, indent=indent))


class Writer:
    """Writes a batch's envelopes as they come and the summary at the end."""

    def add(self, envelope: Envelope) -> None:
        """Write one envelope."""
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        """Write what closes the output (the summary, where the format holds one)."""
        raise NotImplementedError


class _Table(Writer):
    def __init__(self, out: TextIO, language: Language, wide: bool) -> None:
        self.out, self.language, self.wide = out, language, wide
        self.skipped: list[Envelope] = []
        self.zh = language == "zh"

    def _line(self, text: str) -> None:
        self.out.write(text + "\n")

    def add(self, envelope: Envelope) -> None:
        if envelope.status == "skipped":
            self.skipped.append(envelope)
            return
        name = one_line(envelope.source) if self.wide else fit_tail(envelope.source, 40)
        if envelope.problem is not None:
            reason = one_message(envelope.problem.message(self.language))
            label = "无法读取：" if self.zh else "cannot be read: "
            self._cut(f"{name}  {label}{one_line(reason)}")
            return
        unit = department_label(envelope.department or "", self.language)
        about = " ".join(str(x) for x in (unit, envelope.year, envelope.region) if x)
        count = Counter(f.severity for f in envelope.findings)
        tally = (
            f"错误{count[Severity.ERROR]}，警告{count[Severity.WARNING]}，提示{count[Severity.INFO]}"
            if self.zh
            else f"{count[Severity.ERROR]} errors, {count[Severity.WARNING]} warnings, "
            f"{count[Severity.INFO]} info"
        )
        self._cut(f"{name}  {one_line(about)}  {tally}")
        if self.wide:
            self._wide_rows(envelope)
        else:
            for f in envelope.findings:
                self._line(self._narrow_row(envelope, f))

    def _narrow_row(self, envelope: Envelope, f: Finding) -> str:
        """One finding in 100 columns: severity, code, its cell or table and row, and the whole
        message, wrapped under itself (a message cut short would hide the figures it gives)."""
        severity = _SEVERITY_ZH[f.severity] if self.zh else f.severity.value
        cell = cell_of(f, envelope.cells) if envelope.cells is not None else None
        where = fit(cell or envelope.place(f.path, self.language), 28)
        row = f"  {pad(severity, 7)}  {f.code:<5}  {pad(where, 28)}  "
        message = f.message_zh if self.zh else f.message_en
        lines = wrap(message, TABLE_WIDTH - width(row)) or [""]
        indent = " " * width(row)
        return "\n".join([row + lines[0], *(indent + line for line in lines[1:])])

    def _wide_rows(self, envelope: Envelope) -> None:
        header = (
            ("级别", "代码", "位置", "单元格", "表中数", "应为", "说明")
            if self.zh
            else ("severity", "code", "path", "cell", "stated", "expected", "message")
        )
        rows = [
            (
                _SEVERITY_ZH[f.severity] if self.zh else f.severity.value,
                f.code,
                f.path,
                (cell_of(f, envelope.cells) if envelope.cells is not None else None) or "",
                "" if f.stated is None else str(f.stated),
                "" if f.expected is None else str(f.expected),
                f.message_zh if self.zh else f.message_en,
            )
            for f in envelope.findings
        ]
        if rows:
            for line in table(header, rows):
                self._line("  " + line)

    def _cut(self, text: str) -> None:
        self._line(text if self.wide else fit(text, TABLE_WIDTH))

    def finish(self, summary: Summary) -> None:
        if self.skipped:
            self._line("")
            head = f"已跳过{len(self.skipped)}个：" if self.zh else f"{len(self.skipped)} skipped:"
            self._line(head)
            for envelope in self.skipped:
                assert envelope.problem is not None
                name = one_line(envelope.source) if self.wide else fit_tail(envelope.source, 60)
                reason = one_message(envelope.problem.message(self.language))
                self._cut(f"  {name}  {one_line(reason)}")
        self._line("")
        for line in summary.lines(self.language):
            self._cut(line)


class _Json(Writer):
    def __init__(self, out: TextIO) -> None:
        self.out, self.first = out, True
        out.write(f'{{"schema": "{BATCH_SCHEMA}", "reports": [\n')

    def add(self, envelope: Envelope) -> None:
        self.out.write(("" if self.first else ",\n") + _dumps(envelope_data(envelope)))
        self.first = False

    def finish(self, summary: Summary) -> None:
        self.out.write(f'\n], "summary": {_dumps(summary.data())}}}\n')


class _JsonLines(Writer):
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def add(self, envelope: Envelope) -> None:
        self.out.write(_dumps(envelope_data(envelope)) + "\n")

    def finish(self, summary: Summary) -> None:
        self.out.write(_dumps({"schema": SUMMARY_SCHEMA, **summary.data()}) + "\n")


def envelope_rows(envelope: Envelope, language: Language | None = None) -> list[dict[str, Any]]:
    """The rows of one envelope as the CSV, xlsx and Dask outputs hold them: one per finding,
    else one for the file (a clean report, or one not read, with the reason), so that every
    file has a row; ``None`` where a column is empty.  With *language*, each row names the
    finding's place in it (the ``place`` column); without, there is no ``place``."""
    about: dict[str, Any] = {
        "file": envelope.source,
        "status": envelope.status,
        "department": envelope.department,
        "year": envelope.year,
        "region": envelope.region,
    }
    if envelope.problem is not None:
        p = envelope.problem
        return [{**about, "message_zh": p.message_zh, "message_en": p.message_en}]
    if not envelope.findings:
        return [about]
    cells = envelope.cells
    rows = []
    for f in envelope.findings:
        row = {
            **about,
            "code": f.code,
            "severity": f.severity.value,
            "path": f.path,
            "cell": None if cells is None else cell_of(f, cells),
            "stated": None if f.stated is None else str(f.stated),
            "expected": None if f.expected is None else str(f.expected),
            "message_zh": f.message_zh,
            "message_en": f.message_en,
        }
        if language is not None:
            row["place"] = envelope.place(f.path, language)
        rows.append(row)
    return rows


def _rows(envelope: Envelope, language: Language) -> list[list[object]]:
    """The CSV / workbook rows of one envelope, in :data:`CSV_COLUMNS` order ("" if empty)."""
    return [
        ["" if (value := row.get(column)) is None else value for column in CSV_COLUMNS]
        for row in envelope_rows(envelope, language)
    ]


def _safe(value: object) -> object:
    """A cell value a spreadsheet shows as data: text escaped and never run as a formula."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    return neutralise_formula(escape_terminal(str(value)))


class _Csv(Writer):
    def __init__(self, out: TextIO, language: Language) -> None:
        self.language = language
        out.write("\ufeff")  # Excel reads UTF-8 only after a byte-order mark
        self.writer = csv.writer(out)
        self.writer.writerow(CSV_COLUMNS)

    def add(self, envelope: Envelope) -> None:
        for row in _rows(envelope, self.language):
            self.writer.writerow([_safe(v) for v in row])

    def finish(self, summary: Summary) -> None:
        pass


class _Workbook(Writer):
    def __init__(self, out: BinaryIO, language: Language) -> None:
        from openpyxl import Workbook

        self.out, self.language = out, language
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet("findings")
        self.sheet.append(list(CSV_COLUMNS))

    def add(self, envelope: Envelope) -> None:
        for row in _rows(envelope, self.language):
            self.sheet.append([_safe(v) for v in row])

    def finish(self, summary: Summary) -> None:
        sheet = self.book.create_sheet("summary")
        data = summary.data()
        for key in ("reports", "failed", "skipped"):
            sheet.append([key, data[key]])
        for key, n in data["findings"].items():
            sheet.append([key, n])
        sheet.append([])
        sheet.append(["code", "findings"])
        for code, n in data["by_rule"].items():
            sheet.append([code, n])
        sheet.append([])
        sheet.append(["department", "reports", "error", "warning", "info"])
        for name, counts in data["by_department"].items():
            sheet.append([_safe(name), *counts.values()])
        self.book.save(self.out)


def writer(kind: str, out: Any, language: Language, *, wide: bool = False) -> Writer:
    """The writer of format *kind* (one of :data:`FORMATS`) on *out*.

    *out* is anything with ``write``: text for every format but ``xlsx``, bytes for it.
    """
    if kind == "xlsx":
        return _Workbook(out, language)
    text: TextIO = out
    if kind == "json":
        return _Json(text)
    if kind == "jsonl":
        return _JsonLines(text)
    if kind == "csv":
        return _Csv(text, language)
    return _Table(text, language, wide)
