"""The documentation pages: every example runs, and the tools that keep them honest work.

The ``>>>`` examples of every page (docs/*.md, docs/zh/*.md) run as doctests through pytest's
``--doctest-glob=*.md``.  This module runs the rest: each page's ```` ```python ```` blocks, in
order, in one namespace per page, as a reader copying them would; and it checks the two tools
that the docs build and CI rely on (tools/fence_doctests.py, tools/getting_started.py).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts)
_PYTHON = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


fence_doctests = _tool("fence_doctests")
getting_started = _tool("getting_started")


def test_there_are_pages_in_both_languages() -> None:
    """The site has English pages and Chinese pages under docs/zh/."""
    assert any(p.parent == DOCS for p in PAGES)
    assert any(p.parent == DOCS / "zh" for p in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_python_block_of_a_page_runs(page: Path) -> None:
    """Each ```python block of a page runs after the ones above it, without an error."""
    namespace: dict[str, object] = {"__name__": f"docs:{page.name}"}
    here = Path.cwd()
    try:
        for block in _PYTHON.findall(page.read_text(encoding="utf-8")):
            if block.lstrip().startswith(">>>"):
                continue  # an interactive session: run as a doctest (--doctest-glob=*.md)
            exec(compile(block, str(page), "exec"), namespace)
    finally:
        assert Path.cwd() == here, "a page's example changed the working directory"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_no_example_is_left_outside_a_fence(page: Path) -> None:
    """A bare ``>>>`` line renders as a nested quote on the site; every one sits in a fence."""
    text = page.read_text(encoding="utf-8")
    assert fence_doctests.fence(text) == text


def test_fencing_keeps_the_doctest_and_is_idempotent() -> None:
    """Fencing wraps a run of example lines, keeps the blank line that ends the expected
    output inside the fence, leaves fenced code alone, and changes nothing the second time."""
    page = "Text.\n\n>>> 1 + 1\n2\n\nMore.\n\n```python\n>>> x\n```\n"
    fenced = fence_doctests.fence(page)
    assert fenced == "Text.\n\n```pycon\n>>> 1 + 1\n2\n\n```\n\nMore.\n\n```python\n>>> x\n```\n"
    assert fence_doctests.fence(fenced) == fenced


def test_getting_started_reads_commands_and_the_output_the_page_shows() -> None:
    """The getting-started runner takes each ``$ command`` and the lines shown under it."""
    page = "```console\n$ echo one\none\n$ false\n$ echo $?\n1\n```\n"
    found = getting_started.steps(page)
    assert [s.command for s in found] == ["echo one", "false", "echo $?"]
    assert [s.shown for s in found] == [["one"], [], ["1"]]


def test_getting_started_compares_shown_lines_in_order_with_ellipses() -> None:
    """Shown lines must appear in order; ``...`` stands for any lines, nothing else does."""
    output = ["title", "a", "b", "c"]
    assert getting_started.shows(output, ["title", "..."])
    assert getting_started.shows(output, ["title", "...", "c"])
    assert not getting_started.shows(output, ["title", "c"])
    assert not getting_started.shows(output, ["c", "...", "title"])
    assert not getting_started.shows(output, ["title", "...", "d"])


def test_getting_started_installs_this_checkout_in_place_of_the_released_package() -> None:
    """``pip install "budget_perf[excel]"`` on the page installs the wheel built here."""
    step = getting_started.Step('python -m pip install "budget_perf[excel]"')
    script = getting_started.script([step], Path("/tmp/w/budget_perf-0.1-py3-none-any.whl"))
    assert "'budget_perf[excel] @ file:///tmp/w/budget_perf-0.1-py3-none-any.whl'" in script


CONSOLE_PAGES = [p for p in PAGES if "```console" in p.read_text(encoding="utf-8")]
# The getting-started pages also run whole, installing the package in fresh virtual
# environments (tools/getting_started.py, in CI); here their budget-perf commands run at once.


def _folder_the_pages_use(work: Path) -> None:
    """What the pages' commands name: reports/, 2023/, 2024/ and extra.xlsx."""
    import budget_perf as bp
    from budget_perf.excel import write_workbook

    report = bp.examples.load("yueyang-npc-2022")
    for folder in ("reports", "2023", "2024"):
        (work / folder).mkdir()
        (work / folder / "岳阳市人大常委会.json").write_text(bp.to_json(report), encoding="utf-8")
    write_workbook(report, work / "reports" / "岳阳市人大常委会.xlsx")
    (work / "reports" / "说明.txt").write_text("not a report", encoding="utf-8")
    write_workbook(report, work / "extra.xlsx")


@pytest.mark.parametrize("page", CONSOLE_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_command_of_a_page_runs(page: Path, tmp_path: Path) -> None:
    """Each ``$ budget-perf …`` line of a page runs in a folder holding what it names, and ends
    with 0 (clean) or 1 (findings) — never 2 (unreadable input, wrong usage) or 3 (a bug); the
    lines a page shows under a command appear in its output."""
    import subprocess

    found = getting_started.steps(page.read_text(encoding="utf-8"))
    if page.stem == "getting-started":  # its install steps run only in tools/getting_started.py
        found = [s for s in found if "-m venv" not in s.command and "pip install" not in s.command]
        for step in found:
            step.command = step.command.replace(".venv/bin/", "")
    _folder_the_pages_use(tmp_path)
    bin_dir = str(Path(sys.executable).parent)
    done = subprocess.run(
        ["bash", "-c", getting_started.script(found, tmp_path / "unused.whl")],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300,
        env={**__import__("os").environ, "PATH": f"{bin_dir}:/usr/bin:/bin"},
    )  # fmt: skip
    outputs: list[list[str]] = []
    current: list[str] = []
    for line in done.stdout.splitlines():
        if line.startswith(getting_started._MARK):
            status = int(line.split()[2])
            command = found[len(outputs)].command
            assert status in (0, 1), f"{command!r} exited {status}: {done.stderr[-1500:]}"
            outputs.append(current)
            current = []
        else:
            current.append(line)
    assert len(outputs) == len(found), done.stderr[-1500:]
    for step, output in zip(found, outputs, strict=True):
        assert getting_started.shows([x for x in output if x.strip()], step.shown), step.command
