"""Only disclosure-controlled results leave the package: counts 1 to 7 never appear, and
nothing printed carries a person's identifier."""

from __future__ import annotations

import logging

import pyarrow.parquet as pq

from analytics.cli import main as analytics_cli
from analytics.metrics import BY_ID
from analytics.synthetic import generate


def test_results_never_contain_counts_from_one_to_seven_and_output_names_no_one(
    tmp_path, capsys, caplog
):
    data = generate(3000, 2, 5, tmp_path / "data", progress=False).out_dir
    capsys.readouterr()
    caplog.set_level(logging.DEBUG)
    assert (
        analytics_cli(
            ["metrics", "compute", "--data", str(data), "--out", str(tmp_path / "results.parquet")]
        )
        == 0
    )
    printed = capsys.readouterr()
    results = pq.read_table(tmp_path / "results.parquet").to_pylist()
    patient = [r for r in results if BY_ID[r["metric_id"]].areas != "organisation"]
    assert patient and any(r["suppressed"] for r in patient)
    for row in patient:
        for column in ("numerator", "denominator"):
            value = row[column]
            assert value is None or value == 0 or value >= 8, row
            assert value is None or value % 5 == 0, row
    person_ids = pq.read_table(data / "people.parquet", columns=["person_id"]).column(0)
    sample = {person_ids[i].as_py() for i in range(0, len(person_ids), 97)}
    output = printed.out + printed.err + caplog.text
    assert not any(pid in output for pid in sample)
    assert "P000" not in output
    # No date of the register either (births, registrations, deaths).
    dates = pq.read_table(data / "people.parquet", columns=["registered_from"]).column(0)
    assert not any(str(dates[i].as_py()) in output for i in range(0, len(dates), 97))
