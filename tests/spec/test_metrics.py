"""Metric specs: tiny hand-written tables (tests/spec/data), expected counts worked out by
hand from METRICS.md, on every engine. Counts here are raw: disclosure control is tested
separately, since at this size it would suppress everything.

The population on 30 June 2024 (the FY 2024/25 population date) is P1 (64: born July
1959), P2 (65: born June 1959), P5 (34, in ZN201) and P6 (9). Not P3 (died on 30 June:
"alive" needs death after the date), not P4 (left on 29 June), not P7 (joined in July).
So: all ages 4 (ZN101 3, ZN201 1); 65+ 1; 18-64 2.
"""

from __future__ import annotations

import pytest

FY = ("2024-04-01", "2025-03-31")
SYSTEM = "QZ1"


def at(counts, metric, area=SYSTEM, period=FY):
    return counts[(metric, area, *period)]


def test_population_denominators_apply_registration_death_and_birthdays(counts):
    assert at(counts, "emergency_admissions")[1] == 4
    assert at(counts, "emergency_admissions", "ZN101")[1] == 3
    assert at(counts, "emergency_admissions", "ZN201")[1] == 1
    assert at(counts, "falls_65")[1] == 1  # only P2 is 65+ on 30 June
    assert at(counts, "ascof_2a1")[1] == 2  # P1 and P5 are 18-64
    # April 2024 uses the 15th: P3 (alive) and P4 (still registered) count; P7 not yet.
    assert at(counts, "emergency_admissions", period=("2024-04-01", "2024-04-30"))[1] == 6


def test_emergency_admissions_by_where_people_live(counts):
    # S1 S2 S3 S6 S7 S8 S9 live in ZN101; S4 (admitted on 31 March, the FY's last day) in
    # ZN201. S5 is elective and S10 maternity.
    assert at(counts, "emergency_admissions", "ZN101")[0] == 7
    assert at(counts, "emergency_admissions", "ZN201")[0] == 1
    assert at(counts, "emergency_admissions", "E06900001")[0] == 7  # the place sums its areas
    assert at(counts, "emergency_admissions")[0] == 8
    assert at(counts, "emergency_admissions", period=("2024-04-01", "2024-04-30"))[0] == 1
    assert at(counts, "emergency_admissions", period=("2024-04-01", "2024-06-30"))[0] == 2


def test_falls_need_age_65_on_admission_an_injury_and_a_fall(counts):
    # S1 is an injury with a fall but P2 was 64 on 1 April 2024 (birthday in June); S2 counts.
    assert at(counts, "falls_65")[0] == 1


def test_chronic_ambulatory_care_sensitive_admissions(counts):
    assert at(counts, "acsc_chronic")[0] == 2  # S3 (I50) and S4 (J45)
    assert at(counts, "acsc_chronic", period=("2025-01-01", "2025-03-31"))[0] == 1


def test_discharge_to_usual_residence_excludes_deaths_children_and_later_discharges(counts):
    # Adults discharged in the FY, not died: S1 S2 S3 S5 S6 S7 S10 (S4 leaves in April
    # 2025, S8 died, S9 is a child). All went home.
    assert at(counts, "discharge_usual_residence")[:2] == (7, 7)


def test_long_stays(counts):
    # Adult emergency spells discharged in the FY: S1 S2 S3 S6 S7 S8; S2 lasted 26 days.
    assert at(counts, "long_stay_21")[:2] == (1, 6)


def test_readmissions_within_30_days(counts):
    # Discharged alive, not maternity: S1 S2 S3 S5 S6 S7 S9. S2 is followed by S3 (15
    # days), S6 by S7 (12 days).
    assert at(counts, "readmission_30")[:2] == (2, 7)


def test_discharge_delay_is_a_mean_with_its_sum_of_squares(counts):
    assert at(counts, "discharge_delay") == (4, 1, 16)  # S2: ready 1 Aug, left 5 Aug


def test_ae_attendances_and_the_four_hour_standard(counts):
    # A1 (exactly 4 hours: within), A2 (4 hours 1 minute), A3 (arrived 31 March, left
    # 1 April: counted by arrival). A4 is in April 2025, outside the FY.
    assert at(counts, "ae_attendances")[:2] == (3, 4)
    assert at(counts, "ae_4h")[:2] == (2, 3)


def test_permanent_care_home_admissions_count_only_first_ever_council_funded(counts):
    # C2 (P2, 65) counts for 2A2; C5 (P5, 34) for 2A1; C3 is P7's second placement.
    assert at(counts, "ascof_2a2")[:2] == (1, 1)
    assert at(counts, "ascof_2a1")[:2] == (1, 2)


def test_reablement_outcomes_and_offer_for_oct_dec_discharges(counts):
    window = ("2024-10-01", "2024-12-31")
    # P1 (65 by October) was discharged twice; only the first (S6) counts, with reablement
    # at home at 91 days. P5's maternity discharge is under 65.
    assert at(counts, "ascof_2b1", period=window)[:2] == (1, 1)
    assert at(counts, "ascof_2b2", period=window)[:2] == (1, 1)


def test_finance_variance_year_to_date_and_workforce(counts):
    # Each month: income 10 over plan, pay 5 over: +5 net on a spending plan of 90. June
    # has no actuals yet, so the last year-to-date figure is May's.
    assert counts[("finance_variance", "ZR1", "2024-04-01", "2024-05-31")][:2] == (10, 180)
    assert counts[("finance_variance", "QZ1", "2024-04-01", "2024-05-31")][:2] == (10, 180)
    assert ("finance_variance", "ZR1", "2024-04-01", "2024-06-30") not in counts
    assert counts[("vacancy_rate", "ZR1", "2024-04-01", "2024-04-30")][:2] == (10, 150)
    assert counts[("agency_share", "ZR1", "2024-04-01", "2024-04-30")][:2] == (5, 150)


def test_zero_counts_are_shown_not_missing(counts):
    assert at(counts, "falls_65", "ZN201")[:2] == (0, 0)
    assert at(counts, "emergency_admissions", "ZN201", ("2024-04-01", "2024-04-30"))[:2] == (0, 1)


def test_periods_stop_at_the_last_whole_month_of_data(counts):
    assert ("emergency_admissions", SYSTEM, "2025-03-01", "2025-03-31") in counts
    assert not any(k[2] == "2025-04-01" for k in counts)  # April 2025 is not complete


@pytest.mark.spark
def test_both_engines_give_identical_results():
    from analytics.metrics.engine import compute
    from tests.spec.conftest import SPEC_DATA

    assert (
        compute(SPEC_DATA, engine="duckdb").to_pylist()
        == compute(SPEC_DATA, engine="pyspark").to_pylist()
    )
