#!/usr/bin/env python3
"""Wrap bare ``>>>`` examples of Markdown pages in ```` ```pycon ```` fences (idempotent).

A bare ``>>>`` line is a nested block quote in Markdown; inside a ``pycon`` fence it renders
as an interactive session, and pytest's ``--doctest-glob=*.md`` still runs it.  A run of
example lines ends at the first blank line, as a doctest does; the blank line stays inside
the fence, or doctest would read the closing fence as expected output.

    python3 tools/fence_doctests.py docs/*.md docs/zh/*.md          # fence them
    python3 tools/fence_doctests.py --check docs/*.md docs/zh/*.md  # exit 1 if any is bare
"""

from __future__ import annotations

import sys
from pathlib import Path


def fence(text: str) -> str:
    out: list[str] = []
    in_fence = False
    in_example = False
    for line in text.split("\n"):
        stripped = line.lstrip()
        if in_example and not line.strip():
            out += ["", "```"]  # the blank line ends the doctest's expected output
            in_example = False
        if not in_example and stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence and not in_example and stripped.startswith(">>>"):
            out.append("```pycon")
            in_example = True
        out.append(line)
    if in_example:
        out += ["", "```"]
    return "\n".join(out)


def main(arguments: list[str]) -> int:
    check = "--check" in arguments
    bare = 0
    for name in (a for a in arguments if a != "--check"):
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        fenced = fence(text)
        if fenced == text:
            continue
        if check:
            print(f"{path}: a >>> example outside a fence (run tools/fence_doctests.py {path})")
            bare += 1
        else:
            path.write_text(fenced, encoding="utf-8")
            print(f"fenced {path}")
    return 1 if bare else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
