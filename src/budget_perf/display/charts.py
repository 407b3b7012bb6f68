"""Charts of a report (optional extra ``charts``: matplotlib), as SVG for pages and notebooks.

- :func:`execution_chart` — the execution rate of each table, stated beside derived;
- :func:`score_chart` — the score against the weight of each 一级 indicator category;
- :func:`findings_chart` — for a batch of (report, findings), the findings by rule and unit.

Each returns a :class:`Chart`: Jupyter shows it as inline SVG, :meth:`Chart.svg` gives the
SVG text a page embeds.  Glyphs are drawn as paths, so the SVG needs no font where it is
shown; where it is drawn, the Chinese text asks for Noto Sans CJK (Debian's fonts-noto-cjk)
by family name and falls back through other CJK families to DejaVu Sans — never a font file
path, which would break on another machine.  Figures are plotted as floats (a chart's
coordinates); every number written on a chart is formatted from the Decimal, rounded half-up.

>>> from budget_perf import examples
>>> chart = execution_chart(examples.load("yueyang-npc-2022"), "zh")
>>> chart.svg().startswith("<svg")
True
"""

import io
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from budget_perf._decimal import in_library_context, round_half_up
from budget_perf._safety import shorten
from budget_perf._texttable import one_line
from budget_perf.checks.finding import Finding
from budget_perf.display import format as fmt
from budget_perf.display.grid import t
from budget_perf.errors import BudgetPerfError
from budget_perf.formatting import Language
from budget_perf.model import DepartmentTable, Level1, Project, SelfEvaluation

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CJK_FONTS", "Chart", "available", "execution_chart", "findings_chart", "score_chart"]

#: The font families asked for, in order; matplotlib falls back glyph by glyph.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
    "DejaVu Sans",
)
_RC: Any = {  # matplotlib types rcParams keys as literals
    "font.family": "sans-serif",
    "font.sans-serif": list(CJK_FONTS),
    "axes.unicode_minus": False,
    "figure.max_open_warning": 0,
    "svg.fonttype": "path",
    "svg.hashsalt": "budget_perf",
    "font.size": 9,
}
#: No date, creator or licence block: the SVG is the same on every machine and run.
_NO_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}
_STATED, _DERIVED = "#9aa5b1", "#1f5fa8"


def _x(value: object) -> float:
    """A figure as a chart coordinate: matplotlib draws floats; no figure is computed from it."""
    return float(value)  # type: ignore[arg-type]  # float-ok: a coordinate, never a figure


def _plain(text: str) -> str:
    """Report text as chart text: one line, cut, and no mathtext (``$`` is literal)."""
    return shorten(one_line(text), 30).replace("$", r"\$")


def available() -> bool:
    """Whether matplotlib (the ``charts`` extra) is installed."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _figure(width: float, height: float) -> "Figure":
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise BudgetPerfError(
            "charts need matplotlib: pip install 'budget_perf[charts]'",
            message_zh="图表需要 matplotlib：pip install 'budget_perf[charts]'",
        ) from None
    return Figure(figsize=(width, height), layout="constrained")


class Chart:
    """A drawn chart: :meth:`svg` for a page, shown inline as SVG by Jupyter."""

    def __init__(self, figure: "Figure", title: str) -> None:
        self.figure = figure
        self.title = title
        self._svg: str | None = None

    def svg(self) -> str:
        """The chart as an SVG element (no XML prolog), glyphs as paths, no date stamp.

        Drawn once and kept: a second layout pass would move the axes by a hair.
        """
        import matplotlib

        if self._svg is not None:
            return self._svg
        buffer = io.StringIO()
        with matplotlib.rc_context(_RC):
            self.figure.savefig(buffer, format="svg", metadata=_NO_METADATA)
        text = buffer.getvalue()
        self._svg = text[text.index("<svg") :]
        return self._svg

    def _repr_svg_(self) -> str:
        return self.svg()

    def __repr__(self) -> str:
        return f"<Chart {self.title!r}>"


def _tables(report: SelfEvaluation, lang: Language) -> list[tuple[str, DepartmentTable | Project]]:
    found: list[tuple[str, DepartmentTable | Project]] = []
    if report.department_table is not None:
        found.append((t("department", lang), report.department_table))
    return found + [(p.name, p) for p in report.projects]


@in_library_context
def execution_chart(report: SelfEvaluation, lang: Language = "zh") -> Chart:
    """Execution rate by table: the stated rate (grey) and the derived one (blue) as dots.

    Dots, not bars, so the axis can zoom to where the rates lie (98.49% beside 100%) without
    a bar's length misstating the figure."""
    import matplotlib

    rows = []
    for name, table in _tables(report, lang):
        funding = table.funding
        if funding is None:
            continue
        rate = funding.execution_rate()
        derived = round_half_up(rate * 100, 2) if isinstance(rate, Decimal) else None
        rows.append((name, funding.stated_execution_rate, derived))
    title = "执行率：自评与复核" if lang == "zh" else "Execution rate: stated and derived"
    values = [_x(v) for _, s, d in rows for v in (s, d) if v is not None]
    low = min([*values, 100.0])
    with matplotlib.rc_context(_RC):
        fig = _figure(7.5, 0.42 * len(rows) + 1.3)
        ax = fig.add_subplot()
        for i, (_, stated, derived) in enumerate(reversed(rows)):
            if stated is not None and derived is not None:
                ax.plot([_x(stated), _x(derived)], [i, i], color="#c8c8c8", zorder=1)
            for value, colour, side in ((stated, _STATED, 0.28), (derived, _DERIVED, -0.28)):
                if value is None:
                    continue
                ax.scatter([_x(value)], [i], s=36, color=colour, zorder=2)
                text = fmt.stated_percent(value, lang)
                ax.text(_x(value), i + side, text, ha="center", va="center", fontsize=7)
        ax.set_yticks(range(len(rows)), [_plain(n) for n, _, _ in reversed(rows)])
        ax.set_ylim(-0.7, len(rows) - 0.3)
        span = max(values, default=100.0) - low
        ax.set_xlim(low - max(1.0, span * 0.15), max([*values, 100.0]) + max(1.0, span * 0.15))
        ax.set_xlabel("%")
        ax.set_title(title)
        ax.grid(axis="x", color="#eeeeee")
        ax.legend(
            handles=[
                matplotlib.lines.Line2D(
                    [], [], marker="o", ls="", color=_STATED, label=t("stated", lang)
                ),
                matplotlib.lines.Line2D(
                    [], [], marker="o", ls="", color=_DERIVED, label=t("derived", lang)
                ),
            ],
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
            fontsize=7,
        )
    return Chart(fig, title)


