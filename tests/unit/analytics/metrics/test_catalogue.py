"""The catalogue is reviewed data: every metric of METRICS.md, each with its review fields
and exactly one definition, readable without computing anything."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from analytics.metrics.catalogue import CATALOGUE, catalogue_rows
from analytics.metrics.definitions import DEFINITIONS

METRICS_MD = Path("/work/shared/docs/METRICS.md")
MULTIPLIERS = {"%": 100, "per 1,000": 1000, "per 100,000": 100_000, "days (mean)": 1}


def test_every_metric_of_the_reference_definitions_is_catalogued_and_defined():
    expected = {
        "ascof_2a1", "ascof_2a2", "ascof_2b1", "ascof_2b2", "emergency_admissions",
        "falls_65", "acsc_chronic", "discharge_usual_residence", "long_stay_21",
        "readmission_30", "discharge_delay", "ae_attendances", "ae_4h", "finance_variance",
        "vacancy_rate", "agency_share",
    }  # fmt: skip
    if METRICS_MD.exists():  # the shared docs are outside the repository
        listed = set(re.findall(r"^\| ([a-z0-9_]+) \|", METRICS_MD.read_text(), re.MULTILINE))
        assert expected <= listed
    assert {m.id for m in CATALOGUE} == expected
    assert set(DEFINITIONS) == expected


def test_every_entry_carries_its_review_fields():
    for m in CATALOGUE:
        for field in ("title", "definition", "numerator", "denominator", "source", "owner"):
            assert getattr(m, field).strip(), (m.id, field)
        assert m.checker.strip() and m.checker != m.owner, m.id
        assert m.differences.strip(), m.id
        assert m.multiplier == MULTIPLIERS[m.unit], m.id
        assert m.polarity in ("lower is better", "higher is better"), m.id
        assert m.interval in ("wilson", "byar", "mean", "none"), m.id
        assert set(m.periods) <= {"month", "quarter", "fy", "oct_dec", "month_ytd"}, m.id
        assert isinstance(m.next_review, date)


def test_intervals_suit_the_unit():
    for m in CATALOGUE:
        if m.areas == "organisation":
            assert m.interval == "none", m.id
        elif m.unit == "%":
            assert m.interval == "wilson", m.id
        elif m.unit.startswith("per "):
            assert m.interval == "byar", m.id


def test_the_web_tier_reads_the_catalogue_as_plain_rows():
    rows = catalogue_rows()
    assert [r["id"] for r in rows] == [m.id for m in CATALOGUE]
    assert all(isinstance(r["next_review"], str) and isinstance(r["periods"], list) for r in rows)
