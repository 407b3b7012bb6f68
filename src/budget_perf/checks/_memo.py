"""What the rules of one check ask of the same record, found once for all of them (private).

Rules visit the same tables, the same blocks of indicators, the same weights, again and again.
Within :func:`walks_listed_once` (which :func:`budget_perf.checks.check` enters for its run)
:func:`per_check` computes ``function(record, *args)`` once per record and arguments and hands
every later asker the same result.  The memo is keyed by the function, the record's id and the
other arguments, and keeps the record beside its result, so an id reused by another record is
never mistaken for it; it lives in a context variable, so runs in other threads or other
contexts never share it, and it is dropped when the run ends.

>>> calls = []
>>> def twice(text: str) -> str:
...     calls.append(text)
...     return text * 2
>>> with walks_listed_once():
...     per_check(twice, "ab"), per_check(twice, "ab")
('abab', 'abab')
>>> per_check(twice, "ab"), calls  # outside a run: simply called
('abab', ['ab', 'ab'])
"""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar, TypeVarTuple, cast

__all__ = ["per_check", "walks_listed_once"]

_MEMO: ContextVar[dict[tuple[object, ...], tuple[object, Any]] | None] = ContextVar(
    "_MEMO", default=None
)
_R = TypeVar("_R")
_T = TypeVar("_T")
_Ts = TypeVarTuple("_Ts")


def per_check(function: Callable[[_T, *_Ts], _R], record: _T, *args: *_Ts) -> _R:
    """``function(record, *args)``, computed once per record and arguments in a check run.

    *function* must be pure — its result depends on its arguments only, never on the decimal
    context or on anything that changes during a run — and its result must not be changed by
    those it is handed to (tuples, frozen records): it is shared by every rule that asks.  The
    other arguments must be hashable.
    """
    memo = _MEMO.get()
    if memo is None:
        return function(record, *args)
    key = (function, id(record), *cast(tuple[Hashable, ...], args))
    found = memo.get(key)
    if found is not None and found[0] is record:
        return cast(_R, found[1])
    result = function(record, *args)
    memo[key] = (record, result)
    return result


@contextmanager
def walks_listed_once() -> Iterator[None]:
    """Within the block, what rules ask of the same record is found once (:func:`per_check`)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)
