"""The rule catalogue (规则目录) as Markdown, in English or Chinese.

One overview table, then a section per rule: what it checks, how serious its findings are,
why it exists, what a reviewer should do, and an example finding made from the bundled report
(:mod:`budget_perf.checks.guidance`).  ``python3 dev.py docs`` writes docs/rules.md and
docs/zh/rules.md with it; ``python -m budget_perf.checks.catalogue --lang zh`` prints it.

Every text cell is escaped (:func:`budget_perf._safety.escape_markdown`), so a ``|`` or a line
break in a rule's text cannot split or end a row.

>>> from budget_perf.checks import RULES
>>> text = render_catalogue(RULES, "zh")
>>> text.splitlines()[0]
'# 规则目录'
>>> "## BP201 执行率与执行数/预算数相符" in text
True
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence

from budget_perf._safety import escape_markdown
from budget_perf.checks.finding import Language, Value
from budget_perf.checks.guidance import EXAMPLE_REPORT, example_finding, guidance
from budget_perf.checks.registry import Rule

__all__ = ["render_catalogue"]

_SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}}
_FAMILY = {
    "zh": {
        "arithmetic": "加总",
        "stated": "填报数",
        "cross-table": "跨表一致",
        "structure": "结构",
        "plausibility": "合理性",
        "score sheet": "评分表",
    }
}
_WORDS = {
    "en": {
        "title": "# Rule catalogue",
        "intro": (
            "Generated from `budget_perf.checks.RULES` and the rules' guidance "
            "(`budget_perf/checks/guidance.json`) by `python3 dev.py docs`; do not edit by hand. "
            "Codes are stable: a rule that is retired keeps its code, and no code is reused. "
            "Each example is a real finding: the bundled report ({report}) with the changes "
            "shown, checked. [中文](zh/rules.md)"
        ),
        "head": "| code | severity | family | checks |",
        "severity": "Severity",
        "family": "family",
        "colon": ": ",
        "why": "**Why.**",
        "do": "**What a reviewer should do.**",
        "example": "**Example.**",
        "as_is": "The bundled report as it is:",
        "changed": "The bundled report with",
        "stated": "stated",
        "expected": "expected",
        "bp900": (
            "| BP900 | error | (any) | A rule failed on this report: reported instead of "
            "raised, so the other rules still run. |"
        ),
    },
    "zh": {
        "title": "# 规则目录",
        "intro": (
            "由 `budget_perf.checks.RULES` 及各规则的复核指引（`budget_perf/checks/guidance.json`）"
            "经 `python3 dev.py docs` 生成，请勿手工修改。规则代码保持稳定：停用的规则保留其代码，"
            "代码不会重复使用。每个示例都是真实的检查结果：对随附报告（{report}）作所示修改后检查所得。"
            "[English](../rules.md)"
        ),
        "head": "| 代码 | 级别 | 类别 | 检查内容 |",
        "severity": "级别",
        "family": "类别",
        "colon": "：",
        "why": "**依据**：",
        "do": "**复核人员应如何处理**：",
        "example": "**示例**：",
        "as_is": "随附报告原样检查：",
        "changed": "随附报告作如下修改后：",
        "stated": "表中数",
        "expected": "应为",
        "bp900": (
            "| BP900 | 错误 | （任意） | 规则运行出错：记为结果而不抛出异常，其他规则照常运行。 |"
        ),
    },
}


def _severity(value: str, lang: Language) -> str:
    return _SEVERITY.get(lang, {}).get(value, value)


def _family(value: str, lang: Language) -> str:
    return _FAMILY.get(lang, {}).get(value, value)


def _anchor(code: str, lang: Language) -> str:
    """A page target for the rule's section; labels are global to the site, so per language."""
    return f"rule-{code.lower()}" if lang == "en" else f"{lang}-rule-{code.lower()}"


def _value(value: Value) -> str:
    return "—" if value is None else str(value)


def _section(rule: Rule, lang: Language) -> list[str]:
    words = _WORDS[lang]
    advice = guidance(rule.code)
    summary = rule.summary_zh if lang == "zh" else rule.summary_en
    reason = advice.reason_zh if lang == "zh" else rule.reason
    action = advice.action_zh if lang == "zh" else advice.action_en
    colon = words["colon"]
    lines = [
        f"({_anchor(rule.code, lang)})=",
        f"## {rule.code} {escape_markdown(summary)}",
        "",
        (
            f"{words['severity']}{colon}**{_severity(rule.severity.value, lang)}** · "
            f"{words['family']}{colon}{escape_markdown(_family(rule.family, lang))}"
        ),
        "",
        f"{words['why']} {escape_markdown(reason)}",
        "",
        f"{words['do']} {escape_markdown(action)}",
        "",
    ]
    finding = example_finding(rule.code)
    if finding is None:  # pragma: no cover - the test suite requires an example for each rule
        return lines
    if advice.example:
        changes = "; ".join(
            f"`{path}` → `{json.dumps(value, ensure_ascii=False)[:60]}`"
            for path, value in advice.example
        )
        lines += [f"{words['example']} {words['changed']} {escape_markdown(changes)}", ""]
    else:
        lines += [f"{words['example']} {words['as_is']}", ""]
    message = finding.message_zh if lang == "zh" else finding.message_en
    colon = words["colon"]
    lines += [
        "```text",
        f"{_severity(finding.severity.value, lang)} {finding.code} {finding.path}",
        (
            f"{words['stated']}{colon}{_value(finding.stated)}    "
            f"{words['expected']}{colon}{_value(finding.expected)}"
        ),
        message,
        "```",
        "",
    ]
    return lines


def render_catalogue(rules: Iterable[Rule], lang: Language = "en") -> str:
    """The catalogue of *rules* as one Markdown page in *lang* ("en" or "zh")."""
    rules = tuple(rules)
    words = _WORDS[lang]
    lines = [words["title"], "", words["intro"].format(report=EXAMPLE_REPORT), ""]
    lines += [words["head"], "|---|---|---|---|"]
    for rule in rules:
        summary = rule.summary_zh if lang == "zh" else rule.summary_en
        cells = (
            f"[{rule.code}](#{_anchor(rule.code, lang)})",
            _severity(rule.severity.value, lang),
            escape_markdown(_family(rule.family, lang)),
            escape_markdown(summary),
        )
        lines.append(f"| {' | '.join(cells)} |")
    lines += [words["bp900"], ""]
    for rule in rules:
        lines += _section(rule, lang)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m budget_perf.checks.catalogue [--lang zh] [--output FILE]``."""
    from budget_perf.checks import RULES

    parser = argparse.ArgumentParser(prog="python -m budget_perf.checks.catalogue")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    parser.add_argument("--output", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    text = render_catalogue(RULES, args.lang)
    if args.output is None:
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
