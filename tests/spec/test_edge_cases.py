"""Metric specs at the edges METRICS.md draws: birthdays, period boundaries, deaths and
deregistration on the population date, zero denominators, first-ever care home
admissions, 30-day and 21-day limits and the ASCOF 2B October-December window.

One small system, written below as literal rows. Each topic lives in its own
neighbourhood so that its counts can be worked out by hand, in the comments, without the
others. The data run from the first admission (1 April 2024, in ZN203) to the last
attendance (30 June 2025, in ZN105): the whole months April 2024 to June 2025, the
financial year 2024/25 and the 2B window October-December 2024 (91 days after 31
December is 1 April 2025, inside the data).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec.conftest import ENGINES, Counts, raw_counts_by_key, write_folder

FY = ("2024-04-01", "2025-03-31")
MAY = ("2024-05-01", "2024-05-31")
OCT_DEC = ("2024-10-01", "2024-12-31")


def person(pid: str, area: str, born: str, **more: str) -> dict[str, str]:
    return {
        "person_id": pid,
        "birth_month": born,
        "sex": "F",
        "neighbourhood_code": area,
        "gp_practice_code": "Z10101",
        "registered_from": "2000-01-01",
        **more,
    }


def spell(sid: str, pid: str, admitted: str, discharged: str = "", **more: str) -> dict:
    return {
        "spell_id": sid,
        "person_id": pid,
        "provider_code": "ZR1",
        "admission_date": admitted,
        "discharge_date": discharged,
        "admission_method": more.pop("method", "emergency"),
        "primary_diagnosis": more.pop("diagnosis", "R07.4"),
        "external_cause": more.pop("cause", ""),
        "discharge_destination": more.pop("destination", "19" if discharged else ""),
        "discharge_ready_date": more.pop("ready", ""),
    }


def attendance(aid: str, pid: str, arrived: str, left: str) -> dict[str, str]:
    return {
        "attendance_id": aid,
        "person_id": pid,
        "provider_code": "ZR1",
        "arrival_time": arrived,
        "departure_time": left,
        "department_type": "1",
        "arrival_mode": "other",
        "disposal": "discharged",
    }


def service(cid: str, pid: str, kind: str, term: str, start: str, **more: str) -> dict:
    return {
        "service_id": cid,
        "person_id": pid,
        "local_authority_code": "E06900002",
        "service_type": kind,
        "term": term,
        "start_date": start,
        "council_funded": more.pop("funded", "true"),
        "after_spell_id": more.pop("after", ""),
        "setting_at_91_days": more.pop("setting", ""),
    }


PEOPLE = [
    # ZN102: populations only (no activity).
    person("Q1", "ZN102", "1959-06-01"),  # 65 from 1 June 2024
    person("Q2", "ZN102", "1959-07-01"),  # still 64 on 30 June 2024
    person("Q3", "ZN102", "1950-01-01", death_date="2024-05-15"),  # dies on 15 May
    person("Q4", "ZN102", "1950-01-01", death_date="2024-05-16"),  # dies the day after
    person("Q5", "ZN102", "1970-01-01", registered_to="2024-05-15"),  # leaves on 15 May
    person("Q6", "ZN102", "1970-01-01", registered_to="2024-05-14"),  # leaves the day before
    person("Q7", "ZN102", "1980-01-01", registered_from="2024-05-16"),  # joins the day after
    person("Q8", "ZN102", "2006-06-01"),  # 18 from 1 June 2024
    # ZN101: falls and 65th birthdays.
    person("R1", "ZN101", "1959-06-01"),
    person("R2", "ZN101", "1959-07-01"),
    # ZN103: readmissions.
    person("M1", "ZN103", "1970-01-01"),
    person("M2", "ZN103", "1990-01-01", death_date="2024-08-08"),
    # ZN104: long stays, discharge destinations and delays.
    person("L1", "ZN104", "1950-01-01"),
    person("L2", "ZN104", "2010-01-01"),
    # ZN105: A&E.
    person("E1", "ZN105", "1980-01-01"),
    # ZN201: permanent care home admissions.
    person("H1", "ZN201", "1959-06-01"),
    person("H2", "ZN201", "1940-01-01"),
    person("H3", "ZN201", "1970-01-01"),
    person("H4", "ZN201", "1945-01-01"),
    person("H5", "ZN201", "1944-01-01"),
    # ZN202: reablement after discharge (ASCOF 2B).
    person("B1", "ZN202", "1940-01-01"),
    person("B2", "ZN202", "1940-01-01"),
    person("B3", "ZN202", "1959-11-01"),  # 65 from 1 November 2024
    person("B4", "ZN202", "1940-01-01", death_date="2024-11-05"),
    person("B5", "ZN202", "1940-01-01"),
    person("B6", "ZN202", "1940-01-01"),
    # ZN203: period boundaries.
    person("T1", "ZN203", "1980-01-01"),
]

SPELLS = [
    # ZN101
    spell("F1", "R1", "2024-05-31", "2024-06-02", diagnosis="S72.0", cause="W19"),  # aged 64
    spell("F2", "R1", "2024-06-01", "2024-06-03", diagnosis="S72.1", cause="W01"),  # 65: counts
    spell("F3", "R1", "2024-07-01", "2024-07-02", diagnosis="T98.3", cause="W10"),  # T98: counts
    spell(
        "F4", "R1", "2024-07-05", "2024-07-06", diagnosis="S00.1", cause="W20"
    ),  # W20: not a fall
    spell(
        "F5", "R1", "2024-07-10", "2024-07-11", diagnosis="S72.0", cause="W19", method="elective"
    ),
    spell("F6", "R2", "2024-06-15", "2024-06-16", diagnosis="S72.0", cause="W19"),  # R2 is 64
    # ZN103
    spell("D1", "M1", "2024-05-01", "2024-05-10", method="elective"),
    spell("D2", "M1", "2024-06-09", "2024-06-12"),  # 30 days after D1's discharge
    spell("D3", "M1", "2024-07-13", "2024-07-13"),  # 31 days after D2's; same-day spell
    spell("D4", "M2", "2024-08-01", "2024-08-05", method="maternity", diagnosis="O80"),
    spell("D5", "M2", "2024-08-05", "2024-08-08", destination="79"),  # died
    spell("D6", "M1", "2024-09-01", "2024-09-03"),
    spell("D7", "M1", "2024-09-10", "2024-09-11", method="elective"),
    # ZN104
    spell("G1", "L1", "2024-05-01", "2024-05-22", ready="2024-05-18"),  # 21 days
    spell("G2", "L1", "2024-06-01", "2024-06-21", destination="54", ready="2024-06-21"),
    spell("G3", "L1", "2024-07-01", "2024-08-01", method="elective"),
    spell("G4", "L2", "2024-07-01", "2024-07-30", ready="2024-07-20"),  # a child
    spell("G5", "L1", "2024-09-01"),  # still in hospital
    # ZN202
    spell("K1", "B1", "2024-09-20", "2024-09-30"),
    spell("K2", "B1", "2024-10-01", "2024-10-01"),
    spell("K3", "B1", "2024-12-01", "2024-12-31"),
    spell("K4", "B2", "2024-11-01", "2024-11-10"),
    spell("K5", "B2", "2024-12-10", "2024-12-15"),
    spell("K6", "B3", "2024-10-15", "2024-10-20"),
    spell("K7", "B4", "2024-11-01", "2024-11-05", destination="79"),
    spell("K8", "B5", "2024-12-28", "2025-01-01"),
    spell("K9", "B5", "2024-11-15", "2024-11-20"),
    spell("K10", "B6", "2024-11-25", "2024-12-01"),
    # ZN203
    spell("W1", "T1", "2024-04-01", "2024-04-01"),  # the first admission in the data
    spell("W2", "T1", "2025-03-31", "2025-03-31"),
    spell("W3", "T1", "2025-04-01", "2025-04-01"),
    spell("W4", "T1", "2024-06-30", "2024-06-30"),
    spell("W5", "T1", "2024-07-01", "2024-07-01"),
]

ATTENDANCES = [
    attendance("A1", "E1", "2024-04-10T08:00:00", "2024-04-10T12:00:00"),  # exactly 4 hours
    attendance("A2", "E1", "2024-04-11T08:00:00", "2024-04-11T12:01:00"),  # 4 h 1 min
    attendance("A3", "E1", "2024-04-30T23:00:00", "2024-05-01T02:00:00"),  # counted in April
    attendance("A4", "E1", "2024-05-01T00:00:00", "2024-05-01T03:00:00"),
    attendance("A5", "E1", "2025-06-30T10:00:00", "2025-06-30T11:00:00"),  # the last day
]

SERVICES = [
    # ZN201
    service("C1", "H1", "residential_care", "long_term", "2024-05-31"),  # H1 is 64
    service("C2", "H2", "residential_care", "long_term", "2023-01-01", funded="false"),
    service("C3", "H2", "nursing_care", "long_term", "2024-09-01"),  # not H2's first
    service("C4", "H3", "residential_care", "long_term", "2024-04-01"),
    service("C5", "H3", "residential_care", "long_term", "2024-10-01"),  # H3's second
    service("C6", "H4", "residential_care", "short_term", "2024-05-01"),  # not long-term
    service("C7", "H5", "residential_care", "long_term", "2025-03-31"),  # last day of the FY
    # ZN202
    service("R1", "B1", "reablement", "short_term", "2024-10-01", after="K2", setting="home"),
    service("R2", "B1", "reablement", "short_term", "2024-12-31", after="K3", setting="care_home"),
    service("R3", "B2", "reablement", "short_term", "2024-12-15", after="K5", setting="extra_care"),
    service("R4", "B3", "reablement", "short_term", "2024-10-20", after="K6", setting="home"),
    service("R5", "B5", "reablement", "short_term", "2025-01-01", after="K8", setting="home"),
    service(
        "R6",
        "B5",
        "reablement",
        "short_term",
        "2024-11-20",
        after="K9",
        setting="home",
        funded="false",
    ),
    service("R7", "B6", "reablement", "short_term", "2024-12-01", after="K10", setting="hospital"),
]


@pytest.fixture(scope="module", params=ENGINES)
def edge(request, tmp_path_factory) -> Counts:
    folder = write_folder(
        tmp_path_factory.mktemp("edge"),
        people=PEOPLE,
        hospital_spells=SPELLS,
        ae_attendances=ATTENDANCES,
        social_care_services=SERVICES,
    )
    return raw_counts_by_key(folder, request.param)


def at(counts: Counts, metric: str, area: str, period: tuple[str, str]) -> tuple:
    return counts[(metric, area, *period)][:2]


def test_population_on_the_15th_counts_deaths_and_leavers_by_the_rules(edge):
    # ZN102 on 15 May 2024: Q1, Q2, Q4 (dies on the 16th), Q5 (registered to the 15th) and
    # Q8. Not Q3 (dies on the 15th: alive needs death after the date), not Q6 (left on
    # the 14th), not Q7 (joins on the 16th). 5 people.
    assert at(edge, "emergency_admissions", "ZN102", MAY) == (0, 5)


def test_population_on_30_june_takes_age_bands_from_the_birth_month(edge):
    # ZN102 on 30 June 2024: Q1 (65 since 1 June), Q2 (64: born July), Q7 and Q8 (18 since
    # 1 June). 65+: Q1. 18-64: Q2, Q7, Q8.
    assert at(edge, "emergency_admissions", "ZN102", FY) == (0, 4)
    assert at(edge, "falls_65", "ZN102", FY) == (0, 1)
    assert at(edge, "ascof_2a1", "ZN102", FY) == (0, 3)


def test_falls_count_from_the_month_of_the_65th_birthday(edge):
    # F1 (31 May: R1 still 64) and F6 (R2 born July, 64) are too young; F4 is W20 (not
    # W00-W19); F5 elective. F2 (1 June, S72.1 W01) and F3 (T98.3 W10) count.
    # 65+ on 30 June: R1 only.
    assert at(edge, "falls_65", "ZN101", FY) == (2, 1)


def test_emergency_admissions_fall_in_the_month_and_year_of_admission(edge):
    # ZN203: W1 (1 April 2024), W4 (30 June), W5 (1 July), W2 (31 March 2025) are in FY
    # 2024/25; W3 (1 April 2025) is not. One registered person.
    assert at(edge, "emergency_admissions", "ZN203", FY) == (4, 1)
    assert at(edge, "emergency_admissions", "ZN203", ("2025-03-01", "2025-03-31")) == (1, 1)
    assert at(edge, "emergency_admissions", "ZN203", ("2025-04-01", "2025-04-30")) == (1, 1)
    assert at(edge, "emergency_admissions", "ZN203", ("2024-04-01", "2024-06-30")) == (2, 1)
    assert at(edge, "emergency_admissions", "ZN203", ("2024-07-01", "2024-09-30")) == (1, 1)
    # ZN101: F1 is in May (31 May), F2 and F6 in June.
    assert at(edge, "emergency_admissions", "ZN101", MAY) == (1, 2)
    assert at(edge, "emergency_admissions", "ZN101", ("2024-06-01", "2024-06-30")) == (2, 2)


def test_readmissions_within_0_to_30_days_by_emergency_only(edge):
    # Denominator (not maternity, discharged alive in the FY): D1 D2 D3 D6 D7 (D4 is
    # maternity, D5 died). Numerator: D1, followed by D2 exactly 30 days later. D2 is
    # followed 31 days later; D3 (a same-day emergency spell) is not its own
    # readmission; D6 is followed by an elective admission only.
    assert at(edge, "readmission_30", "ZN103", FY) == (1, 5)
    assert at(edge, "readmission_30", "ZN103", MAY) == (1, 1)


def test_long_stays_destinations_and_delays(edge):
    # Adult emergency spells discharged in the FY: G1 (21 days: long) and G2 (20 days).
    # G3 is elective, G4 a child, G5 not yet discharged.
    assert at(edge, "long_stay_21", "ZN104", FY) == (1, 2)
    # Adults discharged alive: G1, G2, G3; to the usual residence (19): G1 and G3.
    assert at(edge, "discharge_usual_residence", "ZN104", FY) == (2, 3)
    # Ready dates: G1 4 days, G2 0 days, G4 10 days (no age limit): sum 14 over 3 spells,
    # sum of squares 16 + 0 + 100 = 116.
    assert edge[("discharge_delay", "ZN104", *FY)] == (14, 3, 116)


def test_four_hours_exactly_is_within_the_standard_and_arrival_sets_the_month(edge):
    # April: A1 (4 h 00), A2 (4 h 01), A3 (arrives 30 April, leaves 1 May).
    assert at(edge, "ae_4h", "ZN105", ("2024-04-01", "2024-04-30")) == (2, 3)
    assert at(edge, "ae_attendances", "ZN105", ("2024-04-01", "2024-04-30")) == (3, 1)
    assert at(edge, "ae_4h", "ZN105", MAY) == (1, 1)


def test_zero_denominators_are_kept(edge):
    assert at(edge, "falls_65", "ZN105", FY) == (0, 0)  # no one 65+ in ZN105
    assert at(edge, "discharge_usual_residence", "ZN102", FY) == (0, 0)  # no spells


def test_only_a_first_ever_council_funded_long_term_placement_counts(edge):
    # 2A2: C7 (H5, 80, on 31 March 2025). Not C3 (H2's earlier self-funded C2 was first),
    # not C6 (short term). 65+ on 30 June 2024: H1 (65 since June), H2, H4, H5.
    assert at(edge, "ascof_2a2", "ZN201", FY) == (1, 4)
    # 2A1: C1 (H1 was 64 on 31 May) and C4 (H3's first; C5 is the second). 18-64: H3.
    assert at(edge, "ascof_2a1", "ZN201", FY) == (2, 1)


def test_reablement_cohort_is_people_65_plus_discharged_alive_october_to_december(edge):
    # Discharged alive 1 Oct-31 Dec, 65+ on discharge: B1 (K2, K3; K1 is 30 Sep), B2 (K4,
    # K5), B5 (K9; K8 is 1 Jan), B6 (K10). Not B3 (64 on 20 Oct), not B4 (died).
    # Council-funded reablement after one of those spells, first per person: B1 (K2:
    # home), B2 (K5: extra care), B6 (K10: hospital). B5's R6 is not council funded.
    assert at(edge, "ascof_2b2", "ZN202", OCT_DEC) == (3, 4)
    assert at(edge, "ascof_2b1", "ZN202", OCT_DEC) == (2, 3)


def test_periods_are_the_whole_ones_inside_the_data(edge):
    periods = {(k[2], k[3]) for k in edge if k[0] == "emergency_admissions"}
    assert FY in periods and ("2025-04-01", "2025-06-30") in periods
    assert ("2025-04-01", "2026-03-31") not in periods  # FY 2025/26 is not complete
    assert {(k[2], k[3]) for k in edge if k[0] == "ascof_2b1"} == {OCT_DEC}
    assert {(k[2], k[3]) for k in edge if k[0] == "falls_65"} == {FY}


def test_places_and_the_system_are_sums_of_their_neighbourhoods(edge):
    from analytics.geography import KESTREL_VALE

    for (metric, area, start, end), (num, den, _) in edge.items():
        if area == KESTREL_VALE.code and metric != "finance_variance":
            parts = [
                edge[(metric, n.code, start, end)]
                for n in KESTREL_VALE.neighbourhoods
                if (metric, n.code, start, end) in edge
            ]
            assert (num, den) == (sum(p[0] for p in parts), sum(p[1] for p in parts))


@pytest.mark.spark
def test_both_engines_give_the_same_counts_for_every_edge(tmp_path: Path):
    folder = write_folder(
        tmp_path,
        people=PEOPLE,
        hospital_spells=SPELLS,
        ae_attendances=ATTENDANCES,
        social_care_services=SERVICES,
    )
    assert raw_counts_by_key(folder, "duckdb") == raw_counts_by_key(folder, "pyspark")
