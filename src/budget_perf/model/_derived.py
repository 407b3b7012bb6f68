"""The derived 总分 of an evaluation table, shared by Project and DepartmentTable (private)."""

from decimal import Decimal

from budget_perf.model.funds import Funding
from budget_perf.model.indicators import IndicatorTree


def derived_total(funding: Funding | None, tree: IndicatorTree | None) -> Decimal | None:
    """执行率得分 (derived) + Σ 三级得分 (stated), rescaled where the execution rate is n/a.

    Where the layout's 总分 adds up the indicators only (``tree.total_includes_execution`` is
    false), it is Σ 三级得分.  ``None`` when the table has no funds block or tree, a weight or
    score is blank, or a stated score lies outside [0, its weight] (the checker reports that,
    as BP403/BP405).
    """
    from budget_perf.scoring import ScoredItem, total_score

    if tree is not None and not tree.total_includes_execution:
        scores = [(i.weight, i.score) for i in tree.indicators()]
        if any(w is None or s is None or not Decimal(0) <= s <= w for w, s in scores):
            return None
        return sum((s for _, s in scores if s is not None), Decimal(0))
    if funding is None or tree is None or funding.weight is None:
        return None
    execution = funding.execution_score()
    if execution is None:
        return None
    items = []
    for indicator in tree.indicators():
        weight, score = indicator.weight, indicator.score
        if weight is None or score is None or not Decimal(0) <= score <= weight:
            return None
        items.append(ScoredItem(weight=weight, score=score))
    total = total_score(execution, items, execution_weight=funding.weight)
    return total if isinstance(total, Decimal) else None
