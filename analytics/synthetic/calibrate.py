"""Where a generated system lands against England's published figures (METRICS.md),
computed with DuckDB straight over the written files, independently of the metric library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

BANDS = [
    # key, label, England reference, low, high, unit
    ("share_65", "Share of population 65+", "18.4% (Census 2021)", 15, 23, "%"),
    (
        "ascof_2a2",
        "ASCOF 2A2 care home admissions 65+",
        "584 (2019-20); 498 (2020-21)",
        400,
        750,
        "per 100,000",
    ),
    ("ascof_2a1", "ASCOF 2A1 care home admissions 18-64", "about 14", 8, 25, "per 100,000"),
    ("ascof_2b1", "ASCOF 2B1 at home 91 days after reablement", "82.0% (2019-20)", 75, 88, "%"),
    ("emergency_admissions", "Emergency admissions", "about 95-105", 80, 130, "per 1,000"),
    (
        "falls_65",
        "Emergency admissions for falls 65+",
        "about 1,900-2,100",
        1400,
        2800,
        "per 100,000",
    ),
    ("readmission_30", "Emergency readmissions within 30 days", "12.5-13.8%", 9, 17, "%"),
    ("ae_attendances", "A&E attendances", "about 400-450", 300, 550, "per 1,000"),
    ("death_rate", "Crude death rate", "about 9.7", 7, 13, "per 1,000"),
]


def _source(folder: Path, name: str) -> str:
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    path = parquet if parquet.exists() else csv
    reader = "read_parquet" if path.suffix == ".parquet" else "read_csv_auto"
    return f"{reader}('{path}')"


def figures(folder: Path, fy: int) -> dict[str, float | None]:
    con = duckdb.connect()
    for name in ("people", "hospital_spells", "ae_attendances", "social_care_services"):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM {_source(folder, name)}")
    start, end, mid = f"DATE '{fy}-04-01'", f"DATE '{fy + 1}-03-31'", f"DATE '{fy}-06-30'"
    age = "date_diff('month', birth_month, {d}) // 12"
    con.execute(f"""CREATE TEMP TABLE pop AS SELECT person_id, {age.format(d=mid)} AS age
        FROM people WHERE registered_from <= {mid}
        AND (registered_to IS NULL OR registered_to >= {mid})
        AND (death_date IS NULL OR death_date > {mid})""")
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    pop = one("SELECT count(*) FROM pop") or 1
    pop65 = one("SELECT count(*) FROM pop WHERE age >= 65") or 1
    pop1864 = one("SELECT count(*) FROM pop WHERE age BETWEEN 18 AND 64") or 1
    first_ch = f"""SELECT s.person_id, s.start_date, {age.format(d="s.start_date")} AS age
        FROM social_care_services s JOIN people p USING (person_id)
        WHERE s.term = 'long_term' AND s.service_type IN ('residential_care', 'nursing_care')
        AND s.council_funded QUALIFY row_number() OVER (PARTITION BY s.person_id
        ORDER BY s.start_date) = 1"""
    ch = con.execute(f"""SELECT count(*) FILTER (WHERE age >= 65),
        count(*) FILTER (WHERE age BETWEEN 18 AND 64) FROM ({first_ch})
        WHERE start_date BETWEEN {start} AND {end}""").fetchone()
    reab = con.execute(f"""WITH r AS (
        SELECT s.person_id, s.setting_at_91_days, h.discharge_date,
        row_number() OVER (PARTITION BY s.person_id ORDER BY h.discharge_date) AS n
        FROM social_care_services s JOIN hospital_spells h ON h.spell_id = s.after_spell_id
        JOIN people p ON p.person_id = s.person_id
        WHERE s.service_type = 'reablement' AND s.council_funded
        AND h.discharge_destination <> '79'
        AND h.discharge_date BETWEEN DATE '{fy}-10-01' AND DATE '{fy}-12-31'
        AND {age.format(d="h.discharge_date")} >= 65)
        SELECT count(*), count(*) FILTER (WHERE setting_at_91_days IN ('home', 'extra_care'))
        FROM r WHERE n = 1""").fetchone()
    em = f"""SELECT h.*, {age.format(d="h.admission_date")} AS age FROM hospital_spells h
        JOIN people p USING (person_id) WHERE admission_method = 'emergency'"""
    emergency = one(f"SELECT count(*) FROM ({em}) WHERE admission_date BETWEEN {start} AND {end}")
    falls = one(f"""SELECT count(*) FROM ({em}) WHERE admission_date BETWEEN {start} AND {end}
        AND age >= 65 AND primary_diagnosis SIMILAR TO '[ST].*'
        AND external_cause SIMILAR TO 'W(0[0-9]|1[0-9]).*'""")
    readmit_sql = f"""WITH d AS (SELECT spell_id, person_id, discharge_date
        FROM hospital_spells WHERE admission_method <> 'maternity'
        AND discharge_destination <> '79' AND discharge_date BETWEEN {start} AND {end})
        SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM hospital_spells e
        WHERE e.person_id = d.person_id AND e.admission_method = 'emergency'
        AND e.spell_id <> d.spell_id
        AND e.admission_date BETWEEN d.discharge_date AND d.discharge_date + 30)) FROM d"""
    readmit = con.execute(readmit_sql).fetchone()
    ae = one(f"""SELECT count(*) FROM ae_attendances
        WHERE CAST(arrival_time AS DATE) BETWEEN {start} AND {end}""")
    deaths = one(f"SELECT count(*) FROM people WHERE death_date BETWEEN {start} AND {end}")
    con.close()
    return {
        "share_65": 100 * pop65 / pop,
        "ascof_2a2": 100_000 * ch[0] / pop65,
        "ascof_2a1": 100_000 * ch[1] / pop1864,
        "ascof_2b1": 100 * reab[1] / reab[0] if reab[0] else None,
        "emergency_admissions": 1000 * emergency / pop,
        "falls_65": 100_000 * falls / pop65,
        "readmission_30": 100 * readmit[1] / readmit[0] if readmit[0] else None,
        "ae_attendances": 1000 * ae / pop,
        "death_rate": 1000 * deaths / pop,
    }


def calibration_table(folder: Path, fy: int) -> list[dict[str, Any]]:
    values = figures(Path(folder), fy)
    return [
        {
            "metric": label,
            "reference": ref,
            "band": f"{lo:,}-{hi:,} {unit}",
            "value": values[key],
            "in_band": values[key] is not None and lo <= values[key] <= hi,
            "unit": unit,
            "key": key,
        }
        for key, label, ref, lo, hi, unit in BANDS
    ]


def format_table(rows: list[dict[str, Any]], fy: int) -> str:
    lines = [
        f"Calibration, system level, FY {fy}/{str(fy + 1)[-2:]}",
        "| metric | England reference | acceptable band | this run | in band? |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        value = "n/a" if r["value"] is None else f"{r['value']:,.1f}"
        lines.append(
            f"| {r['metric']} | {r['reference']} | {r['band']} | {value} | "
            f"{'yes' if r['in_band'] else 'NO'} |"
        )
    return "\n".join(lines)