@in_library_context
def score_chart(report: SelfEvaluation, lang: Language = "zh") -> Chart:
    """Score against weight of each 一级 indicator category, over every table of *report*."""
    import matplotlib

    weight: dict[Level1, Decimal] = {}
    score: dict[Level1, Decimal] = {}
    for _, table in _tables(report, lang):
        for group in table.indicators.groups if table.indicators is not None else ():
            for ind in group.indicators():
                weight[group.category] = weight.get(group.category, Decimal(0)) + (
                    ind.weight or Decimal(0)
                )
                score[group.category] = score.get(group.category, Decimal(0)) + (
                    ind.score or Decimal(0)
                )
    categories = [c for c in Level1 if c in weight]
    title = "一级指标：得分与分值" if lang == "zh" else "Level-1 indicators: score and weight"
    with matplotlib.rc_context(_RC):
        fig = _figure(6.5, 3.2)
        ax = fig.add_subplot()
        xs = range(len(categories))
        for offset, values, colour, key in (
            (-0.2, weight, _STATED, "points"),
            (0.2, score, _DERIVED, "score"),
        ):
            heights = [_x(values[c]) for c in categories]
            ax.bar([x + offset for x in xs], heights, width=0.38, color=colour, label=t(key, lang))
            for x, c in zip(xs, categories, strict=True):
                ax.text(x + offset, _x(values[c]), fmt.stated(values[c], lang),
                        ha="center", va="bottom", fontsize=7)  # fmt: skip
        ax.set_xticks(list(xs), [fmt.label(c, lang) for c in categories])
        ax.set_title(title)
        ax.legend(fontsize=7)
    return Chart(fig, title)


def findings_chart(
    batch: Iterable[tuple[SelfEvaluation, Sequence[Finding]]], lang: Language = "zh"
) -> Chart:
    """For a batch of checked reports: how many findings of each rule, stacked by department."""
    import matplotlib
    from matplotlib.ticker import MaxNLocator

    counts: dict[str, Counter[str]] = {}
    for report, findings in batch:
        counter = counts.setdefault(report.department.name, Counter())
        counter.update(f.code for f in findings)
    codes = sorted({code for counter in counts.values() for code in counter})
    title = "检查结果：按规则与部门" if lang == "zh" else "Findings by rule and department"
    with matplotlib.rc_context(_RC):
        fig = _figure(7.5, 0.3 * len(codes) + 1.5)
        ax = fig.add_subplot()
        left = [0.0] * len(codes)
        for department, counter in counts.items():
            values = [_x(counter.get(code, 0)) for code in codes]
            ax.barh(range(len(codes)), values, left=left, label=_plain(department), height=0.7)
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_yticks(range(len(codes)), codes)
        ax.invert_yaxis()
        ax.set_xlabel("项数" if lang == "zh" else "findings")
        ax.set_title(title)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if counts:
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1))
    return Chart(fig, title)
