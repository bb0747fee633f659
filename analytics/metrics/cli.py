"""``concordat metrics compute --data DIR --out FILE`` and ``concordat metrics list``."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from analytics.metrics.catalogue import CATALOGUE
from analytics.metrics.engine import MetricsError, compute


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="concordat metrics")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("compute", help="compute metrics from a folder in the data contract")
    run.add_argument("--data", required=True)
    run.add_argument("--out", required=True, help="results file (.parquet or .csv)")
    run.add_argument("--engine", choices=["duckdb", "pyspark"], default="duckdb")
    run.add_argument("--metrics", help="comma-separated metric ids (default: all)")
    run.add_argument("--from", dest="start", help="first day, YYYY-MM-DD")
    run.add_argument("--to", dest="end", help="last day, YYYY-MM-DD")
    sub.add_parser("list", help="list the metric library")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    if args.command == "list":
        for m in CATALOGUE:
            print(f"{m.id:<28} {m.title} ({m.unit}; {', '.join(m.periods)})")
        return 0
    out = Path(args.out)
    if out.suffix not in (".parquet", ".csv"):
        print("--out must end in .parquet or .csv", file=sys.stderr)
        return 2
    try:
        start = date.fromisoformat(args.start) if args.start else None
        end = date.fromisoformat(args.end) if args.end else None
    except ValueError:
        print("--from and --to are dates written YYYY-MM-DD", file=sys.stderr)
        return 2
    metrics = [m.strip() for m in args.metrics.split(",")] if args.metrics else None
    started = time.perf_counter()
    try:
        table = compute(args.data, engine=args.engine, metrics=metrics, start=start, end=end)
    except MetricsError as exc:
        print(f"Cannot compute: {exc}", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".parquet":
        pq.write_table(table, out)
    else:
        pacsv.write_csv(table, out)
    suppressed = sum(table.column("suppressed").to_pylist())
    print(
        f"Wrote {table.num_rows:,} results ({suppressed:,} suppressed) to {out} "
        f"with {args.engine} in {time.perf_counter() - started:.1f} s"
    )
    return 0
