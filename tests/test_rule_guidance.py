"""Every rule tells a reviewer what to do, in both languages, with a real example finding.

The rule catalogue (docs/rules.md, docs/zh/rules.md) shows, for each rule, why it exists, what
a reviewer should do about its finding, and an example finding made by changing the bundled
report.  These tests keep that guidance complete and the examples true.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budget_perf.checks import RULES
from budget_perf.checks.catalogue import render_catalogue
from budget_perf.checks.guidance import _all, example_finding, guidance
from budget_perf.errors import BudgetPerfError

CODES = [rule.code for rule in RULES]


def test_every_rule_has_guidance_and_no_guidance_is_left_over() -> None:
    """The guidance file covers exactly the registered rules."""
    assert set(_all()) == set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_each_rule_has_advice_in_chinese_and_english(code: str) -> None:
    """Why (zh), and what to do (zh and en), are all written."""
    advice = guidance(code)
    assert advice.reason_zh.strip() and advice.action_zh.strip() and advice.action_en.strip()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in advice.action_zh)


@pytest.mark.parametrize("code", CODES)
def test_each_rules_example_is_a_real_finding_of_that_rule(code: str) -> None:
    """The bundled report, changed as the guidance says, gives a finding of the rule — at the
    rule's own severity or at a milder one the rule documents (e.g. a blank cell)."""
    finding = example_finding(code)
    assert finding is not None, f"{code}: the example gives no finding of its rule"
    assert finding.code == code


def test_an_unknown_code_is_refused_in_both_languages() -> None:
    """Asking for a rule that does not exist names the code."""
    with pytest.raises(BudgetPerfError) as refused:
        guidance("BP999")
    assert "BP999" in str(refused.value) and "BP999" in refused.value.message("zh")


@pytest.mark.parametrize(("lang", "page"), [("en", "rules.md"), ("zh", "zh/rules.md")])
def test_the_committed_catalogue_pages_are_up_to_date(lang: str, page: str) -> None:
    """docs/rules.md and docs/zh/rules.md are what ``python3 dev.py docs`` generates now."""
    committed = (Path(__file__).parent.parent / "docs" / page).read_text(encoding="utf-8")
    assert committed == render_catalogue(RULES, lang)  # type: ignore[arg-type]
