"""SourceMap: where each figure of an imported report was read (来源单元格).

Provenance is kept beside the model, not in it, so that two reports with the same figures are
equal wherever they came from.  Keys are the JSON paths of :mod:`budget_perf.serialization`
and of the checker's findings; values are Excel references.

>>> sources = SourceMap((("$.projects[0].funding.total.executed", "业务工作经费!E6"),))
>>> sources["$.projects[0].funding.total.executed"]
'业务工作经费!E6'
>>> len(sources), "$.year" in sources
(1, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

__all__ = ["SourceMap"]


class SourceMap(Mapping[str, str]):
    """An immutable mapping from a figure's model path to its source cell (``Sheet!C7``)."""

    __slots__ = ("_index", "_pairs")

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._pairs: tuple[tuple[str, str], ...] = tuple(pairs)
        self._index: dict[str, str] = dict(self._pairs)

    def __getitem__(self, path: str) -> str:
        return self._index[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __hash__(self) -> int:
        return hash(self._pairs)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SourceMap):
            return self._index == other._index
        return NotImplemented

    def __repr__(self) -> str:
        return f"SourceMap({len(self)} figures)"
