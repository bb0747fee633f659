"""Say, before the test run, whether the browser tests will run or be skipped."""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")

if CHROMIUM.exists():
    print(f"Browser tests: will run with {CHROMIUM}")
else:
    print(
        f"Browser tests: SKIPPED (no {CHROMIUM}; install Debian's chromium package to run "
        "them: apt-get install chromium)"
    )
