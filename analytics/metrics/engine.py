"""Compute the metric library on DuckDB (default) or PySpark, from the same Ibis
definitions.

The engine materialises each input once (one scan per file), runs every definition to get
raw counts by neighbourhood (or organisation), and collects them. Everything after that
(rolling up to places and the system, disclosure control, values and intervals) is done
once, in Python, on the small table of counts, so every engine gives exactly the same
results for the same counts.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa

from analytics.contract import DATASETS, RESULTS
from analytics.geography import KESTREL_VALE, System
from analytics.metrics import disclosure, intervals
from analytics.metrics.catalogue import BY_ID, CATALOGUE
from analytics.metrics.definitions import DEFINITIONS, Inputs, population_table

TABLE_NAMES = {
    "people": "people",
    "spells": "hospital_spells",
    "ae": "ae_attendances",
    "care": "social_care_services",
    "ledger": "finance_ledger",
    "workforce": "workforce",
}


class MetricsError(ValueError):
    """A clear problem with the request (missing folder, unknown metric, bad dates)."""


def _file(folder: Path, dataset: str) -> Path:
    for suffix in (".parquet", ".csv"):
        path = folder / f"{dataset}{suffix}"
        if path.exists():
            return path
    raise MetricsError(f"{folder} has no {dataset}.parquet or {dataset}.csv")


def connect(engine: str) -> Any:
    if engine == "duckdb":
        return ibis.duckdb.connect()
    if engine == "pyspark":
        from analytics.metrics.spark import spark_session

        return ibis.pyspark.connect(spark_session())
    raise MetricsError(f"unknown engine {engine!r} (duckdb or pyspark)")


_DUCKDB_TYPES = {
    "string": "VARCHAR",
    "date32[day]": "DATE",
    "timestamp[s]": "TIMESTAMP",
    "int64": "BIGINT",
    "double": "DOUBLE",
    "bool": "BOOLEAN",
}


def materialise(con: Any, name: str, table: pa.Table) -> ibis.Table:
    """Hold an Arrow table in the engine as a named table (one copy, read once)."""
    if con.name == "duckdb":
        con.con.register(f"{name}_arrow", table)
        con.con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM "{name}_arrow"')
        con.con.unregister(f"{name}_arrow")
        return con.table(name)
    frame = con._session.createDataFrame(table.to_pandas(date_as_object=True))
    frame.createOrReplaceTempView(name)
    return con.table(name)


def load_inputs(con: Any, folder: Path) -> dict[str, ibis.Table]:
    """Read each file once into the engine, with the contract's types."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    tables = {}
    for key, dataset in TABLE_NAMES.items():
        path = _file(folder, dataset)
        schema = DATASETS[dataset].arrow_schema
        if path.suffix == ".parquet" and con.name == "duckdb":
            # DuckDB reads Parquet itself, in parallel, casting to the contract's types.
            columns = ", ".join(
                f'CAST("{f.name}" AS {_DUCKDB_TYPES[str(f.type)]}) AS "{f.name}"' for f in schema
            )
            literal = "'" + str(path).replace("'", "''") + "'"
            con.con.execute(
                f'CREATE OR REPLACE TABLE "in_{dataset}" AS SELECT {columns} '
                f"FROM read_parquet({literal})"
            ).fetchall()
            tables[key] = con.table(f"in_{dataset}")
            continue
        if path.suffix == ".parquet":
            table = pq.read_table(path).cast(schema)
        else:
            table = pacsv.read_csv(
                path,
                convert_options=pacsv.ConvertOptions(column_types=schema, strings_can_be_null=True),
            ).select(schema.names)
        tables[key] = materialise(con, f"in_{dataset}", table)
    return tables


def _month_starts(lo: date, hi: date) -> list[date]:
    out, d = [], date(lo.year, lo.month, 1)
    while d <= hi:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def _end_of_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1) - timedelta(days=1)


