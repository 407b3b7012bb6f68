"""The ``budget-perf`` command: summarise and check self-evaluation reports.

    budget-perf summary [REPORT] [--lang zh|en]      tables, stated and derived figures
    budget-perf check PATH... [--lang zh|en] [--format table|json|jsonl|csv|xlsx] [--json]
                      [--output FILE] [--wide] [--quiet] [--jobs N]
                      [--fail-on error|warning|info] [--profile KEY|FILE]
                      [--select CODES] [--ignore CODES] [--disable CODE ...]
    budget-perf review REPORT [--facts FILE] [--format text|markdown|html|json]
                                                     the 考核评分表, filled in as far as it can be
    budget-perf render REPORT [--format html|md] [--output FILE]
                                                     the report as an HTML page or Markdown
    budget-perf catalogue [--zh] [--output FILE]     the rule catalogue as Markdown
    budget-perf schema [--output FILE]               the JSON Schema of the report format
    budget-perf example [NAME] [--output FILE]       a bundled report as JSON, to try

``check`` takes one report or many: files and folders (walked in sorted order; their ``.json``
and ``.xlsx`` files are read, other files skipped and listed), with a progress bar on standard
error when it is a terminal, each file's findings or the reason it could not be read, and a
summary; see docs/batch.md.  One report in the table or JSON format is written as it always was.

Each command also takes ``--debug`` (show the traceback of an internal error).

REPORT is one of:

- a path: always the file there, a JSON report written by :func:`budget_perf.to_json` (UTF-8,
  with or without a byte-order mark) or, ending in ``.xlsx``, a workbook in the standard
  layout (with the ``excel`` extra), whose findings then name their cells;
- ``-``: a JSON report read from standard input;
- ``example:NAME``: a bundled example (``example:yueyang-npc-2022``, the default for
  ``summary``).  A bare example name that is not a file still reads the example, with a
  deprecation note on standard error; write ``example:NAME`` (or ``./NAME`` for a file that
  is called ``example:…``).

``--profile`` takes a file's path or, when no such file exists, a bundled profile's key; without
it the profile is chosen from the report's region and year (:func:`budget_perf.select_profile`).

Exit status, so that a script can gate on it:

- 0: done; for ``check``, no finding at or above the ``--fail-on`` severity;
- 1: ``check`` found something at or above ``--fail-on`` (default ``error``: only errors count);
- 2: an input could not be read (no such file, not UTF-8, not a report, an unknown example,
  profile or rule code), the output file could not be written, or the command line is wrong;
  the message on standard error says which and why, in the ``--lang`` chosen.  A batch checks
  every other file first and writes all its output, then exits 2 if any file could not be
  read, or if it found no report at all (files that are not reports are skipped, not counted),
  or stops at once if a worker process of ``--jobs`` died (killed, out of memory);
- 3: an internal error (a bug): one line on standard error, the traceback with ``--debug``;
- 130: interrupted (Ctrl-C);
- 141: standard output was closed early (``budget-perf check … | head``): the command stops
  quietly, without a traceback, and its status is 141 (128 + SIGPIPE, as a shell reports a
  command a closed pipe ended), never a pass.

Everything printed that comes from a report (names, messages, paths) has its control
characters, line breaks in table cells and bidi overrides shown as visible escapes
(``\\x1b[2J``), so a report cannot act on the terminal that shows it; ``--json`` writes such
characters as JSON ``\\uXXXX`` escapes.

>>> main(["summary", "--lang", "en"])  # doctest: +ELLIPSIS
2022 岳阳市人大常委会 — budget performance self-evaluation
...
"""

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from budget_perf import _cli_check, examples
from budget_perf._cli_io import (
    DEFAULT_EXAMPLE,
    EXAMPLE_PREFIX,
    EXIT_CLEAN,
    EXIT_CLOSED_PIPE,
    EXIT_FINDINGS,  # noqa: F401 - every status the command returns is named in this module
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_UNREADABLE,
    Refused,
    emit,
    load,
    note,
    os_refusal,
    write,
)
from budget_perf._safety import escape_terminal, shorten
from budget_perf._summary import summary
from budget_perf._texttable import one_line
from budget_perf.checks import RULES
from budget_perf.checks.render import render_catalogue
from budget_perf.display.command import render_command
from budget_perf.errors import WorkerFailed
from budget_perf.formatting import Language
from budget_perf.review._cli import add_review_arguments, run_review
from budget_perf.serialization import to_json

__all__ = ["main", "summary"]


def _write_text(output: str | None, text: str) -> int:
    """*text* to standard output (made terminal-safe) or to the file *output*."""
    if output is None:
        write(text.removesuffix("\n"))
        return EXIT_CLEAN
    if os.path.isdir(output):
        raise Refused(output, "is a directory, not a file", "是文件夹，不是文件")
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise os_refusal(output, exc, writing=True) from None
    return EXIT_CLEAN


def _schema(args: argparse.Namespace) -> int:
    from budget_perf._jsonschema import report_schema_json

    return _write_text(args.output, report_schema_json() + "\n")


