"""Command-line entry points of the analytics package.

``concordat data ...``, ``concordat synth ...`` and ``concordat metrics ...`` arrive here
(see ``concordat/cli.py``) without starting Django. Each area owns its own argument
parser in ``<area>/cli.py`` exposing ``main(argv) -> int``.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "data": ("analytics.loading.cli", "check and load partner data against the contract"),
    "synth": ("analytics.synthetic.cli", "write a synthetic ICS in the data contract"),
    "metrics": ("analytics.metrics.cli", "compute the metric library's results"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        print("usage: concordat {data,synth,metrics} ...", file=sys.stderr)
        for name, (_, help_text) in COMMANDS.items():
            print(f"  {name:<8} {help_text}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[argv[0]][0])
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
