"""Pairing the project names a row or a text uses with the project tables' names (private).

A report names one project in several places: its table ("人大监督"), its basic-data row, the
text ("人大监督经费").  :func:`match_projects` pairs them by exact name first, then by the start
of a name where that pairing is unique on both sides, so that "信息化建设" and "信息化建设运维"
are never taken for each other while both exist.
"""

import bisect
from collections.abc import Sequence

__all__ = ["match_projects"]

#: Names longer than this are paired by their exact name only (a name is a line, not a text).
_PREFIX_LENGTH = 200


class _Prefixes:
    """Names indexed to find, quickly, those that begin with a text or that a text begins with."""

    def __init__(self, entries: Sequence[tuple[str, int]]) -> None:
        entries = [(text, index) for text, index in entries if len(text) <= _PREFIX_LENGTH]
        self._sorted = sorted(entries)
        self._keys = [text for text, _ in self._sorted]
        self._exact: dict[str, list[int]] = {}
        for text, index in entries:
            self._exact.setdefault(text, []).append(index)
        self._lengths = sorted({len(text) for text, _ in entries})

    def related(self, text: str, limit: int = 2) -> list[int]:
        """Up to *limit* indices of names that begin with *text* or that *text* begins with."""
        found: list[int] = []
        if len(text) > _PREFIX_LENGTH:
            return found
        for length in self._lengths:
            if length > len(text) or len(found) >= limit:
                break
            found += self._exact.get(text[:length], [])
        position = bisect.bisect_left(self._keys, text)
        while len(found) < limit and position < len(self._keys):
            key, index = self._sorted[position]
            if not key.startswith(text):
                break
            if key != text:  # an equal name was counted among the prefixes above
                found.append(index)
            position += 1
        return found[:limit]


def match_projects(labels: Sequence[str], names: Sequence[str]) -> list[tuple[int, int, bool]]:
    """Pair row or text *labels* with project table *names*: (label index, name index, exact).

    Exact names pair first.  A label and a name left without an exact partner pair when one
    begins with the other and neither has another such candidate among those left (names of up
    to 200 characters; longer ones pair by their exact name only).

    >>> match_projects(["人大监督经费", "人大代表"], ["人大监督", "人大会议"])
    [(0, 0, False)]
    >>> match_projects(["信息化建设", "信息化建设运维"], ["信息化建设运维", "信息化建设"])
    [(0, 1, True), (1, 0, True)]
    >>> match_projects(["信息化建设运维经费"], ["信息化建设", "信息化建设运维"])
    []
    """
    label_texts = [label.strip() for label in labels]
    name_texts = [name.strip() for name in names]
    by_name: dict[str, list[int]] = {}
    for j, name in enumerate(name_texts):
        by_name.setdefault(name, []).append(j)
    pairs: list[tuple[int, int, bool]] = []
    taken: set[int] = set()
    for i, label in enumerate(label_texts):
        free = [j for j in by_name.get(label, []) if j not in taken] if label else []
        if free:
            pairs.append((i, free[0], True))
            taken.add(free[0])
    paired = {i for i, _, _ in pairs}
    free_labels = [(t, i) for i, t in enumerate(label_texts) if t and i not in paired]
    free_names = [(t, j) for j, t in enumerate(name_texts) if t and j not in taken]
    label_index, name_index = _Prefixes(free_labels), _Prefixes(free_names)
    for label, i in free_labels:
        candidates = name_index.related(label)
        if len(candidates) == 1 and label_index.related(name_texts[candidates[0]]) == [i]:
            pairs.append((i, candidates[0], False))
    return sorted(pairs)
