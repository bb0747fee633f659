"""Disclosure control and intervals, worked by hand."""

from __future__ import annotations

import pytest

from analytics.metrics import disclosure, intervals
from analytics.metrics.engine import finalise


@pytest.mark.parametrize("raw, shown", [(0, 0), (8, 10), (12, 10), (13, 15), (1002, 1000)])
def test_counts_of_eight_or_more_round_to_the_nearest_five(raw, shown):
    assert disclosure.control(raw, 100) == (shown, 100, False)


@pytest.mark.parametrize("small", range(1, 8))
def test_counts_from_one_to_seven_are_suppressed(small):
    assert disclosure.control(small, 100) == (None, 100, True)
    assert disclosure.control(50, small) == (None, None, True)


def test_value_and_interval_come_from_the_controlled_counts():
    row = finalise(
        {
            "metric_id": "readmission_30",
            "area_type": "system",
            "area_code": "QZ1",
            "period_start": None,
            "period_end": None,
            "numerator": 13,
            "denominator": 101,
            "extra": 0,
        }
    )
    assert (row["numerator"], row["denominator"]) == (15, 100)
    assert row["value"] == 15.0
    low, high = intervals.wilson(15, 100)
    assert (row["ci_lower"], row["ci_upper"]) == (round(low * 100, 6), round(high * 100, 6))


def test_suppressed_rows_have_no_value():
    row = finalise(
        {
            "metric_id": "falls_65",
            "area_type": "place",
            "area_code": "E06900001",
            "period_start": None,
            "period_end": None,
            "numerator": 3,
            "denominator": 2000,
            "extra": 0,
        }
    )
    assert row["suppressed"] and row["value"] is None and row["numerator"] is None
    assert row["denominator"] == 2000


def test_finance_and_workforce_are_not_disclosure_controlled():
    row = finalise(
        {
            "metric_id": "vacancy_rate",
            "area_type": "organisation",
            "area_code": "ZR1",
            "period_start": None,
            "period_end": None,
            "numerator": 3.5,
            "denominator": 50,
            "extra": 0,
        }
    )
    assert row["value"] == 7.0 and not row["suppressed"]


def test_wilson_interval_matches_a_worked_example():
    # 10 of 100: Wilson 95% interval is 5.52% to 17.44%.
    low, high = intervals.wilson(10, 100)
    assert (round(low * 100, 2), round(high * 100, 2)) == (5.52, 17.44)


def test_byar_interval_matches_exact_poisson_closely():
    # 100 events: exact Poisson 95% limits 81.37 and 121.63.
    low, high = intervals.byar(100, 1)
    assert (round(low, 1), round(high, 1)) == (81.4, 121.6)
    low0, high0 = intervals.byar(0, 1)
    assert low0 == 0 and round(high0, 2) == 3.69


def _row(metric_id: str, numerator, denominator, extra=0) -> dict:
    return {
        "metric_id": metric_id,
        "area_type": "neighbourhood",
        "area_code": "ZN101",
        "period_start": None,
        "period_end": None,
        "numerator": numerator,
        "denominator": denominator,
        "extra": extra,
    }


def test_a_zero_denominator_is_shown_with_no_value_and_is_not_suppressed():
    row = finalise(_row("falls_65", 0, 0))
    assert (row["numerator"], row["denominator"], row["value"]) == (0, 0, None)
    assert row["ci_lower"] is None and not row["suppressed"]


def test_a_small_sum_of_days_is_suppressed_like_a_count():
    row = finalise(_row("discharge_delay", 3, 40, 9))  # 3 days over 40 spells
    assert row["suppressed"] and row["numerator"] is None and row["value"] is None
    assert row["denominator"] == 40


def test_the_mean_delay_and_its_interval_come_from_the_controlled_sum_and_count():
    # 202 days over 48 spells (sum of squares 1,300): shown as 200 days over 50 spells,
    # mean 4.0; squares scaled by 50/48 to 1,354.17; s^2 = (1354.17 - 50 * 16) / 49 =
    # 11.31; half-width 1.96 * sqrt(11.31 / 50) = 0.932.
    row = finalise(_row("discharge_delay", 202, 48, 1300))
    assert (row["numerator"], row["denominator"], row["value"]) == (200, 50, 4.0)
    assert (round(row["ci_lower"], 2), round(row["ci_upper"], 2)) == (3.07, 4.93)


def test_rates_are_per_their_multiplier_with_a_byar_interval():
    row = finalise(_row("emergency_admissions", 1002, 10003))  # shown 1000 per 10005
    assert (row["numerator"], row["denominator"]) == (1000, 10005)
    assert row["value"] == round(1000 / 10005 * 1000, 6)
    low, high = intervals.byar(1000, 10005)
    assert (row["ci_lower"], row["ci_upper"]) == (round(low * 1000, 6), round(high * 1000, 6))
