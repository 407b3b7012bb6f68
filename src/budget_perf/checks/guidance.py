"""What a finding asks of a reviewer, rule by rule (复核指引), and an example of each.

Every rule of :data:`~budget_perf.checks.RULES` has guidance, kept as data in
``guidance.json`` beside this module: why the rule exists in Chinese (the English is the rule's
own ``reason``), what a reviewer should do about a finding in Chinese and English, and how to
make an example finding from the bundled report — a list of changes to its JSON, each a path
as findings write them and the value to put there (an empty list: the report as bundled
already shows one).  The rule catalogue (``docs/rules.md``, ``docs/zh/rules.md``) is generated
from it, and the test suite checks that every example gives a finding of its rule.

>>> advice = guidance("BP201")
>>> advice.action_en.startswith("Recompute executed / full-year budget")
True
>>> example_finding("BP201").stated, example_finding("BP201").expected
(Decimal('100'), Decimal('98'))
>>> example_finding("BP203").path
'$.basic_data.staffing.stated_control_rate'
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import attrs

from budget_perf._decimal import in_library_context
from budget_perf.checks.finding import Finding
from budget_perf.errors import BudgetPerfError

__all__ = ["RuleGuidance", "example_finding", "guidance"]

#: The bundled report every example starts from.
EXAMPLE_REPORT = "yueyang-npc-2022"
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


@attrs.frozen(kw_only=True)
class RuleGuidance:
    """A rule's guidance: why (zh), what to do (zh, en) and the example's changes."""

    code: str
    reason_zh: str
    action_zh: str
    action_en: str
    #: (path, JSON value) pairs applied to the bundled report's JSON, in order.
    example: tuple[tuple[str, Any], ...] = ()


@cache
def _all() -> Mapping[str, RuleGuidance]:
    text = resources.files(__package__ or "budget_perf.checks").joinpath("guidance.json")
    data = json.loads(text.read_text(encoding="utf-8"))
    return {
        code: RuleGuidance(
            code=code,
            reason_zh=entry["reason_zh"],
            action_zh=entry["action_zh"],
            action_en=entry["action_en"],
            example=tuple((path, value) for path, value in entry["example"]),
        )
        for code, entry in data["rules"].items()
    }


def guidance(code: str) -> RuleGuidance:
    """The guidance of the rule *code*.

    Raises:
        BudgetPerfError: no rule has that code.
    """
    found = _all().get(code)
    if found is None:
        raise BudgetPerfError(
            f"no guidance for rule {code!r}", message_zh=f"规则{code}没有复核指引"
        )
    return found


def _set(data: Any, path: str, value: Any) -> None:
    """Put *value* at *path* ("$.projects[1].funding.total.executed") of *data*."""
    steps = [m.group(1) if m.group(1) is not None else int(m.group(2))
             for m in _STEP.finditer(path.removeprefix("$"))]  # fmt: skip
    target = data
    for step in steps[:-1]:
        target = target[step]
    target[steps[-1]] = value


@cache
@in_library_context
def example_finding(code: str) -> Finding | None:
    """The first finding of rule *code* on the bundled report changed as its guidance says.

    ``None`` only for a rule with no example (none at present: the test suite checks each).
    """
    from budget_perf.checks import check
    from budget_perf.examples import load
    from budget_perf.serialization import from_data, to_data

    data = to_data(load(EXAMPLE_REPORT))
    for path, value in guidance(code).example:
        _set(data, path, value)
    report = from_data(data, type(load(EXAMPLE_REPORT)))
    return next((f for f in check(report) if f.code == code), None)
