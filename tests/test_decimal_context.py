"""The caller's decimal context cannot change a figure, and the library never changes it.

Python's decimal context is per thread and belongs to the program that calls budget_perf: a
program may set ``getcontext().prec = 3`` or trap ``Inexact`` for its own reasons.  Before this
was fixed, such a program got 76 findings on the bundled report instead of 46, a stated 98.49 %
"recomputed" as 98.50 %, and rules crashing into BP900 findings.  These tests pin down that:

- the checker finds the same findings whatever the caller's precision, rounding, traps or
  exponent limits, and in eight threads with eight different contexts at once;
- every public function leaves the caller's context exactly as it was (settings and flags);
- a stated figure is bounded (15 digits before the point, 6 after), so a figure with more
  digits than a 28-digit sum can hold is refused rather than reported as a false BP101.
"""

from __future__ import annotations

import contextlib
import decimal
import inspect
import io
import pathlib
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from decimal import (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
    localcontext,
)
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import budget_perf as bp
from budget_perf._decimal import (
    MAX_FRACTION_DIGITS,
    MAX_INTEGER_DIGITS,
    in_library_context,
    library_context,
    to_decimal,
)
from budget_perf.checks import CheckContext
from budget_perf.cli import summary
from budget_perf.excel import read_workbook, write_workbook
from budget_perf.model import Funding, FundKind, FundSource, FundTotal, Project, SelfEvaluation

D = Decimal
ZERO = D(0)
REPORT = bp.examples.load("yueyang-npc-2022")
SIGNALS = (
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.FloatOperation,
    decimal.Inexact,
    decimal.InvalidOperation,
    decimal.Overflow,
    decimal.Rounded,
    decimal.Subnormal,
    decimal.Underflow,
)
ROUNDINGS = (
    ROUND_05UP,
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
)


def _hostile() -> Context:
    """A caller's context that changes every setting there is, trapping every signal."""
    return Context(
        prec=3, rounding=ROUND_FLOOR, Emin=-9, Emax=9, capitals=0, clamp=1, flags=[],
        traps=list(SIGNALS),
    )  # fmt: skip


def _settings(context: Context) -> tuple[object, ...]:
    """Everything a caller may have set on a context, flags included."""
    return (
        context.prec, context.rounding, context.Emin, context.Emax, context.capitals,
        context.clamp, {s: context.traps[s] for s in SIGNALS},
        {s: context.flags[s] for s in SIGNALS},
    )  # fmt: skip


@pytest.fixture(scope="module")
def findings() -> tuple[bp.Finding, ...]:
    """The findings on the bundled report, in Python's default context."""
    with localcontext(Context()):
        return bp.check(REPORT)


# --- the checker under a hostile context ----------------------------------------------------

CONTEXTS = {
    "prec=3": Context(prec=3),
    "traps Inexact": Context(traps=[decimal.Inexact]),
    "traps Inexact and Rounded": Context(traps=[decimal.Inexact, decimal.Rounded]),
    "ROUND_FLOOR": Context(rounding=ROUND_FLOOR),
    "prec=3 ROUND_UP": Context(prec=3, rounding=ROUND_UP),
    "Emax=5": Context(Emax=5, Emin=-5),
    "no traps at all": Context(traps=[]),
    "capitals=0 clamp=1": Context(capitals=0, clamp=1),
    "every setting changed": _hostile(),
}


@pytest.mark.parametrize("context", CONTEXTS.values(), ids=CONTEXTS.keys())
def test_the_checker_finds_the_same_under_any_context(
    context: Context, findings: tuple[bp.Finding, ...]
) -> None:
    """The bundled report gets the same findings (52 today), word for word, whatever the caller's
    context: none more, none fewer, no BP900 from a trapped signal."""
    assert findings and not [f for f in findings if f.code == "BP900"]
    with localcontext(context) as caller:
        before = _settings(caller)
        found = bp.check(REPORT)
        assert _settings(caller) == before
    assert found == findings
    assert bp.render_text(found, "en") == bp.render_text(findings, "en")


