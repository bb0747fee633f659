"""Every rate the generator uses, in one place, with the published figure it aims at.

The targets are the calibration table of METRICS.md (England). Rates are per person-year
unless stated.
"""

from __future__ import annotations

# Age structure: weight of each single year of age before a neighbourhood's tilt. Flat to
# 59 then falling, giving about 18% aged 65+ as in Census 2021 (18.4%).
AGE_FLAT_UNTIL = 60
AGE_DECAY_YEARS = 17.0
MAX_AGE = 100

# Deaths: a Gompertz curve, log q = A + B * age, about 9.7 deaths per 1,000 a year in
# England; deprivation raises mortality by DEPRIVATION_MORTALITY per decile below 5.5.
GOMPERTZ_A = -10.75
GOMPERTZ_B = 0.094
DEPRIVATION_MORTALITY = 0.06

# Registration churn: people moving away, replaced by new registrants (mostly young adults),
# and births (about 10 per 1,000 a year).
LEAVE_RATE = 0.045
BIRTH_RATE = 0.010

# Emergency admissions by age band (about 95-105 per 1,000 a year overall).
EMERGENCY_BY_AGE = [
    (0, 0.11),
    (5, 0.035),
    (18, 0.055),
    (45, 0.08),
    (65, 0.15),
    (75, 0.27),
    (85, 0.48),
]
DEPRIVATION_ADMISSIONS = 0.06  # more admissions per decile below 5.5
ELECTIVE_RATE_ADULT = 0.10
MATERNITY_RATE_WOMEN_18_44 = 0.055

# Falls among emergency admissions of people 65+ (about 1,900-2,100 per 100,000 65+).
FALL_SHARE_65_79 = 0.07
FALL_SHARE_80_PLUS = 0.10
# Chronic ambulatory care sensitive conditions among adult emergency admissions.
ACSC_SHARE_ADULT = 0.11

# Emergency readmission within 30 days of a discharge alive (12.5-13.8% nationally; the
# background admission rate adds about a point for older people).
READMIT_PROBABILITY = [(0, 0.15), (65, 0.17), (85, 0.19)]
READMIT_AFTER_ELECTIVE = 0.05

# Length of stay (days): mean by age band for emergency spells.
LOS_MEAN = [(0, 1.8), (65, 6.0), (85, 9.0)]
ZERO_DAY_SHARE = 0.15
READY_DATE_SHARE = 0.35  # spells with a recorded "ready to leave" date
READY_DELAY_MEAN = 1.6

# A&E attendances not leading to admission, by age (about 400-450 per 1,000 in total,
# including the attendances that lead to an emergency admission).
AE_BY_AGE = [(0, 0.42), (5, 0.26), (18, 0.30), (65, 0.36), (80, 0.62)]
AE_WITHIN_4H = 0.74  # about three quarters seen within 4 hours

# Adult social care. First permanent admissions to care homes, council funded
# (ASCOF 2A2 about 500-600 per 100,000 65+; 2A1 about 14 per 100,000 18-64).
CARE_HOME_BY_AGE = [(18, 0.0002), (65, 0.0016), (75, 0.0062), (85, 0.024)]
SELF_FUNDED_SHARE = 0.30
NURSING_SHARE = 0.40
# Reablement offered after discharge home of people 65+ (ASCOF 2B2 about 3%), and where
# they are 91 days later (2B1 about 80% at home).
REABLEMENT_OFFER = 0.035
REABLEMENT_COUNCIL_FUNDED = 0.95
AFTER_REABLEMENT = {
    "home": 0.80,
    "extra_care": 0.04,
    "care_home": 0.07,
    "hospital": 0.03,
    "unknown": 0.02,
}
HOME_CARE_RATE_75 = 0.02

# Finance (monthly income, GBP) and workforce (WTE) by sector of organisation.
MONTHLY_INCOME = {
    "icb": 120e6,
    "acute": 45e6,
    "community": 12e6,
    "mental_health": 15e6,
    "ambulance": 10e6,
    "local_authority": 25e6,
}
WTE_PER_MILLION = 22.0
VACANCY_RATE = 0.08
BANK_SHARE = 0.05
AGENCY_SHARE = 0.03


def by_band(bands: list[tuple[int, float]], age):  # type: ignore[no-untyped-def]
    """Vectorised lookup of a rate by age band (bands sorted by lower age)."""
    import numpy as np

    lows = np.array([b for b, _ in bands])
    values = np.array([v for _, v in bands])
    index = np.searchsorted(lows, age, side="right") - 1
    return values[np.clip(index, 0, len(values) - 1)]
