"""``budget-perf check PATH...``: one report as before, or files and folders in a batch (private).

One report (a file, ``-`` or ``example:NAME``) in the table or JSON format is written exactly as
before: the findings table, or the ``budget_perf.findings/1`` document.  Anything else — a
folder, several paths, or the ``jsonl``, ``csv`` and ``xlsx`` formats — is a batch, run through
:func:`budget_perf.check_many` and written as it goes, with a summary at the end.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Iterator, Mapping
from typing import IO, Any

from budget_perf import _batch
from budget_perf._batch_output import FORMATS, Summary, writer
from budget_perf._cli_io import (
    EXAMPLE_PREFIX,
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_UNREADABLE,
    Refused,
    emit,
    load,
    load_profile_argument,
    note,
    os_refusal,
)
from budget_perf._envelope import Envelope, LoadProblem
from budget_perf._safety import escape_terminal
from budget_perf._texttable import one_line, width
from budget_perf.checks import RULES, CheckOptions, Finding, Severity, check
from budget_perf.checks.render import findings_to_json, render_text
from budget_perf.formatting import Language
from budget_perf.model import SelfEvaluation
from budget_perf.profiles import RuleProfile

__all__ = ["add_parser", "run"]

REPORT_HELP = "report files (.json, .xlsx) or folders of them, - for standard input, example:NAME"


def add_parser(commands: Any) -> None:
    """Add the ``check`` command to *commands*."""
    c = commands.add_parser(
        "check",
        help="recompute every stated figure and list the findings, for one report or many",
    )
    c.add_argument("paths", nargs="+", metavar="PATH", help=REPORT_HELP)
    c.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="table (default; fits 100 columns), json, jsonl, csv (UTF-8 with BOM) or xlsx "
        "(needs --output)",
    )
    c.add_argument("--json", action="store_true", help="the same as --format json")
    c.add_argument("--output", help="file to write (default: standard output)")
    c.add_argument("--wide", action="store_true", help="table: every column, nothing cut")
    c.add_argument("--quiet", action="store_true", help="no progress bar and no summary on stderr")
    c.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=Severity.ERROR.value,
        help="exit with 1 when a finding is this serious or more (default: error)",
    )
    c.add_argument(
        "--profile",
        default=None,
        help="a rule profile file, or a bundled profile's key "
        "(default: the profile of each report's place and year, else national-2020)",
    )
    codes = "rule codes, comma-separated; may be repeated"
    c.add_argument("--select", action="append", default=[], metavar="CODES", help=f"only {codes}")
    c.add_argument("--ignore", action="append", default=[], metavar="CODES", help=f"skip {codes}")
    c.add_argument(
        "--disable", nargs="*", default=[], metavar="CODE", help="the same as --ignore (older)"
    )
    c.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="reports checked at a time: this process and N-1 workers (0: one per CPU)",
    )
    c.add_argument("--lang", choices=("zh", "en"), default="zh")


def _codes(option: str, values: list[str]) -> frozenset[str]:
    codes = frozenset(c.strip() for v in values for c in v.split(",") if c.strip())
    unknown = sorted(codes - {rule.code for rule in RULES})
    if unknown:
        raise Refused(
            option,
            f"no rule {', '.join(unknown)} (see budget-perf catalogue)",
            f"没有规则 {', '.join(unknown)}（见 budget-perf catalogue）",
        )
    return codes


def _options(args: argparse.Namespace) -> CheckOptions:
    disabled = _codes("--ignore", args.ignore) | _codes("--disable", args.disable)
    if args.select:
        selected = _codes("--select", args.select)
        disabled |= {rule.code for rule in RULES} - selected
    return CheckOptions(disabled=disabled)


def run(args: argparse.Namespace) -> int:
    """Run ``check``; returns the exit status."""
    kind = args.format or ("json" if args.json else "table")
    if args.json and kind != "json":
        raise Refused("--json", "conflicts with --format " + kind, "与 --format " + kind + " 冲突")
    if kind == "xlsx" and args.output is None:
        raise Refused("--format xlsx", "needs --output FILE", "需要 --output 文件")
    if args.jobs < 0:
        raise Refused("--jobs", "must be 0 or more", "必须为0或正整数")
    options = _options(args)
    profile = None if args.profile is None else load_profile_argument(args.profile)
    paths: list[str] = args.paths
    one = paths[0]
    single = (
        len(paths) == 1
        and kind in ("table", "json")
        and (one == "-" or one.startswith(EXAMPLE_PREFIX) or not os.path.isdir(one))
    )
    if single:
        return _single(args, kind, profile, options)
    return _many(args, kind, profile, options)


def _single(
    args: argparse.Namespace, kind: str, profile: RuleProfile | None, options: CheckOptions
) -> int:
    """One report: JSON exactly as ``budget-perf check REPORT --json`` always wrote it; the
    table in 100 columns (each finding's whole message wrapped), or ``--wide`` the full table
    with paths and figures, as it always was."""
    evaluation, cells = load(args.paths[0], args.lang)
    findings = check(evaluation, profile, options=options)
    if kind == "json":  # report text is already escaped as \\uXXXX
        text = findings_to_json(findings, cells=cells) + "\n"
    elif args.wide:
        text = escape_terminal(render_text(findings, args.lang, cells)) + "\n"
    else:
        text = escape_terminal(_narrow(args, evaluation, findings, cells))
    if args.output is None:
        emit(sys.stdout, text)
    else:
        with _open_text(args.output) as out:
            out.write(text)
    threshold = Severity(args.fail_on)
    return EXIT_FINDINGS if any(f.severity <= threshold for f in findings) else EXIT_CLEAN


def _narrow(
    args: argparse.Namespace,
    evaluation: SelfEvaluation,
    findings: tuple[Finding, ...],
    cells: Mapping[str, str] | None,
) -> str:
    """The batch table of one report (fits 100 columns), and the closing count."""
    out = io.StringIO()
    envelope = Envelope(
        source=args.paths[0], status="checked", report=evaluation, findings=findings, cells=cells
    )
    writer("table", out, args.lang).add(envelope)
    closing = render_text(findings, args.lang).splitlines()[-1]
    return out.getvalue() + closing + "\n"


def _refuse_folder(path: str) -> None:
    if os.path.isdir(path):
        raise Refused(path, "is a directory, not a file", "是文件夹，不是文件")


def _open_text(path: str) -> IO[str]:
    _refuse_folder(path)
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise os_refusal(path, exc, writing=True) from None


def _open_binary(path: str) -> IO[bytes]:
    _refuse_folder(path)
    try:
        return open(path, "wb")
    except OSError as exc:
        raise os_refusal(path, exc, writing=True) from None


def _items(paths: list[str], language: Language) -> Iterator[_batch._Item]:
    """The batch's items in order; ``-`` and ``example:NAME`` are read here, once."""
    for path in paths:
        if path == "-" or path.startswith(EXAMPLE_PREFIX):
            try:
                report, _ = load(path, language)
            except Refused as exc:
                problem = LoadProblem(message_en=exc.message("en"), message_zh=exc.message("zh"))
                yield _batch._Item(path, failed=problem)
            else:
                yield _batch._Item(path, report=report)
        else:
            yield from _batch.expand([path])


class _Sink:
    """Text collected for one envelope and then written whole (standard output or a file)."""

    def __init__(self, target: IO[str] | None) -> None:
        self.target, self.parts = target, list[str]()

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        text, self.parts = "".join(self.parts), []
        if not text:
            return
        if self.target is None:
            emit(sys.stdout, text)
        else:
            self.target.write(text)


class _Progress:
    """A one-line progress bar on standard error, when it is a terminal and not --quiet."""

    def __init__(self, total: int, shown: bool) -> None:
        self.total, self.done, self.shown = total, 0, shown and total > 1

    def step(self, source: str) -> None:
        self.done += 1
        if not self.shown:
            return
        filled = 30 * self.done // self.total
        name = one_line(os.path.basename(source))
        while width(name) > 40:
            name = name[1:]
        bar = f"[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {name}"
        emit(sys.stderr, f"\r\x1b[K{bar}")

    def clear(self) -> None:
        if self.shown:
            emit(sys.stderr, "\r\x1b[K")


def _many(
    args: argparse.Namespace, kind: str, profile: RuleProfile | None, options: CheckOptions
) -> int:
    language: Language = args.lang
    jobs = args.jobs or os.cpu_count() or 1
    stderr_tty = sys.stderr is not None and sys.stderr.isatty()
    items: Iterator[_batch._Item] | list[_batch._Item] = _items(args.paths, language)
    shown = stderr_tty and not args.quiet
    if shown:  # the bar needs the count: list the names (not the contents) first
        items = list(items)
    progress = _Progress(len(items) if isinstance(items, list) else 0, shown)
    threshold = Severity(args.fail_on)
    summary, failing = Summary(), False
    text: IO[str] | None = None
    binary: IO[bytes] | None = None
    if args.output is not None and kind == "xlsx":
        binary = _open_binary(args.output)
    elif args.output is not None:
        text = _open_text(args.output)
    try:
        sink = _Sink(text)
        out = writer(kind, binary if binary is not None else sink, language, wide=args.wide)
        named = kind in ("table", "csv", "xlsx")  # the formats that say where a finding is
        for envelope in _batch.run_items(iter(items), jobs, profile, options, places=named):
            summary.add(envelope)
            failing = failing or any(f.severity <= threshold for f in envelope.findings)
            out.add(envelope)
            progress.clear()
            sink.flush()
            progress.step(envelope.source)
        progress.clear()
        out.finish(summary)
        sink.flush()
    finally:
        for handle in (text, binary):
            if handle is not None:
                handle.close()
    if kind != "table" and not args.quiet:
        for line in summary.lines(language):
            emit(sys.stderr, one_line(line) + "\n")
    if summary.failed:
        note(
            language,
            f"{summary.failed} of the inputs could not be read (see the output)",
            f"有{summary.failed}个输入无法读取（见输出）",
        )
        return EXIT_UNREADABLE
    if summary.checked == 0:
        note(language, "no report found in the paths given", "所给路径中没有找到报告")
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if failing else EXIT_CLEAN
