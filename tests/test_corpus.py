"""Twelve real tables from other provinces (tests/data/corpus) fit the model: every figure they
print is held, they survive JSON, and the checker runs on each without failing a rule."""

from collections import Counter
from decimal import Decimal

import pytest

import budget_perf as bp
from budget_perf.cells import CellStatus, parse_amount, parse_percent
from corpus_reports import BUILDERS, FILES, grids, load, records, values


def _figure(cell: str) -> Decimal | None:
    """The figure a cell prints (an amount, a percent or a score), None for text or a blank."""
    amount = parse_amount(cell)
    if amount.status is CellStatus.VALUE:
        return amount.value
    percent = parse_percent(cell)
    return percent.points if percent.status is CellStatus.VALUE else None


def test_the_corpus_is_all_here() -> None:
    """The twelve files of /work/shared/corpus, each with a builder."""
    assert len(FILES) == 12
    assert set(BUILDERS) == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_printed_figure_is_held_by_the_model(name: str) -> None:
    """Each cell that prints a figure is in the report built from it — as the figure, or as the
    text it is part of (a target "100%") — once for each time it is printed."""
    held = list(values(BUILDERS[name]()))
    texts = Counter(v for v in held if isinstance(v, str))
    numbers = Counter(
        v
        for v in held
        if isinstance(v, Decimal) or (isinstance(v, int) and not isinstance(v, bool))
    )
    missing = []
    for grid in grids(name):
        for r, row in enumerate(grid.rows, start=1):
            for c, cell in enumerate(row, start=1):
                figure = _figure(cell)
                if figure is None:
                    continue
                if texts[cell] > 0:
                    texts[cell] -= 1
                elif numbers[figure] > 0:
                    numbers[figure] -= 1
                else:
                    missing.append((grid.title, r, c, cell))
    assert missing == []


@pytest.mark.parametrize("name", FILES)
def test_the_report_states_its_year_and_unit(name: str) -> None:
    """The year the file gives, and 元 wherever the table prints 元."""
    report, data = BUILDERS[name](), load(name)
    assert report.year == data["year"]
    units = {report.unit_of(t) for t in (*report.projects, report.department_table) if t}
    if data["money_unit"] == "元":
        assert units == {bp.AmountUnit.YUAN}
    elif data["money_unit"] == "万元":
        assert units <= {bp.AmountUnit.WAN_YUAN}


@pytest.mark.parametrize("name", FILES)
def test_a_corpus_report_survives_json(name: str) -> None:
    """from_json(to_json(x)) == x for every corpus report."""
    report = BUILDERS[name]()
    assert bp.from_json(bp.to_json(report), bp.SelfEvaluation) == report


@pytest.mark.parametrize("name", FILES)
def test_check_runs_on_every_corpus_report_without_a_failing_rule(name: str) -> None:
    """No rule fails (BP900) on any of the layouts."""
    findings = bp.check(BUILDERS[name]())
    assert [f for f in findings if f.code == "BP900"] == []


#: Parts a whole table's layout has no place for (Hubei prints no 分值 per indicator, no 总分 分值).
_LAYOUT_PARTS = {"weight", "stated_total_weight"}


@pytest.mark.parametrize("name", FILES)
def test_a_partial_copy_says_what_it_does_not_show(name: str) -> None:
    """A file the corpus marks as partly shown has parts not shown or a cut tree or sheet; a
    whole one leaves out only what its layout has no place for."""
    report = BUILDERS[name]()
    hidden = {part for r in records(report) for part in getattr(r, "not_shown", ())}
    cut = any(getattr(r, "cut", False) for r in records(report))
    if load(name)["complete"] == "yes":
        assert not cut
        assert hidden <= _LAYOUT_PARTS
    else:
        assert cut or hidden - _LAYOUT_PARTS
