"""A tiny hand-written ICS for the metric specs, computed once on each engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SPEC_DATA = Path(__file__).parent / "data"
ENGINES = ["duckdb", pytest.param("pyspark", marks=pytest.mark.spark)]


def _spark_available() -> bool:
    return shutil.which("java") is not None


@pytest.fixture(scope="session", params=ENGINES)
def counts(request):
    """System- and area-level raw counts keyed by (metric, area, start, end)."""
    from analytics.geography import KESTREL_VALE
    from analytics.metrics.engine import raw_counts, rollup

    if request.param == "pyspark" and not _spark_available():
        pytest.skip("Java is needed for the PySpark engine")
    rows = rollup(raw_counts(SPEC_DATA, engine=request.param), KESTREL_VALE)
    return {
        (
            r["metric_id"],
            r["area_code"],
            r["period_start"].isoformat(),
            r["period_end"].isoformat(),
        ): (r["numerator"], r["denominator"], r["extra"])
        for r in rows
    }
