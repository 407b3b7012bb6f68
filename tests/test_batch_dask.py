"""budget_perf.dask: the same checks spread over many processes or machines with Dask.

A province with tens of thousands of reports runs the same per-report check on a Dask
cluster; the findings must be exactly those check_many gives on the same files.  Tested on
Dask's synchronous scheduler (the cluster recipe is in docs/batch.md).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import budget_perf as bp
from batch_folder import FILES, SEED_FINDINGS, make_folder
from budget_perf.dask import COLUMNS, envelope_bag, findings_frame, write_parquet


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_folder(tmp_path_factory.mktemp("dask"))


def _expected(folder: Path) -> list[tuple[str, str, str | None, str | None]]:
    """(file, status, code, path) for each finding, or for each file without one."""
    rows: list[tuple[str, str, str | None, str | None]] = []
    for envelope in bp.check_many([folder]):
        if not envelope.findings:
            rows.append((envelope.source, envelope.status, None, None))
        rows.extend((envelope.source, envelope.status, f.code, f.path) for f in envelope.findings)
    return rows


def test_the_findings_frame_holds_what_check_many_finds(folder: Path) -> None:
    """One row per finding, one per file without any, in file order: the same as check_many."""
    frame = findings_frame([folder], npartitions=3)
    assert tuple(frame.columns) == COLUMNS
    table = frame.compute(scheduler="synchronous")
    got = [
        (r.file, r.status, None if pd.isna(r.code) else r.code, None if pd.isna(r.path) else r.path)
        for r in table.itertuples()
    ]
    assert got == _expected(folder)
    seed = table[table["file"].str.endswith("01-seed.json")]
    assert len(seed) == SEED_FINDINGS
    assert set(seed["year"]) == {2022}
    book = table[table["file"].str.endswith(".xlsx")]
    assert book["cell"].notna().any()


def test_the_envelope_bag_answers_every_file_in_order(folder: Path) -> None:
    """The bag holds the envelopes check_many yields, file for file."""
    envelopes = envelope_bag([folder]).compute(scheduler="synchronous")
    assert [e.status for e in envelopes] == [status for _, status in FILES]
    assert envelopes == list(bp.check_many([folder]))


def test_parquet_is_partitioned_by_year_and_region(folder: Path, tmp_path: Path) -> None:
    """write_parquet writes one folder per year and region (unknown where not stated), and
    reading it back gives every row."""
    target = tmp_path / "findings"
    write_parquet([folder], target, scheduler="synchronous")
    assert (target / "year=2023" / "region=湖南省衡山县").is_dir()
    assert (target / "year=2022" / "region=unknown").is_dir()
    assert (target / "year=unknown" / "region=unknown").is_dir()  # the files not read
    table = pd.read_parquet(target)
    assert len(table) == len(_expected(folder))
    counts = table.groupby(["year", "region"], observed=True).size().to_dict()
    assert counts[("2022", "unknown")] == 2 * SEED_FINDINGS
