"""Hostile inputs: display and render (see tests/hostile.py for the helpers a snippet sees).

A name from a report reaches a notebook, an HTML page, a Markdown viewer and a chart; none of
them may be made to run it, to change its structure, or to fail on it.
"""

from hostile import Case

#: Writes ``hostile.json``: the bundled example with its unit and 运行维护经费 renamed.
_RENAMED = """
import attrs, budget_perf as bp
def renamed(department, project, path="hostile.json"):
    seed = bp.examples.load("yueyang-npc-2022")
    projects = list(seed.projects)
    projects[1] = attrs.evolve(projects[1], name=project)
    report = attrs.evolve(
        seed, department=attrs.evolve(seed.department, name=department), projects=tuple(projects)
    )
    (work / path).write_text(bp.to_json(report), "utf-8")
    return report, path
"""

CASES: tuple[Case, ...] = (
    Case(
        id="display-markup-in-names",
        what="names carrying <script>, </style>, an event handler, Markdown pipes and a line "
        "break: the HTML page and the notebook view hold no element from them, every Markdown "
        "row keeps its cells, and render exits 0",
        code=_RENAMED
        + """
evil = '<script>alert(1)</script></style><img src=x onerror=alert(2)>|a|\\n# h'
report, path = renamed(evil, evil + "项目")
done = cli("render", path, "--format", "html", "--output", "out.html")
assert done.returncode == 0, done.stderr
page = (work / "out.html").read_text("utf-8")
for text in (page, report._repr_html_(), report.projects[0]._repr_html_()):
    assert "<script" not in text and "<img" not in text and "</style><" not in text
md = bp.render(report, "md", charts=False)
for block in md.split("\\n\\n"):
    rows = [line for line in block.splitlines() if line.startswith("| ")]
    assert len({line.replace("\\\\|", "").count("|") for line in rows}) <= 1, block
    assert not any(line.startswith("# h") for line in block.splitlines())
""",
    ),
    Case(
        id="display-mathtext-and-controls-in-chart-labels",
        what="a unit named with matplotlib mathtext ($\\\\frac$, an unclosed $) and control "
        "characters: every chart still draws, as SVG",
        code=_RENAMED
        + """
from budget_perf.display import charts
report, _ = renamed("$\\\\frac{1}{$\\x1b[2J\\u202e" * 5, "$\\\\sqrt{x$" + "项" * 400)
findings = bp.check(report)
for chart in (charts.execution_chart(report), charts.score_chart(report),
              charts.findings_chart([(report, findings)] * 3)):
    assert chart.svg().startswith("<svg")
""",
    ),
    Case(
        id="display-many-tables-render-in-bounds",
        what="a report of 1,000 project tables renders as text, Markdown and HTML (without "
        "charts) and prints every record within the memory cap",
        code="""
from decimal import Decimal as D
import budget_perf as bp
from budget_perf.model import *
funding = Funding(total=FundTotal(full_year_budget=D("400.03"), executed=D("394")),
                  stated_execution_rate=D("100"), weight=D("10"), stated_score=D("10"))
report = SelfEvaluation(year=2022, department=Department(name="x"),
                        projects=tuple(Project(name=f"项目{i}", funding=funding)
                                       for i in range(1000)))
for fmt in ("text", "md", "html"):
    page = bp.render(report, fmt, charts=False)
    assert page.count("98.49%") >= 1000, fmt
assert "98.49%" in str(report.projects[0])
""",
    ),
)
