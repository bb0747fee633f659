"""The ``concordat`` console script: the project's manage.py.

``concordat data|synth|metrics ...`` go to the analytics package without starting Django;
everything else is a Django management command (``concordat demo``, ``concordat migrate``,
``concordat runserver``...).
"""

from __future__ import annotations

import os
import sys

ANALYTICS_COMMANDS = {"data", "synth", "metrics"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in ANALYTICS_COMMANDS:
        from analytics.cli import main as analytics_main

        return analytics_main(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concordat.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
