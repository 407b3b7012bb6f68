"""Display options: the language a report is shown in, Chinese unless asked otherwise.

>>> from budget_perf.display import options
>>> options.lang
'zh'
>>> with options.using(lang="en"):
...     options.lang
'en'
>>> options.lang = "fr"
Traceback (most recent call last):
...
ValueError: display language must be 'zh' or 'en', got 'fr'
"""

from collections.abc import Iterator
from contextlib import contextmanager

from budget_perf.formatting import Language

__all__ = ["DisplayOptions", "options", "resolve"]


class DisplayOptions:
    """The options every display of budget_perf reads (one instance: :data:`options`)."""

    __slots__ = ("_lang",)

    def __init__(self) -> None:
        self._lang: Language = "zh"

    @property
    def lang(self) -> Language:
        """The language of labels and messages: "zh" (default) or "en"."""
        return self._lang

    @lang.setter
    def lang(self, value: str) -> None:
        self._lang = _checked(value)

    @contextmanager
    def using(self, *, lang: str) -> Iterator["DisplayOptions"]:
        """Show everything in *lang* inside a ``with`` block, then restore the option."""
        before = self._lang
        self.lang = lang
        try:
            yield self
        finally:
            self._lang = before

    def __repr__(self) -> str:
        return f"DisplayOptions(lang={self._lang!r})"


def _checked(value: object) -> Language:
    if value == "zh":
        return "zh"
    if value == "en":
        return "en"
    raise ValueError(f"display language must be 'zh' or 'en', got {value!r}")


def resolve(lang: str | None) -> Language:
    """*lang* checked, or the option's language when it is ``None``."""
    return options.lang if lang is None else _checked(lang)


#: The display options of this process.
options = DisplayOptions()
