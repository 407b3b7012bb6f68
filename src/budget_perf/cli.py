"""The ``budget-perf`` command: summarise and check self-evaluation reports.

    budget-perf summary [REPORT] [--lang zh|en]      tables, stated and derived figures
    budget-perf check REPORT [--lang zh|en] [--json] [--fail-on error|warning|info]
                             [--profile KEY|FILE] [--disable CODE ...]
    budget-perf catalogue [--output FILE]            the rule catalogue as Markdown

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
- 2: an input could not be read (no such file, a folder, not UTF-8, not a report, an unknown
  example, profile or rule code), the output file could not be written, or the command line is
  wrong; the message on standard error says which and why, in the ``--lang`` chosen;
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
import codecs
import os
import stat
import sys
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from budget_perf import examples
from budget_perf._safety import escape_terminal, shorten
from budget_perf._summary import summary
from budget_perf._texttable import one_line
from budget_perf.checks import RULES, CheckOptions, Severity, check
from budget_perf.checks.render import findings_to_json, render_catalogue, render_text
from budget_perf.display.command import render_command
from budget_perf.errors import BudgetPerfError
from budget_perf.formatting import Language
from budget_perf.model import SelfEvaluation
from budget_perf.profiles import RuleProfile, list_profiles, load_profile, profile_from_json
from budget_perf.review._cli import add_review_arguments, run_review
from budget_perf.serialization import from_json

__all__ = ["main", "summary"]

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_CLOSED_PIPE = 141

EXAMPLE_PREFIX = "example:"
DEFAULT_EXAMPLE = "yueyang-npc-2022"


class _Refused(BudgetPerfError):
    """An input or output the command cannot use (exit 2); *subject* names it in the message."""

    def __init__(self, subject: str, en: str, zh: str) -> None:
        super().__init__(en, message_zh=zh)
        self.subject = subject


def _refuse(subject: str, exc: BudgetPerfError) -> NoReturn:
    """Refuse *subject* with the library's message (which may already start with its name)."""
    en, zh = (exc.message(lang).removeprefix(f"{subject}: ") for lang in ("en", "zh"))
    raise _Refused(subject, en, zh) from None


def _os_refusal(subject: str, exc: OSError, *, writing: bool = False) -> _Refused:
    """An OSError said in both languages: no such file, a folder, no permission."""
    if isinstance(exc, FileNotFoundError):
        if writing:
            return _Refused(subject, "no such folder to write into", "要写入的文件夹不存在")
        return _Refused(subject, "no such file", "没有这个文件")
    if isinstance(exc, IsADirectoryError):
        return _Refused(subject, "is a directory, not a file", "是文件夹，不是文件")
    if isinstance(exc, PermissionError):
        verb = ("write", "写入") if writing else ("read", "读取")
        return _Refused(subject, f"no permission to {verb[0]} it", f"没有{verb[1]}权限")
    reason = exc.strerror or type(exc).__name__
    return _Refused(subject, f"cannot be {'written' if writing else 'read'}: {reason}", reason)