def test_a_stated_rate_is_recomputed_as_stated_under_prec_3() -> None:
    """98.49 % (394 / 400.03) stays 98.49 % when the caller works with 3 significant digits."""
    with localcontext(Context(prec=3)):
        rate = bp.execution_rate(D("394"), D("400.03"))
        assert bp.to_percent(rate) == D("98.49")
        assert bp.format_ratio(rate, "en") == "98.49%"
    assert rate == D("0.9849261305402094842886783491")


def test_eight_threads_with_eight_contexts_find_the_same(
    findings: tuple[bp.Finding, ...],
) -> None:
    """Eight threads, each with its own context, check the report at the same moment."""
    contexts = [
        Context(prec=3),
        Context(traps=[decimal.Inexact, decimal.Rounded]),
        Context(rounding=ROUND_FLOOR),
        Context(prec=1, rounding=ROUND_UP),
        Context(Emax=5, Emin=-5),
        _hostile(),
        Context(prec=50, rounding=ROUND_HALF_UP),
        Context(),
    ]
    start = threading.Barrier(len(contexts))
    results: dict[int, tuple[object, ...]] = {}

    def run(index: int, context: Context) -> None:
        decimal.setcontext(context)
        before = _settings(context)
        start.wait()
        found = [bp.check(REPORT) for _ in range(2)]
        results[index] = (found, decimal.getcontext() is context, _settings(context) == before)

    threads = [threading.Thread(target=run, args=item) for item in enumerate(contexts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(len(contexts)))
    for found, same_object, same_settings in results.values():
        assert found == [findings, findings]
        assert same_object and same_settings


# --- every public entry point leaves the caller's context alone ------------------------------

_STAFF = bp.ScoredItem(weight=D("20"), score=D("18.5"))
_HUNAN = bp.load_profile("hunan-departmental")


def _corpus_workbook() -> pathlib.Path:
    """Corpus table 04 (Hubei, rates and 万元 figures) typed into a workbook, for bp.read."""
    import tempfile

    import openpyxl

    from corpus_reports import load

    table = load("04_hubei-huanggang-soil-monitoring-2020.json")["tables"][0]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([table["title"]])
    for row in table["rows"]:
        sheet.append([text or None for text in row])
    path = pathlib.Path(tempfile.mkdtemp()) / "04.xlsx"
    book.save(path)
    return path


_CORPUS_WORKBOOK = _corpus_workbook()
_PROFILE_JSON = (
    pathlib.Path(bp.profiles.__file__).parent.joinpath("national-2020.json").read_text("utf-8")
)


#: One call of each public function, with figures whose exact results need more than 3 digits.
def _shown(obj: object) -> str:
    """What bp.show prints for *obj* outside a notebook."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        bp.show(obj, lang="zh")
    return out.getvalue()


PUBLIC_CALLS: dict[str, Callable[[], object]] = {
    "area_control_rate": lambda: bp.area_control_rate(D("1050.5"), D("1000.3")),
    "band_of": lambda: bp.band_of(D("7.99"), D("10")),
    "band_range": lambda: bp.band_range(bp.QualitativeBand.PARTLY, D("7.5")),
    "budget_adjustment_rate": lambda: bp.budget_adjustment_rate(D("15.7"), D("200.3")),
    "budget_completion_rate": lambda: bp.budget_completion_rate(D("394"), D("400.03")),
    "carryover_rate": lambda: bp.carryover_rate(D("6.03"), D("400.03")),
    "change_rate": lambda: bp.change_rate(D("70.3"), D("67.03")),
    "check": lambda: bp.check(REPORT),
    "check_many": lambda: [e.findings for e in bp.check_many([REPORT, REPORT])],
    "control_rate": lambda: bp.control_rate(D("85"), D("111")),
    "convert_amount": lambda: bp.convert_amount(
        D("215457.6"), bp.AmountUnit.YUAN, bp.AmountUnit.WAN_YUAN
    ),
    "execution_rate": lambda: bp.execution_rate(D("394"), D("400.03")),
    "select_profile": lambda: bp.select_profile(bp.Region(province="湖南省", city="岳阳市"), 2022),
    "execution_score": lambda: bp.execution_score(D("0.98492613"), D("10")),
    "findings_to_data": lambda: bp.findings_to_data(bp.check(REPORT)),
    "findings_to_json": lambda: bp.findings_to_json(bp.check(REPORT)),
    "format_amount": lambda: bp.format_amount(D("4026.345"), "en"),
    "format_percent_points": lambda: bp.format_percent_points(D("98.485"), "zh"),
    "format_ratio": lambda: bp.format_ratio(D("0.98492613"), "en"),
    "from_data": lambda: bp.from_data(bp.to_data(REPORT), SelfEvaluation),
    "from_json": lambda: bp.from_json(bp.to_json(REPORT), SelfEvaluation),
    "grade": lambda: bp.grade(D("89.995")),
    "hunan_budget_completion_rate": lambda: bp.hunan_budget_completion_rate(
        D("0"), D("238.49"), D("161.54"), D("6.03")
    ),
    "hunan_budget_control_rate": lambda: bp.hunan_budget_control_rate(D("23.85"), D("238.49")),
    "indicator_score": lambda: bp.indicator_score(D("90"), D("95"), D("5")),
    "investment_control_rate": lambda: bp.investment_control_rate(D("1234.5"), D("1000.7")),
    "key_spending_rate": lambda: bp.key_spending_rate(D("404.08"), D("1496.7")),
    "list_profiles": bp.list_profiles,
    "list_layouts": bp.list_layouts,
    "load_layout": lambda: bp.load_layout("national-project"),
    "read": lambda: bp.read(_CORPUS_WORKBOOK, region=bp.Region(city="黄冈市")),
    "read_with_sources": lambda: bp.read_with_sources(_CORPUS_WORKBOOK)[0],
    "load_profile": lambda: bp.load_profile("yueyang-departmental"),
    "load_profile_file": lambda: bp.load_profile_file(
        pathlib.Path(bp.profiles.__file__).parent / "hunan-departmental.json"
    ),
    "operating_funds_control_rate": lambda: bp.operating_funds_control_rate(
        D("450.81"), D("271.19")
    ),
    "parse_amount": lambda: bp.parse_amount("850,123.45元"),
    "parse_date": lambda: bp.parse_date("2023.6.9"),
    "parse_percent": lambda: bp.parse_percent("98.4926%"),
    "parse_target": lambda: bp.parse_target("≥95.125%；24-26次；十余次"),
    "percentage_shares": lambda: bp.percentage_shares(
        [D("3518.3"), D("20.3"), D("413.96"), D("48.74")], 2, "largest_remainder"
    ),
    "procurement_execution_rate": lambda: bp.procurement_execution_rate(D("292.75"), D("1285")),
    "profile_from_json": lambda: bp.profile_from_json(_PROFILE_JSON),
    "render": lambda: bp.render(REPORT, "html", "en"),
    "render_text": lambda: bp.render_text(bp.check(REPORT), "en"),
    "round_half_up": lambda: bp.round_half_up(D("98.4851"), 2),
    "share": lambda: bp.share(D("3518.3"), D("4026.3")),
    "show": lambda: _shown(REPORT),
    "staff_control_rate": lambda: bp.staff_control_rate(85, 111),
    "three_public_change_rate": lambda: bp.three_public_change_rate(D("70.3"), D("67.03")),
    "three_public_control_rate": lambda: bp.three_public_control_rate(D("70.3"), D("202")),
    "to_arrow": lambda: bp.to_arrow(REPORT, "funding").to_pylist(),
    "to_data": lambda: bp.to_data(REPORT),
    "to_json": lambda: bp.to_json(REPORT),
    "to_pandas": lambda: bp.to_pandas(REPORT, "projects").to_dict("records"),
    "to_percent": lambda: bp.to_percent(D("0.98492613"), 3),
    "to_polars": lambda: bp.to_polars(REPORT, "funding").rows(),
    "to_records": lambda: bp.to_records(REPORT, "funding"),
    "total_score": lambda: bp.total_score(D("9.8492613"), [_STAFF]),
    "weighted_score": lambda: bp.weighted_score(
        [_STAFF, bp.ScoredItem(weight=D("7"), score=bp.NOT_APPLICABLE)]
    ),
}

_PROJECT = REPORT.project("运行维护经费")
_TABLE = REPORT.department_table
assert _PROJECT.funding is not None and _PROJECT.indicators is not None and _TABLE is not None

#: The model's derived figures, the profiles' scoring, the summary and the workbook edge.
_HEBEI_ROW = bp.Indicator(
    name="补贴发放率",
    weight=D("30"),
    score=D("30.00"),
    proportion=D("30.00"),
    score_coefficient=D("100"),
)
_GUIZHOU_ROW = bp.FundSource(
    kind=bp.FundKind.CURRENT_YEAR_APPROPRIATION,
    full_year_budget=D("985.19"),
    executed=D("914.97"),
    weight=D("10"),
)

OTHER_CALLS: dict[str, Callable[[], object]] = {
    "Indicator.weighted_score": _HEBEI_ROW.weighted_score,
    "Indicator.coefficient_score": _HEBEI_ROW.coefficient_score,
    "FundSource.execution_rate": _GUIZHOU_ROW.execution_rate,
    "FundSource.execution_score": _GUIZHOU_ROW.execution_score,
    "Funding.execution_rate": _PROJECT.funding.execution_rate,
    "Funding.execution_score": _PROJECT.funding.execution_score,
    "Project.execution_rate": _PROJECT.execution_rate,
    "Project.execution_score": _PROJECT.execution_score,
    "Project.derived_total_score": _PROJECT.derived_total_score,
    "DepartmentTable.derived_total_score": _TABLE.derived_total_score,
    "IndicatorTree.weight_of_indicators": _PROJECT.indicators.weight_of_indicators,
    "IndicatorTree.score_of_indicators": _PROJECT.indicators.score_of_indicators,
    "SelfEvaluation.staff_control_rate": REPORT.staff_control_rate,
    "SelfEvaluation.derived_grade": lambda: REPORT.derived_grade(_HUNAN),
    "RuleProfile.score_rate (linear)": lambda: _HUNAN.score_rate("staff_control_rate", D("1.0437")),
    "RuleProfile.score_rate (bands)": lambda: _HUNAN.score_rate(
        "hunan_budget_control_rate", D("0.15")
    ),
    "RuleProfile.grade_for": lambda: _HUNAN.grade_for(D("89.995")),
    "examples.load": lambda: bp.examples.load("yueyang-npc-2022"),
    "cli.summary": lambda: summary(REPORT, "en"),
}


def _workbook_round_trip(folder: pathlib.Path) -> object:
    path = folder / "自评.xlsx"
    write_workbook(REPORT, path)
    return read_workbook(path)


def _results(calls: dict[str, Callable[[], object]]) -> Iterator[tuple[str, object, object]]:
    """Each call's result in the default context and in a hostile one (the caller's checked)."""
    for name, call in calls.items():
        with localcontext(Context()):
            expected = call()
        with localcontext(_hostile()) as caller:
            before = _settings(caller)
            result = call()
            assert decimal.getcontext() is caller, name
            assert _settings(caller) == before, f"{name} changed the caller's context"
        yield name, expected, result


def test_every_public_function_is_called_below() -> None:
    """The table of calls covers every function in ``budget_perf.__all__``."""
    public = {
        name
        for name in bp.__all__
        if callable(getattr(bp, name)) and not inspect.isclass(getattr(bp, name))
    }
    assert public == set(PUBLIC_CALLS)


@pytest.mark.parametrize("calls", [PUBLIC_CALLS, OTHER_CALLS], ids=["public", "methods"])
def test_a_call_leaves_the_callers_context_alone_and_gives_the_same_answer(
    calls: dict[str, Callable[[], object]],
) -> None:
    """Under a context with prec 3, ROUND_FLOOR, Emax 9 and every trap, each call gives the
    answer it gives in the default context, and the caller's context is untouched (no flag
    raised, no setting changed)."""
    for name, expected, result in _results(calls):
        assert _same(result, expected), name


def test_workbooks_are_written_and_read_the_same_under_a_hostile_context(
    tmp_path: pathlib.Path,
) -> None:
    """write_workbook and read_workbook scale rates by 100; prec 3 must not change a digit."""
    for _, expected, result in _results({"workbook": lambda: _workbook_round_trip(tmp_path)}):
        assert result == expected


def _same(result: object, expected: object) -> bool:
    """Equal, and each Decimal written with the same digits (Decimal('1.0') is not '1.00')."""
    if isinstance(expected, Decimal):
        return isinstance(result, Decimal) and result.as_tuple() == expected.as_tuple()
    if isinstance(expected, tuple | list):
        return (
            isinstance(result, tuple | list)
            and len(result) == len(expected)
            and all(_same(r, e) for r, e in zip(result, expected, strict=True))
        )
    return result == expected


amounts = st.decimals(
    min_value=0, max_value=D("999999999999999.999999"), places=MAX_FRACTION_DIGITS
)
contexts = st.builds(
    Context,
    prec=st.integers(min_value=1, max_value=60),
    rounding=st.sampled_from(ROUNDINGS),
    Emin=st.integers(min_value=-999999, max_value=0),
    Emax=st.integers(min_value=0, max_value=999999),
    capitals=st.integers(min_value=0, max_value=1),
    clamp=st.integers(min_value=0, max_value=1),
    traps=st.lists(st.sampled_from(SIGNALS), unique=True),
)


@given(executed=amounts, budget=amounts, other=amounts, context=contexts)
def test_rates_under_any_context_equal_those_under_the_default(
    executed: Decimal, budget: Decimal, other: Decimal, context: Context
) -> None:
    """A rate, its percent and a set of shares do not depend on the caller's context."""

    def figures() -> tuple[object, ...]:
        rate = bp.execution_rate(executed, budget)
        return (
            rate,
            bp.to_percent(rate),
            bp.change_rate(executed, budget),
            bp.hunan_budget_completion_rate(executed, budget, other, ZERO),
            bp.percentage_shares([executed, budget, other]),
            bp.percentage_shares([executed, budget, other], 1, "largest_remainder"),
        )

    with localcontext(Context()):
        expected = figures()
    with localcontext(context):
        result = figures()
    assert _same(result, expected)


