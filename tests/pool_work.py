"""Work for the pool's tests (module level: a spawned worker imports it by name)."""

from __future__ import annotations

import os
import sys
import time

from budget_perf._fileerrors import WorkbookError

__all__ = [
    "Odd",
    "answered_there",
    "dies",
    "dies_from_25",
    "echoed",
    "echoed_slowly",
    "exits",
    "refused",
    "refused_by_workbook",
    "refused_oddly",
    "sleeps_long",
    "slowly_there",
]


def answered_there(number: int) -> tuple[str, int]:
    """A worker's answer: who answered, and which source."""
    return ("there", number)


def slowly_there(number: int) -> tuple[str, int]:
    """A worker's answer that takes a while (the worker is busy when the batch ends)."""
    time.sleep(0.3)
    return ("there", number)


def sleeps_long(number: int) -> tuple[str, int]:
    """A worker busy far longer than a batch would wait for it."""
    time.sleep(10)
    return ("there", number)


def refused(number: int) -> tuple[str, int]:
    """A worker that raises on every source, as a bug in a rule would."""
    raise ValueError(f"source {number} refused")


def refused_by_workbook(number: int) -> tuple[str, int]:
    """A worker that raises one of the library's own errors, with its attributes."""
    raise WorkbookError("f.xlsx", f"source {number} refused", sheet="S", cell="C7", reason_zh="拒")


class Odd(Exception):
    """An exception that pickles but cannot be rebuilt from its pickle (keyword-only)."""

    def __init__(self, *, code: int) -> None:
        super().__init__(f"odd {code}")


def refused_oddly(number: int) -> tuple[str, int]:
    """A worker that raises an exception which cannot travel as it is."""
    raise Odd(code=number)


def exits(number: int) -> tuple[str, int]:
    """A worker whose work calls ``sys.exit``: not for the caller to exit by."""
    sys.exit(5)


def dies(number: int) -> tuple[str, int]:
    """A worker that exits at once, as one killed for want of memory would."""
    os._exit(3)


def dies_from_25(number: int) -> tuple[str, int]:
    """A worker that answers slowly, and exits at the first source from 25 on it is given."""
    if number >= 25:
        os._exit(3)
    time.sleep(0.2)
    return ("there", number)


def echoed(data: bytes) -> tuple[str, bytes]:
    """A worker's answer as large as its source."""
    return ("there", data[::-1])


def echoed_slowly(data: bytes) -> tuple[str, bytes]:
    """The caller's answer to the same, slower (the worker then takes its turns)."""
    time.sleep(0.05)
    return ("here", data[::-1])
