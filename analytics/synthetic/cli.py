"""``concordat synth --people N --years Y --seed S --out DIR``."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from analytics.geography import KESTREL_VALE, SALTMARSH
from analytics.synthetic.calibrate import format_table
from analytics.synthetic.generator import generate


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="concordat synth", description="Write a synthetic ICS in the data contract."
    )
    parser.add_argument("--people", type=int, required=True)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("--system", choices=["kestrel-vale", "saltmarsh"], default="kestrel-vale")
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    parser.add_argument("--end", help="extract date YYYY-MM-DD (default 2025-12-31)")
    parser.add_argument("--no-progress", action="store_true")
    try:
        args = parser.parse_args(argv)
        end = date.fromisoformat(args.end) if args.end else None
    except SystemExit as exc:
        return 2 if exc.code else 0
    except ValueError:
        print("--end must be a date written YYYY-MM-DD", file=sys.stderr)
        return 2
    if args.people < 1 or args.years < 1 or args.years > 20:
        print("--people must be at least 1 and --years from 1 to 20", file=sys.stderr)
        return 2
    system = SALTMARSH if args.system == "saltmarsh" else KESTREL_VALE
    summary = generate(
        args.people,
        args.years,
        args.seed,
        args.out,
        system=system,
        end=end,
        file_format=args.format,
        progress=not args.no_progress,
    )
    rows = ", ".join(f"{k} {v:,}" for k, v in summary.rows.items())
    print(f"Wrote {args.out} in {summary.seconds:.1f} s: {rows}")
    print(format_table(summary.calibration, summary.last_fy))
    return 0
