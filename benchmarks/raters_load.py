"""200 raters answering a 360 at once, against a real server on PostgreSQL.

What it does, end to end:
1. creates a scratch PostgreSQL database, migrates it and seeds one open 360 with N
   invitations (tokens kept in memory only, as the e-mails would carry them);
2. starts Concordat under gunicorn (4 workers x 8 threads) on 127.0.0.1;
3. N rater clients, all at once, each GET their form (for the CSRF cookie) and POST their
   answers; a quarter of them submit twice at the same moment, as a double click would;
4. checks every invitation is marked answered and exactly N responses are stored;
5. times building the report and its PDF for a 360 with 40 responses.

    python -m benchmarks.raters_load [--raters 200] [--database concordat_bench]

Only 127.0.0.1 is contacted. It prints a Markdown table to paste into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8765


def django_env(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "concordat.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }


def recreate_database(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')


SEED = r"""
import django, json, sys
django.setup()
from datetime import timedelta
from django.utils import timezone
from leadership import actions
from leadership.models import RaterInvitation
from core.tokens import new_token
from partnership.models import System, Person

n = int(sys.argv[1])
spec = {"slug": "bench", "title": "Bench capabilities", "version": "1", "kind": "capabilities",
        "sections": [{"slug": f"s{s}", "title": f"Section {s}", "items": [
            {"slug": f"s{s}-i{i}", "text": f"Statement {s}.{i}"} for i in range(3)]}
            for s in range(13)]}
version = actions.framework_install(by=None, spec=spec)
system = System.objects.create(slug="bench", name="Bench ICS", code="QZB")
leader = Person.objects.create(system=system, full_name="Bench Leader", profession="manager")
feedback = actions.feedback_open(by=None, system=system, leader=leader, version=version,
                                 closes_on=timezone.localdate() + timedelta(days=7))
groups = ["peer", "direct_report", "community", "peer"]
tokens = []
for i in range(n):
    token, hashed = new_token()
    RaterInvitation.objects.create(feedback=feedback, email=f"rater{i}@bench.test",
                                   group=groups[i % 4], token_hash=hashed)
    tokens.append(token)
print(json.dumps({"feedback": feedback.pk, "tokens": tokens,
                  "items": version.item_slugs()}))
"""

CHECK = r"""
import django, json, sys
django.setup()
from leadership.models import RaterInvitation, RaterResponse
fid = int(sys.argv[1])
print(json.dumps({
    "responses": RaterResponse.objects.filter(feedback_id=fid).count(),
    "answered": RaterInvitation.objects.filter(feedback_id=fid, responded=True).count(),
}))
"""

REPORT_TIMING = r"""
import django, json, sys, time, random
django.setup()
from datetime import timedelta
from django.utils import timezone
from leadership import actions
from leadership.models import Feedback360, RaterResponse
from leadership.reports import build_360_report, render_pdf
from partnership.models import Person, System

system = System.objects.get(slug="bench")
leader = Person.objects.get(system=system)
version = Feedback360.objects.filter(system=system).first().framework_version
feedback = actions.feedback_open(by=None, system=system, leader=leader, version=version,
                                 closes_on=timezone.localdate() + timedelta(days=7))
rng = random.Random(40)
groups = ["peer"] * 12 + ["direct_report"] * 12 + ["partner"] * 10
groups += ["community"] * 5 + ["line_manager"]
sectors = ["nhs", "local_government", "vcse"]
for i, group in enumerate(groups):
    RaterResponse.objects.create(
        feedback=feedback, group=group,
        sector_group=sectors[i % 3] if group == "partner" else "",
        answers={s: rng.choice([1, 2, 3, 4, 5, None]) for s in version.item_slugs()},
        importance={s["slug"]: rng.randint(1, 5) for s in version.sections},
        comments={"strengths": f"Comment {i}"})