# --- the library context itself ---------------------------------------------------------------


def test_the_decorator_keeps_the_signature_and_docstring() -> None:
    """Decorated functions keep their names, signatures and docstrings (help(), doctests)."""
    assert bp.execution_rate.__name__ == "execution_rate"
    assert str(inspect.signature(bp.execution_rate)) == (
        "(executed: decimal.Decimal, budget: decimal.Decimal) -> "
        "decimal.Decimal | budget_perf.rates.NotApplicable"
    )
    assert "执行率" in (bp.execution_rate.__doc__ or "")
    assert bp.execution_rate.__module__ == "budget_perf.rates"


def test_the_library_context_has_the_default_settings_and_a_fresh_copy_each_time() -> None:
    """28 digits, half-even, the default traps; a flag raised in one call is gone in the next."""
    with library_context() as first:
        assert (first.prec, first.rounding, first.Emax) == (28, ROUND_HALF_EVEN, 999999)
        assert [s for s in SIGNALS if first.traps[s]] == [
            decimal.DivisionByZero,
            decimal.InvalidOperation,
            decimal.Overflow,
        ]
        _ = D(1) / D(3)
        assert first.flags[decimal.Inexact]
    with library_context() as second:
        assert second is not first and not second.flags[decimal.Inexact]


def test_a_nested_call_runs_in_the_context_of_the_outer_one() -> None:
    """Only the outermost call enters a context: inner calls find it current."""
    seen: list[Context] = []

    @in_library_context
    def inner() -> None:
        seen.append(decimal.getcontext())

    @in_library_context
    def outer() -> None:
        seen.append(decimal.getcontext())
        inner()

    outer()
    assert seen[0] is seen[1]


