"""``budget-perf review REPORT [--facts FACTS.json]``: the filled or partly filled review sheet.

Exit status 0 when the sheet is complete, 1 while an item still waits for a score or a
confirmation, 2 when the report or the facts file cannot be used (the reason on standard error
in ``--lang``), as for the other commands.
"""

import argparse
import sys

from budget_perf import _cli_io as cli
from budget_perf.review._errors import InvalidReviewInput
from budget_perf.review.facts import ReviewFacts, facts_from_json
from budget_perf.review.filled import fill_sheet
from budget_perf.review.render import filled_to_json, render_html, render_markdown, render_text

__all__ = ["add_review_arguments", "run_review"]

_FORMATS = ("text", "markdown", "html", "json")


def add_review_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of the ``review`` command."""
    parser.add_argument(
        "report",
        help="a report file (.json, .xlsx, .xls or .docx), - for standard input, or example:NAME",
    )
    parser.add_argument(
        "--facts", default=None, help="the facts and reviewer's scores (JSON; see docs/review.md)"
    )
    parser.add_argument(
        "--format", choices=_FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")


def run_review(args: argparse.Namespace) -> int:
    """Run ``review``: 0 when the sheet is complete, 1 when items are open."""
    facts = ReviewFacts()
    if args.facts is not None:
        text = cli.utf8(args.facts, cli.read_bytes(args.facts))
        try:
            facts = facts_from_json(text, document="facts")
        except InvalidReviewInput as exc:
            raise cli.Refused(args.facts, str(exc), exc.message("zh")) from None
    report, _cells = cli.load(args.report, args.lang)
    try:
        filled = fill_sheet(report, facts)
    except InvalidReviewInput as exc:
        subject = args.facts or args.report
        raise cli.Refused(subject, str(exc), exc.message("zh")) from None
    if args.format == "json":
        cli.emit(sys.stdout, filled_to_json(filled) + "\n")
    else:
        render = {"text": render_text, "markdown": render_markdown, "html": render_html}[
            args.format
        ]
        out = render(filled, args.lang)
        if args.format == "text":
            cli.write(out)
        else:
            cli.emit(sys.stdout, out)
    status: int = cli.EXIT_CLEAN if filled.complete else cli.EXIT_FINDINGS
    return status
