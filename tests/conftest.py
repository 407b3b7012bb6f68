"""Hypothesis profiles: a suite that no earlier run can poison, and a mode to explore.

Hypothesis keeps every failing example it finds in a database and replays it first on the next
run.  That is what a developer wants while hunting a bug, and what a test suite must not do: a
rare example found once on one machine would fail every later run there, and a stale or planted
file under ``.hypothesis/`` would decide the outcome instead of the code.  So there are two
profiles:

``ci`` (the default, and what ``python3 dev.py test`` and CI pass explicitly)
    derandomised (the same examples on every run and every machine, for a given test and
    hypothesis version), no example database read or written, no deadline (the machine may be
    busy), the failing example printed with a ``@reproduce_failure`` blob.  Each property runs
    the number of examples its ``@settings(max_examples=N)`` states, or hypothesis' 100.

``explore`` (``python3 dev.py explore``)
    random generation, failing examples kept in ``.hypothesis/examples`` beside ``tests/`` and
    replayed first, and every property's number of examples multiplied by
    :data:`EXPLORE_SCALE` (``BUDGET_PERF_HYPOTHESIS_SCALE=N`` changes the factor).  A property
    with ``max_examples=1000`` runs 10 000 examples here.

A profile is chosen with hypothesis' pytest option ``--hypothesis-profile=NAME``, or with the
environment variable ``BUDGET_PERF_HYPOTHESIS_PROFILE``; the option wins.  hypothesis' own
``default`` profile (random, with the database under the working folder) can be chosen the
same way.

The scaling is done at collection: a per-test ``@settings(max_examples=N)`` would otherwise
override any profile, so each hypothesis test's settings are replaced by the same settings with
``max_examples`` multiplied.  That uses the attribute in which hypothesis keeps a test's settings
(``_hypothesis_internal_use_settings``); if a hypothesis release renames it, exploring stops with
a usage error instead of silently running the ordinary counts
(``tests/test_suite_profiles.py`` checks the counts).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

#: Environment variable naming the profile when ``--hypothesis-profile`` is not given.
PROFILE_VARIABLE = "BUDGET_PERF_HYPOTHESIS_PROFILE"
#: Environment variable overriding the example multiplier of a profile other than ``ci``.
SCALE_VARIABLE = "BUDGET_PERF_HYPOTHESIS_SCALE"
#: How many times more examples each property runs under ``explore``.
EXPLORE_SCALE = 10
#: Where ``explore`` keeps the failing examples it finds (git ignores ``.hypothesis/``).
EXPLORE_DATABASE = Path(__file__).resolve().parent.parent / ".hypothesis" / "examples"

settings.register_profile(
    "ci",
    parent=settings.get_profile("default"),
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore",
    parent=settings.get_profile("default"),
    derandomize=False,
    database=DirectoryBasedExampleDatabase(EXPLORE_DATABASE),
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get(PROFILE_VARIABLE) or "ci")

_SCALES = {"explore": EXPLORE_SCALE}


def profile_name(config: pytest.Config) -> str:
    """The profile of this run: hypothesis' option, else the environment variable, else ci."""
    option = config.getoption("--hypothesis-profile", default=None)
    return str(option or os.environ.get(PROFILE_VARIABLE) or "ci")


def example_scale(config: pytest.Config) -> int:
    """The multiplier of every property's example count under this run's profile (1 for ci)."""
    profile = profile_name(config)
    if profile == "ci":
        return 1
    text = os.environ.get(SCALE_VARIABLE)
    if not text:
        return _SCALES.get(profile, 1)
    if not text.isdigit() or int(text) < 1:
        raise pytest.UsageError(f"{SCALE_VARIABLE}={text!r}: give a whole number of at least 1")
    return int(text)


def pytest_report_header(config: pytest.Config) -> str:
    """Say which profile runs (shown without ``-q``)."""
    return f"hypothesis profile {profile_name(config)!r}, examples ×{example_scale(config)}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Multiply the examples of every hypothesis test by the profile's scale (once per test)."""
    scale = example_scale(config)
    if scale == 1:
        return
    done: set[int] = set()
    for item in items:
        test: Callable[..., Any] | None = getattr(item, "obj", None)
        test = getattr(test, "__func__", test)  # a method: its function
        if not getattr(test, "is_hypothesis_test", False) or id(test) in done:
            continue
        done.add(id(test))
        current = getattr(test, "_hypothesis_internal_use_settings", None)
        if not isinstance(current, settings):
            raise pytest.UsageError(
                f"cannot scale the examples of {item.nodeid}: this hypothesis version keeps a "
                "test's settings elsewhere; update tests/conftest.py"
            )
        scaled = settings(current, max_examples=current.max_examples * scale)
        test._hypothesis_internal_use_settings = scaled  # type: ignore[union-attr]