def test_a_rule_that_changes_the_context_does_not_change_the_next_rule(
    findings: tuple[bp.Finding, ...],
) -> None:
    """Each rule runs in a fresh copy: a rule that sets prec=3 cannot change another's figures."""

    def careless(_context: CheckContext, _rule: bp.Rule) -> list[bp.Finding]:
        decimal.getcontext().prec = 3
        return []

    rogue = bp.Rule(
        code="BP000", severity=bp.Severity.INFO, family="extra", summary_zh="改精度",
        summary_en="sets prec=3", reason="a test", check=careless,
    )  # fmt: skip
    with localcontext(Context()) as caller:
        assert bp.check(REPORT, rules=(rogue, *bp.RULES)) == findings  # the rogue runs first
        assert caller.prec == 28


def test_a_failing_call_restores_the_callers_context() -> None:
    """A refusal raised inside the library context still gives the caller its context back."""
    with localcontext(Context(prec=5)) as caller:
        with pytest.raises(bp.InvalidAmount):
            bp.execution_rate(D("-1"), D("3"))
        assert decimal.getcontext() is caller and caller.prec == 5


# --- the bounds of a stated figure ------------------------------------------------------------


def test_the_bounds_are_15_digits_before_the_point_and_6_after() -> None:
    """The largest and the finest figure a budget can state are accepted; one more is not."""
    assert (MAX_INTEGER_DIGITS, MAX_FRACTION_DIGITS) == (15, 6)
    for text in ("999999999999999.999999", "-999999999999999", "0.000001", "0E+20", "1E+14"):
        assert to_decimal(text) == D(text)
    for text, words in (
        ("1000000000000000", "16 digits before the decimal point; a figure may have at most 15"),
        ("0.0000001", "0.0000001 has 7 decimals; a figure may have at most 6"),
        ("1.0000000", "1.0000000 has 7 decimals"),
        ("1E+999999999", "1000000000 digits before the decimal point"),
        ("1E-7", "0.0000001 has 7 decimals"),  # short, but with an exponent
        ("1e+15", "16 digits before the decimal point"),
    ):
        with pytest.raises(bp.InvalidAmount, match=words):
            to_decimal(text, field="executed")


