"""Hypothesis draws synthetic systems (size, years, seed, extract date); DuckDB and PySpark
must give exactly the same results table for each."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.metrics.engine import compute
from analytics.synthetic import generate


@pytest.mark.spark
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.integers(200, 1500),
    years=st.integers(1, 2),
    seed=st.integers(0, 10_000),
    end=st.dates(min_value=date(2025, 6, 1), max_value=date(2026, 2, 28)),
)
def test_duckdb_and_pyspark_agree_on_every_result(people, years, seed, end):
    with tempfile.TemporaryDirectory() as folder:
        data = generate(people, years, seed, Path(folder), end=end, progress=False).out_dir
        duck = compute(data, engine="duckdb").to_pylist()
        spark = compute(data, engine="pyspark").to_pylist()
    assert duck, "the generated system produced results"
    assert duck == spark
