"""A bounded cache of a pure function of one text, for texts of table-cell size (private).

Cell texts recur — the same target ("≥95%"), the same blank marker, the same clause — across
the rules of one check and the reports of a batch, so a function of a text is worth computing
once per text.  The cache holds at most *maxsize* results and only for texts of at most
*longest* characters, so what it keeps stays small however long a hostile cell is: a longer
text is computed each time it is asked for.

>>> calls = []
>>> @text_cache(maxsize=2, longest=5)
... def shout(text: str) -> str:
...     calls.append(text)
...     return text.upper()
>>> shout("ab"), shout("ab"), shout("abcdefg"), shout("abcdefg")
('AB', 'AB', 'ABCDEFG', 'ABCDEFG')
>>> calls
['ab', 'abcdefg', 'abcdefg']
"""

import functools
from collections.abc import Callable
from typing import Protocol, TypeVar, cast

__all__ = ["TextCache", "text_cache"]

_R = TypeVar("_R")
_R_co = TypeVar("_R_co", covariant=True)


class TextCache(Protocol[_R_co]):
    """*function* with its results for short texts kept (see the module's description)."""

    def __call__(self, text: str) -> _R_co: ...

    def cache_clear(self) -> None:
        """Forget every result kept."""


def text_cache(
    *, maxsize: int, longest: int = 300
) -> Callable[[Callable[[str], _R]], TextCache[_R]]:
    """Keep the results of a pure function of a text, for at most *maxsize* texts of at most
    *longest* characters."""

    def wrap(function: Callable[[str], _R]) -> TextCache[_R]:
        cached = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(text: str) -> _R:
            return cached(text) if len(text) <= longest else function(text)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return cast(TextCache[_R], call)

    return wrap
