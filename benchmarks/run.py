"""Run the analytics benchmarks and write the results table into benchmarks/README.md.

    python -m benchmarks.run [--scales 100000,1000000,3000000] [--repeats 3] [--spark-at 1000000]

Each measurement runs in a fresh process (``benchmarks.measure``) so its peak memory is its
own; figures are medians of the repeats. Data go under ``bench-data/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "benchmarks" / "README.md"
MARK_START, MARK_END = "<!-- analytics-results:start -->", "<!-- analytics-results:end -->"


def measure(*args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"benchmark step {args} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="100000,1000000,3000000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--spark-at", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    rows = []
    spark_line = "PySpark was not run."
    for scale in [int(s) for s in args.scales.split(",")]:
        data = ROOT / "bench-data" / f"people-{scale}"
        gen = [
            measure("generate", str(scale), str(args.years), str(data)) for _ in range(args.repeats)
        ]
        # DuckDB and its floor are measured in adjacent pairs, so that a slower or faster
        # spell of a shared machine affects both sides of the ratio alike.
        duck, scan = [], []
        for _ in range(args.repeats):
            duck.append(measure("duckdb", str(data)))
            scan.append(measure("scan", str(data)))
        pandas = [measure("pandas", str(data)) for _ in range(args.repeats)]
        d, p, s = median(duck, "seconds"), median(pandas, "seconds"), median(scan, "seconds")
        rows.append(
            f"| {scale:,} | {median(gen, 'seconds'):.1f} s / {median(gen, 'peak_mb'):,.0f} MB | "
            f"{d:.1f} s / {median(duck, 'peak_mb'):,.0f} MB | {p:.1f} s / "
            f"{median(pandas, 'peak_mb'):,.0f} MB | {p / d:.1f}x | {s:.2f} s | {d / s:.1f}x |"
        )
        print(rows[-1], flush=True)
        if scale == args.spark_at:
            out_duck, out_spark = data / "results-duckdb.parquet", data / "results-spark.parquet"
            measure("duckdb", str(data), str(out_duck))
            spark = measure("pyspark", str(data), str(out_spark))
            import pyarrow.parquet as pq

            same = pq.read_table(out_duck).to_pylist() == pq.read_table(out_spark).to_pylist()
            spark_line = (
                f"PySpark (local mode, 2 cores) at {scale:,} people: "
                f"{spark['seconds']:.0f} s, {spark['results']:,} results, "
                f"{'identical to DuckDB, row for row' if same else 'DIFFERENT from DuckDB'}."
            )
            print(spark_line, flush=True)
    table = "\n".join(
        [
            f"Measured {date.today().isoformat()} on {machine()}.",
            f"Command: `python -m benchmarks.run --scales {args.scales} --repeats {args.repeats}` "
            f"({args.years} years of data; medians of {args.repeats} runs; time / peak memory; "
            "times exclude Python importing its libraries, about 2 s).",
            "",
            "| people | generate | DuckDB, all metrics | pandas baseline | DuckDB faster by "
            "| one DuckDB scan (floor) | DuckDB / floor |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            *rows,
            "",
            spark_line,
        ]
    )
    text = README.read_text() if README.exists() else ""
    if MARK_START in text:
        head, rest = text.split(MARK_START, 1)
        text = head + MARK_START + "\n" + table + "\n" + MARK_END + rest.split(MARK_END, 1)[1]
    else:
        text += f"\n{MARK_START}\n{table}\n{MARK_END}\n"
    README.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
