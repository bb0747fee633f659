"""Leadership frameworks as data: one TOML file per framework, checked on load.

Kinds: ``capabilities`` (about a leader: self-assessment and 360), ``partnership`` (about
a board or partnership: diagnostics), ``bipolar`` (the 12 shifts) and ``questions``
(frontline reflection). A framework has sections (domains, capabilities, shifts or
principles), each with items:
statements rated 1 to 5 (``text``), bipolar scales (``left`` and ``right``) or free-text
questions (``question``). ``load`` returns a plain dict (the spec stored with each
framework version); ``FrameworkError`` lists every problem in a file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KINDS = ("capabilities", "partnership", "bipolar", "questions")
STATEMENT_KINDS = ("capabilities", "partnership")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,78}$")
MIN_ITEMS, MAX_ITEMS = 2, 4


class FrameworkError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def parse(text: str) -> dict[str, Any]:
    """Read and check a framework from TOML text."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError([f"This is not valid TOML: {exc}"]) from None
    problems = validate(data)
    if problems:
        raise FrameworkError(problems)
    return normalise(data)


def load(path: Path) -> dict[str, Any]:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except FrameworkError as exc:
        raise FrameworkError([f"{path.name}: {p}" for p in exc.problems]) from None


def load_all() -> list[dict[str, Any]]:
    """Every framework shipped with Concordat, in a stable order."""
    return [load(path) for path in sorted(HERE.glob("*.toml"))]


def validate(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for key in ("slug", "title", "version", "kind"):
        if not isinstance(data.get(key), str) or not data.get(key):
            problems.append(f"'{key}' is required and must be text")
    if data.get("slug") and not SLUG.match(str(data["slug"])):
        problems.append("'slug' must be lower-case letters, digits and hyphens")
    kind = data.get("kind")
    if kind and kind not in KINDS:
        problems.append(f"'kind' must be one of {', '.join(KINDS)}")
    source = data.get("source")
    if not isinstance(source, dict) or not source.get("title"):
        problems.append("[source] with a 'title' is required: cite where the framework comes from")
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections:
        problems.append("at least one [[sections]] is required")
        return problems
    seen: set[str] = set()
    for i, section in enumerate(sections, start=1):
        where = f"section {i}"
        if not isinstance(section, dict):
            problems.append(f"{where} must be a table")
            continue
        slug = section.get("slug", "")
        where = f"section {i} ({slug or 'no slug'})"
        if not SLUG.match(str(slug)):
            problems.append(f"{where}: 'slug' is required (lower-case letters, digits, hyphens)")
        if slug in seen:
            problems.append(f"{where}: slug '{slug}' is used twice")
        seen.add(slug)
        if not section.get("title"):
            problems.append(f"{where}: 'title' is required")
        items = section.get("items")
        if not isinstance(items, list) or not items:
            problems.append(f"{where}: 'items' is required")
            continue
        rated = [it for it in items if isinstance(it, dict) and it.get("text")]
        if kind in STATEMENT_KINDS and not MIN_ITEMS <= len(rated) <= MAX_ITEMS:
            problems.append(
                f"{where}: needs {MIN_ITEMS} to {MAX_ITEMS} behaviour statements, has {len(rated)}"
            )
        if kind == "questions" and not any(
            isinstance(it, dict) and it.get("question") for it in items
        ):
            problems.append(f"{where}: needs at least one question")
        for j, item in enumerate(items, start=1):
            iwhere = f"{where}, item {j}"
            if not isinstance(item, dict):
                problems.append(f"{iwhere} must be a table")
                continue
            islug = item.get("slug", "")
            if not SLUG.match(str(islug)):
                problems.append(f"{iwhere}: 'slug' is required")
            if islug in seen:
                problems.append(f"{iwhere}: slug '{islug}' is used twice")
            seen.add(islug)
            if kind == "bipolar":
                if not item.get("left") or not item.get("right"):
                    problems.append(f"{iwhere}: a bipolar item needs 'left' and 'right'")
            elif not item.get("text") and not item.get("question"):
                problems.append(f"{iwhere}: needs 'text' (a statement) or 'question'")
    return problems


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields Concordat uses, in a stable shape."""
    return {
        "slug": data["slug"],
        "title": data["title"],
        "version": str(data["version"]),
        "kind": data["kind"],
        "description": data.get("description", ""),
        "source": {
            k: data["source"][k] for k in ("title", "publisher", "year") if k in data["source"]
        },
        "sections": [
            {
                "slug": s["slug"],
                "title": s["title"],
                "description": s.get("description", ""),
                "items": [
                    {k: it[k] for k in ("slug", "text", "left", "right", "question") if k in it}
                    for it in s["items"]
                ],
            }
            for s in data["sections"]
        ],
    }
