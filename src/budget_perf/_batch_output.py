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

import attrs

from budget_perf._batch import Envelope
from budget_perf._safety import escape_terminal, neutralise_formula
from budget_perf._texttable import one_line, table, width
from budget_perf._where import place
from budget_perf.checks import Finding, Severity
from budget_perf.checks.render import _json_visible, cell_of, findings_to_data
from budget_perf.formatting import Language

__all__ = [
    "BATCH_SCHEMA",
    "FORMATS",
    "SUMMARY_SCHEMA",
    "Summary",
    "Writer",
    "envelope_data",
    "writer",
]

BATCH_SCHEMA = "budget_perf.batch/1"
SUMMARY_SCHEMA = "budget_perf.batch-summary/1"
FORMATS = ("table", "json", "jsonl", "csv", "xlsx")
#: The width every line of the narrow table fits in, in display columns (CJK count two).
TABLE_WIDTH = 100
_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_CSV_HEADER = (
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


@attrs.define
class Summary:
    """What a batch found: reports read, failed and skipped; findings by severity, rule, unit."""

    checked: int = 0
    failed: int = 0
    skipped: int = 0
    severities: Counter[str] = attrs.field(factory=Counter)
    rules: Counter[str] = attrs.field(factory=Counter)
    departments: dict[str, Counter[str]] = attrs.field(factory=dict)

    def add(self, envelope: Envelope) -> None:
        """Count *envelope* in."""
        if envelope.status != "checked":
            self.failed += envelope.status == "failed"
            self.skipped += envelope.status == "skipped"
            return
        self.checked += 1
        unit = self.departments.setdefault(envelope.department or "", Counter())
        unit["reports"] += 1
        for finding in envelope.findings:
            self.severities[finding.severity.value] += 1
            self.rules[finding.code] += 1
            unit[finding.severity.value] += 1

    def data(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        kinds = [s.value for s in Severity]
        return {
            "reports": self.checked,
            "failed": self.failed,
            "skipped": self.skipped,
            "findings": {k: self.severities[k] for k in kinds},
            "by_rule": dict(sorted(self.rules.items())),
            "by_department": {
                name: {"reports": counts["reports"], **{k: counts[k] for k in kinds}}
                for name, counts in sorted(self.departments.items())
            },
        }

    def lines(self, language: Language) -> list[str]:
        """The summary for a reader, in *language*."""
        zh = language == "zh"
        s = self.severities
        counts = (self.checked, self.failed, self.skipped, s["error"], s["warning"], s["info"])
        template = (
            "读取报告{}份，无法读取{}个，跳过{}个；发现错误{}，警告{}，提示{}"
            if zh
            else "{} reports read, {} unreadable, {} skipped; {} errors, {} warnings, {} info"
        )
        head = [template.format(*counts)]
        if self.rules:
            by_rule = ", ".join(f"{code} {n}" for code, n in sorted(self.rules.items()))
            head += _wrap(("按规则：" if zh else "by rule: ") + by_rule)
        if self.departments:
            header = (
                ("单位", "报告", "错误", "警告", "提示")
                if zh
                else ("department", "reports", "errors", "warnings", "info")
            )
            rows = [
                (_fit(name, 56), *(str(c[k]) for k in ("reports", "error", "warning", "info")))
                for name, c in sorted(self.departments.items())
            ]
            head += ["", *table(header, rows)]
        return head


def _fit(text: str, limit: int) -> str:
    """*text* on one line, cut to *limit* display columns with an ellipsis."""
    text = one_line(text)
    if width(text) <= limit:
        return text
    out, used = [], 0
    for char in text:
        w = width(char)
        if used + w > limit - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def _pad(text: str, columns: int) -> str:
    """*text* padded with spaces to *columns* display columns."""
    return text + " " * (columns - width(text))


def _one_message(text: str) -> str:
    """A message of several lines on one line: a document's problems without their heading.

    >>> _one_message("1 problem in the document:\\n  - expected a whole number @ $.year")
    'expected a whole number @ $.year'
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].endswith((":", "：")):
        lines = lines[1:]
    return "; ".join(line.removeprefix("- ") for line in lines)


def _fit_tail(text: str, limit: int) -> str:
    """*text* on one line cut from the front (a path keeps its file name)."""
    text = one_line(text)
    if width(text) <= limit:
        return text
    return "…" + _fit(text[::-1], limit - 1)[::-1].lstrip("…")


def _wrap(text: str, limit: int = TABLE_WIDTH) -> list[str]:
    lines, current = [], ""
    for word in one_line(text).split(" "):
        candidate = f"{current} {word}" if current else word
        if width(candidate) > limit and current:
            lines.append(current)
            current = "  " + word
        else:
            current = candidate
    return [*lines, current] if current else lines


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
        name = one_line(envelope.source) if self.wide else _fit_tail(envelope.source, 40)
        if envelope.problem is not None:
            reason = _one_message(envelope.problem.message(self.language))
            label = "无法读取：" if self.zh else "cannot be read: "
            self._cut(f"{name}  {label}{one_line(reason)}")
            return
        about = " ".join(str(x) for x in (envelope.department, envelope.year, envelope.region) if x)
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
        """One finding in 100 columns: severity, code, its cell or table and row, message."""
        severity = _SEVERITY_ZH[f.severity] if self.zh else f.severity.value
        cell = cell_of(f, envelope.cells) if envelope.cells is not None else None
        where = _fit(cell or place(f.path, envelope.report, self.language), 28)
        row = f"  {_pad(severity, 7)}  {f.code:<5}  {_pad(where, 28)}  "
        message = f.message_zh if self.zh else f.message_en
        return row + _fit(message, TABLE_WIDTH - width(row))

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
        self._line(text if self.wide else _fit(text, TABLE_WIDTH))

    def finish(self, summary: Summary) -> None:
        if self.skipped:
            self._line("")
            head = f"已跳过{len(self.skipped)}个：" if self.zh else f"{len(self.skipped)} skipped:"
            self._line(head)
            for envelope in self.skipped:
                assert envelope.problem is not None
                name = one_line(envelope.source) if self.wide else _fit_tail(envelope.source, 60)
                reason = _one_message(envelope.problem.message(self.language))
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


def _rows(envelope: Envelope, language: Language) -> list[list[object]]:
    """The CSV / workbook rows of one envelope: one per finding, else one for the file (a
    clean report, or one not read, with the reason), so that every file has a row."""
    about: list[object] = [
        envelope.source,
        envelope.status,
        envelope.department or "",
        envelope.year if envelope.year is not None else "",
        envelope.region or "",
    ]
    if envelope.problem is not None:
        p = envelope.problem
        return [[*about, *[""] * 7, p.message_zh, p.message_en]]
    if not envelope.findings:
        return [[*about, *[""] * 9]]
    return [
        [
            *about,
            f.code,
            f.severity.value,
            place(f.path, envelope.report, language),
            f.path,
            (cell_of(f, envelope.cells) if envelope.cells is not None else None) or "",
            "" if f.stated is None else str(f.stated),
            "" if f.expected is None else str(f.expected),
            f.message_zh,
            f.message_en,
        ]
        for f in envelope.findings
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
        self.writer.writerow(_CSV_HEADER)

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
        self.sheet.append(list(_CSV_HEADER))

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
