"""The README's code and the scripts under examples/ run as a user would run them."""

import io
import re
import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_python_example_runs() -> None:
    """Every python block of README.md executes without error."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "README.md has no python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_review_reports_writes_a_csv_row_per_finding(tmp_path: Path) -> None:
    """The batch review script checks a folder with check_many, including a report that cannot
    be read (no unit named) and a file that is not a report (left out)."""
    import budget_perf as bp

    (tmp_path / "good.json").write_text(
        bp.to_json(bp.examples.load("yueyang-npc-2022")), encoding="utf-8"
    )
    (tmp_path / "bad.json").write_text('{"year": 2022, "projects": []}', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("reviewed", encoding="utf-8")
    module = runpy.run_path(str(ROOT / "examples" / "review_reports.py"))
    out = io.StringIO()
    errors = module["review"]([tmp_path], bp.NATIONAL_2020, out)
    rows = out.getvalue().splitlines()
    assert rows[1] == "bad.json,LOAD,error,,,,缺少必填字段 @ $.department"
    assert len(rows) == 1 + 1 + 52
    assert errors == 1 + 5


def test_explore_report_prints_stated_and_derived_rates(capsys: pytest.CaptureFixture[str]) -> None:
    """The analyst's script lists each project's stated and derived execution rates."""
    argv = sys.argv
    sys.argv = ["explore_report.py", "--lang", "en"]
    try:
        runpy.run_path(str(ROOT / "examples" / "explore_report.py"), run_name="__main__")
    finally:
        sys.argv = argv
    assert "运行维护经费: 100% stated, 98.49% derived" in capsys.readouterr().out


def test_the_readme_and_the_command_state_the_exit_statuses_it_uses() -> None:
    """A script author reads the exit statuses in README.md or in the command's own
    documentation; both list every status the command can return, and nothing else."""
    from budget_perf import cli

    statuses = sorted(value for name, value in vars(cli).items() if name.startswith("EXIT_"))
    assert statuses == [0, 1, 2, 3, 130, 141]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sentence = readme[readme.index("Exit status: ") :].split(". ")[0].removeprefix("Exit status: ")
    assert [int(n) for n in re.findall(r"(?:^|;\s)(\d+)\s", sentence)] == statuses
    docstring = cli.__doc__ or ""
    assert [int(n) for n in re.findall(r"^- (\d+): ", docstring, flags=re.MULTILINE)] == statuses