def _example(args: argparse.Namespace) -> int:
    report, _ = load(EXAMPLE_PREFIX + args.name, "en")
    if args.output is None:  # JSON as is: to_json already escapes what a terminal would run
        emit(sys.stdout, to_json(report) + "\n")
        return EXIT_CLEAN
    return _write_text(args.output, to_json(report) + "\n")


class _Parser(argparse.ArgumentParser):
    """argparse, with the arguments it quotes back in a refusal made visible (``xargs``)."""

    def error(self, message: str) -> NoReturn:
        super().error(escape_terminal(message))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="budget-perf",
        description="预算绩效自评 reports: summarise and check.",
        epilog="exit status: 0 done (check: no finding at or above --fail-on), "
        "1 findings at or above --fail-on, 2 unreadable input or wrong usage, 3 internal error, "
        "130 interrupted, 141 output closed early",
    )
    debug_help = "show the traceback of an internal error"
    parser.add_argument("--debug", action="store_true", help=debug_help)
    report_help = (
        "a report file (.json, .xlsx, .xls or .docx), - for standard input, or example:NAME"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    # One block per command: add_parser here, one line in _COMMANDS below.
    s = commands.add_parser("summary", help="summarise a report's tables and derived figures")
    s.add_argument("report", nargs="?", default=EXAMPLE_PREFIX + DEFAULT_EXAMPLE, help=report_help)
    s.add_argument("--lang", choices=("zh", "en"), default="zh")
    _cli_check.add_parser(commands)
    k = commands.add_parser("catalogue", help="write the rule catalogue as Markdown")
    k.add_argument("--output", help="file to write (default: standard output)")
    k.add_argument("--zh", action="store_true", help="write the Chinese page (规则目录)")
    j = commands.add_parser("schema", help="write the JSON Schema of the report format")
    j.add_argument("--output", help="file to write (default: standard output)")
    add_review_arguments(commands.add_parser("review", help="fill in the 考核评分表 of a report"))
    r = commands.add_parser("render", help="write a report as an HTML page or Markdown")
    r.add_argument("report", help=report_help)
    r.add_argument("--format", choices=("html", "md"), default="html")
    r.add_argument("--lang", choices=("zh", "en"), default="zh")
    r.add_argument("--output", help="file to write (default: standard output)")
    e = commands.add_parser("example", help="write a bundled example report (JSON) to try")
    e.add_argument("name", nargs="?", default=DEFAULT_EXAMPLE, choices=examples.names())
    e.add_argument("--output", help="file to write (default: standard output)")
    for sub in commands.choices.values():  # SUPPRESS: must not undo a --debug before the command
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)
    return parser


def _summary(args: argparse.Namespace) -> int:
    write(summary(load(args.report, args.lang)[0], args.lang))
    return EXIT_CLEAN


def _catalogue(args: argparse.Namespace) -> int:
    return _write_text(args.output, render_catalogue(RULES, "zh" if args.zh else "en"))


#: Each command's function: the parsed arguments in, the exit status out.
_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "summary": _summary,
    "check": _cli_check.run,
    "catalogue": _catalogue,
    "review": run_review,
    "render": lambda args: render_command(args, load, write, os_refusal),
    "schema": _schema,
    "example": _example,
}


def _run(args: argparse.Namespace) -> int:
    return _COMMANDS[args.command](args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see the module docstring)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    language: Language = "en" if "en" in arguments else "zh"
    debug = "--debug" in arguments
    try:
        try:
            args = _parser().parse_args(arguments)
        except SystemExit as exit_:  # usage errors (2) and --help (0)
            return exit_.code if isinstance(exit_.code, int) else EXIT_UNREADABLE
        language, debug = getattr(args, "lang", language), args.debug
        try:
            status = _run(args)
        except Refused as exc:
            subject = one_line(exc.subject)
            note(language, f"{subject}: {exc.message('en')}", f"{subject}：{exc.message('zh')}")
            status = EXIT_UNREADABLE
        except WorkerFailed as exc:  # not a bug here: the system stopped a worker
            note(language, exc.message("en"), exc.message("zh"))
            status = EXIT_UNREADABLE
        if sys.stdout is not None:  # a closed pipe shows here, inside the handlers below
            sys.stdout.flush()
        return status
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLOSED_PIPE
    except KeyboardInterrupt:
        note(language, "interrupted", "已中断")
        return EXIT_INTERRUPTED
    except Exception as exc:  # everything else is a bug in budget_perf: say so in one line
        what = one_line(shorten(f"{type(exc).__name__}: {exc}"))
        if debug:
            emit(sys.stderr, escape_terminal(traceback.format_exc()))
        more = ("", "") if debug else ("; run with --debug for details", "；加 --debug 查看详情")
        note(
            language,
            f"internal error (a bug, please report it): {what}{more[0]}",
            f"内部错误（程序缺陷，请报告）：{what}{more[1]}",
        )
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """Point standard output at the null device, so the flush at exit cannot fail again.

    This is what Python's documentation of SIGPIPE recommends; in-process callers whose
    standard output has no file descriptor are left alone.
    """
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
