"""``concordat metrics``: results written whole, by suffix; every bad request gets a clear
message and a non-zero exit, never a traceback or a half-written file."""

from __future__ import annotations

from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from analytics.cli import main as concordat
from analytics.contract import RESULTS
from analytics.metrics import CATALOGUE

SPEC_DATA = Path(__file__).resolve().parents[3] / "spec" / "data"


def run(*argv: str) -> int:
    return concordat(["metrics", *argv])


def test_list_shows_every_metric_of_the_catalogue(capsys):
    assert run("list") == 0
    printed = capsys.readouterr().out
    assert all(m.id in printed and m.title in printed for m in CATALOGUE)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_compute_writes_the_results_table_in_the_format_of_the_suffix(tmp_path, capsys, suffix):
    out = tmp_path / "out" / f"results{suffix}"
    assert run("compute", "--data", str(SPEC_DATA), "--out", str(out)) == 0
    table = pq.read_table(out) if suffix == ".parquet" else pacsv.read_csv(out)
    assert table.column_names == list(RESULTS.column_names)
    assert set(table.column("metric_id").to_pylist()) == {m.id for m in CATALOGUE}
    assert "Wrote" in capsys.readouterr().out
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left


def test_metrics_and_dates_narrow_the_results(tmp_path):
    out = tmp_path / "results.parquet"
    argv = ["--metrics", "ae_4h,falls_65", "--from", "2024-04-01", "--to", "2024-06-30"]
    assert run("compute", "--data", str(SPEC_DATA), "--out", str(out), *argv) == 0
    rows = pq.read_table(out).to_pylist()
    assert {r["metric_id"] for r in rows} == {"ae_4h"}  # no whole financial year in range
    assert {(r["period_start"].isoformat(), r["period_end"].isoformat()) for r in rows} == {
        ("2024-04-01", "2024-04-30"),
        ("2024-05-01", "2024-05-31"),
        ("2024-06-01", "2024-06-30"),
        ("2024-04-01", "2024-06-30"),
    }


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--data", "/no/such/folder"], "is not a folder"),
        (["--metrics", "ae_4h,nonsense"], "unknown metric(s) nonsense"),
        (["--from", "2024-13-01"], "is not a date written YYYY-MM-DD"),
        (["--from", "2025-01-01", "--to", "2024-01-01"], "is after --to"),
        (["--from", "2030-01-01"], "the data cover no whole month"),
    ],
)
def test_bad_requests_get_a_clear_message(tmp_path, capsys, argv, message):
    out = tmp_path / "results.parquet"
    args = ["compute", "--data", str(SPEC_DATA), "--out", str(out), *argv]
    assert run(*args) != 0
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_an_output_that_is_neither_parquet_nor_csv_is_refused(tmp_path, capsys):
    assert run("compute", "--data", str(SPEC_DATA), "--out", str(tmp_path / "r.xlsx")) == 2
    assert "must end in .parquet or .csv" in capsys.readouterr().err


def test_a_folder_missing_a_dataset_is_named(tmp_path, capsys):
    for f in SPEC_DATA.iterdir():
        if f.name != "ae_attendances.csv":
            (tmp_path / f.name).write_bytes(f.read_bytes())
    assert run("compute", "--data", str(tmp_path), "--out", str(tmp_path / "r.parquet")) == 1
    assert "has no ae_attendances.parquet or ae_attendances.csv" in capsys.readouterr().err


def test_a_malformed_value_is_reported_without_quoting_it(tmp_path, capsys):
    for f in SPEC_DATA.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    people = (tmp_path / "people.csv").read_text().replace("1959-07-01", "SECRET-VALUE")
    (tmp_path / "people.csv").write_text(people)
    assert run("compute", "--data", str(tmp_path), "--out", str(tmp_path / "r.parquet")) == 1
    err = capsys.readouterr().err
    assert "people.csv does not follow the data contract" in err
    assert "SECRET-VALUE" not in err and "Traceback" not in err
