"""No false error, as a property, in every layout family (issue 8).

A false error on a sound report is the worst defect this product can have.  For each layout family
of the real tables (budget_perf.strategies.self_evaluations(family=...)), hypothesis draws reports
whose figures all agree — with the cells real tables leave blank, parts not shown, zero budgets,
amounts in 元 or 万元, project names one of which begins another — and the checker must give no
error on any of them.  The converse: move one stated figure by at least one unit of the precision
it is printed with, and a finding (an error, or a warning where the comparison rule says so) must
name that figure, by its path or among its inputs.
"""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

import budget_perf as bp
from budget_perf._decimal import decimal_places
from budget_perf._family_strategies import FAMILIES
from budget_perf.checks import Severity, check
from budget_perf.strategies import self_evaluations
from test_checks import _figures, _follows_largest_remainder, _get, _mutate

ERROR, WARNING = Severity.ERROR, Severity.WARNING

#: Reports per family in the ci profile (9 families: 1,170 reports); explore runs ten times more.
NO_ERROR_EXAMPLES = 130
#: Moved figures per family in the ci profile.
MOVED_EXAMPLES = 40


def _errors(evaluation: bp.SelfEvaluation) -> list[tuple[str, str, object, object]]:
    return [
        (f.code, f.path, f.stated, f.expected) for f in check(evaluation) if f.severity is ERROR
    ]


@pytest.mark.parametrize("family", FAMILIES)
@settings(
    max_examples=NO_ERROR_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_consistent_report_of_every_layout_family_has_no_error(
    family: str, data: st.DataObject
) -> None:
    """A report whose figures all agree, in any province's layout, gets no error finding."""
    evaluation = data.draw(self_evaluations(family=family), label="report")
    assert _errors(evaluation) == []


def test_the_families_draw_their_own_layout() -> None:
    """Each family's strategy forces its layout: a test over the family tests that layout."""
    from hypothesis import find

    def first(family: str) -> bp.SelfEvaluation:
        once = settings(max_examples=1, phases=[Phase.generate], database=None)
        return find(self_evaluations(family=family), lambda report: True, settings=once)

    sichuan = first("sichuan").projects[0].indicators
    assert sichuan is not None and not sichuan.total_includes_execution
    hubei = first("hubei").projects[0]
    assert hubei.funding is not None and hubei.funding.weight == 20
    assert hubei.funding.rate_basis is bp.RateBasis.INITIAL_BUDGET
    assert hubei.indicators is not None and len(hubei.indicators.groups) == 6
    hebei = first("hebei").projects[0].indicators
    assert hebei is not None
    assert all(i.stated_weighted_score is not None for i in hebei.indicators())
    columns = first("indicator_columns").projects[0].indicators
    assert columns is not None and all(i.nature for i in columns.indicators())
    table = first("department_rows").department_table
    assert table is not None and table.funding is not None and table.funding.spending_rows
    assert first("score_sheet").score_sheet is not None


_EXTRA_TEXT = {"adjusted_target", "nature", "measure_unit", "number", "stated_value", "goal"}


def _checkable(evaluation: bp.SelfEvaluation, path: str) -> bool:
    """Whether the figure at *path* is one a reader could check: not a text column that holds a
    number, and not in the last 一级 of a cut score sheet (its rows run on past the excerpt, so
    its 分值 and 得分 have nothing shown to add up to)."""
    if path.rsplit(".", 1)[-1].split("[")[0] in _EXTRA_TEXT:
        return False
    if ".spending_rows[" in path or ".sources[" in path:
        parent, field = path.rsplit(".", 1)
        row = _get(bp.to_data(evaluation), parent)
        if field == "weight" and not _scored(row):
            return False  # an execution row's 分值 shows only through a score it decides
    sheet = evaluation.score_sheet
    if sheet is not None and sheet.cut:
        return not path.startswith(f"$.score_sheet.groups[{len(sheet.groups) - 1}]")
    return True


def _scored(row: dict[str, object]) -> bool:
    """Whether an execution row's score depends on its 分值: a score is stated and the row spent
    something of a budget that is not zero (0 × 分值 is 0 whatever the 分值)."""
    figures = [row.get(key) for key in ("stated_score", "executed")]
    budgets = [row.get(key) for key in ("full_year_budget", "initial_budget")]
    if any(value is None or Decimal(str(value)) == 0 for value in figures):
        return False
    return any(value is not None and Decimal(str(value)) != 0 for value in budgets)


@pytest.mark.parametrize("family", FAMILIES)
@settings(
    max_examples=MOVED_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_moved_figure_of_every_layout_family_is_named(family: str, data: st.DataObject) -> None:
    """Move a stated amount, rate, weight or score by at least one unit of its printed precision
    (1 for "10", 0.01 for "98.49"): a finding — an error, or a warning where the comparison rule
    says so — names that figure by its path or among its inputs."""
    evaluation = data.draw(self_evaluations(family=family), label="report")
    document = bp.to_data(evaluation)
    figures = [p for p in _figures(document) if _checkable(evaluation, p)]
    path = data.draw(st.sampled_from(figures), label="figure")
    old = Decimal(_get(document, path))
    unit = Decimal(1).scaleb(-decimal_places(old))
    step = data.draw(
        st.sampled_from([unit, 3 * unit, Decimal("0.01"), Decimal("0.5"), Decimal("1")]),
        label="step",
    )
    delta = step * data.draw(st.sampled_from([1, -1]), label="sign")
    assume(old + delta >= 0)
    changed = _mutate(evaluation, {path.removeprefix("$."): str(old + delta)})
    if "stated_share" in path:  # a nudged share that lands on the largest-remainder figures
        assume(not _follows_largest_remainder(changed))
    named = [
        f.severity for f in check(changed) if f.path == path or path in {p for p, _ in f.inputs}
    ]
    assert ERROR in named or WARNING in named, (path, old, old + delta)
