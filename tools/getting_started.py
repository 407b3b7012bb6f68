#!/usr/bin/env python3
"""Run every command and example of the getting-started pages as a new user would.

For each language's page (docs/getting-started.md, docs/zh/getting-started.md), in a new
empty folder:

1. every ``$ command`` of the page's ``console`` blocks runs, in order, in one bash session
   started in that folder — so ``python3 -m venv .venv`` on the page makes the fresh virtual
   environment the later commands use, and ``echo $?`` sees the status of the command before
   it.  The lines the page shows under a command must appear in its output, in order
   (``...`` stands for any lines);
2. the page's ``>>>`` examples run with that environment's Python (``python -m doctest``).

The one liberty taken: until budget_perf is on PyPI, the page's ``pip install
"budget_perf[…]"`` installs the wheel built from this checkout (its dependencies still come
from the package index).  Exit status 0 when every page passed; the first failure is printed
with the command, what the page shows and what the command printed.

    python3 tools/getting_started.py            # both languages
    python3 tools/getting_started.py --lang zh  # one
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "en": ROOT / "docs" / "getting-started.md",
    "zh": ROOT / "docs" / "zh" / "getting-started.md",
}
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)
_INSTALL = re.compile(r'"budget_perf(\[[a-z,]+\])?"')
_MARK = "@@budget_perf-getting-started@@"


class Step:
    """One ``$ command`` of a page and the output lines the page shows under it."""

    def __init__(self, command: str) -> None:
        self.command = command
        self.shown: list[str] = []


def steps(page: str) -> list[Step]:
    """The commands of *page*'s console blocks, in order."""
    found: list[Step] = []
    for block in _BLOCK.findall(page):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append(Step(line[2:]))
            elif found and line.strip():
                found[-1].shown.append(line.rstrip())
    return found


def shows(output: list[str], shown: list[str]) -> bool:
    """Whether *output* has the *shown* lines in order; ``...`` matches any run of lines."""
    at = 0
    loose = False
    for line in shown:
        if line.strip() == "...":
            loose = True
            continue
        while at < len(output) and output[at].rstrip() != line:
            if not loose:
                return False
            at += 1
        if at == len(output):
            return False
        at += 1
        loose = False
    return True


def script(found: list[Step], wheel: Path) -> str:
    """A bash script running *found* in order, marking where each command's output ends."""
    lines = ["set +e"]
    for index, step in enumerate(found):
        command = _INSTALL.sub(
            lambda m: shlex.quote(f"budget_perf{m.group(1) or ''} @ {wheel.as_uri()}"),
            step.command,
        )
        lines += [command, f"__s=$?; printf '\\n{_MARK} {index} %s\\n' $__s; (exit $__s)"]
    return "\n".join(lines) + "\n"


def run_page(language: str, wheel: Path) -> bool:
    page = PAGES[language]
    text = page.read_text(encoding="utf-8")
    found = steps(text)
    with tempfile.TemporaryDirectory(prefix=f"getting-started-{language}-") as tmp:
        work = Path(tmp)
        print(
            f"[{language}] {len(found)} commands of {page.relative_to(ROOT)} in {work}", flush=True
        )
        done = subprocess.run(
            ["bash", "-c", script(found, wheel)],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        outputs: list[list[str]] = [[] for _ in found]
        current: list[str] = []
        finished = 0
        for line in done.stdout.splitlines():
            if line.startswith(_MARK):
                outputs[int(line.split()[1])] = current
                current, finished = [], finished + 1
            else:
                current.append(line)
        for step, output in zip(found, outputs, strict=True):
            if not shows([line for line in output if line.strip()], step.shown):
                print(
                    f"[{language}] FAILED: $ {step.command}\n--- the page shows:",
                    *step.shown,
                    "--- the command printed:",
                    *output[:40],
                    "--- stderr:",
                    done.stderr[-2000:],
                    sep="\n",
                )
                return False
        if finished != len(found):
            print(f"[{language}] FAILED: the commands stopped early\n{done.stderr[-2000:]}")
            return False
        python = work / ".venv" / "bin" / "python"
        examples = subprocess.run(
            [
                str(python),
                "-m",
                "doctest",
                "-o",
                "ELLIPSIS",
                "-o",
                "NORMALIZE_WHITESPACE",
                str(page),
            ],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if examples.returncode != 0:
            print(f"[{language}] FAILED: the page's examples\n{examples.stdout}{examples.stderr}")
            return False
    print(f"[{language}] ok", flush=True)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(PAGES), action="append")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="getting-started-wheel-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", tmp, str(ROOT)],
            check=True,
        )
        wheel = next(Path(tmp).glob("budget_perf-*.whl"))
        results = [run_page(language, wheel) for language in args.lang or sorted(PAGES)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
