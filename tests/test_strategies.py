"""The shipped hypothesis strategies draw valid, consistent reports that survive JSON."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import budget_perf as bp
from budget_perf.strategies import amounts, fundings, indicator_trees, self_evaluations, weights

SLOW = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(self_evaluations())
def test_a_generated_report_round_trips_through_json(evaluation: bp.SelfEvaluation) -> None:
    """from_json(to_json(x)) == x for every generated report."""
    assert bp.from_json(bp.to_json(evaluation), bp.SelfEvaluation) == evaluation


@given(amounts())
def test_amounts_are_non_negative_cents(amount: Decimal) -> None:
    """Generated amounts are exact Decimals in 万元 with two decimals, never negative."""
    assert amount >= 0
    assert amount == amount.quantize(Decimal("0.01"))


@given(st.data())
def test_weights_add_up_to_their_total(data: st.DataObject) -> None:
    """Split weights are positive half points that add up to exactly the total."""
    total = data.draw(st.sampled_from([Decimal(10), Decimal(50), Decimal(90)]))
    parts = data.draw(st.integers(min_value=1, max_value=int(total * 2)))
    drawn = data.draw(weights(total, parts))
    assert sum(drawn) == total
    assert len(drawn) == parts
    assert all(w > 0 and w % Decimal("0.5") == 0 for w in drawn)


def test_the_smallest_weight_is_one_part_of_itself() -> None:
    """A total of one half point splits into that one weight (it was refused by hypothesis)."""
    from hypothesis import find

    assert find(weights(Decimal("0.5"), 1), lambda split: True) == (Decimal("0.5"),)


@given(fundings())
def test_a_generated_funds_block_states_the_derived_rate(funding: bp.Funding) -> None:
    """The stated execution rate is the derived one, rounded half-up to two decimals."""
    rate = funding.execution_rate()
    assert rate is not None
    if rate is bp.NOT_APPLICABLE:
        assert funding.stated_execution_rate is None
    else:
        assert funding.stated_execution_rate == bp.to_percent(rate)


@given(indicator_trees())
def test_a_generated_tree_carries_the_national_weights(tree: bp.IndicatorTree) -> None:
    """一级 weights are 50/30/10 and the 三级 weights under each add up to it."""
    assert [g.stated_weight for g in tree.groups] == [50, 30, 10]
    for group in tree.groups:
        assert (
            sum(i.weight for i in group.indicators() if i.weight is not None) == group.stated_weight
        )
