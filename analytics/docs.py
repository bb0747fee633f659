"""Generate docs/data-contract.md from the contract in code:
``python -m analytics.docs > docs/data-contract.md``."""

from __future__ import annotations

from analytics.contract import DATASETS, RESULTS, Dataset


def _table(dataset: Dataset) -> list[str]:
    lines = [
        f"## {dataset.name}: {dataset.title}",
        "",
        f"One row: {dataset.grain}.",
        "",
        "| column | type | description | rules |",
        "| --- | --- | --- | --- |",
    ]
    for col in dataset.columns:
        rules = "; ".join(col.rules()) or "may be empty"
        lines.append(f"| `{col.name}` | {col.type.value} | {col.description} | {rules} |")
    return [*lines, ""]


def render() -> str:
    lines = [
        "# Concordat data contract",
        "",
        "Generated from `analytics/contract.py` by `python -m analytics.docs`; do not edit "
        "by hand. Files are CSV (UTF-8, header row) or Parquet, one per dataset, named "
        "`<dataset>.csv` or `<dataset>.parquet`. Check a folder with "
        "`concordat data check DIR`.",
        "",
    ]
    for dataset in DATASETS.values():
        lines += _table(dataset)
    lines += _table(RESULTS)
    return "\n".join(lines)


if __name__ == "__main__":
    print(render())
