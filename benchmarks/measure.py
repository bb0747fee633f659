"""Run one benchmark task in this process and print its time and peak memory as JSON.

python -m benchmarks.measure generate PEOPLE YEARS OUT
python -m benchmarks.measure duckdb DATA
python -m benchmarks.measure pyspark DATA OUT
python -m benchmarks.measure pandas DATA
python -m benchmarks.measure scan DATA
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def scan(data: Path) -> int:
    """One plain DuckDB pass over every value of every input file: the floor. (Hashing
    each row forces every value to be read and decoded; min and max alone could be answered
    from Parquet's statistics without reading the data.)"""
    import duckdb
    import pyarrow.parquet as pq

    total = 0
    con = duckdb.connect()
    for path in sorted(data.glob("*.parquet")):
        columns = pq.read_schema(path).names
        row = ", ".join(f'"{c}"' for c in columns)
        con.execute(f"SELECT count(*), sum(hash({row})) FROM read_parquet('{path}')").fetchall()
        total += 1
    return total


def main(argv: list[str]) -> int:
    task = argv[0]
    # Import first: the figures are the work itself, not Python loading its libraries.
    import ibis.backends.duckdb  # noqa: F401

    import analytics.metrics.engine  # noqa: F401
    import analytics.synthetic  # noqa: F401
    import benchmarks.pandas_baseline  # noqa: F401

    started = time.perf_counter()
    detail: dict = {}
    if task == "generate":
        from analytics.synthetic import generate

        summary = generate(int(argv[1]), int(argv[2]), 1, Path(argv[3]), progress=False)
        detail = {"rows": summary.rows}
    elif task in ("duckdb", "pyspark"):
        from analytics.metrics.engine import compute

        table = compute(Path(argv[1]), engine=task)
        detail = {"results": table.num_rows}
        if len(argv) > 2:
            import pyarrow.parquet as pq

            pq.write_table(table, argv[2])
    elif task == "pandas":
        from benchmarks.pandas_baseline import compute_counts

        detail = {"rows": len(compute_counts(Path(argv[1])))}
    elif task == "scan":
        detail = {"files": scan(Path(argv[1]))}
    else:
        print(f"unknown task {task}", file=sys.stderr)
        return 2
    print(
        json.dumps(
            {
                "task": task,
                "seconds": round(time.perf_counter() - started, 2),
                "peak_mb": round(peak_mb()),
                **detail,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
