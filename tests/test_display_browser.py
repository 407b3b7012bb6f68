"""The rendered page of the bundled report in a real browser (headless Chromium).

Needs Debian's ``chromium`` and ``fonts-noto-cjk`` (``.ci/run`` installs both).  Without
Chromium the tests are skipped with that reason — except in CI (``CI=true``), where they must
run.  The screenshot goes to the test's temporary folder; its path is printed (``-s``) so a
person can look at it.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import budget_perf as bp

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = os.environ.get("CI") == "true"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not IN_CI,
    reason="chromium is not installed (apt-get install chromium fonts-noto-cjk); CI runs these",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
)
#: How Chromium logs a page's console message on standard error.
CONSOLE = re.compile(r":(INFO|WARNING|ERROR):CONSOLE[:(]")


def chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on the file *page* with its own profile folder."""
    assert CHROMIUM is not None, "CI must have chromium: .ci/run installs it"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_page_that_logs_to_its_console_is_caught(tmp_path: Path) -> None:
    """A control page calling console.error shows in Chromium's log as a CONSOLE line, so
    the next test's 'no console message' is a real check."""
    page = tmp_path / "noisy.html"
    page.write_text("<!DOCTYPE html><script>console.error('boom')</script>", encoding="utf-8")
    run = chromium(page, tmp_path / "profile", "--dump-dom")
    assert CONSOLE.search(run.stderr), run.stderr[-2000:]


def test_the_page_opens_without_console_messages_and_shows_the_rates(tmp_path: Path) -> None:
    """The bundled report's page opens in Chromium with no console message (no script error,
    no blocked load), its 运行维护经费 row shows the stated 100% (marked) beside the derived
    98.49%, and a screenshot of it is taken."""
    page = tmp_path / "report.html"
    page.write_text(bp.render(bp.examples.load("yueyang-npc-2022")), encoding="utf-8")
    dom = chromium(page, tmp_path / "profile", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert not CONSOLE.search(dom.stderr), CONSOLE.findall(dom.stderr)
    row = next(r for r in dom.stdout.split("<tr>") if r.startswith("<td>运行维护经费</td>"))
    assert re.search(r'class="bp-num bp-error"[^>]*>100% <sup>', row), row
    assert '<td class="bp-num">98.49%</td>' in row, row
    shot = tmp_path / "report.png"
    run = chromium(page, tmp_path / "profile", "--window-size=1200,1800", f"--screenshot={shot}")
    assert run.returncode == 0, run.stderr[-2000:]
    assert not CONSOLE.search(run.stderr)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # a page of tables and charts, not a blank
    print(f"screenshot: {shot}")
