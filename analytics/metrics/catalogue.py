"""The metric library as reviewed data. Each entry cites its national source and says how
Concordat's definition differs; the computation is one Ibis definition in
``definitions.py`` with the same id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Metric:
    id: str
    title: str
    definition: str
    numerator: str
    denominator: str
    unit: str  # "per 1,000", "per 100,000", "%", "days (mean)"
    multiplier: int
    polarity: str  # "lower is better" | "higher is better"
    periods: tuple[str, ...]  # month, quarter, fy, oct_dec, month_ytd
    interval: str  # wilson | byar | mean | none
    areas: str  # "resident" (system, place, neighbourhood) | "organisation"
    source: str
    differences: str
    owner: str = "System data science lead"
    checker: str = "Public health intelligence lead"
    next_review: date = date(2027, 4, 1)


_PEOPLE = "Area of residence from the population register; population at the period's date."

CATALOGUE: tuple[Metric, ...] = (
    Metric(
        "ascof_2a2",
        "Permanent admissions of people 65+ to residential and nursing care homes",
        "Council-funded first permanent admissions of people aged 65+.",
        "People whose first-ever long-term residential or nursing service starts in the "
        "year, council funded, aged 65+ on its start date",
        "Population aged 65+ on 30 June",
        "per 100,000",
        100_000,
        "lower is better",
        ("fy",),
        "byar",
        "resident",
        "ASCOF measure 2A(2), NHS England Adult Social Care Outcomes Framework handbook",
        "Denominator is the registered population, not ONS mid-year estimates. " + _PEOPLE,
    ),
    Metric(
        "ascof_2a1",
        "Permanent admissions of people 18-64 to residential and nursing care homes",
        "As 2A2 for ages 18 to 64.",
        "As 2A2, aged 18-64",
        "Population aged 18-64 on 30 June",
        "per 100,000",
        100_000,
        "lower is better",
        ("fy",),
        "byar",
        "resident",
        "ASCOF measure 2A(1)",
        "Denominator is the registered population. " + _PEOPLE,
    ),
    Metric(
        "ascof_2b1",
        "People 65+ still at home 91 days after discharge into reablement",
        "Of people 65+ in council-funded reablement after a discharge alive in October to "
        "December, those at home or in extra care 91 days after discharge.",
        "Setting at 91 days is home or extra care",
        "People 65+ with council-funded reablement after a spell discharged alive 1 Oct-31 "
        "Dec (first such discharge per person)",
        "%",
        100,
        "higher is better",
        ("oct_dec",),
        "wilson",
        "resident",
        "ASCOF measure 2B(1)",
        "Uses the reablement record's setting at 91 days rather than a follow-up survey.",
    ),
    Metric(
        "ascof_2b2",
        "People 65+ offered reablement on discharge from hospital",
        "Share of people 65+ discharged alive in October to December who had reablement.",
        "The 2B1 denominator",
        "People 65+ discharged alive 1 Oct-31 Dec, one per person",
        "%",
        100,
        "higher is better",
        ("oct_dec",),
        "wilson",
        "resident",
        "ASCOF measure 2B(2)",
        "Counts reablement recorded against the spell only.",
    ),
    Metric(
        "emergency_admissions",
        "Emergency admissions",
        "Emergency admissions per 1,000 residents.",
        "Spells admitted as emergencies in the period",
        "Population on the period's date",
        "per 1,000",
        1000,
        "lower is better",
        ("month", "quarter", "fy"),
        "byar",
        "resident",
        "NHS Digital, Hospital Episode Statistics emergency admissions",
        "Counts spells rather than finished consultant episodes. " + _PEOPLE,
    ),
    Metric(
        "falls_65",
        "Emergency admissions due to falls, people 65+",
        "Emergency admissions "
        "of people 65+ with an injury diagnosis and a fall as the external cause.",
        "Emergency admissions, age 65+ on admission, primary diagnosis S00-T98, external "
        "cause W00-W19",
        "Population aged 65+",
        "per 100,000",
        100_000,
        "lower is better",
        ("fy",),
        "byar",
        "resident",
        "OHID Public Health Outcomes Framework indicator C29 (falls 65+)",
        "Crude rate, not age-standardised. " + _PEOPLE,
    ),
    Metric(
        "acsc_chronic",
        "Unplanned admissions for chronic ambulatory care sensitive conditions",
        "Emergency admissions for conditions usually managed outside hospital.",
        "Emergency admissions with a listed primary diagnosis",
        "Population",
        "per 100,000",
        100_000,
        "lower is better",
        ("fy", "quarter"),
        "byar",
        "resident",
        "NHS Outcomes Framework indicator 2.3.i",
        "Crude rate on the registered population; not age- or sex-standardised.",
    ),
    Metric(
        "discharge_usual_residence",
        "Discharges to the usual place of residence",
        "Share of adult discharges (alive) that go to the usual place of residence.",
        "Destination 19",
        "Spells of people 18+ discharged in the period, not died",
        "%",
        100,
        "higher is better",
        ("month", "quarter", "fy"),
        "wilson",
        "resident",
        "NHS England discharge to usual place of residence measure",
        "Age on the discharge date.",
    ),
    Metric(
        "long_stay_21",
        "Long stays of 21 days or more",
        "Share of adult emergency spells discharged in the period that lasted 21 days or more.",
        "Stays of 21 days or more",
        "Emergency spells of people 18+ discharged in the period",
        "%",
        100,
        "lower is better",
        ("month", "quarter", "fy"),
        "wilson",
        "resident",
        "NHS England long length of stay measure",
        "Age on the discharge date.",
    ),
    Metric(
        "readmission_30",
        "Emergency readmissions within 30 days",
        "Share of discharges alive followed by an emergency admission within 30 days.",
        "Followed by an emergency admission of the same person 0-30 days after discharge",
        "Spells (not maternity) discharged alive in the period",
        "%",
        100,
        "lower is better",
        ("month", "quarter", "fy"),
        "wilson",
        "resident",
        "NHS Digital indicator: emergency readmissions within 30 days of discharge",
        "No exclusions for cancer or planned readmissions; crude.",
    ),
    Metric(
        "discharge_delay",
        "Average days from ready to leave to discharge",
        "Mean days between the date a person was ready to leave and their discharge.",
        "Sum of days from ready date to discharge",
        "Spells discharged in the period with a ready date",
        "days (mean)",
        1,
        "lower is better",
        ("month", "quarter", "fy"),
        "mean",
        "resident",
        "NHS England discharge delays data collection",
        "Uses recorded ready dates only.",
    ),
    Metric(
        "ae_attendances",
        "A&E attendances",
        "A&E attendances per 1,000 residents.",
        "Attendances arriving in the period",
        "Population",
        "per 1,000",
        1000,
        "lower is better",
        ("month", "quarter", "fy"),
        "byar",
        "resident",
        "NHS England A&E attendances and emergency admissions",
        _PEOPLE,
    ),
    Metric(
        "ae_4h",
        "A&E attendances seen within 4 hours",
        "Share of attendances with departure within 4 hours of arrival.",
        "Departure no more than 4 hours after arrival",
        "Attendances arriving in the period",
        "%",
        100,
        "higher is better",
        ("month", "quarter", "fy"),
        "wilson",
        "resident",
        "NHS England A&E four-hour standard",
        "Counted by residence, not by provider.",
    ),
    Metric(
        "finance_variance",
        "Year-to-date variance from plan",
        "Net year-to-date variance "
        "from plan as a share of the expenditure plan (positive is better than plan).",
        "Income (actual - plan) - expenditure (actual - plan), year to date",
        "Expenditure plan, year to date",
        "%",
        100,
        "higher is better",
        ("month_ytd",),
        "none",
        "organisation",
        "NHS England financial monitoring returns",
        "Organisation and system (sum of partners) only; not patient data.",
    ),
    Metric(
        "vacancy_rate",
        "Vacancy rate",
        "Vacant share of the funded establishment.",
        "Establishment WTE - in-post WTE",
        "Establishment WTE",
        "%",
        100,
        "lower is better",
        ("month",),
        "none",
        "organisation",
        "NHS Digital NHS vacancy statistics",
        "Whole-time equivalents, all staff groups.",
    ),
    Metric(
        "agency_share",
        "Agency staff share",
        "Agency share of the staff working.",
        "Agency WTE",
        "In-post + bank + agency WTE",
        "%",
        100,
        "lower is better",
        ("month",),
        "none",
        "organisation",
        "NHS England agency spend returns",
        "Measured in WTE rather than spend.",
    ),
)

BY_ID = {m.id: m for m in CATALOGUE}
