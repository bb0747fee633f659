"""Compute the metric library on DuckDB (default) or PySpark, from the same Ibis
definitions, in a few shared passes.

1. Each source (spells, attendances, first care home admissions, ...) is aggregated once:
   one GROUP BY area and calendar month with a conditional sum per measure of every metric
   that reads it. The register is read once more for the population changes.
2. The small tables of monthly counts are collected. Everything after that is plain Python
   on a few thousand numbers: months are summed into quarters, financial years and the
   October-December window; populations are read off on each period's population date;
   neighbourhoods are summed into places and the system and organisations into the system;
   then disclosure control, values and intervals (``finalise``).

Engines only ever return whole counts and exact decimal sums, and the Python after them is
deterministic, so DuckDB and PySpark give identical results (docs/adr/0140).
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.datatypes as dt
import numpy as np
import pyarrow as pa

from analytics.contract import DATASETS, RESULTS
from analytics.geography import DEMO_SYSTEMS, System
from analytics.metrics import disclosure, intervals
from analytics.metrics.catalogue import BY_ID
from analytics.metrics.definitions import (
    DEFINITIONS,
    SOURCES,
    Inputs,
    Measure,
    Population,
    month_key,
    population_changes,
)

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


# --------------------------------------------------------------------------- inputs


def _file(folder: Path, dataset: str) -> Path:
    for suffix in (".parquet", ".csv"):
        path = folder / f"{dataset}{suffix}"
        if path.exists():
            return path
    raise MetricsError(f"{folder} has no {dataset}.parquet or {dataset}.csv")


def duckdb_threads() -> int:
    """Two DuckDB threads a core on small machines: the passes are hash joins and
    aggregations that wait on memory, and a second thread a core fills those waits (on 2
    cores, about 7% faster at 3,000,000 people). ``CONCORDAT_DUCKDB_THREADS`` overrides it."""
    configured = os.environ.get("CONCORDAT_DUCKDB_THREADS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    cores = os.cpu_count() or 1
    return cores * 2 if cores <= 8 else cores


def connect(engine: str) -> Any:
    if engine == "duckdb":
        con = ibis.duckdb.connect()
        # Results are grouped, never ordered by input position; the same Parquet files are
        # read by several passes, so their metadata is kept.
        con.raw_sql("SET preserve_insertion_order = false")
        con.raw_sql("SET enable_object_cache = true")
        con.raw_sql(f"SET threads = {duckdb_threads()}")
        return con
    if engine == "pyspark":
        from analytics.metrics.spark import spark_session

        return ibis.pyspark.connect(spark_session())
    raise MetricsError(f"unknown engine {engine!r} (duckdb or pyspark)")


def _read_csv(path: Path, schema: pa.Schema) -> pa.Table:
    import pyarrow.csv as pacsv

    try:
        return pacsv.read_csv(
            path,
            convert_options=pacsv.ConvertOptions(
                column_types=schema, strings_can_be_null=True, include_columns=schema.names
            ),
        ).cast(schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, KeyError, OSError):
        # Arrow's own message quotes the offending value, which may be patient-level.
        raise MetricsError(
            f"{path.name} does not follow the data contract (a column is missing or a value "
            "is not of the contract's type); run `concordat data check` on the folder"
        ) from None


def _check_columns(path: Path, schema: pa.Schema) -> None:
    import pyarrow.parquet as pq

    try:
        present = set(pq.read_schema(path).names)
    except (pa.ArrowInvalid, OSError) as exc:
        raise MetricsError(f"{path.name} is not a readable Parquet file ({exc})") from None
    missing = [n for n in schema.names if n not in present]
    if missing:
        raise MetricsError(f"{path.name} lacks the column(s) {', '.join(missing)}")


def read_inputs(con: Any, folder: Path) -> Inputs:
    """Each dataset as a table in the engine with the contract's types. Parquet is read
    by the engine itself where it is scanned (no copy); CSV is parsed once by Arrow."""
    tables: dict[str, ibis.Table] = {}
    for key, dataset in TABLE_NAMES.items():
        path = _file(folder, dataset)
        schema = DATASETS[dataset].arrow_schema
        name = f"in_{dataset}"
        if path.suffix == ".parquet":
            _check_columns(path, schema)
            table = con.read_parquet(str(path), table_name=name)
        elif con.name == "duckdb":
            table = _duckdb_table(con, name, _read_csv(path, schema))
        else:
            table = _spark_table(con, name, _read_csv(path, schema))
        tables[key] = table.select(
            [
                table[f.name]
                if type(table[f.name].type()) is type(_IBIS_TYPES[str(f.type)])
                else table[f.name].cast(_IBIS_TYPES[str(f.type)]).name(f.name)
                for f in schema
            ]
        )
    return Inputs(**tables)


_IBIS_TYPES = {
    "string": dt.String(),
    "date32[day]": dt.Date(),
    "timestamp[s]": dt.Timestamp(),
    "int64": dt.Int64(),
    "double": dt.Float64(),
    "bool": dt.Boolean(),
}


def _duckdb_table(con: Any, name: str, table: pa.Table) -> ibis.Table:
    con.con.register(f"{name}_arrow", table)
    con.con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM "{name}_arrow"')
    con.con.unregister(f"{name}_arrow")
    return con.table(name)


_SPARK_TYPES = {
    "string": "string",
    "date32[day]": "date",
    "timestamp[s]": "timestamp",
    "int64": "bigint",
    "double": "double",
    "bool": "boolean",
}


def _spark_table(con: Any, name: str, table: pa.Table) -> ibis.Table:
    # The schema is given, not inferred, so that an empty dataset (a folder with no
    # A&E attendances, say) is a table with the contract's columns like any other.
    schema = ", ".join(f"`{f.name}` {_SPARK_TYPES[str(f.type)]}" for f in table.schema)
    frame = con._session.createDataFrame(table.to_pandas(date_as_object=True), schema=schema)
    frame.createOrReplaceTempView(name)
    return con.table(name)


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    kind: str  # month, quarter, fy, oct_dec
    start: date
    end: date
    population_date: date

    @property
    def months(self) -> range:
        return range(_month_index(self.start), _month_index(self.end) + 1)


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _end_of_month(index: int) -> date:
    return _month_start(index + 1) - timedelta(days=1)


def periods_between(first: date, last: date) -> list[Period]:
    """Every month, quarter, financial year and October-December window wholly inside
    [first, last]. A month's population date is its 15th, a quarter's its middle day, a
    financial year's 30 June. The ASCOF 2B window needs 91 days after 31 December inside
    the data, so that every outcome at 91 days is known."""
    out: list[Period] = []
    for index in range(_month_index(first), _month_index(last) + 1):
        start = _month_start(index)
        if start < first:
            continue
        if _end_of_month(index) <= last:
            out.append(Period("month", start, _end_of_month(index), start.replace(day=15)))
        if start.month in (1, 4, 7, 10) and _end_of_month(index + 2) <= last:
            end = _end_of_month(index + 2)
            out.append(Period("quarter", start, end, start + (end - start) // 2))
        if start.month == 4 and date(start.year + 1, 3, 31) <= last:
            out.append(Period("fy", start, date(start.year + 1, 3, 31), date(start.year, 6, 30)))
        if start.month == 10 and date(start.year, 12, 31) + timedelta(days=91) <= last:
            out.append(Period("oct_dec", start, date(start.year, 12, 31), date(start.year, 6, 30)))
    return out


def _as_date(value: Any) -> date:
    """A plain date from whatever an engine returns (date, datetime or Timestamp)."""
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value


# --------------------------------------------------------------------------- passes


def _number(value: Any) -> int | float:
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return float(value)
    return value


Sums = dict[str, dict[tuple[str, int], int | float]]


def aggregate_source(
    con: Any, inputs: Inputs, source: str, measures: dict[str, Measure]
) -> tuple[Sums, dict[str, tuple[date | None, date | None]]]:
    """One pass over a source: every measure's sum by area and month of its date, and the
    first and last of each of those dates."""
    table = SOURCES[source](inputs)
    date_columns = sorted({m.dated_by for m in measures.values()})
    # A source may carry its month keys ready made (worked out before a join, on fewer
    # or narrower rows); otherwise they are worked out here.
    keys = {
        f"month_of_{c}": table[f"month_of_{c}"]
        if f"month_of_{c}" in table.columns
        else month_key(table[c])
        for c in date_columns
    }
    aggregates = {}
    for c in date_columns:
        aggregates[f"first_of_{c}"] = table[c].min()
        aggregates[f"last_of_{c}"] = table[c].max()
    for name, m in measures.items():
        condition = m.when(table) if m.when is not None else None
        if m.value is None:
            aggregates[name] = table.count(where=condition)
        else:
            aggregates[name] = m.value(table).sum(where=condition)
    grouped = table.group_by(area=table.area, **keys).aggregate(**aggregates)
    out: Sums = {name: {} for name in measures}
    bounds: dict[str, tuple[date | None, date | None]] = dict.fromkeys(date_columns, (None, None))
    for row in con.to_pyarrow(grouped).to_pylist():
        for c in date_columns:
            low, high = bounds[c]
            first, last = row[f"first_of_{c}"], row[f"last_of_{c}"]
            if first is not None:
                first, last = _as_date(first), _as_date(last)
                bounds[c] = (min(low or first, first), max(high or last, last))
        for name, m in measures.items():
            month = row[f"month_of_{m.dated_by}"]
            value = _number(row[name])
            if month is None or not value:
                continue
            cell = (row["area"], month)
            out[name][cell] = out[name].get(cell, 0) + value
    return out, bounds


class PopulationCounts:
    """People registered and alive by area and age band, on any date in the window."""

    def __init__(self, changes: pa.Table) -> None:
        changes = changes.sort_by(
            [("area", "ascending"), ("age_band", "ascending"), ("day", "ascending")]
        )
        areas = changes.column("area").to_pylist()
        bands = changes.column("age_band").to_pylist()
        days = changes.column("day").cast(pa.date32()).to_numpy().astype("datetime64[D]")
        steps = changes.column("change").cast(pa.int64()).to_numpy()
        self._series: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        begin = 0
        for index in range(1, len(areas) + 1):
            if index == len(areas) or (areas[index], bands[index]) != (areas[begin], bands[begin]):
                self._series[(areas[begin], bands[begin])] = (
                    days[begin:index],
                    np.cumsum(steps[begin:index]),
                )
                begin = index

    @property
    def areas(self) -> set[str]:
        return {area for area, _ in self._series}

    def on(self, day: date, area: str, bands: Iterable[str]) -> int:
        total = 0
        for band in bands:
            series = self._series.get((area, band))
            if series is None:
                continue
            position = int(np.searchsorted(series[0], np.datetime64(day, "D"), side="right"))
            total += int(series[1][position - 1]) if position else 0
        return total


def _measures_by_source(wanted: list[str]) -> dict[str, dict[str, Measure]]:
    """Each distinct measure once, under a stable name, grouped by the source it reads."""
    by_source: dict[str, dict[str, Measure]] = defaultdict(dict)
    for metric_id in wanted:
        d = DEFINITIONS[metric_id]
        for role, m in (("num", d.numerator), ("den", d.denominator), ("sq", d.squares)):
            if isinstance(m, Measure):
                by_source[m.source][_measure_name(m, metric_id, role)] = m
    return by_source


_shared_names: dict[Measure, str] = {}


def _measure_name(m: Measure, metric_id: str, role: str) -> str:
    # A measure shared by two metrics (the 2B cohort, A&E attendances) is summed once.
    return _shared_names.setdefault(m, f"{metric_id}__{role}")


# --------------------------------------------------------------------------- counts


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
    wanted = list(dict.fromkeys(metrics or DEFINITIONS))
    unknown = [m for m in wanted if m not in DEFINITIONS]
    if unknown:
        raise MetricsError(
            f"unknown metric(s): {', '.join(unknown)}; known: {', '.join(DEFINITIONS)}"
        )
    if start and end and start > end:
        raise MetricsError(f"the first day {start} is after the last day {end}")
    con = connect(engine)
    inputs = read_inputs(con, folder)
    resident = [m for m in wanted if BY_ID[m].areas != "organisation"]
    rows: list[dict[str, Any]] = []
    if resident:
        rows += _resident_counts(con, inputs, resident, start, end)
    organisational = [m for m in wanted if BY_ID[m].areas == "organisation"]
    if organisational:
        rows += _organisation_counts(con, inputs, organisational, start, end)
    return rows


def _resident_counts(
    con: Any, inputs: Inputs, wanted: list[str], start: date | None, end: date | None
) -> list[dict[str, Any]]:
    by_source = _measures_by_source(wanted)
    # Admissions and arrivals fix the data window, whichever metrics are asked for.
    by_source["activity"]["__admissions"] = Measure("activity", "admission_date")
    by_source["activity"]["__arrivals"] = Measure("activity", "arrival_time")
    sums: Sums = {}
    bounds: dict[str, tuple[date | None, date | None]] = {}
    for source, measures in by_source.items():
        source_sums, source_bounds = aggregate_source(con, inputs, source, measures)
        sums |= source_sums
        if source == "activity":
            bounds = source_bounds
    first, last_admission = bounds["admission_date"]
    if first is None or last_admission is None:
        raise MetricsError("hospital_spells is empty: the data cover no period")
    # From the first admission to the last day with activity (the extract date).
    last = max(d for d in (last_admission, bounds["arrival_time"][1]) if d is not None)
    periods = periods_between(max(first, start or first), min(last, end or last))
    if not periods:
        raise MetricsError("the data cover no whole month in the dates asked for")
    population = None
    if any(isinstance(DEFINITIONS[m].denominator, Population) for m in wanted):
        dates = [p.population_date for p in periods]
        changes = population_changes(inputs.people, min(dates), max(dates))
        population = PopulationCounts(con.to_pyarrow(changes))
    areas = set(population.areas) if population else set()
    for cells in sums.values():
        areas |= {area for area, _ in cells}
    rows = []
    for metric_id in wanted:
        d, kinds = DEFINITIONS[metric_id], BY_ID[metric_id].periods
        names = _names(d, metric_id)
        for period in (p for p in periods if p.kind in kinds):
            for area in sorted(areas):
                numerator = _sum_months(sums[names["num"]], area, period)
                if isinstance(d.denominator, Population):
                    assert population is not None
                    denominator = population.on(period.population_date, area, d.denominator.bands)
                else:
                    denominator = _sum_months(sums[names["den"]], area, period)
                squares = _sum_months(sums[names["sq"]], area, period) if d.squares else 0
                rows.append(
                    _row(metric_id, period.start, period.end, area, numerator, denominator, squares)
                )
    return rows


def _names(d: Any, metric_id: str) -> dict[str, str]:
    return {
        role: _measure_name(m, metric_id, role)
        for role, m in (("num", d.numerator), ("den", d.denominator), ("sq", d.squares))
        if isinstance(m, Measure)
    }


def _sum_months(cells: dict[tuple[str, int], int | float], area: str, period: Period) -> Any:
    return sum(cells.get((area, month), 0) for month in period.months)


def _row(metric_id: str, start: date, end: date, area: str, num: Any, den: Any, sq: Any) -> dict:
    return {
        "metric_id": metric_id,
        "period_start": start,
        "period_end": end,
        "area": area,
        "numerator": num,
        "denominator": den,
        "extra": sq,
    }


def _organisation_counts(
    con: Any, inputs: Inputs, wanted: list[str], start: date | None, end: date | None
) -> list[dict[str, Any]]:
    """Finance year to date and workforce by month, for each organisation and month that
    has figures (a ledger month counts once its actuals are in)."""
    by_source = _measures_by_source(wanted)
    for source in by_source:
        by_source[source]["__rows"] = Measure(source, "month")
    rows = []
    for source, measures in by_source.items():
        sums, _ = aggregate_source(con, inputs, source, measures)
        present = sorted(sums["__rows"])
        for metric_id in wanted:
            d = DEFINITIONS[metric_id]
            if d.numerator.source != source:
                continue
            names = _names(d, metric_id)
            for area, month in present:
                month_start, month_end = _month_start(month), _end_of_month(month)
                if (start and month_start < start) or (end and month_end > end):
                    continue
                if "month_ytd" in BY_ID[metric_id].periods:
                    fy_start = date(month_start.year - (month_start.month < 4), 4, 1)
                    months = range(_month_index(fy_start), month + 1)
                    period_start = fy_start
                else:
                    months, period_start = range(month, month + 1), month_start
                num = sum(sums[names["num"]].get((area, m), 0) for m in months)
                den = sum(sums[names["den"]].get((area, m), 0) for m in months)
                rows.append(_row(metric_id, period_start, month_end, area, num, den, 0))
    return rows


# --------------------------------------------------------------------------- areas


def system_of(neighbourhoods: set[str], organisations: set[str] = frozenset()) -> System:
    """The demo system whose registry holds these neighbourhood (and organisation) codes."""
    for system in DEMO_SYSTEMS:
        if neighbourhoods <= {n.code for n in system.neighbourhoods} and organisations <= {
            o.code for o in system.organisations
        }:
            return system
    unknown = sorted(neighbourhoods | organisations)
    raise MetricsError(
        "the data's neighbourhood and organisation codes belong to no one registry system "
        f"(codes: {', '.join(unknown[:12])}{', ...' if len(unknown) > 12 else ''})"
    )


def rollup(rows: list[dict[str, Any]], system: System) -> list[dict[str, Any]]:
    """Neighbourhood counts summed to places and the system; organisations to the system.
    Rows are summed in a fixed order so that sums of decimals never depend on the engine."""
    place_of = {n.code: n.place_code for n in system.neighbourhoods}
    totals: dict[tuple, list[Any]] = defaultdict(lambda: [0, 0, 0])
    ordered = sorted(rows, key=lambda r: (r["metric_id"], r["period_start"], r["area"]))
    for r in ordered:
        base = (r["metric_id"], r["period_start"], r["period_end"])
        if BY_ID[r["metric_id"]].areas == "organisation":
            levels = [("organisation", r["area"])]
        else:
            if r["area"] not in place_of:
                raise MetricsError(f"neighbourhood {r['area']} is not in {system.name}")
            levels = [("neighbourhood", r["area"]), ("place", place_of[r["area"]])]
        levels.append(("system", system.code))
        for area_type, code in levels:
            total = totals[(*base, area_type, code)]
            total[0] += r["numerator"]
            total[1] += r["denominator"]
            total[2] += r["extra"]
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


# --------------------------------------------------------------------------- results


def _clean(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), 6)


def finalise(row: dict[str, Any]) -> dict[str, Any]:
    """Disclosure control, then value and interval from the controlled counts."""
    metric = BY_ID[row["metric_id"]]
    num, den, squares = row["numerator"], row["denominator"], row["extra"]
    suppressed = False
    if metric.areas != "organisation":
        controlled_num, controlled_den, suppressed = disclosure.control(num, den)
        if metric.interval == "mean" and controlled_num is not None and den:
            # The spread is rescaled with the rounded count so the interval matches the
            # controlled numerator and denominator shown beside it (docs/adr/0141).
            squares = squares * controlled_den / den if controlled_den else 0
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
            bounds = intervals.mean_interval(num, den, squares)
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
    system: System | None = None,
) -> pa.Table:
    """The results table of DATA.md for every area and period the data cover, disclosure
    controlled and ready to leave the package. ``system`` defaults to the demo system
    whose registry holds the data's neighbourhood codes."""
    rows = raw_counts(data, engine=engine, metrics=metrics, start=start, end=end)
    if system is None:
        system = system_of(
            {r["area"] for r in rows if BY_ID[r["metric_id"]].areas != "organisation"},
            {r["area"] for r in rows if BY_ID[r["metric_id"]].areas == "organisation"},
        )
    results = [finalise(r) for r in rollup(rows, system)]
    results.sort(
        key=lambda r: (
            r["metric_id"],
            r["area_type"],
            r["area_code"],
            r["period_start"],
            r["period_end"],
        )
    )
    return pa.Table.from_pylist(results, schema=RESULTS.arrow_schema)
