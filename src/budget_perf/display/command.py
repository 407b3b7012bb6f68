"""``budget-perf render REPORT [--format html|md] [--lang zh|en] [--output FILE]``.

The command line reads the report and reports refusals its own way; it hands this function
its reader, its writer and its refusal for a file that cannot be written, so the command's
behaviour (exit 2 for an unreadable report or an unwritable output, text on standard output
made safe for a terminal) is the one every subcommand has.

>>> import io, contextlib
>>> from budget_perf.cli import main
>>> out = io.StringIO()
>>> with contextlib.redirect_stdout(out):
...     status = main(["render", "example:yueyang-npc-2022", "--format", "md"])
>>> status, out.getvalue().splitlines()[0]
(0, '# 2022 岳阳市人大常委会 — 预算绩效自评')
"""

import argparse
from collections.abc import Callable, Mapping
from pathlib import Path

from budget_perf.display.page import render
from budget_perf.formatting import Language
from budget_perf.model import SelfEvaluation

__all__ = ["render_command"]

Loader = Callable[[str, Language], tuple[SelfEvaluation, Mapping[str, str] | None]]


def render_command(
    args: argparse.Namespace,
    load: Loader,
    write: Callable[[str], None],
    refusal: Callable[..., Exception],
) -> int:
    """Render the report *args.report* to *args.output* or standard output; exit status 0.

    An output that is a folder, or in a folder that does not exist, is refused before the
    report is read.
    """
    if args.output is not None:
        target = Path(args.output)
        if target.is_dir():
            raise refusal(args.output, IsADirectoryError(args.output), writing=True)
        if not target.absolute().parent.is_dir():
            raise refusal(args.output, FileNotFoundError(args.output), writing=True)
    report = load(args.report, args.lang)[0]
    text = render(report, args.format, args.lang)
    if args.output is None:
        write(text.removesuffix("\n"))
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise refusal(args.output, exc, writing=True) from None
    return 0