def _read_bytes(argument: str) -> bytes:
    """The bytes of a file (a regular file or a pipe), or of standard input for ``-``."""
    try:
        if argument == "-":
            if sys.stdin is None:  # the command was started with standard input closed
                raise _Refused(argument, "standard input is closed", "标准输入已关闭")
            return sys.stdin.buffer.read()
        if os.path.isdir(argument):
            raise _Refused(argument, "is a directory, not a file", "是文件夹，不是文件")
        with open(argument, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
                raise _Refused(argument, "is not a regular file", "不是普通文件")
            return handle.read()
    except OSError as exc:
        raise _os_refusal(argument, exc) from None


def _utf8(argument: str, data: bytes) -> str:
    """*data* as UTF-8 text without a leading byte-order mark (Windows editors write one)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _Refused(argument, "is UTF-16 text: save it as UTF-8", "是UTF-16编码：请另存为UTF-8")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Refused(
            argument,
            f"is not UTF-8 text (byte {exc.start} cannot be read)",
            f"不是UTF-8编码的文本（第{exc.start}字节无法读取）",
        ) from None


def _load(argument: str, language: Language) -> tuple[SelfEvaluation, Mapping[str, str] | None]:
    """The report *argument* names and, for a workbook, each figure's cell."""
    if argument.startswith(EXAMPLE_PREFIX):
        return _example(argument.removeprefix(EXAMPLE_PREFIX)), None
    if argument != "-" and not os.path.lexists(argument):
        if argument in examples.names():
            _note(
                language,
                f"{argument}: not a file, so the bundled example is read; write "
                f"{EXAMPLE_PREFIX}{argument} (a bare example name is deprecated)",
                f"{argument}：不是文件，读取内置示例；请写 {EXAMPLE_PREFIX}{argument}"
                "（直接写示例名的用法将停止支持）",
            )
            return _example(argument), None
        if os.sep in argument or "." in argument:
            raise _Refused(argument, "no such file", "没有这个文件")
        bundled = ", ".join(EXAMPLE_PREFIX + name for name in examples.names())
        raise _Refused(
            argument,
            f"no such file (a bundled example is written {bundled})",
            f"没有这个文件（内置示例的写法：{bundled}）",
        )
    if argument != "-" and argument.lower().endswith(".xlsx"):
        return _load_workbook(argument)
    data = _read_bytes(argument)
    if data.startswith(b"PK\x03\x04"):
        raise _Refused(
            argument,
            "is a workbook (zip), not JSON: give a workbook as a path ending in .xlsx",
            "是Excel工作簿而非JSON：请以 .xlsx 结尾的路径给出工作簿",
        )
    text = _utf8(argument, data)
    try:
        return from_json(text, SelfEvaluation), None
    except BudgetPerfError as exc:
        _refuse(argument, exc)


def _example(name: str) -> SelfEvaluation:
    try:
        return examples.load(name)
    except BudgetPerfError as exc:
        _refuse(EXAMPLE_PREFIX + name, exc)


def _load_workbook(argument: str) -> tuple[SelfEvaluation, Mapping[str, str]]:
    if os.path.isdir(argument):
        raise _Refused(argument, "is a directory, not a file", "是文件夹，不是文件")
    try:
        from budget_perf.excel import read_workbook_with_sources
    except ImportError as exc:
        raise _Refused(argument, str(exc), str(exc)) from None
    try:
        return read_workbook_with_sources(argument)
    except OSError as exc:
        raise _os_refusal(argument, exc) from None
    except BudgetPerfError as exc:
        _refuse(argument, exc)


def _profile(key_or_path: str) -> RuleProfile:
    """The profile in the file *key_or_path* or, when there is no such file, the bundled one."""
    if not os.path.lexists(key_or_path):
        if key_or_path in list_profiles():
            return load_profile(key_or_path)
        bundled = ", ".join(list_profiles())
        raise _Refused(
            key_or_path,
            f"no such profile file, and no bundled profile of that key ({bundled})",
            f"没有这个规则配置文件，也没有此名称的内置配置（{bundled}）",
        )
    text = _utf8(key_or_path, _read_bytes(key_or_path))
    try:
        return profile_from_json(text)
    except BudgetPerfError as exc:
        _refuse(key_or_path, exc)


def _write(text: str) -> None:
    """Print *text* on standard output as the terminal may show it (see the module docstring)."""
    _emit(sys.stdout, escape_terminal(text) + "\n")


def _emit(stream: TextIO, text: str) -> None:
    """Write *text* whole, or raise: a reader that leaves mid-way shows as BrokenPipeError.

    The bytes go to the stream's buffer in a loop, because a buffered write that a closing
    pipe cuts short returns a short count instead of raising.  A terminal that cannot show
    Chinese gets ``\\u`` escapes instead of an encoding error.
    """
    if stream is None:  # started with the stream closed: there is nobody to tell
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # an in-memory text stream
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        return
    stream.flush()
    data = memoryview(text.encode(encoding, "backslashreplace"))
    while data:
        written = buffer.write(data)
        if not written:  # only a non-blocking stream does this; a hang would be worse
            raise BlockingIOError(11, "standard output took no bytes")
        data = data[written:]
    buffer.flush()


def _note(language: Language, en: str, zh: str) -> None:
    """One message on standard error, its report text made visible."""
    _emit(sys.stderr, f"budget-perf: {escape_terminal(zh if language == 'zh' else en)}\n")


def _catalogue(output: str | None) -> int:
    text = render_catalogue(RULES)
    if output is None:
        _write(text.removesuffix("\n"))
        return EXIT_CLEAN
    if os.path.isdir(output):
        raise _Refused(output, "is a directory, not a file", "是文件夹，不是文件")
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _os_refusal(output, exc, writing=True) from None
    return EXIT_CLEAN


def _check(args: argparse.Namespace) -> int:
    unknown = sorted(set(args.disable) - {rule.code for rule in RULES})
    if unknown:
        raise _Refused(
            "--disable",
            f"no rule {', '.join(unknown)} (see budget-perf catalogue)",
            f"没有规则 {', '.join(unknown)}（见 budget-perf catalogue）",
        )
    profile = None if args.profile is None else _profile(args.profile)
    evaluation, cells = _load(args.report, args.lang)
    options = CheckOptions(disabled=frozenset(args.disable))
    findings = check(evaluation, profile, options=options)
    if args.json:
        _emit(sys.stdout, findings_to_json(findings, cells=cells) + "\n")
    else:
        _write(render_text(findings, args.lang, cells))
    threshold = Severity(args.fail_on)
    return EXIT_FINDINGS if any(f.severity <= threshold for f in findings) else EXIT_CLEAN


class _Parser(argparse.ArgumentParser):
    """argparse, with the arguments it quotes back in a refusal made visible (``xargs``)."""

    def error(self, message: str) -> NoReturn:
        super().error(escape_terminal(message))


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="budget-perf",
        description="预算绩效自评 reports: summarise and check.",
        epilog="exit status: 0 clean, 1 findings at or above --fail-on, 2 unreadable input or "
        "wrong usage, 3 internal error, 130 interrupted, 141 output closed early",
    )
    debug_help = "show the traceback of an internal error"
    parser.add_argument("--debug", action="store_true", help=debug_help)
    report_help = "a report file (.json or .xlsx), - for standard input, or example:NAME"
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("summary", help="summarise a report's tables and derived figures")
    s.add_argument("report", nargs="?", default=EXAMPLE_PREFIX + DEFAULT_EXAMPLE, help=report_help)
    c = commands.add_parser("check", help="recompute every stated figure and list the findings")
    c.add_argument("report", help=report_help)
    c.add_argument("--json", action="store_true", help="write the findings as JSON")
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
        "(default: the profile of the report's place and year, else national-2020)",
    )
    c.add_argument(
        "--disable", nargs="*", default=[], metavar="CODE", help="rule codes to switch off"
    )
    add_review_arguments(commands.add_parser("review", help="fill in the 考核评分表 of a report"))
    r = commands.add_parser("render", help="write a report as an HTML page or Markdown")
    r.add_argument("report", help=report_help)
    r.add_argument("--format", choices=("html", "md"), default="html")
    r.add_argument("--lang", choices=("zh", "en"), default="zh")
    r.add_argument("--output", help="file to write (default: standard output)")
    r.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)
    k = commands.add_parser("catalogue", help="write the rule catalogue as Markdown")
    k.add_argument("--output", help="file to write (default: standard output)")
    for sub in (s, c):
        sub.add_argument("--lang", choices=("zh", "en"), default="zh")
    for sub in (s, c, k):  # SUPPRESS: a subcommand's default must not undo a --debug before it
        sub.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "catalogue":
        return _catalogue(args.output)
    if args.command == "review":
        return run_review(args, sys.modules[__name__])
    if args.command == "render":
        return render_command(args, _load, _write, _os_refusal)
    if args.command == "summary":
        _write(summary(_load(args.report, args.lang)[0], args.lang))
        return EXIT_CLEAN
    return _check(args)


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
        except _Refused as exc:
            subject = one_line(exc.subject)
            _note(language, f"{subject}: {exc.message('en')}", f"{subject}：{exc.message('zh')}")
            status = EXIT_UNREADABLE
        if sys.stdout is not None:  # a closed pipe shows here, inside the handlers below
            sys.stdout.flush()
        return status
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLOSED_PIPE
    except KeyboardInterrupt:
        _note(language, "interrupted", "已中断")
        return EXIT_INTERRUPTED
    except Exception as exc:  # everything else is a bug in budget_perf: say so in one line
        what = one_line(shorten(f"{type(exc).__name__}: {exc}"))
        if debug:
            _emit(sys.stderr, escape_terminal(traceback.format_exc()))
        more = ("", "") if debug else ("; run with --debug for details", "；加 --debug 查看详情")
        _note(
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