def test_the_model_refuses_a_figure_beyond_the_bounds_naming_the_field() -> None:
    """Decimal('1E+999999999') or a 5000-digit figure cannot be put in a report."""
    for value in (D("1E+999999999"), D("1" * 5000), D("0.0000001")):
        with pytest.raises(bp.InvalidAmount) as refused:
            FundTotal(executed=value)
        assert refused.value.field == "executed"
        assert "a figure may have at most" in str(refused.value)
        assert len(str(refused.value)) < 400
    with pytest.raises(bp.InvalidAmount, match="stated_execution_rate"):
        Funding(stated_execution_rate=D("98.4926130540209"))


def test_json_refuses_a_29_digit_amount_instead_of_a_false_bp101() -> None:
    """1.0000000000000000000000000001 + 1 = 2.0000000000000000000000000001 adds up, but not
    in 28 digits: the document is refused, saying why, instead of getting a false BP101."""
    source = '{"kind": "其他资金", "executed": "1.0000000000000000000000000001"}'
    with pytest.raises(bp.InvalidDocument, match=r"28 decimals; a figure may have at most 6"):
        bp.from_json(source, FundSource)
    with pytest.raises(bp.InvalidDocument, match=r"29 digits before the decimal point"):
        bp.from_json('{"kind": "其他资金", "executed": "' + "1" * 29 + '"}', FundSource)


