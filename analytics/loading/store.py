"""The versioned store: each successful load is a new folder of Parquet files; ``CURRENT``
names the one the engines read. A load is written to a temporary folder, made durable,
renamed, and only then does ``CURRENT`` move (an atomic file replace), so a failed or
interrupted load leaves the previous version current and untouched."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

from analytics.contract import DATASETS, LOAD_ORDER, ColumnType
from analytics.loading.check import CheckReport, RegistryCodes, check_folder

CONTRACT_VERSION = "1"
TYPED = {
    ColumnType.DATE: "TRY_CAST({q} AS DATE)",
    ColumnType.TIMESTAMP: "TRY_CAST(replace({q}, 'T', ' ') AS TIMESTAMP)",
    ColumnType.INTEGER: "TRY_CAST({q} AS BIGINT)",
    ColumnType.DECIMAL: "TRY_CAST({q} AS DOUBLE)",
    ColumnType.BOOLEAN: "lower({q}) IN ('true','1','t','yes')",
    ColumnType.STRING: "NULLIF(trim({q}), '')",
}


class LoadRefused(Exception):
    def __init__(self, report: CheckReport) -> None:
        super().__init__(f"{report.total} problem(s); nothing was loaded")
        self.report = report


@dataclass(frozen=True)
class LoadRecord:
    version: str
    path: Path
    manifest: dict[str, Any]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def current_version(store: Path | str) -> Path | None:
    pointer = Path(store) / "CURRENT"
    if not pointer.exists():
        return None
    return Path(store) / "versions" / pointer.read_text().strip()


def list_versions(store: Path | str) -> list[dict[str, Any]]:
    root = Path(store) / "versions"
    if not root.is_dir():
        return []
    out = []
    for folder in sorted(root.iterdir(), reverse=True):
        manifest = folder / "manifest.json"
        if folder.is_dir() and manifest.exists() and not folder.name.startswith("."):
            out.append(json.loads(manifest.read_text()))
    return out


def _next_version(store: Path) -> str:
    root = store / "versions"
    numbers = [int(p.name) for p in root.iterdir() if p.name.isdigit()] if root.is_dir() else []
    return f"{max(numbers, default=0) + 1:04d}"


def load_folder(
    path: Path | str,
    store: Path | str,
    *,
    source: str,
    loaded_by: str,
    codes: RegistryCodes | None = None,
    ignore_extra_columns: bool = False,
) -> LoadRecord:
    """Check the folder and, only if it meets the contract, add it as a new version.

    Datasets the folder does not include are carried over from the previous version, so a
    partner can send one dataset at a time (docs/adr/0100-versioned-store.md).
    """
    folder, store = Path(path), Path(store)
    con = duckdb.connect()
    report = check_folder(folder, codes, ignore_extra_columns=ignore_extra_columns, connection=con)
    if not report.ok:
        con.close()
        raise LoadRefused(report)
    store.mkdir(parents=True, exist_ok=True)
    (store / "versions").mkdir(exist_ok=True)
    version = _next_version(store)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=store / "versions"))
    previous = current_version(store)
    try:
        datasets: dict[str, Any] = {}
        for name in LOAD_ORDER:
            target = staging / f"{name}.parquet"
            if name in report.files:
                dataset = DATASETS[name]
                select = ", ".join(
                    TYPED[col.type].format(q=f'"{col.name}"') + f' AS "{col.name}"'
                    for col in dataset.columns
                )
                table = con.sql(f"SELECT {select} FROM raw_{name} ORDER BY _row").to_arrow_table()
                table = table.cast(dataset.arrow_schema)
                pq.write_table(table, target, compression="zstd")
                datasets[name] = {
                    "source_file": report.files[name].name,
                    "source_sha256": _sha256(report.files[name]),
                    "rows": table.num_rows,
                }
            elif previous is not None and (previous / f"{name}.parquet").exists():
                shutil.copy2(previous / f"{name}.parquet", target)
                old = json.loads((previous / "manifest.json").read_text())["datasets"][name]
                datasets[name] = {**old, "carried_over_from": previous.name}
        manifest = {
            "version": version,
            "loaded_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "source": source,
            "loaded_by": loaded_by,
            "contract_version": CONTRACT_VERSION,
            "datasets": datasets,
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2))
        for file in staging.iterdir():
            with file.open("rb") as handle:
                os.fsync(handle.fileno())
        _fsync_dir(staging)
        final = store / "versions" / version
        staging.rename(final)
        _fsync_dir(store / "versions")
        pointer = store / "CURRENT.tmp"
        pointer.write_text(version)
        with pointer.open("rb") as handle:
            os.fsync(handle.fileno())
        pointer.replace(store / "CURRENT")
        _fsync_dir(store)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        con.close()
    return LoadRecord(version=version, path=final, manifest=manifest)
