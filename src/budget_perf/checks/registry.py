"""Rules and their registry: each rule is a pure function with a code, a severity and a reason.

A :class:`Rule` pairs a stable code (``BP201``) with its default severity, a one-line summary in
Chinese and English, the reason it exists, and the pure function that looks for it:
``check(context) -> Iterable[Finding]``.  The library's rules are listed, in code order, in the
tuple :data:`budget_perf.checks.RULES`; nothing is registered behind the caller's back.

A reviewer changes a run, not the library, with :class:`CheckOptions`: switch rules off, change
their severities, or add rules of their own.

>>> options = CheckOptions(disabled=frozenset({"BP501"}),
...                        severities=(("BP402", Severity.INFO),))
>>> options.severity_for("BP402", Severity.ERROR)
<Severity.INFO: 'info'>
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from budget_perf.checks.finding import Finding, Severity, Value
from budget_perf.model.evaluation import SelfEvaluation

if TYPE_CHECKING:
    from budget_perf.profiles import RuleProfile

__all__ = ["CheckContext", "CheckOptions", "Rule", "RuleFamily", "RuleFunction"]


@attrs.frozen(kw_only=True)
class CheckContext:
    """What a rule looks at: the report and the rule profile in force."""

    evaluation: SelfEvaluation
    profile: "RuleProfile"


#: A rule's function: the context in, the findings out.  It must not raise on a valid model.
RuleFunction = Callable[[CheckContext, "Rule"], Iterable[Finding]]


@attrs.frozen(kw_only=True)
class Rule:
    """One check: a stable code, its default severity, what it checks and why, and its function."""

    code: str
    severity: Severity
    family: str
    summary_zh: str
    summary_en: str
    reason: str
    check: RuleFunction = attrs.field(eq=False, repr=False)

    def finding(
        self,
        *,
        path: str,
        message_zh: str,
        message_en: str,
        stated: Value = None,
        expected: Value = None,
        formula: str = "",
        inputs: Iterable[tuple[str, Value]] = (),
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule, at its default severity unless *severity* is given."""
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            path=path,
            stated=stated,
            expected=expected,
            formula=formula,
            inputs=tuple(inputs),
            message_zh=message_zh,
            message_en=message_en,
        )


@attrs.frozen(kw_only=True)
class RuleFamily:
    """The rules of one family share a name and a default severity; this makes them.

    >>> family = RuleFamily(name="local", severity=Severity.WARNING)
    >>> family.rule("X001", "示例", "example", "why", lambda context, rule: ()).family
    'local'
    """

    name: str
    severity: Severity

    def rule(
        self,
        code: str,
        summary_zh: str,
        summary_en: str,
        reason: str,
        check: RuleFunction,
        *,
        severity: Severity | None = None,
    ) -> Rule:
        """A rule of this family, at the family's severity unless *severity* is given."""
        return Rule(
            code=code,
            severity=severity or self.severity,
            family=self.name,
            summary_zh=summary_zh,
            summary_en=summary_en,
            reason=reason,
            check=check,
        )


@attrs.frozen(kw_only=True)
class CheckOptions:
    """A run's changes to the rule set: rules switched off, severities changed, rules added."""

    disabled: frozenset[str] = frozenset()
    severities: tuple[tuple[str, Severity], ...] = ()
    extra_rules: tuple[Rule, ...] = ()

    def severity_for(self, code: str, default: Severity) -> Severity:
        """The severity a finding of rule *code* gets in this run."""
        for candidate, severity in self.severities:
            if candidate == code:
                return severity
        return default
