"""``concordat data check DIR`` / ``data load DIR --store DIR`` / ``data versions``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analytics.geography import KESTREL_VALE
from analytics.loading.check import RegistryCodes, check_folder
from analytics.loading.store import LoadRefused, list_versions, load_folder


def _codes(path: str | None) -> RegistryCodes:
    if path:
        return RegistryCodes.from_json(Path(path))
    return RegistryCodes.from_system(KESTREL_VALE)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="concordat data", description="Check and load partner data."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check a folder against the data contract")
    check.add_argument("folder")
    check.add_argument("--codes", help="JSON of the registry's codes (default: the demo ICS)")
    check.add_argument("--max-per-rule", type=int, default=20)
    check.add_argument("--ignore-extra-columns", action="store_true")
    check.add_argument("--format", choices=["text", "json"], default="text")
    load = sub.add_parser("load", help="check a folder and load it as a new version")
    load.add_argument("folder")
    load.add_argument("--store", required=True)
    load.add_argument("--source", default="")
    load.add_argument("--by", default="command line")
    load.add_argument("--codes")
    load.add_argument("--ignore-extra-columns", action="store_true")
    versions = sub.add_parser("versions", help="list the loaded versions")
    versions.add_argument("--store", required=True)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    try:
        codes = _codes(getattr(args, "codes", None))
    except (OSError, ValueError, TypeError) as exc:
        print(f"Cannot read the registry codes: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        report = check_folder(
            args.folder,
            codes,
            max_per_rule=max(1, args.max_per_rule),
            ignore_extra_columns=args.ignore_extra_columns,
        )
        print(json.dumps(report.as_dict(), indent=2) if args.format == "json" else report.text())
        return 0 if report.ok else 1
    if args.command == "load":
        try:
            record = load_folder(
                args.folder,
                args.store,
                source=args.source or args.folder,
                loaded_by=args.by,
                codes=codes,
                ignore_extra_columns=args.ignore_extra_columns,
            )
        except LoadRefused as refused:
            print(refused.report.text())
            return 1
        rows = ", ".join(f"{k} {v['rows']:,}" for k, v in record.manifest["datasets"].items())
        print(f"Loaded version {record.version} into {args.store}: {rows}")
        return 0
    for manifest in list_versions(args.store):
        print(
            f"{manifest['version']}  {manifest['loaded_at']}  {manifest['source']}  "
            f"by {manifest['loaded_by']}"
        )
    return 0