def test_sums_of_figures_at_the_bounds_are_exact_under_any_context() -> None:
    """Two 21-digit amounts add up to a 21-digit total exactly: no BP101, even under prec=3."""
    sources = (
        FundSource(kind=FundKind.CURRENT_YEAR_APPROPRIATION, executed=D("500000000000000.000001")),
        FundSource(kind=FundKind.OTHER_FUNDS, executed=D("499999999999999.999998")),
    )
    total = FundTotal(executed=D("999999999999999.999999"))
    report = attrs.evolve(
        REPORT,
        projects=(Project(name="边界", funding=Funding(total=total, sources=sources)),),
    )
    for context in (Context(), Context(prec=3), Context(traps=[decimal.Inexact])):
        with localcontext(context):
            codes = {f.code for f in bp.check(report) if f.path.startswith("$.projects")}
        assert "BP101" not in codes
    wrong = attrs.evolve(total, executed=D("999999999999999.999998"))
    mistaken = attrs.evolve(
        report, projects=(Project(name="边界", funding=Funding(total=wrong, sources=sources)),)
    )
    assert "BP101" in {f.code for f in bp.check(mistaken)}


@pytest.mark.parametrize(
    ("parse", "text", "reason"),
    [
        (bp.parse_amount, "1" * 16, "16 digits before the decimal point"),
        (bp.parse_amount, "0.001元", "amount in 万元: 0.0000001 has 7 decimals"),
        (bp.parse_amount, "12345678901234567890元", "amount in 万元: 1234567890123456.7890"),
        (bp.parse_percent, "98.4926130%", "rate: 98.4926130 has 7 decimals"),
    ],
    ids=["16 digits", "0.001 yuan", "20 digits in yuan", "7-decimal rate"],
)
def test_a_cell_beyond_the_bounds_is_unparsed_not_raised(
    parse: Callable[[str], Any], text: str, reason: str
) -> None:
    """The cell parsers never raise: a figure beyond the bounds is UNPARSED, saying why."""
    cell = parse(text)
    assert cell.status is bp.CellStatus.UNPARSED
    assert reason in cell.reason