actions.feedback_close(by=None, feedback=feedback)
feedback.refresh_from_db()
runs = {"report": [], "pdf": []}
for _ in range(3):
    t = time.perf_counter()
    report = build_360_report(feedback)
    runs["report"].append(time.perf_counter() - t)
    t = time.perf_counter()
    pdf = render_pdf("leadership/report_print.html", {"system": system, "feedback": feedback,
                     "report": report, "generated": timezone.now()})
    runs["pdf"].append(time.perf_counter() - t)
    assert pdf[:4] == b"%PDF"
print(json.dumps(runs))
"""


def run_python(code: str, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"step failed:\n{result.stderr[-3000:]}")
    return result.stdout.strip().splitlines()[-1]


def rater(token: str, items: list[str], double: bool) -> tuple[int, float]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"http://127.0.0.1:{PORT}/r/360/{token}/"
    started = time.perf_counter()
    page = opener.open(url, timeout=60).read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {"csrfmiddlewaretoken": csrf, "submit": "1"}
    data.update({f"item-{slug}": str(1 + (hash(slug + token) % 5)) for slug in items})
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body, headers={"Referer": url})

    def post() -> int:
        try:
            return opener.open(request, timeout=60).status
        except urllib.error.HTTPError as exc:  # 410 for the second of a double submit
            return exc.code

    if double:
        with ThreadPoolExecutor(2) as pool:
            statuses = list(pool.map(lambda _: post(), range(2)))
        status = min(statuses)
    else:
        status = post()
    return status, time.perf_counter() - started


def write_readme(lines: list[str]) -> None:
    import datetime

    readme = ROOT / "benchmarks" / "README.md"
    start, end = "<!-- raters-results:start -->", "<!-- raters-results:end -->"
    text = readme.read_text()
    if start in text:
        head, rest = text.split(start, 1)
        body = f"Measured {datetime.date.today().isoformat()}.\n\n" + "\n".join(lines)
        readme.write_text(head + start + "\n" + body + "\n" + end + rest.split(end, 1)[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raters", type=int, default=200)
    parser.add_argument("--database", default="concordat_bench")
    args = parser.parse_args()
    env = django_env(args.database)
    recreate_database(args.database)
    subprocess.run(
        [sys.executable, "-m", "concordat.cli", "migrate", "--noinput", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    import json

    seeded = json.loads(run_python(SEED, env, str(args.raters)))
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "concordat.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "4",
            "--threads",
            "8",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        started = time.perf_counter()
        with ThreadPoolExecutor(args.raters) as pool:
            results = list(
                pool.map(
                    lambda it: rater(it[1], seeded["items"], double=it[0] % 4 == 0),
                    enumerate(seeded["tokens"]),
                )
            )
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    counts = json.loads(run_python(CHECK, env, str(seeded["feedback"])))
    ok = counts["responses"] == args.raters == counts["answered"]
    failures = sum(1 for status, _ in results if status != 200)
    latencies = sorted(t for _, t in results)
    timings = json.loads(run_python(REPORT_TIMING, env))
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    lines = [
        "| measure | result |",
        "| --- | --- |",
        f"| raters at once | {args.raters} (a quarter double-submitting) |",
        f"| wall time for all | {elapsed:.2f} s |",
        f"| rater round trip median / p95 | {statistics.median(latencies):.2f} s / {p95:.2f} s |",
        f"| non-200 answers | {failures} |",
        f"| responses stored / invitations answered | {counts['responses']} / "
        f"{counts['answered']} ({'exactly once each' if ok else 'MISMATCH'}) |",
        f"| report build, 40 raters (median of 3) | "
        f"{statistics.median(timings['report']) * 1000:.0f} ms |",
        f"| PDF with charts, 40 raters (median of 3) | "
        f"{statistics.median(timings['pdf']) * 1000:.0f} ms |",
    ]
    print("\n".join(lines))
    write_readme(lines)
    return 0 if ok and failures == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
