"""Hostile and careless input: each case ends in its documented outcome, within hard limits.

Each case runs in its own child process (see ``tests/hostile.py``): a case that hangs is killed
and fails, one that tries to take gigabytes hits the memory cap and fails.  The last tests here
check the harness itself: that it does stop a hang and a balloon, and says which case failed
and how.
"""

import importlib.util
import json
import os
import time
from pathlib import Path

import pytest

from hostile import MEMORY_LIMIT, Case, measure_case
from hostile_cases import ALL_CASES


def test_there_are_at_least_forty_hostile_inputs() -> None:
    """Issue 9 asks for at least forty hostile inputs, each with its documented outcome."""
    assert len(ALL_CASES) >= 40
    assert len({case.id for case in ALL_CASES}) == len(ALL_CASES)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in ALL_CASES])
def test_hostile_input_gets_its_documented_outcome(case: Case, tmp_path: Path) -> None:
    """The snippet's assertions hold in a child process capped in time and memory."""
    run = measure_case(case, tmp_path)
    assert run.passed, run.explain(case)


# The harness ------------------------------------------------------------------------------------


def test_a_case_that_hangs_is_killed_with_the_commands_it_started(tmp_path: Path) -> None:
    """A snippet that never ends is killed at the time limit, and so is a command it started;
    the failure says it was the time limit."""
    hang = Case(
        id="harness-hang",
        what="starts a command that sleeps, then waits for it",
        code="""
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
            (work / "pid").write_text(str(child.pid))
            child.wait()
        """,
    )
    run = measure_case(hang, tmp_path, time_limit=3)
    assert run.timed_out
    assert not run.passed
    assert "killed at the time limit" in run.explain(hang)
    assert "harness-hang" in run.explain(hang)
    assert _ends(int((tmp_path / "pid").read_text()))


def _ends(pid: int) -> bool:
    """Whether process *pid* ends (or is a zombie waiting to be reaped) within ten seconds; a
    SIGKILL is delivered asynchronously."""
    for _ in range(1000):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in {"Z", "X"}:
            return True
        time.sleep(0.01)
    return False


def test_a_case_that_balloons_hits_the_memory_cap(tmp_path: Path) -> None:
    """A snippet that asks for more memory than the cap gets a MemoryError, and the failure
    says it ran out of memory."""
    balloon = Case(
        id="harness-balloon",
        what="asks for more memory than the cap",
        code=f"""
            block = bytearray({MEMORY_LIMIT} + 1)
        """,
    )
    run = measure_case(balloon, tmp_path)
    assert not run.passed
    assert "ran out of memory" in run.explain(balloon)


def test_a_failed_assertion_names_the_case_and_shows_the_line(tmp_path: Path) -> None:
    """When a snippet's call is not refused, the failure names the case, what it tried, and
    shows the line of the snippet that failed."""
    accepted = Case(
        id="harness-not-refused",
        what="expects a refusal that does not come",
        code="""
            import functools
            from budget_perf.errors import BudgetPerfError
            refused(BudgetPerfError, functools.partial(int, "7"))
        """,
    )
    message = measure_case(accepted, tmp_path).explain(accepted)
    assert "hostile case 'harness-not-refused': expects a refusal that does not come" in message
    assert "an assertion of the case failed" in message
    assert "not refused: functools.partial(<class 'int'>, '7') returned '7'" in message
    assert "refused(BudgetPerfError, functools.partial(int," in message  # the failing line


def test_a_file_in_the_working_folder_cannot_shadow_a_module(tmp_path: Path) -> None:
    """The working folder is not on the module path: a ``decimal.py`` written there by a case
    is not what the library imports."""
    shadow = Case(
        id="harness-shadow",
        what="writes decimal.py into the working folder, then uses the library",
        code="""
            (work / "decimal.py").write_text("raise SystemExit('shadowed')")
            import budget_perf
            assert cli("--help").returncode == 0
        """,
    )
    run = measure_case(shadow, tmp_path)
    assert run.passed, run.explain(shadow)
    assert os.path.exists(tmp_path / "decimal.py")


# The benchmark of the bounds ----------------------------------------------------------------------

BENCH_CASES = """
from hostile import Case

CASES = (
    Case(id="bench-refusal", what="a refusal", code='''
        from budget_perf.errors import InvalidAmount
        from budget_perf._decimal import to_decimal
        refused(InvalidAmount, to_decimal, 0.1)
    '''),
    Case(id="bench-broken", what="a case that fails", code="assert False, 'broken'"),
)
"""


def test_the_bound_benchmark_measures_each_case_and_reports_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """bench/hostile_bounds.py runs each case and the baseline, reports their time and peak
    memory, and exits 1 when a case fails its own assertions."""
    (tmp_path / "bench_cases.py").write_text(BENCH_CASES, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    path = Path(__file__).resolve().parent.parent / "bench" / "hostile_bounds.py"
    spec = importlib.util.spec_from_file_location("hostile_bounds", path)
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    status = bench.main(["--module", "bench_cases", "--rounds", "1", "--json"])
    cases = {case["id"]: case for case in json.loads(capsys.readouterr().out)["cases"]}
    assert status == 1
    assert set(cases) == {"baseline", "bench-refusal", "bench-broken"}
    assert cases["bench-refusal"]["passed"]
    assert not cases["bench-broken"]["passed"]
    assert "assertion of the case failed" in cases["bench-broken"]["runs"][0]["outcome"]
    for case in cases.values():
        assert case["median_seconds"] > 0
        assert case["median_peak_mb"] > 1
