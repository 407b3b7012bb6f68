"""Reading a 三级 indicator's target and actual as two figures in one unit (private).

An indicator is *measured* when its target (年度指标值) is one figure A (or a range, read from its
lower bound) and its actual (实际完成值) states figures in the same unit — or without a unit: a
bare "735" under a target of "≥735人次" is read in the target's unit.  Several figures in the
actual are combined the way the target counts them: counts are added ("视察3次、询问1次" is 4 次),
a percentage is met only if every one stated is (the lowest is taken), and for a lower-is-better
target the highest is taken.

Which way the target points: "≥", "不低于", "以上" and a range are higher-is-better; "≤", "不超过",
"以内" are lower-is-better.  A target printed without a comparator ("100%", "26次", "=100%")
does not say; it is read as lower-is-better where the indicator names something to keep down
(a control rate, a carry-over rate, complaints, accidents, a cost: :data:`LOWER_IS_BETTER`, and
indicators under a 成本 category) unless it names a reduction achieved ("成本降低率"), else as
higher-is-better — and a finding says it was read.  A bare actual of at most 1 under a percent
target ("0.98" for "≥95%") may be a fraction and is not read.
"""

from decimal import Decimal

import attrs

from budget_perf._decimal import ZERO
from budget_perf._textcache import text_cache
from budget_perf.cells import Comparator, Target, TargetClause, TargetKind, parse_target
from budget_perf.checks._memo import per_check
from budget_perf.model import Indicator, Level1, Level2
from budget_perf.rates import NOT_APPLICABLE
from budget_perf.scoring import Direction, indicator_score

__all__ = ["LOWER_IS_BETTER", "Reading", "forget", "parsed", "read_indicator"]


def parsed(text: str) -> Target:
    """:func:`~budget_perf.cells.parse_target`, once per text: a cell-sized text's target is
    kept across runs (a bounded cache: targets recur across reports), a longer one's for the
    check run that reads it."""
    if len(text) <= _KEPT:
        return _kept(text)
    return per_check(parse_target, text)


#: The longest text whose target is kept across runs.
_KEPT = 1000


@text_cache(maxsize=4096, longest=_KEPT)
def _kept(text: str) -> Target:
    return parse_target(text)


def forget() -> None:
    """Forget the targets kept across runs (for a test that counts the texts parsed)."""
    _kept.cache_clear()


#: Words in an indicator's name that mark a figure to keep down when its target states no
#: comparator.
LOWER_IS_BETTER = (
    "控制率", "结余率", "结转率", "调整率", "变动率", "投诉", "事故", "差错", "故障", "违规",
    "违纪", "超支", "超标", "不合格", "发生率", "返工", "误差", "延误", "逾期", "损失", "成本",
)  # fmt: skip
#: Words that make such a name measure a reduction achieved ("成本降低率"), which is to be high.
_REDUCTION = ("降低", "下降", "减少", "节约", "节省", "压减", "压缩")
_COST = frozenset({Level2.COST, Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST})
_STATED = {
    Comparator.GE: Direction.HIGHER_IS_BETTER,
    Comparator.GT: Direction.HIGHER_IS_BETTER,
    Comparator.LE: Direction.LOWER_IS_BETTER,
    Comparator.LT: Direction.LOWER_IS_BETTER,
}


@attrs.frozen(kw_only=True)
class Reading:
    """An indicator's target A and actual B in one unit, and which way the target points."""

    target: Decimal
    actual: Decimal
    unit: str
    direction: Direction
    #: Whether the table states the direction (a comparator or a range) or it was read.
    stated: bool

    @property
    def met(self) -> bool:
        """Whether the actual reaches the target in its direction."""
        if self.direction is Direction.HIGHER_IS_BETTER:
            return self.actual >= self.target
        return self.actual <= self.target

    def earned(self, weight: Decimal) -> Decimal | None:
        """The score the actual earns (rules.md §3); None where a target of 0 leaves it open.

        A lower-is-better target of 0 met in full (B = 0) earns the full weight.
        """
        if self.target == ZERO:
            return weight if self.met else None
        score = indicator_score(self.actual, self.target, weight, self.direction)
        return None if score is NOT_APPLICABLE else score


def _goal(clause: TargetClause, approximate: bool) -> Decimal | None:
    kinds = [TargetKind.QUANTITATIVE, *([TargetKind.APPROXIMATE] if approximate else [])]
    if clause.kind is TargetKind.RANGE:
        return clause.numbers[0]
    if clause.kind in kinds and len(clause.numbers) == 1:
        return clause.numbers[0]
    return None


def _direction(
    clause: TargetClause, indicator: Indicator, level1: Level1 | None, level2: Level2 | None
) -> tuple[Direction, bool]:
    if clause.kind is TargetKind.RANGE:
        return Direction.HIGHER_IS_BETTER, True
    if clause.comparator in _STATED:
        return _STATED[clause.comparator], True
    name = indicator.name
    if any(word in name for word in _REDUCTION):
        return Direction.HIGHER_IS_BETTER, False
    cost = level1 is Level1.COST or level2 in _COST
    if cost or any(word in name for word in LOWER_IS_BETTER):
        return Direction.LOWER_IS_BETTER, False
    return Direction.HIGHER_IS_BETTER, False


def read_indicator(
    indicator: Indicator,
    *,
    level1: Level1 | None = None,
    level2: Level2 | None = None,
    approximate: bool = False,
) -> Reading | None:
    """The indicator's target and actual as a :class:`Reading`; None where they are not both
    figures in one unit.  With *approximate*, "十余次" counts as its lower bound (10 次).

    >>> r = read_indicator(Indicator(name="党性教育培训次数", target="26次", actual="12次"))
    >>> r.target, r.actual, r.direction.name, r.stated, r.met
    (Decimal('26'), Decimal('12'), 'HIGHER_IS_BETTER', False, False)
    >>> read_indicator(Indicator(name="公用经费控制率", target="100%", actual="97%")).met
    True
    >>> read_indicator(Indicator(name="x", target="≥735人次", actual="735")).unit
    '人次'
    >>> read_indicator(Indicator(name="x", target="按时完成", actual="已完成")) is None
    True
    """
    target = parsed(indicator.target)
    if len(target.clauses) != 1:
        return None
    clause = target.clauses[0]
    goal = _goal(clause, approximate)
    if goal is None:
        return None
    direction, stated = _direction(clause, indicator, level1, level2)
    figures = [
        c
        for c in parsed(indicator.actual).clauses
        if c.kind in (TargetKind.QUANTITATIVE, TargetKind.APPROXIMATE) and len(c.numbers) == 1
    ]
    units = {c.unit for c in figures} - {""}
    if clause.unit:
        unit = clause.unit
    elif len(units) <= 1:
        unit = next(iter(units), "")  # a bare target is read in the actual's one unit
    else:
        return None
    values = [c.numbers[0] for c in figures if c.unit in (unit, "")]
    if not values:
        return None
    if unit == "%" and goal > 1 and any(c.unit == "" and ZERO < c.numbers[0] <= 1 for c in figures):
        return None  # a bare "0.98" under a percent target may be a fraction: not read
    if direction is Direction.LOWER_IS_BETTER:
        actual = max(values)
    elif unit in ("%", "‰"):
        actual = min(values)
    else:
        actual = sum(values, ZERO)
    return Reading(target=goal, actual=actual, unit=unit, direction=direction, stated=stated)
