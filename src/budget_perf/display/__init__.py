"""Presentation: reports, tables and findings as people read them — text, HTML, Markdown, charts.

- ``print(obj)`` — every model record and the findings of a check print as a short line (or a
  table of 100 columns); ``repr`` stays complete.  Enums print their Chinese value.
- In Jupyter, a report, a table and the findings show as HTML tables, stated and derived
  figures side by side, disagreeing figures marked.
- :func:`render` — a report as a self-contained HTML page or as Markdown, with charts.
- :func:`show` — show an object in a given language, as HTML in Jupyter, else as text.
- :data:`options` — ``options.lang = "en"`` for English labels (Chinese by default).

Nothing below this package imports it: the hooks are registered on the model's classes when
``budget_perf`` is imported (see :mod:`budget_perf.display._hooks` for why).

>>> import budget_perf as bp
>>> report = bp.examples.load("yueyang-npc-2022")
>>> print(report.stated_grade)
优
>>> print(report.project("运行维护经费").funding)
资金：执行率 自评100% / 复核98.49%，得分 自评10 / 复核9.85
>>> with options.using(lang="en"):
...     print(report.project("运行维护经费").funding)
Funding: execution rate stated 100% / derived 98.49%; score stated 10 / derived 9.85
"""

from budget_perf.display._hooks import html_of, install, text_of
from budget_perf.display.options import DisplayOptions, options, resolve
from budget_perf.display.page import render

__all__ = ["DisplayOptions", "options", "render", "show"]


def show(obj: object, lang: str | None = None) -> None:
    """Show *obj* in *lang* (default: ``options.lang``): HTML in Jupyter, else text.

    A report shown as text is the whole text page (every table); other objects print as
    ``print`` prints them.

    >>> import budget_perf as bp
    >>> show(bp.examples.load("yueyang-npc-2022").stated_grade, lang="en")
    优
    """
    from budget_perf.model import SelfEvaluation

    language = resolve(lang)
    shell = _kernel()
    if shell is not None:
        from IPython.display import HTML, display

        display(HTML(html_of(obj, language)))  # type: ignore[no-untyped-call]
        return
    if isinstance(obj, SelfEvaluation):
        print(render(obj, "text", language), end="")
    else:
        print(text_of(obj, language))


def _kernel() -> object | None:
    """The running Jupyter kernel's shell, or ``None`` outside a notebook."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return shell if shell is not None and hasattr(shell, "kernel") else None


install()
