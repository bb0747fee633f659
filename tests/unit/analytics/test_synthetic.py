"""The synthetic ICS: deterministic, in the contract, consistent, and places that differ."""

from __future__ import annotations

import hashlib

import duckdb
import pytest

from analytics.contract import DATASETS
from analytics.loading import check_folder
from analytics.synthetic import generate


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    summary = generate(6000, 2, 11, out, progress=False)
    return out, summary


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_data(small, tmp_path):
    out, _ = small
    again = generate(6000, 2, 11, tmp_path / "again", progress=False)
    assert digest(again.out_dir) == digest(out)
    other = generate(6000, 2, 12, tmp_path / "other", progress=False)
    assert digest(other.out_dir)["people.parquet"] != digest(out)["people.parquet"]


def test_every_file_meets_the_contract(small):
    import pyarrow.parquet as pq

    out, _ = small
    for name, dataset in DATASETS.items():
        written = pq.read_table(out / f"{name}.parquet")
        assert written.schema.names == dataset.arrow_schema.names, name
        # Parquet stores second-resolution timestamps as milliseconds; the values are whole
        # seconds, so casting to the contract's types is exact.
        assert written.cast(dataset.arrow_schema).num_rows == written.num_rows
    report = check_folder(out)
    assert report.ok, report.text()


def test_csv_output_says_the_same_as_parquet(small, tmp_path):
    out, _ = small
    csv = generate(6000, 2, 11, tmp_path / "csv", file_format="csv", progress=False).out_dir
    assert check_folder(csv).ok
    for name in DATASETS:
        a = duckdb.sql(f"SELECT count(*) FROM '{out}/{name}.parquet'").fetchall()
        b = duckdb.sql(f"SELECT count(*) FROM read_csv_auto('{csv}/{name}.csv')").fetchall()
        assert a == b, name


def q(folder, sql):
    con = duckdb.connect()
    for name in DATASETS:
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM '{folder}/{name}.parquet'")
    return con.execute(sql).fetchall()


def test_the_consistency_rules_of_metrics_md_hold_exactly(small):
    out, _ = small
    reablement = """FROM social_care_services s
        JOIN hospital_spells h ON h.spell_id = s.after_spell_id
        JOIN people p ON p.person_id = s.person_id WHERE s.service_type = 'reablement'
        AND s.setting_at_91_days IS NOT NULL"""
    died_within = "p.death_date BETWEEN h.discharge_date AND h.discharge_date + 91"
    assert q(
        out, f"SELECT count(*) {reablement} AND (s.setting_at_91_days = 'died') <> ({died_within})"
    ) == [(0,)]
    in_hospital = """EXISTS (SELECT 1 FROM hospital_spells x WHERE x.person_id = s.person_id
        AND x.admission_date <= h.discharge_date + 91
        AND (x.discharge_date IS NULL OR x.discharge_date >= h.discharge_date + 91))"""
    assert q(
        out,
        f"SELECT count(*) {reablement} AND NOT ({died_within}) AND "
        f"(s.setting_at_91_days = 'hospital') <> ({in_hospital})",
    ) == [(0,)]
    in_care = """EXISTS (SELECT 1 FROM social_care_services c WHERE c.person_id = s.person_id
        AND c.service_type IN ('residential_care', 'nursing_care')
        AND c.start_date <= h.discharge_date + 91
        AND (c.end_date IS NULL OR c.end_date >= h.discharge_date + 91))"""
    assert q(
        out,
        f"SELECT count(*) {reablement} AND NOT ({died_within}) AND NOT ({in_hospital})"
        f" AND (s.setting_at_91_days = 'care_home') <> ({in_care})",
    ) == [(0,)]


def test_no_activity_after_death_or_outside_registration(small):
    out, _ = small
    assert q(
        out,
        """SELECT count(*) FROM hospital_spells h JOIN people p USING (person_id)
        WHERE h.admission_date > p.death_date OR h.admission_date < p.registered_from""",
    ) == [(0,)]
    assert q(
        out,
        """SELECT count(*) FROM hospital_spells WHERE discharge_destination = '79'
        AND discharge_date NOT IN (SELECT death_date FROM people p
        WHERE p.person_id = hospital_spells.person_id)""",
    ) == [(0,)]


def test_larkmoor_is_older_more_deprived_and_admitted_more(small):
    out, _ = small
    rows = {
        r[0]: r[1:]
        for r in q(
            out,
            """
        WITH e AS (SELECT person_id, count(*) AS n FROM hospital_spells
                   WHERE admission_method = 'emergency' GROUP BY 1)
        SELECT substr(p.neighbourhood_code, 1, 3) AS place,
               avg(CASE WHEN date_diff('year', birth_month, DATE '2024-06-30') >= 65
                   THEN 1 ELSE 0 END),
               avg(imd_decile), sum(coalesce(e.n, 0)) / count(*)
        FROM people p LEFT JOIN e USING (person_id) GROUP BY 1""",
        )
    }
    kestrel, larkmoor = rows["ZN1"], rows["ZN2"]
    assert larkmoor[0] > kestrel[0] + 0.05  # older
    assert larkmoor[1] < kestrel[1] - 1  # more deprived (lower decile)
    assert larkmoor[2] > kestrel[2]  # more emergency admissions per person


def test_calibration_table_is_printed_for_every_band(small):
    _, summary = small
    assert [r["key"] for r in summary.calibration] == [
        "share_65",
        "ascof_2a2",
        "ascof_2a1",
        "ascof_2b1",
        "emergency_admissions",
        "falls_65",
        "readmission_30",
        "ae_attendances",
        "death_rate",
    ]
    assert summary.calibration[0]["in_band"]  # the age structure holds at any size
