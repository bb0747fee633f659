"""``concordat metrics compute --data DIR --out FILE`` and ``concordat metrics list``.

Only the disclosure-controlled results table is written. Messages name files, metrics and
dates asked for, never a value read from the data."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyarrow as pa

from analytics.metrics.catalogue import BY_ID, CATALOGUE

SUFFIXES = (".parquet", ".csv")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="concordat metrics")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("compute", help="compute metrics from a folder in the data contract")
    run.add_argument("--data", required=True, help="folder of the contract's files")
    run.add_argument("--out", required=True, help="results file (.parquet or .csv)")
    run.add_argument("--engine", choices=["duckdb", "pyspark"], default="duckdb")
    run.add_argument("--metrics", help="comma-separated metric ids (default: all)")
    run.add_argument("--from", dest="start", help="first day, YYYY-MM-DD")
    run.add_argument("--to", dest="end", help="last day, YYYY-MM-DD")
    sub.add_parser("list", help="list the metric library")
    return parser


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option} {text!r} is not a date written YYYY-MM-DD") from None


def _write(table: pa.Table, out: Path) -> None:
    """Write next to the target and rename: a failed write leaves no half-written file."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        if out.suffix == ".parquet":
            pq.write_table(table, temporary)
        else:
            pacsv.write_csv(table, temporary)
        temporary.replace(out)
    finally:
        temporary.unlink(missing_ok=True)


def list_catalogue() -> None:
    for m in CATALOGUE:
        print(f"{m.id:<26} {m.title}")
        print(f"{'':<26} {m.unit}, {m.polarity}; periods: {', '.join(m.periods)}")


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.command == "list":
        list_catalogue()
        return 0
    out = Path(args.out)
    problems = []
    if out.suffix not in SUFFIXES:
        problems.append(f"--out {out} must end in .parquet or .csv")
    if not Path(args.data).is_dir():
        problems.append(f"--data {args.data} is not a folder")
    metrics = None
    if args.metrics:
        metrics = [m.strip() for m in args.metrics.split(",") if m.strip()]
        unknown = [m for m in metrics if m not in BY_ID]
        if unknown:
            problems.append(
                f"unknown metric(s) {', '.join(unknown)}; `concordat metrics list` shows them all"
            )
    try:
        start, end = _date(args.start, "--from"), _date(args.end, "--to")
    except ValueError as exc:
        problems.append(str(exc))
        start = end = None
    if start and end and start > end:
        problems.append(f"--from {start} is after --to {end}")
    if problems:
        for problem in problems:
            print(f"Cannot compute: {problem}", file=sys.stderr)
        return 2

    from analytics.metrics.engine import MetricsError, compute

    started = time.perf_counter()
    try:
        table = compute(args.data, engine=args.engine, metrics=metrics, start=start, end=end)
    except MetricsError as exc:
        print(f"Cannot compute: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - an engine's own message may quote data values
        print(
            f"Cannot compute: the {args.engine} engine could not read the files in "
            f"{args.data} ({type(exc).__name__}); run `concordat data check {args.data}`",
            file=sys.stderr,
        )
        return 1
    try:
        _write(table, out)
    except OSError as exc:
        print(f"Cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    suppressed = sum(table.column("suppressed").to_pylist())
    print(
        f"Wrote {table.num_rows:,} results ({suppressed:,} suppressed) to {out} "
        f"with {args.engine} in {time.perf_counter() - started:.1f} s"
    )
    return 0
