"""Checking and loading partner files: every kind of malformed input gets a clear report
with dataset, row, column, value and rule; loads are atomic and versioned."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analytics.contract import DATASETS
from analytics.loading import LoadRefused, check_folder, current_version, list_versions, load_folder
from analytics.loading.cli import main as data_cli

SPEC = Path(__file__).resolve().parents[2] / "spec" / "data"
HEADER = (
    "person_id,birth_month,sex,neighbourhood_code,gp_practice_code,imd_decile,"
    "registered_from,registered_to,death_date\n"
)


def folder_with(tmp_path: Path, **files: str | bytes) -> Path:
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return tmp_path


def problems(report, rule):
    return [(p.dataset, p.row, p.column, p.value) for p in report.problems if p.rule == rule]


def test_the_spec_folder_is_valid():
    report = check_folder(SPEC)
    assert report.ok, report.text()
    assert report.rows["people"] == 7


def test_bad_encoding_is_reported_with_its_line(tmp_path):
    body = HEADER + "P1,1950-01-01,F,ZN101,Z1,3,2000-01-01,,\n"
    folder = folder_with(tmp_path, **{"people.csv": body.encode() + b"P2,1950-01-01,F,ZN1\xff\n"})
    report = check_folder(folder)
    assert problems(report, "invalid-encoding") == [("people", 3, None, None)]
    assert "not valid UTF-8" in report.text()


def test_ragged_rows(tmp_path):
    body = HEADER + "P1,1950-01-01,F\nP2,1950-01-01,F,ZN101,Z1,3,2000-01-01,,,extra\n"
    report = check_folder(folder_with(tmp_path, **{"people.csv": body}))
    assert problems(report, "missing-columns") == [("people", 2, None, None)]
    assert problems(report, "too-many-columns") == [("people", 3, None, None)]


def test_missing_and_extra_columns(tmp_path):
    report = check_folder(folder_with(tmp_path, **{"people.csv": "person_id,colour\nP1,red\n"}))
    assert ("people", None, "birth_month", None) in problems(report, "missing-column")
    assert problems(report, "extra-column") == [("people", None, "colour", None)]


def test_wrong_types_values_and_dates_out_of_order(tmp_path):
    body = HEADER + (
        "P1,1950-13-01,X,ZN101,Z1,11,2000-01-01,1999-01-01,\n"
        "P1,1950-02-15,F,ZN999,Z1,,2000-01-01,,1940-01-01\n"
    )
    report = check_folder(folder_with(tmp_path, **{"people.csv": body}))
    assert problems(report, "type") == [("people", 2, "birth_month", "1950-13-01")]
    assert problems(report, "allowed-values") == [("people", 2, "sex", "X")]
    assert problems(report, "maximum") == [("people", 2, "imd_decile", "11")]
    assert problems(report, "first-of-month") == [("people", 3, "birth_month", "1950-02-15")]
    assert [(p[1], p[2]) for p in problems(report, "date-order")] == [
        (2, "registered_to"),
        (3, "death_date"),
    ]
    assert [p[1] for p in problems(report, "unique")] == [2, 3]
    assert problems(report, "registry-code") == [("people", 3, "neighbourhood_code", "ZN999")]


def test_dangling_person_ids_and_duplicate_files(tmp_path):
    shutil.copy(SPEC / "people.csv", tmp_path / "people.csv")
    spells = (SPEC / "hospital_spells.csv").read_text().replace("S9,P6", "S9,P99")
    folder = folder_with(tmp_path, **{"hospital_spells.csv": spells})
    report = check_folder(folder)
    assert problems(report, "reference") == [("hospital_spells", 10, "person_id", "P99")]
    shutil.copy(SPEC / "people.csv", tmp_path / "notes.txt")
    pq.write_table(pa.table({"x": [1]}), tmp_path / "people.parquet")
    report = check_folder(tmp_path)
    rules = {p.rule for p in report.problems}
    assert {"unknown-file", "duplicate-file"} <= rules


def test_parquet_with_wrong_physical_types(tmp_path):
    schema = DATASETS["people"].arrow_schema
    columns = {name: pa.array(["x"]) for name in schema.names}
    pq.write_table(pa.table(columns), tmp_path / "people.parquet")
    report = check_folder(tmp_path)
    assert ("people", None, "birth_month", None) in problems(report, "wrong-type")


def test_problems_are_capped_per_rule_with_a_count_of_the_rest(tmp_path):
    rows = "".join(f"P{i},1950-01-01,Q,ZN101,Z1,3,2000-01-01,,\n" for i in range(50))
    report = check_folder(folder_with(tmp_path, **{"people.csv": HEADER + rows}), max_per_rule=5)
    assert len(problems(report, "allowed-values")) == 5
    assert report.more[("people", "sex", "allowed-values")] == 45
    assert "and 45 more like this" in report.text()


def test_load_is_versioned_and_a_failed_load_changes_nothing(tmp_path):
    store = tmp_path / "store"
    first = load_folder(SPEC, store, source="spec", loaded_by="tester")
    assert first.version == "0001" and current_version(store) == store / "versions" / "0001"
    manifest = first.manifest
    assert manifest["datasets"]["people"]["rows"] == 7
    assert len(manifest["datasets"]["people"]["source_sha256"]) == 64
    before = {p.name: p.read_bytes() for p in (store / "versions" / "0001").iterdir()}
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "people.csv").write_text(HEADER + "P1,not-a-date,F,ZN101,Z1,3,2000-01-01,,\n")
    with pytest.raises(LoadRefused) as refused:
        load_folder(bad, store, source="bad", loaded_by="tester")
    assert refused.value.report.problems[0].rule == "type"
    assert (store / "CURRENT").read_text() == "0001"
    assert {p.name: p.read_bytes() for p in (store / "versions" / "0001").iterdir()} == before
    assert sorted(p.name for p in (store / "versions").iterdir()) == ["0001"]


def test_interrupted_load_leaves_no_half_version(tmp_path, monkeypatch):
    store = tmp_path / "store"
    load_folder(SPEC, store, source="spec", loaded_by="tester")
    import analytics.loading.store as store_module

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(store_module.pq, "write_table", fail)
    with pytest.raises(OSError):
        load_folder(SPEC, store, source="again", loaded_by="tester")
    assert (store / "CURRENT").read_text() == "0001"
    assert sorted(p.name for p in (store / "versions").iterdir()) == ["0001"]
    assert len(list_versions(store)) == 1


def test_partial_load_carries_other_datasets_over(tmp_path):
    store = tmp_path / "store"
    load_folder(SPEC, store, source="spec", loaded_by="tester")
    only_people = tmp_path / "people_only"
    only_people.mkdir()
    shutil.copy(SPEC / "people.csv", only_people / "people.csv")
    second = load_folder(only_people, store, source="people", loaded_by="tester")
    assert second.manifest["datasets"]["hospital_spells"]["carried_over_from"] == "0001"
    assert (second.path / "hospital_spells.parquet").exists()


def test_cli_exit_codes_and_output(tmp_path, capsys):
    assert data_cli(["check", str(SPEC)]) == 0
    assert "meet the data contract" in capsys.readouterr().out
    bad = folder_with(tmp_path, **{"people.csv": HEADER + "P1,x,F,ZN101,Z1,3,2000-01-01,,\n"})
    assert data_cli(["check", str(bad)]) == 1
    assert "row 2, column birth_month, value 'x'" in capsys.readouterr().out
    assert data_cli(["check"]) == 2
    assert data_cli(["check", str(tmp_path / "nowhere")]) == 1
