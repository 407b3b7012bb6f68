"""Checking a province's reports with Dask: a bag of files, findings as a DataFrame or Parquet.

Needs the ``dask`` extra (``pip install 'budget_perf[dask]'``: dask's bag and dataframe, and
pyarrow).  Each file is read and checked by the same pure per-report function as
:func:`budget_perf.check_many`, so the findings are the same; Dask spreads the files over a
machine's processes or a cluster's workers (see docs/batch.md for a ``dask.distributed``
recipe).

The findings table has one row per finding and one row for each file that has none (a clean
report, or a file that was not read: ``code`` is then null and ``status`` and the messages say
why), so that every file is accounted for:

``file``, ``status`` (checked, failed, skipped), ``department``, ``year`` (nullable integer),
``region``, ``code``, ``severity``, ``path``, ``cell``, ``stated``, ``expected`` (exact decimals
as strings), ``message_zh``, ``message_en``.

>>> import budget_perf as bp, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.json").write_text(bp.to_json(bp.examples.load("yueyang-npc-2022")), "utf-8")
>>> frame = findings_frame([folder])
>>> table = frame.compute(scheduler="synchronous")
>>> len(table), sorted(set(table["severity"]))
(52, ['error', 'info', 'warning'])
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
except ImportError as exc:  # pragma: no cover - the extra is not installed
    raise ImportError(
        "budget_perf.dask needs dask and pyarrow: pip install 'budget_perf[dask]'"
    ) from exc

from budget_perf._batch import ReportSource, check_to_send, expand
from budget_perf._batch_output import CSV_COLUMNS, envelope_rows
from budget_perf._envelope import Envelope
from budget_perf.checks import CheckOptions
from budget_perf.profiles import RuleProfile

__all__ = ["COLUMNS", "UNKNOWN", "envelope_bag", "findings_frame", "write_parquet"]

#: The partition key of a report without a year or region.
UNKNOWN = "unknown"

#: The columns of the findings table, in order: those of ``budget-perf check --format csv`` but
#: the place (a finding's path names it; places are worked out from the report).
COLUMNS = tuple(column for column in CSV_COLUMNS if column != "place")


def _meta() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="Int64" if c == "year" else "string") for c in COLUMNS})


def envelope_bag(
    sources: Iterable[ReportSource],
    *,
    profile: RuleProfile | None = None,
    options: CheckOptions | None = None,
    npartitions: int | None = None,
) -> db.Bag:
    """A bag of each source's :class:`~budget_perf.Envelope`, as :func:`check_many` gives them.

    The folders are listed here (names only); the files are read and checked by the workers.
    """
    items = list(expand(sources))
    partitions = npartitions or max(1, min(len(items), 100))
    bag = db.from_sequence(items, npartitions=partitions) if items else db.from_sequence([])
    return bag.map(check_to_send, profile, options, held=False, places=False)


def _frame(envelopes: list[Envelope]) -> pd.DataFrame:
    rows = [row for envelope in envelopes for row in envelope_rows(envelope)]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(_meta().dtypes.to_dict())


def findings_frame(
    sources: Iterable[ReportSource],
    *,
    profile: RuleProfile | None = None,
    options: CheckOptions | None = None,
    npartitions: int | None = None,
) -> dd.DataFrame:
    """The findings of every report in *sources* as a lazy Dask DataFrame (columns above)."""
    bag = envelope_bag(sources, profile=profile, options=options, npartitions=npartitions)
    return dd.from_delayed(
        [_delayed_frame(part) for part in bag.to_delayed()], meta=_meta(), verify_meta=False
    )


def _delayed_frame(part: Any) -> Any:
    from dask import delayed

    return delayed(_frame)(part)


def write_parquet(
    sources: Iterable[ReportSource],
    target: str | Path,
    *,
    profile: RuleProfile | None = None,
    options: CheckOptions | None = None,
    npartitions: int | None = None,
    **compute: Any,
) -> None:
    """Write the findings of *sources* as Parquet under *target*, partitioned by year and region.

    The partition keys are text, ``unknown`` where a report states no year or region (and for
    files that were not read): ``target/year=2022/region=湖南省衡山县/part.0.parquet``.
    *compute* goes to Dask (``scheduler="processes"``, for instance).
    """
    frame = findings_frame(sources, profile=profile, options=options, npartitions=npartitions)
    frame = frame.assign(
        year=frame["year"].astype("string").fillna(UNKNOWN),
        region=frame["region"].fillna(UNKNOWN),
    )
    frame.to_parquet(
        str(target),
        engine="pyarrow",
        partition_on=["year", "region"],
        write_index=False,
        compute_kwargs=compute or None,
    )
