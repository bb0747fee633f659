#!/usr/bin/env python
"""Django's usual entry point; the same as the ``concordat`` console script."""

from concordat.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
