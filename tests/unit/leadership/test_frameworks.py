"""The shipped frameworks and the checks a local framework file must pass."""

from __future__ import annotations

import pytest

from leadership.frameworks import FrameworkError, load_all, parse

EXPECTED = {
    "sldf-domains": ("capabilities", 4),
    "system-leader-capabilities": ("capabilities", 13),
    "twelve-shifts": ("bipolar", None),
    "leaders-of-change": ("capabilities", 4),
    "frontline-principles": ("questions", 5),
    "enablers-and-barriers": ("partnership", 5),
}


def test_every_shipped_framework_loads_with_the_counts_the_sources_give():
    specs = {s["slug"]: s for s in load_all()}
    assert set(specs) == set(EXPECTED)
    for slug, (kind, sections) in EXPECTED.items():
        spec = specs[slug]
        assert spec["kind"] == kind
        assert spec["source"]["title"]
        if sections is not None:
            assert len(spec["sections"]) == sections, slug
    assert len(specs["twelve-shifts"]["sections"][0]["items"]) == 12
    for slug in (
        "sldf-domains",
        "system-leader-capabilities",
        "leaders-of-change",
        "enablers-and-barriers",
    ):
        for section in specs[slug]["sections"]:
            assert 2 <= len(section["items"]) <= 4, (slug, section["slug"])
    for section in specs["frontline-principles"]["sections"]:
        assert any("question" in item for item in section["items"])


GOOD = """
slug = "local"
title = "Local framework"
version = "1"
kind = "capabilities"
[source]
title = "Our own work"
[[sections]]
slug = "one"
title = "One"
items = [{ slug = "a", text = "A" }, { slug = "b", text = "B" }]
"""


def test_a_valid_local_framework_parses():
    spec = parse(GOOD)
    assert spec["sections"][0]["items"][1] == {"slug": "b", "text": "B"}


@pytest.mark.parametrize(
    "text, message",
    [
        ("not = [valid", "not valid TOML"),
        (GOOD.replace('kind = "capabilities"', 'kind = "magic"'), "'kind' must be one of"),
        (GOOD.replace('[source]\ntitle = "Our own work"', ""), "cite where the framework"),
        (
            GOOD.replace('{ slug = "b", text = "B" }', ""),
            "needs 2 to 4 behaviour statements, has 1",
        ),
        (GOOD.replace('slug = "b"', 'slug = "a"'), "slug 'a' is used twice"),
        (GOOD.replace('text = "B"', 'note = "B"'), "needs 'text' (a statement) or 'question'"),
    ],
)
def test_malformed_framework_files_are_refused_with_clear_messages(text, message):
    with pytest.raises(FrameworkError) as caught:
        parse(text)
    assert any(message in p for p in caught.value.problems), caught.value.problems
