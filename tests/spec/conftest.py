"""Tiny hand-written systems for the metric specs, computed once on each engine.

``write_folder`` turns literal rows into a folder in the data contract (CSV, one file per
dataset; a dataset with no rows gets its header only). ``raw_counts_by_key`` computes the
raw counts (before disclosure control: at this size control would suppress everything)
rolled up to places and the system, keyed by (metric, area code, period start, period
end) with ISO dates.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

from analytics.contract import DATASETS

SPEC_DATA = Path(__file__).parent / "data"
ENGINES = ["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)]

Counts = dict[tuple[str, str, str, str], tuple[Any, Any, Any]]


def write_folder(folder: Path, **rows_by_dataset: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for dataset in DATASETS:
        columns = DATASETS[dataset].column_names
        with (folder / f"{dataset}.csv").open("w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            for row in rows_by_dataset.get(dataset, []):
                writer.writerow({c: row.get(c, "") for c in columns})
    return folder


def raw_counts_by_key(folder: Path, engine: str) -> Counts:
    from analytics.geography import KESTREL_VALE
    from analytics.metrics.engine import raw_counts, rollup

    if engine == "pyspark" and shutil.which("java") is None:
        pytest.skip("Java is needed for the PySpark engine")
    return {
        (
            r["metric_id"],
            r["area_code"],
            r["period_start"].isoformat(),
            r["period_end"].isoformat(),
        ): (r["numerator"], r["denominator"], r["extra"])
        for r in rollup(raw_counts(folder, engine=engine), KESTREL_VALE)
    }


@pytest.fixture(scope="session", params=ENGINES)
def counts(request) -> Counts:
    """The spec system of tests/spec/data on each engine."""
    return raw_counts_by_key(SPEC_DATA, request.param)
