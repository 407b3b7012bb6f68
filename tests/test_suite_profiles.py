"""The test suite cannot be poisoned: ``python3 dev.py test`` ignores hypothesis' database.

Hypothesis replays, first, every failing example saved in its database (``.hypothesis/``).  A
suite run that read it would fail on a machine where a stale or planted example lies there, and
pass elsewhere.  ``python3 dev.py test`` (and CI) run the profile ``ci`` of
``tests/conftest.py``: the same examples on every run, no database.  ``python3 dev.py explore``
runs the profile ``explore``: random examples, ten times as many, failures kept and replayed.

These tests run small throw-away test modules in a child pytest with a copy of the suite's
``conftest.py``, in a temporary folder laid out like the project.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent


def _dev() -> ModuleType:
    """The project's task runner, ``dev.py``, imported (it does nothing on import)."""
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder laid out like the project: ``tests/conftest.py`` (the suite's own) and a
    ``pytest.ini`` so that no configuration around the folder applies."""
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "tests" / "conftest.py")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return tmp_path


def _pytest(project: Path, *options: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m pytest *options`` run in *project*, with *env* added to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", *options, "-p", "no:cacheprovider"],
        cwd=project,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_ci_profile_is_derandomised_and_has_no_database() -> None:
    """The profile of ``dev.py test`` draws the same examples every time and neither reads nor
    writes a database; a busy machine does not fail a test by slowness."""
    ci = settings.get_profile("ci")
    assert ci.derandomize is True
    assert ci.database is None
    assert ci.deadline is None
    assert ci.print_blob is True
    assert "--hypothesis-profile=ci" in _dev().TEST_OPTIONS


PLANTED = """
import os
from hypothesis import given, strategies as st

@given(st.integers())
def test_planted(x):
    # fails on one number that fresh generation never draws; PLANT=1 widens the failure so
    # that a random run finds it and shrinks it to exactly that number
    planted = x == 10**12 + 1 or (os.environ.get("PLANT") == "1" and x > 10**12)
    assert not planted, f"planted example {x}"
"""


def test_a_planted_failing_example_does_not_affect_dev_py_test(project: Path) -> None:
    """A failing example planted in the database fails a run that reads the database, and a
    run with exactly the options of ``python3 dev.py test`` passes, even with the environment
    asking for the exploring profile."""
    (project / "tests" / "test_planted.py").write_text(PLANTED, encoding="utf-8")
    dev = _dev()
    normal = {"BUDGET_PERF_HYPOTHESIS_SCALE": "1"}

    plant = _pytest(project, *dev.EXPLORE_OPTIONS, PLANT="1", **normal)
    assert plant.returncode == 1, plant.stdout + plant.stderr
    assert "planted example 1000000000001" in plant.stdout, plant.stdout
    assert any((project / ".hypothesis" / "examples").iterdir())

    replay = _pytest(project, *dev.EXPLORE_OPTIONS, **normal)
    assert replay.returncode == 1, "the database did not replay the plant: " + replay.stdout
    assert "planted example 1000000000001" in replay.stdout, replay.stdout

    suite = _pytest(project, *dev.TEST_OPTIONS, BUDGET_PERF_HYPOTHESIS_PROFILE="explore")
    assert suite.returncode == 0, suite.stdout + suite.stderr
    assert "1 passed" in suite.stdout

    again = _pytest(project, *dev.EXPLORE_OPTIONS, **normal)
    assert again.returncode == 1, "the plant is gone, so the pass above proved nothing"


COUNTING = """
import os
import pytest
from hypothesis import given, settings, strategies as st

def _log(name, x):
    with open(os.environ["EXAMPLE_LOG"], "a", encoding="utf-8") as log:
        log.write(f"{name} {x}\\n")

@settings(max_examples=7)
@given(st.integers())
def test_seven(x):
    _log("seven", x)

@given(st.integers())
def test_hypothesis_default(x):
    _log("default", x)

@pytest.mark.parametrize("copy", ["a", "b"])
@settings(max_examples=5)
@given(x=st.integers())
def test_parametrized(copy, x):
    _log(f"parametrized-{copy}", x)

class TestInAClass:
    @settings(max_examples=4)
    @given(st.integers())
    def test_method(self, x):
        _log("method", x)
"""


def _examples(project: Path, *options: str, **env: str) -> list[str]:
    """The examples each test of COUNTING was called with, in order, under *options*."""
    log = project / f"examples-{len(list(project.glob('examples-*')))}.log"
    completed = _pytest(project, *options, EXAMPLE_LOG=str(log), **env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return log.read_text(encoding="utf-8").splitlines()


def _counts(examples: list[str]) -> dict[str, int]:
    return dict(Counter(line.split()[0] for line in examples))


def test_ci_draws_the_same_examples_and_explore_many_more(project: Path) -> None:
    """Under ``ci`` each property runs the examples its settings state, the same ones on every
    run; under ``explore`` random ones, ten times as many (or the factor
    BUDGET_PERF_HYPOTHESIS_SCALE gives), counted once for a parametrized test."""
    (project / "tests" / "test_counting.py").write_text(COUNTING, encoding="utf-8")
    dev = _dev()
    stated = {"seven": 7, "default": 100, "parametrized-a": 5, "parametrized-b": 5, "method": 4}

    first = _examples(project, *dev.TEST_OPTIONS)
    assert _counts(first) == stated
    assert _examples(project, *dev.TEST_OPTIONS) == first

    explored = _examples(project, *dev.EXPLORE_OPTIONS)
    assert _counts(explored) == {name: 10 * count for name, count in stated.items()}
    scaled = _examples(project, *dev.EXPLORE_OPTIONS, BUDGET_PERF_HYPOTHESIS_SCALE="3")
    assert _counts(scaled) == {name: 3 * count for name, count in stated.items()}
    assert [line for line in explored if line.startswith("seven")][:7] != [
        line for line in scaled if line.startswith("seven")
    ][:7]


def test_a_run_in_which_no_test_ran_fails_dev_py_test(project: Path) -> None:
    """pytest exits 5 when it collected no test; ``dev.py`` stops with that status, so CI
    (``.ci/run``) fails instead of passing an empty run."""
    with pytest.raises(SystemExit) as stop:
        _dev().run(sys.executable, "-m", "pytest", *_dev().TEST_OPTIONS, str(project))
    assert stop.value.code == 5
