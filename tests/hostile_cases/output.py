"""Hostile inputs: output (see tests/hostile.py for the helpers a snippet sees)."""

from hostile import Case

CASES: tuple[Case, ...] = ()
