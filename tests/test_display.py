"""How reports, tables and findings look to a reader: text, Jupyter HTML, Markdown, pages.

The bundled report's tables and findings are pinned in zh and en, as text, Markdown and HTML,
in snapshot files under tests/data/display/.  After an intended change of the output, write
them again with

    BUDGET_PERF_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -q tests/test_display.py

and read the diff before committing it.
"""

import os
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import budget_perf as bp
from budget_perf.display import charts, format, options
from budget_perf.display.grid import Marks
from budget_perf.display.tables import execution_table, shares_table
from budget_perf.model import (
    Department,
    FunctionalSpending,
    Funding,
    FundTotal,
    GeneralBudgetSpending,
    Grade,
    Level1,
    Project,
    SelfEvaluation,
)

D = Decimal
SNAPSHOTS = Path(__file__).parent / "data" / "display"
UPDATE = os.environ.get("BUDGET_PERF_UPDATE_SNAPSHOTS") == "1"
REPORT = bp.examples.load("yueyang-npc-2022")


def columns(line: str) -> int:
    """The display width of a line: a Chinese character takes two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {name}: run with BUDGET_PERF_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its snapshot"


def records(obj: object) -> list[object]:
    """Every attrs record inside *obj* (depth first), *obj* included."""
    found = [obj]
    for field in attrs.fields(type(obj)):  # type: ignore[arg-type]
        value = getattr(obj, field.name)
        for item in value if isinstance(value, tuple) else (value,):
            if attrs.has(type(item)):
                found += records(item)
    return found


# print and repr -----------------------------------------------------------------------------


def test_a_grade_prints_as_the_report_writes_it() -> None:
    """print(report.stated_grade) shows 优, not Grade.EXCELLENT; repr still names the enum."""
    assert str(Grade.EXCELLENT) == "优"
    assert f"{REPORT.stated_grade}" == "优"
    assert repr(Grade.EXCELLENT) == "<Grade.EXCELLENT: '优'>"
    assert str(Level1.OUTPUT) == "产出指标"
    assert str(bp.Severity.ERROR) == "错误"


def test_every_record_of_the_report_prints_as_one_short_line() -> None:
    """Each record of the bundled report prints as one line of at most 200 columns, while its
    repr stays the complete attrs form (the issue saw 3,510 characters for one project)."""
    for lang in ("zh", "en"):
        with options.using(lang=lang):
            for record in records(REPORT)[1:]:
                text = str(record)
                assert "\n" not in text, text
                assert columns(text) <= 200, (type(record).__name__, text)
                assert repr(record).startswith(type(record).__name__ + "(")


def test_a_project_prints_its_stated_and_derived_rate() -> None:
    """print(project) names the project and shows 100% stated beside 98.49% derived."""
    project = REPORT.project("运行维护经费")
    assert "运行维护经费" in str(project)
    assert "自评100% / 复核98.49%" in str(project)
    with options.using(lang="en"):
        assert "rate stated 100% / derived 98.49%" in str(project)
    assert len(repr(project)) > 1000  # complete for debugging


def test_the_language_option_is_checked() -> None:
    """A display language other than zh or en is refused, and the option is left as it was."""
    with pytest.raises(ValueError, match="zh' or 'en"):
        options.lang = "fr"
    assert options.lang == "zh"


def test_findings_are_a_tuple_that_prints_within_100_columns() -> None:
    """check() returns Findings, still a tuple; printed, no line is wider than 100 columns and
    every message is there in full (wrapped, not cut)."""
    findings = bp.check(REPORT)
    assert isinstance(findings, tuple)
    assert isinstance(findings, bp.Findings)
    assert findings == tuple(findings)
    for lang in ("zh", "en"):
        with options.using(lang=lang):
            text = str(findings)
        assert max(columns(line) for line in text.splitlines()) <= 100
        flat = "".join(line.strip() for line in text.splitlines())
        assert all(f.message(lang).replace(" ", "") in flat.replace(" ", "") for f in findings)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_and_the_text_page_fit_100_columns(lang: str) -> None:
    """budget-perf summary and the text page are at most 100 columns wide (CJK counts two)."""
    from budget_perf._summary import summary

    for text in (summary(REPORT, lang), bp.render(REPORT, "text", lang)):  # type: ignore[arg-type]
        assert max(columns(line) for line in text.splitlines()) <= 100


# Formatting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D("2.675"), "2.68"),  # half-even (and float) give 2.67
        (D("0.125"), "0.13"),  # half-even gives 0.12
        (D("1234567.885"), "1,234,567.89"),
        (D("-0.005"), "-0.01"),
    ],
)
def test_amounts_round_half_up_before_babel(value: D, expected: str) -> None:
    """An amount ending in 5 at the third decimal rounds up (四舍五入), where babel alone would
    round half to even."""
    assert format.amount(value, "zh") == expected
    assert format.amount(value, "en") == expected


def test_a_rate_on_the_half_rounds_up() -> None:
    """394 of 400.04 … a rate of exactly 98.485% shows as 98.49%, not the half-even 98.48%;
    in the execution table as in print."""
    assert format.ratio(D("0.98485"), "zh") == "98.49%"
    assert format.ratio(D("0.00125"), "en") == "0.13%"
    project = Project(
        name="边界",
        funding=Funding(
            total=FundTotal(full_year_budget=D("400"), executed=D("393.94")),
            stated_execution_rate=D("98.48"),
        ),
    )
    report = SelfEvaluation(department=Department(name="x"), projects=(project,))
    row = execution_table(report, "zh", Marks(None)).rows[0]
    assert row[4].text == "98.49%"
    assert row[3].text == "98.48%"
    assert row[3].mark is bp.Severity.ERROR


def test_shares_nudged_by_the_largest_remainder_are_not_marked() -> None:
    """Three equal classes stated 33.34%, 33.33%, 33.33% add up to 100% by the largest
    remainder: the check passes them, and the shares table marks none, with or without findings."""
    functions = list(bp.model.FunctionClass)[:3]
    rows = tuple(
        FunctionalSpending(function=f, amount=D("1"), stated_share=D(s))
        for f, s in zip(functions, ("33.34", "33.33", "33.33"), strict=True)
    )
    report = attrs.evolve(
        REPORT, general_budget=GeneralBudgetSpending(total=D("3"), by_function=rows)
    )
    findings = bp.check(report)
    assert not [f for f in findings if f.path.startswith("$.general_budget.by_function")]
    for marks in (Marks(findings), Marks(None)):
        table = shares_table(report, "zh", marks)
        assert table is not None
        assert [row[2].text for row in table.rows] == ["33.34%", "33.33%", "33.33%"]
        assert [row[2].mark for row in table.rows] == [None, None, None]


def test_stated_figures_keep_their_decimals_and_prose_uses_yi() -> None:
    """A stated share of "0.6" stays 0.6%; amounts in prose switch to 亿元 from 1亿 up."""
    assert format.stated_percent(D("0.6"), "zh") == "0.6%"
    assert format.stated_percent(D("87.380"), "en") == "87.380%"
    wan = bp.AmountUnit.WAN_YUAN
    assert format.prose_amount(D("12345.678"), wan, "zh") == "1.23亿元"
    assert format.prose_amount(D("4280.31"), wan, "zh") == "4,280.31万元"
    assert format.prose_amount(D("9034"), bp.AmountUnit.YUAN, "zh") == "9,034.00元"
    assert format.prose_amount(D("4280.31"), wan, "en") == "42.80 million yuan"


# Tables, HTML and Markdown ----------------------------------------------------------------------


def test_jupyter_shows_the_report_with_the_disagreeing_rate_marked() -> None:
    """The report's HTML in Jupyter has the 运行维护经费 row with 100% marked as an error
    (BP201) beside the derived 98.49%, in the table class Jupyter styles."""
    html = REPORT._repr_html_()  # type: ignore[attr-defined]
    assert 'class="dataframe bp-table"' in html
    row = next(r for r in html.split("<tr>") if r.startswith("<td>运行维护经费</td>"))
    assert 'class="bp-num bp-error"' in row and "BP201" in row
    assert "98.49%" in row
    with options.using(lang="en"):
        assert "rate derived" in REPORT._repr_html_()  # type: ignore[attr-defined]


def test_objects_on_their_own_show_as_html() -> None:
    """A project, its funds, the findings and a finding each have an HTML view; a project on
    its own marks 100% against 98.49% by comparing the figures."""
    project = REPORT.project("运行维护经费")
    html = project._repr_html_()  # type: ignore[attr-defined]
    assert "bp-error" in html and "98.49%" in html
    assert "<table" in project.funding._repr_html_()  # type: ignore[union-attr]
    findings = bp.check(REPORT)
    assert html.count("<tr>") < findings._repr_html_().count("<tr>")  # type: ignore[attr-defined]
    assert "BP102" in findings[0]._repr_html_()  # type: ignore[attr-defined]


HOSTILE = "<script>alert(1)</script>|*x*\n$\\frac{1}{0}$\x1b[2J\u202e"


def _hostile_report() -> SelfEvaluation:
    project = attrs.evolve(REPORT.projects[1], name=HOSTILE)
    return attrs.evolve(
        REPORT,
        department=Department(name=HOSTILE),
        projects=(project, *REPORT.projects[2:]),
    )


def test_names_are_escaped_in_every_format() -> None:
    """A unit and a project named with markup, Markdown structure, a line break, mathtext, ESC
    and a bidi override: the HTML page has no element from it, every Markdown table row keeps
    its cell count, and the text page shows the controls as visible escapes."""
    report = _hostile_report()
    page = bp.render(report, "html", charts=False)
    assert "<script" not in page
    assert "&lt;script&gt;" in page
    md = bp.render(report, "md", charts=False)
    for block in md.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("| ")]
        assert len({line.replace("\\|", "").count("|") for line in rows}) <= 1, block
    text = bp.render(report, "text", charts=False)
    assert "\x1b" not in text and "\u202e" not in text
    assert "\\x1b[2J" in text


def test_render_refuses_an_unknown_format_or_language() -> None:
    """render() says what it accepts, in both languages."""
    with pytest.raises(bp.BudgetPerfError, match="html, md or text"):
        bp.render(REPORT, "pdf")  # type: ignore[arg-type]
    with pytest.raises(bp.BudgetPerfError, match="zh' or 'en"):
        bp.render(REPORT, "md", lang="de")


def test_the_html_page_is_self_contained_and_printable() -> None:
    """The page needs no network and no script: no src or href to anywhere, a policy that
    forbids loading anything, A4 page size, a page break before each table section."""
    page = bp.render(REPORT, "html")
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#|data:)""", page)
    assert "url(http" not in page and "@import" not in page
    assert "default-src 'none'" in page
    assert "size: A4" in page and "break-before: page" in page
    assert page.count("<svg") == 2


