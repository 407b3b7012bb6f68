"""Work for the pool's tests (module level: a spawned worker imports it by name)."""

from __future__ import annotations

import os
import time

__all__ = ["answered_there", "dies", "echoed", "echoed_slowly", "refused"]


def answered_there(number: int) -> tuple[str, int]:
    """A worker's answer: who answered, and which source."""
    return ("there", number)


def refused(number: int) -> tuple[str, int]:
    """A worker that raises on every source, as a bug in a rule would."""
    raise ValueError(f"source {number} refused")


def dies(number: int) -> tuple[str, int]:
    """A worker that exits at once, as one killed for want of memory would."""
    os._exit(3)


def echoed(data: bytes) -> tuple[str, bytes]:
    """A worker's answer as large as its source."""
    return ("there", data[::-1])


def echoed_slowly(data: bytes) -> tuple[str, bytes]:
    """The caller's answer to the same, slower (the worker then takes its turns)."""
    time.sleep(0.05)
    return ("here", data[::-1])
