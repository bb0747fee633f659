"""Checking and loading partner data against the data contract.

    check_folder(path, codes=None) -> CheckReport      every problem, capped per rule
    load_folder(path, store, source=..., loaded_by=...) -> LoadRecord   atomic, versioned
    current_version(store) -> Path | None              the folder the engines should read
    list_versions(store) -> list[dict]                 manifests, newest first

Checks run as DuckDB SQL over the files, so they scale to millions of rows.
"""

from analytics.loading.check import CheckReport, Problem, RegistryCodes, check_folder
from analytics.loading.store import (
    LoadRecord,
    LoadRefused,
    current_version,
    list_versions,
    load_folder,
)

__all__ = [
    "CheckReport",
    "LoadRecord",
    "LoadRefused",
    "Problem",
    "RegistryCodes",
    "check_folder",
    "current_version",
    "list_versions",
    "load_folder",
]
