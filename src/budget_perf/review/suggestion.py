"""A suggested score and its evidence, said in Chinese and English.

>>> s = Suggestion(item="weights", score=Decimal("5"), basis=Basis.EVIDENCE,
...                evidence=(Evidence(zh="权重均符合规定", en="every weight follows the rules"),))
>>> s.evidence[0].text("en")
'every weight follows the rules'
"""

import enum
from decimal import Decimal

import attrs

__all__ = ["Basis", "Evidence", "Suggestion"]


class Basis(enum.Enum):
    """How far a suggestion goes (see :mod:`budget_perf.review.suggest`)."""

    EVIDENCE = "evidence"
    DISCRETION = "discretion"
    NO_FACTS = "no_facts"
    NOT_SHOWN = "not_shown"


@attrs.frozen(kw_only=True)
class Evidence:
    """One line of evidence: what was found, in both languages."""

    zh: str
    en: str

    def text(self, language: str = "zh") -> str:
        """The line in *language*."""
        return self.zh if language == "zh" else self.en


@attrs.frozen(kw_only=True)
class Suggestion:
    """The library's suggestion for one item: a score (``None`` if it cannot suggest one)."""

    item: str
    basis: Basis
    score: Decimal | None = None
    evidence: tuple[Evidence, ...] = ()
