"""Validate a folder of partner files against the contract, with DuckDB.

Row numbers are as a person counts lines in the file: in a CSV the header is line 1, so
the first data row is row 2; in Parquet the first row is row 1.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from analytics.contract import DATASETS, LOAD_ORDER, ColumnType, Dataset, RegistryCode

DEFAULT_CAP = 20


@dataclass(frozen=True)
class Problem:
    dataset: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "rule": self.rule,
            "message": self.message,
        }


@dataclass
class RegistryCodes:
    """The codes a system's data must use, from its registry."""

    neighbourhood: set[str] = field(default_factory=set)
    place: set[str] = field(default_factory=set)
    organisation: set[str] = field(default_factory=set)

    @classmethod
    def from_system(cls, system: Any) -> RegistryCodes:
        return cls(
            neighbourhood={n.code for n in system.neighbourhoods},
            place={p.code for p in system.places},
            organisation={o.code for o in system.organisations},
        )

    @classmethod
    def from_json(cls, path: Path) -> RegistryCodes:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(**{k: set(data.get(k, [])) for k in ("neighbourhood", "place", "organisation")})

    def of(self, kind: RegistryCode) -> set[str]:
        return getattr(self, kind.value)


@dataclass
class CheckReport:
    folder: str
    problems: list[Problem] = field(default_factory=list)
    more: dict[tuple[str, str | None, str], int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def total(self) -> int:
        return len(self.problems) + sum(self.more.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "ok": self.ok,
            "rows": self.rows,
            "problems": [p.as_dict() for p in self.problems],
            "more": [
                {"dataset": d, "column": c, "rule": r, "count": n}
                for (d, c, r), n in self.more.items()
            ],
        }

    def text(self) -> str:
        if self.ok:
            lines = [f"All files in {self.folder} meet the data contract."]
            lines += [f"  {name}: {n:,} rows" for name, n in self.rows.items()]
            return "\n".join(lines)
        lines = [
            f"{self.total:,} problem(s) in {self.folder}. Nothing was loaded.",
            "Rows are counted as lines of the file (a CSV's header is line 1).",
        ]
        by_dataset: dict[str, list[Problem]] = defaultdict(list)
        for p in self.problems:
            by_dataset[p.dataset].append(p)
        for dataset, problems in by_dataset.items():
            lines.append(f"\n{dataset}")
            for p in problems:
                where = ", ".join(
                    x
                    for x in (
                        f"row {p.row}" if p.row is not None else "",
                        f"column {p.column}" if p.column else "",
                        f"value {p.value!r}" if p.value is not None else "",
                    )
                    if x
                )
                lines.append(f"  - {where + ': ' if where else ''}{p.message} [{p.rule}]")
            for (d, column, rule), n in self.more.items():
                if d == dataset:
                    lines.append(f"  ... and {n:,} more like this ({column or 'file'}, {rule})")
        return "\n".join(lines)


class _Collector:
    def __init__(self, report: CheckReport, cap: int) -> None:
        self.report, self.cap = report, cap

    def add_many(
        self,
        dataset: str,
        column: str | None,
        rule: str,
        message: str,
        rows: list[tuple[int | None, Any]],
        total: int,
    ) -> None:
        for row, value in rows[: self.cap]:
            self.report.problems.append(
                Problem(
                    dataset, row, column, None if value is None else str(value)[:80], rule, message
                )
            )
        if total > min(len(rows), self.cap):
            self.report.more[(dataset, column, rule)] = total - min(len(rows), self.cap)

    def add(
        self,
        dataset: str,
        rule: str,
        message: str,
        column: str | None = None,
        value: Any = None,
        row: int | None = None,
    ) -> None:
        self.add_many(dataset, column, rule, message, [(row, value)], 1)


def _find_files(folder: Path, c: _Collector) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        stem, suffix = path.stem, path.suffix.lower()
        if suffix not in (".csv", ".parquet") or stem not in DATASETS:
            c.add(
                path.name,
                "unknown-file",
                "not a dataset of the contract "
                f"(expected one of: {', '.join(f'{d}.csv or {d}.parquet' for d in DATASETS)})",
            )
            continue
        if stem in files:
            c.add(
                stem,
                "duplicate-file",
                f"both {files[stem].name} and {path.name} are present; keep one",
            )
            continue
        files[stem] = path
    if "people" not in files and files:
        c.add("people", "missing-dataset", "people is required: every other dataset refers to it")
    return files


def _sql_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _register(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, path: Path, c: _Collector, ignore_extra: bool
) -> bool:
    """Create view ``raw_<name>`` of all columns as text with a ``_row`` number."""
    name = dataset.name
    wanted = list(dataset.column_names)
    if path.suffix.lower() == ".csv":
        header = _csv_header(path)
        if header is None:
            c.add(name, "empty-file", "the file is empty; it needs at least a header row")
            return False
        if isinstance(header, str):
            c.add(name, "invalid-encoding", header, row=1)
            return False
        columns = [str(h).strip() for h in header]
        if not _columns_ok(name, columns, wanted, c, ignore_extra):
            return False
        spec = "{" + ", ".join(f"'{col}': 'VARCHAR'" for col in columns) + "}"
        con.execute(
            f"CREATE TABLE raw_{name} AS SELECT row_number() OVER () + 1 AS _row, * FROM "
            f"read_csv({_sql_literal(path)}, header=true, columns={spec}, store_rejects=true, "
            f"rejects_table='rej_{name}', rejects_scan='scan_{name}', quote='\"', "
            "max_line_size=10000000, null_padding=false)"
        ).fetchall()
        rejects = con.execute(
            f"SELECT DISTINCT line, error_type, '' AS message, '' AS csv_line FROM rej_{name} "
            "ORDER BY line"
        ).fetchall()
        if rejects:
            by_kind: dict[str, list[tuple[int, str]]] = defaultdict(list)
            for line, kind, _message, text in rejects:
                by_kind[kind].append((line, text))
            for kind, rows in by_kind.items():
                message = {
                    "INVALID ENCODING": "the line is not valid UTF-8 text; save the file as UTF-8",
                    "MISSING COLUMNS": f"the line has fewer values than the {len(columns)} columns",
                    "TOO MANY COLUMNS": f"the line has more values than the {len(columns)} columns",
                }.get(kind, f"the line cannot be read ({kind.lower()})")
                c.add_many(
                    name,
                    None,
                    kind.lower().replace(" ", "-"),
                    message,
                    [(line, None) for line, _ in rows],
                    len(rows),
                )
            return False
    else:
        try:
            import pyarrow.parquet as pq

            schema = pq.read_schema(path)
        except Exception as exc:  # any unreadable Parquet file is reported, not raised
            c.add(name, "unreadable", f"the file cannot be read as Parquet ({_short(exc)})")
            return False
        if not _columns_ok(name, list(schema.names), wanted, c, ignore_extra):
            return False
        for col in dataset.columns:
            actual = schema.field(col.name).type
            if not _compatible(actual, col.type):
                c.add(
                    name,
                    "wrong-type",
                    f"stored as {actual}, the contract says {col.type.value}",
                    column=col.name,
                )
        if c.report.problems and any(
            p.rule == "wrong-type" and p.dataset == name for p in c.report.problems
        ):
            return False
        casts = ", ".join(
            f"CASE WHEN {q} IS NULL THEN NULL ELSE "
            + (
                f"strftime({q}, '%Y-%m-%dT%H:%M:%S')"
                if col.type == ColumnType.TIMESTAMP
                else f"CAST({q} AS VARCHAR)"
            )
            + f" END AS {q}"
            for col in dataset.columns
            for q in [f'"{col.name}"']
        )
        con.execute(
            f"CREATE TABLE raw_{name} AS SELECT row_number() OVER () AS _row, {casts} "
            f"FROM read_parquet({_sql_literal(path)})"
        ).fetchall()
    return True


def _csv_header(path: Path) -> list[str] | str | None:
    """The header row, read by Python's csv module (a message if it is not UTF-8)."""
    import csv

    with path.open("rb") as handle:
        first = handle.readline()
    if not first.strip():
        return None
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "the header row is not valid UTF-8 text; save the file as UTF-8"
    return next(csv.reader([text]))


def _compatible(actual: Any, expected: ColumnType) -> bool:
    import pyarrow as pa

    return {
        ColumnType.STRING: pa.types.is_string(actual) or pa.types.is_large_string(actual),
        ColumnType.DATE: pa.types.is_date(actual),
        ColumnType.TIMESTAMP: pa.types.is_timestamp(actual),
        ColumnType.INTEGER: pa.types.is_integer(actual),
        ColumnType.DECIMAL: pa.types.is_floating(actual)
        or pa.types.is_decimal(actual)
        or pa.types.is_integer(actual),
        ColumnType.BOOLEAN: pa.types.is_boolean(actual),
    }[expected]


def _columns_ok(
    name: str, columns: list[str], wanted: list[str], c: _Collector, ignore_extra: bool
) -> bool:
    ok = True
    missing = [w for w in wanted if w not in columns]
    extra = [col for col in columns if col not in wanted]
    dupes = sorted({col for col in columns if columns.count(col) > 1})
    for col in missing:
        c.add(name, "missing-column", "the contract requires this column", column=col)
        ok = False
    if extra and not ignore_extra:
        for col in extra:
            c.add(
                name,
                "extra-column",
                "this column is not in the contract (remove it, or load "
                "with --ignore-extra-columns)",
                column=col,
            )
        ok = False
    for col in dupes:
        c.add(name, "duplicate-column", "the column appears more than once", column=col)
        ok = False
    return ok


def _short(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0][:200]


TRY_CAST = {
    ColumnType.DATE: "TRY_CAST({q} AS DATE)",
    ColumnType.TIMESTAMP: "TRY_CAST(replace({q}, 'T', ' ') AS TIMESTAMP)",
    ColumnType.INTEGER: "TRY_CAST({q} AS BIGINT)",
    ColumnType.DECIMAL: "TRY_CAST({q} AS DOUBLE)",
    ColumnType.BOOLEAN: "(CASE WHEN lower({q}) IN ('true','false','1','0','t','f','yes','no') "
    "THEN true END)",
}
TYPE_WORDS = {
    ColumnType.DATE: "a date written YYYY-MM-DD",
    ColumnType.TIMESTAMP: "a date and time written YYYY-MM-DDTHH:MM:SS",
    ColumnType.INTEGER: "a whole number",
    ColumnType.DECIMAL: "a number",
    ColumnType.BOOLEAN: "true or false",
}


def _query(
    con: duckdb.DuckDBPyConnection, name: str, where: str, value: str, cap: int
) -> tuple[list[tuple[int, Any]], int]:
    total = con.execute(f"SELECT count(*) FROM raw_{name} WHERE {where}").fetchall()[0][0]
    if not total:
        return [], 0
    rows = con.execute(
        f"SELECT _row, {value} FROM raw_{name} WHERE {where} ORDER BY _row LIMIT {cap}"
    ).fetchall()
    return rows, total


def _check_dataset(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    c: _Collector,
    codes: RegistryCodes | None,
    present: set[str],
) -> None:
    name, cap = dataset.name, c.cap
    blank = "(trim({q}) = '' OR {q} IS NULL)"
    for col in dataset.columns:
        q = f'"{col.name}"'
        is_blank = blank.format(q=q)
        if col.required:
            rows, n = _query(con, name, is_blank, q, cap)
            c.add_many(name, col.name, "required", "must not be empty", rows, n)
        present_value = f"NOT {is_blank}"
        if col.type in TRY_CAST:
            cast = TRY_CAST[col.type].format(q=q)
            rows, n = _query(con, name, f"{present_value} AND {cast} IS NULL", q, cap)
            c.add_many(name, col.name, "type", f"must be {TYPE_WORDS[col.type]}", rows, n)
            typed = cast
        else:
            typed = q
        if col.allowed is not None:
            allowed = ", ".join("'" + v + "'" for v in col.allowed)
            rows, n = _query(con, name, f"{present_value} AND trim({q}) NOT IN ({allowed})", q, cap)
            c.add_many(
                name,
                col.name,
                "allowed-values",
                "must be one of " + ", ".join(col.allowed),
                rows,
                n,
            )
        if col.minimum is not None:
            rows, n = _query(con, name, f"{typed} < {col.minimum}", q, cap)
            c.add_many(name, col.name, "minimum", f"must be at least {col.minimum:g}", rows, n)
        if col.maximum is not None:
            rows, n = _query(con, name, f"{typed} > {col.maximum}", q, cap)
            c.add_many(name, col.name, "maximum", f"must be at most {col.maximum:g}", rows, n)
        if col.first_of_month:
            rows, n = _query(con, name, f"day({typed}) <> 1", q, cap)
            c.add_many(
                name, col.name, "first-of-month", "must be the first day of a month", rows, n
            )
        if col.not_before:
            other = dataset.column(col.not_before)
            other_typed = TRY_CAST.get(other.type, "{q}").format(q=f'"{other.name}"')
            rows, n = _query(
                con,
                name,
                f"{typed} < {other_typed}",
                f"{q} || ' (before ' || \"{other.name}\" || ')'",
                cap,
            )
            c.add_many(
                name, col.name, "date-order", f"must not be before {col.not_before}", rows, n
            )
        if col.unique:
            where = (
                f"{q} IN (SELECT {q} FROM raw_{name} WHERE {present_value} GROUP BY {q} "
                "HAVING count(*) > 1)"
            )
            rows, n = _query(con, name, where, q, cap)
            c.add_many(name, col.name, "unique", "appears on more than one row", rows, n)
        if col.references and col.references[0] in present:
            ref_table, ref_col = col.references
            where = (
                f'{present_value} AND {q} NOT IN (SELECT "{ref_col}" FROM raw_{ref_table} '
                f'WHERE "{ref_col}" IS NOT NULL)'
            )
            rows, n = _query(con, name, where, q, cap)
            c.add_many(name, col.name, "reference", f"is not in {ref_table}.{ref_col}", rows, n)
        if col.registry and codes is not None:
            known = codes.of(col.registry)
            con.execute(
                "CREATE OR REPLACE TEMP TABLE known_codes AS SELECT unnest(?) AS code",
                [sorted(known) or [""]],
            ).fetchall()
            where = f"{present_value} AND trim({q}) NOT IN (SELECT code FROM known_codes)"
            rows, n = _query(con, name, where, q, cap)
            c.add_many(
                name,
                col.name,
                "registry-code",
                f"is not a {col.registry.value} code of the system's registry",
                rows,
                n,
            )
    if len(dataset.key) > 1:
        keys = ", ".join(f'"{k}"' for k in dataset.key)
        where = f"({keys}) IN (SELECT ({keys}) FROM raw_{name} GROUP BY {keys} HAVING count(*) > 1)"
        rows, n = _query(con, name, where, " || ' / ' || ".join(f'"{k}"' for k in dataset.key), cap)
        c.add_many(
            name,
            None,
            "duplicate-key",
            f"the same {' + '.join(dataset.key)} appears on more than one row",
            rows,
            n,
        )


def check_folder(
    path: Path | str,
    codes: RegistryCodes | None = None,
    *,
    max_per_rule: int = DEFAULT_CAP,
    ignore_extra_columns: bool = False,
    connection: duckdb.DuckDBPyConnection | None = None,
) -> CheckReport:
    """Check every file in ``path``; never raises for bad data, only reports it."""
    folder = Path(path)
    if codes is None:
        from analytics.geography import KESTREL_VALE

        codes = RegistryCodes.from_system(KESTREL_VALE)
    report = CheckReport(folder=str(folder))
    c = _Collector(report, max_per_rule)
    if not folder.is_dir():
        c.add("(folder)", "no-folder", f"{folder} is not a folder")
        return report
    files = _find_files(folder, c)
    if not files:
        if not report.problems:
            c.add("(folder)", "no-files", "the folder holds no dataset files")
        return report
    report.files = files
    con = connection or duckdb.connect()
    con.execute("SET preserve_insertion_order = true").fetchall()
    registered: set[str] = set()
    for name in LOAD_ORDER:
        if name in files and _register(con, DATASETS[name], files[name], c, ignore_extra_columns):
            registered.add(name)
    for name in LOAD_ORDER:
        if name in registered:
            _check_dataset(con, DATASETS[name], c, codes, registered)
            report.rows[name] = con.execute(f"SELECT count(*) FROM raw_{name}").fetchall()[0][0]
    if connection is None:
        con.close()
    return report
