"""DuckDB and PySpark agree exactly on every result.

Two kinds of drawn data: small hand-shaped tables drawn by Hypothesis row by row, with
dates bunched around the boundaries the definitions care about (month and year ends,
birthdays, same-day spells, deaths on the day); and whole synthetic systems from the
generator (size, years, seed, extract date drawn)."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.metrics.engine import compute
from tests.spec.conftest import raw_counts_by_key, write_folder

START = date(2024, 3, 25)
NEIGHBOURHOODS = ("ZN101", "ZN102", "ZN201")


def days(low: int, high: int) -> st.SearchStrategy[date]:
    return st.integers(low, high).map(lambda n: START + timedelta(days=n))


@st.composite
def small_system(draw: st.DrawFn) -> dict[str, list[dict[str, str]]]:
    n_people = draw(st.integers(1, 8))
    people, spells, attendances, services = [], [], [], []
    for p in range(n_people):
        registered_to = draw(st.none() | days(0, 500))
        death = draw(st.none() | days(0, 500))
        people.append(
            {
                "person_id": f"H{p}",
                "birth_month": f"{draw(st.sampled_from([1940, 1959, 1960, 2006, 2015]))}-"
                f"{draw(st.integers(1, 12)):02d}-01",
                "sex": "F",
                "neighbourhood_code": draw(st.sampled_from(NEIGHBOURHOODS)),
                "gp_practice_code": "Z10101",
                "registered_from": str(draw(days(-400, 200))),
                "registered_to": str(registered_to or ""),
                "death_date": str(death or ""),
            }
        )
    for s in range(draw(st.integers(1, 12))):
        admitted = draw(days(0, 460))
        stay = draw(st.none() | st.integers(0, 40))
        discharged = admitted + timedelta(days=stay) if stay is not None else None
        spells.append(
            {
                "spell_id": f"S{s}",
                "person_id": f"H{draw(st.integers(0, n_people - 1))}",
                "provider_code": "ZR1",
                "admission_date": str(admitted),
                "discharge_date": str(discharged or ""),
                "admission_method": draw(st.sampled_from(["emergency", "elective", "maternity"])),
                "primary_diagnosis": draw(st.sampled_from(["S72.0", "T98.1", "I50.9", "R07.4"])),
                "external_cause": draw(st.sampled_from(["", "W19", "W20"])),
                "discharge_destination": draw(st.sampled_from(["19", "54", "79"]))
                if discharged
                else "",
                "discharge_ready_date": str(discharged - timedelta(days=draw(st.integers(0, 5))))
                if discharged and draw(st.booleans())
                else "",
            }
        )
    for s in spells:
        if s["discharge_date"] and draw(st.booleans()):
            services.append(
                {
                    "service_id": f"C{len(services)}",
                    "person_id": s["person_id"],
                    "local_authority_code": "E06900001",
                    "service_type": "reablement",
                    "term": "short_term",
                    "start_date": s["discharge_date"],
                    "council_funded": draw(st.sampled_from(["true", "false"])),
                    "after_spell_id": s["spell_id"],
                    "setting_at_91_days": draw(st.sampled_from(["home", "care_home", "unknown"])),
                }
            )
    for c in range(draw(st.integers(0, 4))):
        services.append(
            {
                "service_id": f"L{c}",
                "person_id": f"H{draw(st.integers(0, n_people - 1))}",
                "local_authority_code": "E06900001",
                "service_type": draw(st.sampled_from(["residential_care", "nursing_care"])),
                "term": "long_term",
                "start_date": str(draw(days(-100, 460))),
                "council_funded": draw(st.sampled_from(["true", "false"])),
            }
        )
    for a in range(draw(st.integers(0, 6))):
        arrived = draw(days(0, 460))
        minutes = draw(st.sampled_from([60, 240, 241, 600]))
        attendances.append(
            {
                "attendance_id": f"A{a}",
                "person_id": f"H{draw(st.integers(0, n_people - 1))}",
                "provider_code": "ZR1",
                "arrival_time": f"{arrived}T22:00:00",
                "departure_time": (
                    f"{arrived + timedelta(days=(22 * 60 + minutes) // 1440)}T"
                    f"{(22 * 60 + minutes) % 1440 // 60:02d}:{minutes % 60:02d}:00"
                ),
                "department_type": "1",
                "arrival_mode": "other",
                "disposal": "discharged",
            }
        )
    # Anchor the data window: an admission on the first day and an attendance on the last.
    spells.append({**spells[0], "spell_id": "S_first", "admission_date": str(START)})
    spells[-1]["discharge_date"] = spells[-1]["discharge_ready_date"] = ""
    spells[-1]["discharge_destination"] = ""
    attendances.append(
        {
            "attendance_id": "A_last",
            "person_id": "H0",
            "provider_code": "ZR1",
            "arrival_time": f"{START + timedelta(days=470)}T10:00:00",
            "departure_time": f"{START + timedelta(days=470)}T11:00:00",
            "department_type": "1",
            "arrival_mode": "other",
            "disposal": "discharged",
        }
    )
    for person in people:  # the contract: deaths and deregistrations follow birth
        if person["death_date"] and person["death_date"] < person["birth_month"]:
            person["death_date"] = ""
        if person["registered_to"] and person["registered_to"] < person["registered_from"]:
            person["registered_to"] = ""
    return {
        "people": people,
        "hospital_spells": spells,
        "ae_attendances": attendances,
        "social_care_services": services,
    }


@pytest.mark.spark
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(system=small_system())
def test_duckdb_and_pyspark_agree_on_every_raw_count_of_drawn_tables(system):
    with tempfile.TemporaryDirectory() as folder:
        data = write_folder(Path(folder), **system)
        duck = raw_counts_by_key(data, "duckdb")
        assert duck, "the drawn system produced counts"
        assert duck == raw_counts_by_key(data, "pyspark")


@pytest.mark.spark
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.integers(200, 1500),
    years=st.integers(1, 2),
    seed=st.integers(0, 10_000),
    end=st.dates(min_value=date(2025, 6, 1), max_value=date(2026, 2, 28)),
)
def test_duckdb_and_pyspark_agree_on_every_result_for_generated_systems(people, years, seed, end):
    from analytics.synthetic import generate

    with tempfile.TemporaryDirectory() as folder:
        data = generate(people, years, seed, Path(folder), end=end, progress=False).out_dir
        duck = compute(data, engine="duckdb").to_pylist()
        spark = compute(data, engine="pyspark").to_pylist()
    assert duck, "the generated system produced results"
    assert duck == spark
