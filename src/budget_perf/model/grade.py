"""评价等级 (grade): the band a total score falls into.

The national rule (财预〔2020〕10号) names four grades, 优 / 良 / 中 / 差; reports also write them
as 优秀 / 良好 / 合格 / 差.  Which scores fall into which band is a rule profile's business (see
:mod:`budget_perf.profiles`); this module only names the grades.

>>> Grade.from_label("优秀")
<Grade.EXCELLENT: '优'>
>>> Grade.GOOD.english
'good'
"""

from __future__ import annotations

import enum

__all__ = ["Grade"]


class Grade(enum.Enum):
    """A grade of a self-evaluation, by its Chinese short name."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"

    @property
    def english(self) -> str:
        """The English name of the grade."""
        return _ENGLISH[self]

    @classmethod
    def from_label(cls, label: str) -> Grade:
        """Return the grade a report names, accepting the long forms (优秀, 良好, 合格 ...).

        Raises:
            ValueError: if *label* names no grade.
        """
        text = label.strip()
        for grade, aliases in _ALIASES.items():
            if text == grade.value or text in aliases:
                return grade
        raise ValueError(f"{label!r} is not a grade (expected 优/良/中/差 or 优秀/良好/合格/差)")


_ENGLISH = {
    Grade.EXCELLENT: "excellent",
    Grade.GOOD: "good",
    Grade.FAIR: "fair",
    Grade.POOR: "poor",
}
_ALIASES: dict[Grade, tuple[str, ...]] = {
    Grade.EXCELLENT: ("优秀", "excellent"),
    Grade.GOOD: ("良好", "good"),
    Grade.FAIR: ("合格", "中等", "一般", "fair"),
    Grade.POOR: ("较差", "不合格", "poor"),
}