def test_amounts_in_yuan_are_bounded_after_conversion_to_wan_yuan() -> None:
    """ "123456789012345678元" is 12345678901234.5678万元, within the bounds; so is "0.01元"."""
    assert bp.parse_amount("123456789012345678元").value == D("12345678901234.5678")
    assert bp.parse_amount("0.01元").value == D("0.000001")


def test_a_target_beyond_the_bounds_is_an_unparsed_clause() -> None:
    """parse_target never raises: "12345678901234567890次" is an unparsed clause with a reason."""
    target = bp.parse_target("12345678901234567890次；满意")
    assert target.clauses[0].kind is bp.TargetKind.UNPARSED
    assert "20 digits before the decimal point" in target.clauses[0].reason
    assert target.clauses[1].kind is bp.TargetKind.QUALITATIVE


# --- process-wide state -----------------------------------------------------------------------

_STATE = """
import decimal, gc, locale, sys, warnings
try:  # openpyxl imports numpy when it is installed (the charts extra brings it), and numpy's
    import numpy  # import adds warning filters of its own: count only budget_perf's changes
except ImportError:
    pass
def state():
    return (
        sys.getrecursionlimit(), gc.isenabled(), gc.get_threshold(),
        locale.setlocale(locale.LC_ALL), sys.get_int_max_str_digits(), sys.getswitchinterval(),
        repr(decimal.getcontext()), repr(decimal.DefaultContext), repr(warnings.filters),
    )
before = state()
import pathlib, tempfile
import budget_perf as bp
from budget_perf.cli import summary
from budget_perf.excel import read_workbook, write_workbook
report = bp.examples.load("yueyang-npc-2022")
bp.check(report, bp.load_profile("hunan-departmental"))
summary(report, "en")
bp.from_json(bp.to_json(report), bp.SelfEvaluation)
path = pathlib.Path(tempfile.mkdtemp()) / "a.xlsx"
write_workbook(report, path)
read_workbook(path)
after = state()
print([b == a for b, a in zip(before, after)])
"""


def test_the_library_changes_no_process_wide_state() -> None:
    """Importing and using budget_perf leaves the recursion limit, the garbage collector, the
    locale, the int-to-str limit, the decimal contexts and the warning filters as they were."""
    done = subprocess.run(
        [sys.executable, "-c", _STATE], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == str([True] * 9)