def periods_between(first: date, last: date) -> list[dict[str, Any]]:
    """Every month, quarter, financial year and Oct-Dec window wholly inside the data."""
    rows = []
    for m in _month_starts(first, last):
        end = _end_of_month(m)
        if m >= first and end <= last:
            rows.append(("month", m, end, date(m.year, m.month, 15)))
        if m.month in (1, 4, 7, 10):
            q_end = _end_of_month(date(m.year + (m.month + 2 > 12), (m.month + 1) % 12 + 1, 1))
            if m >= first and q_end <= last:
                rows.append(("quarter", m, q_end, m + (q_end - m) // 2))
        if m.month == 4:
            fy_end = date(m.year + 1, 3, 31)
            if m >= first and fy_end <= last:
                rows.append(("fy", m, fy_end, date(m.year, 6, 30)))
        if m.month == 10:
            window_end = date(m.year, 12, 31)
            # Outcomes at 91 days must be known for every discharge in the window.
            if m >= first and window_end + timedelta(days=91) <= last:
                rows.append(("oct_dec", m, window_end, date(m.year, 6, 30)))
    return [
        dict(zip(("period_type", "period_start", "period_end", "population_date"), r, strict=True))
        for r in rows
    ]


def data_window(tables: dict[str, ibis.Table], con: Any) -> tuple[date, date]:
    """From the first admission to the last day with activity (the extract date)."""
    s, a = tables["spells"], tables["ae"]
    first = _as_date(con.execute(s.admission_date.min()))
    last = max(
        _as_date(con.execute(s.admission_date.max())), _as_date(con.execute(a.arrival_time.max()))
    )
    return first, last


def _as_date(value: Any) -> date:
    """A plain date from whatever an engine returns (date, datetime or Timestamp)."""
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value


def raw_counts(
    data: Path | str,
    *,
    engine: str = "duckdb",
    metrics: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[dict[str, Any]]:
    """Raw (uncontrolled) counts by metric, period and neighbourhood or organisation.

    Patient-derived counts never leave the package in this form: ``compute`` controls them.
    """
    folder = Path(data)
    if not folder.is_dir():
        raise MetricsError(f"{folder} is not a folder")
    wanted = list(metrics or DEFINITIONS)
    unknown = [m for m in wanted if m not in DEFINITIONS]
    if unknown:
        raise MetricsError(
            f"unknown metric(s): {', '.join(unknown)}; known: {', '.join(DEFINITIONS)}"
        )
    con = connect(engine)
    tables = load_inputs(con, folder)
    first, last = data_window(tables, con)
    periods = periods_between(
        max(first, start) if start else first, min(last, end) if end else last
    )
    if not periods:
        raise MetricsError("the data cover no whole month in the dates asked for")
    period_table = materialise(con, "in_periods", pa.Table.from_pylist(periods))
    dates = period_table.select("population_date").distinct()
    population = materialise(
        con, "in_population", con.to_pyarrow(population_table(tables["people"], dates))
    )
    inputs = Inputs(periods=period_table, population=population, **tables)
    expressions = [DEFINITIONS[m](inputs) for m in wanted]
    union = ibis.union(*expressions) if len(expressions) > 1 else expressions[0]
    result = con.to_pyarrow(union).to_pylist()
    for row in result:
        row["period_start"] = _as_date(row["period_start"])
        row["period_end"] = _as_date(row["period_end"])
    if start or end:
        result = [
            r
            for r in result
            if (not start or r["period_start"] >= start) and (not end or r["period_end"] <= end)
        ]
    return result


def rollup(rows: list[dict[str, Any]], system: System) -> list[dict[str, Any]]:
    """Neighbourhood counts summed to places and the system; organisations to the system."""
    place_of = {n.code: n.place_code for n in system.neighbourhoods}
    totals: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for r in rows:
        metric = BY_ID[r["metric_id"]]
        base = (r["metric_id"], r["period_start"], r["period_end"])
        levels = (
            [("organisation", r["area"])]
            if metric.areas == "organisation"
            else [("neighbourhood", r["area"]), ("place", place_of.get(r["area"], "unknown"))]
        )
        levels.append(("system", system.code))
        for area_type, code in levels:
            t = totals[(*base, area_type, code)]
            t[0] += r["numerator"] or 0.0
            t[1] += r["denominator"] or 0.0
            t[2] += r["extra"] or 0.0
    return [
        {
            "metric_id": k[0],
            "period_start": k[1],
            "period_end": k[2],
            "area_type": k[3],
            "area_code": k[4],
            "numerator": v[0],
            "denominator": v[1],
            "extra": v[2],
        }
        for k, v in totals.items()
    ]


def _clean(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), 6)


def finalise(row: dict[str, Any]) -> dict[str, Any]:
    """Disclosure control, then value and interval from the controlled counts."""
    metric = BY_ID[row["metric_id"]]
    num, den, extra = row["numerator"], row["denominator"], row["extra"]
    suppressed = False
    if metric.areas != "organisation":
        controlled_num, controlled_den, suppressed = disclosure.control(num, den)
        if metric.interval == "mean" and controlled_den:
            # The numerator is a sum of days, not a count of people; it is controlled the
            # same way, so no small number leaves the package in any column.
            scale = controlled_den / den
            if disclosure.is_small(num):
                controlled_num, suppressed = None, True
            else:
                controlled_num, extra = disclosure.round5(num), extra * scale
        num, den = controlled_num, controlled_den
    value = lower = upper = None
    if not suppressed and num is not None and den:
        value = num / den * metric.multiplier
        bounds = None
        if metric.interval == "wilson":
            bounds = intervals.wilson(num, den)
        elif metric.interval == "byar":
            bounds = intervals.byar(num, den)
        elif metric.interval == "mean":
            bounds = intervals.mean_interval(num, den, extra)
        if bounds:
            lower, upper = (b * metric.multiplier for b in bounds)
    return {
        "metric_id": row["metric_id"],
        "area_type": row["area_type"],
        "area_code": row["area_code"],
        "period_start": row["period_start"],
        "period_end": row["period_end"],
        "numerator": _clean(num),
        "denominator": _clean(den),
        "value": _clean(value),
        "ci_lower": _clean(lower),
        "ci_upper": _clean(upper),
        "suppressed": suppressed,
    }


def compute(
    data: Path | str,
    *,
    engine: str = "duckdb",
    metrics: list[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    system: System = KESTREL_VALE,
) -> pa.Table:
    """The results table of DATA.md: disclosure controlled, ready to leave the package."""
    rows = [
        finalise(r)
        for r in rollup(
            raw_counts(data, engine=engine, metrics=metrics, start=start, end=end), system
        )
    ]
    rows.sort(
        key=lambda r: (
            r["metric_id"],
            r["area_type"],
            r["area_code"],
            r["period_start"],
            r["period_end"],
        )
    )
    return pa.Table.from_pylist(rows, schema=RESULTS.arrow_schema)


CATALOGUE_IDS = [m.id for m in CATALOGUE]