# Charts ---------------------------------------------------------------------------------------


def test_charts_are_svg_and_the_same_every_time() -> None:
    """Each chart is an SVG without scripts; drawing it twice gives the same text."""
    findings = bp.check(REPORT)
    drawn = [
        charts.execution_chart(REPORT, "zh"),
        charts.score_chart(REPORT, "en"),
        charts.findings_chart([(REPORT, findings), (_hostile_report(), findings[:3])], "zh"),
    ]
    for chart in drawn:
        svg = chart.svg()
        assert svg.startswith("<svg") and "<script" not in svg
        assert chart._repr_svg_() == svg
    assert charts.execution_chart(REPORT, "zh").svg() == drawn[0].svg()


# Snapshots ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_the_bundled_reports_page_is_as_pinned(lang: str, fmt: str) -> None:
    """The tables and findings of the bundled report, in each format and language, are as in
    tests/data/display/ (charts left out: they are pinned by the test above)."""
    page = bp.render(REPORT, fmt, lang, charts=False)  # type: ignore[arg-type]
    snapshot(f"yueyang-npc-2022.{lang}.{fmt}", page)


def test_the_findings_text_is_as_pinned() -> None:
    """print(check(report)) in zh and en, as pinned."""
    findings = bp.check(REPORT)
    for lang in ("zh", "en"):
        with options.using(lang=lang):
            snapshot(f"findings.{lang}.txt", str(findings) + "\n")


# The command line -----------------------------------------------------------------------------


def test_render_command_writes_a_page_or_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """budget-perf render writes Markdown to standard output and an HTML page to --output;
    the page has the 98.49% beside the stated 100%."""
    from budget_perf.cli import main

    assert main(["render", "example:yueyang-npc-2022", "--format", "md", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 2022 岳阳市人大常委会 — budget performance self-evaluation")
    page = tmp_path / "report.html"
    assert main(["render", "example:yueyang-npc-2022", "--output", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "98.49%" in text


def test_render_command_refuses_an_output_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An --output in a missing folder, or a folder, is refused with exit status 2."""
    from budget_perf.cli import main

    missing = tmp_path / "no" / "such" / "page.html"
    assert main(["render", "example:yueyang-npc-2022", "--output", str(missing)]) == 2
    assert main(["render", "example:yueyang-npc-2022", "--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path) in err
