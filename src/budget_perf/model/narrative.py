"""自评报告正文: the narrative sections of a self-evaluation report.

Performance (部门整体支出绩效情况), problems with their causes (存在的问题及原因分析),
improvement measures (下一步改进措施), the use and publication of the results (自评结果拟应用和
公开情况) and other matters (其他需要说明的情况), as paragraphs of text.

>>> Problem(title="绩效管理体系需要逐渐健全", analysis="……").title
'绩效管理体系需要逐渐健全'
"""

import attrs

from budget_perf.model._fields import records, required_text, text

__all__ = ["Narrative", "Problem"]


@attrs.frozen(kw_only=True)
class Problem:
    """One problem the report names, and its analysis of the cause."""

    title: str = required_text()
    analysis: str = text()


@attrs.frozen(kw_only=True)
class Narrative:
    """The narrative sections; each is empty where the report leaves it out."""

    performance: tuple[str, ...] = records(str)
    problems: tuple[Problem, ...] = records(Problem)
    improvements: tuple[str, ...] = records(str)
    results_use: str = text()
    other_matters: str = text()
