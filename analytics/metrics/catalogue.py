"""The metric library as reviewed data. Each entry cites its national source and says how
Concordat's definition differs; the computation is one Ibis definition in
``definitions.py`` with the same id."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any


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
        "ASCOF measure 2A(2): long-term support needs of older adults (65+) met by admission "
        "to residential and nursing care homes, per 100,000 population (NHS Digital, Measures "
        "from the Adult Social Care Outcomes Framework; ASCOF Handbook of Definitions)",
        "Denominator is the GP-registered population on 30 June, not the ONS mid-year "
        "estimate; the numerator comes from the council's service records (SALT LTS001b "
        "nationally), counting a person's first ever long-term placement only. " + _PEOPLE,
        owner="Adult social care performance lead",
        checker="System data science lead",
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
        "ASCOF measure 2A(1): long-term support needs of younger adults (18-64) met by "
        "admission to residential and nursing care homes, per 100,000 population (NHS "
        "Digital, Measures from the Adult Social Care Outcomes Framework)",
        "Denominator is the GP-registered population aged 18-64 on 30 June, not the ONS "
        "mid-year estimate; first ever long-term placement only. " + _PEOPLE,
        owner="Adult social care performance lead",
        checker="System data science lead",
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
        "ASCOF measure 2B(1): proportion of older people (65+) who were still at home 91 "
        "days after discharge from hospital into reablement / rehabilitation services (NHS "
        "Digital, ASCOF; SALT STS004 nationally)",
        "Reads the setting at 91 days from the reablement record; counts council-funded "
        "reablement only, once per person (their first such discharge in the window).",
        owner="Adult social care performance lead",
        checker="System data science lead",
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
        "ASCOF measure 2B(2): proportion of older people (65+) who received reablement / "
        "rehabilitation services after discharge from hospital (NHS Digital, ASCOF; "
        "denominator from Hospital Episode Statistics nationally)",
        "Both counts are of people (one per person), from the system's own spells rather "
        "than HES; reablement counts when recorded against the spell it follows.",
        owner="Adult social care performance lead",
        checker="System data science lead",
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
        "NHS Digital, Hospital Episode Statistics (Admitted Patient Care): emergency "
        "admissions; NHS England, A&E Attendances and Emergency Admissions statistics",
        "Counts spells by the resident's neighbourhood rather than finished consultant "
        "episodes by provider; crude rate on the registered population. " + _PEOPLE,
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
        "OHID Public Health Outcomes Framework indicator C29: emergency hospital admissions "
        "due to falls in people aged 65 and over (Fingertips)",
        "Crude rate per 100,000, not directly age-standardised as PHOF publishes it; "
        "registered population, not ONS estimates. " + _PEOPLE,
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
        "NHS Outcomes Framework indicator 2.3.i: unplanned hospitalisation for chronic "
        "ambulatory care sensitive conditions (NHS Digital)",
        "Crude rate on the registered population, not indirectly standardised; the code "
        "list is the METRICS.md list of primary diagnoses (the national specification also "
        "conditions some codes on secondary diagnoses).",
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
        "NHS Oversight Framework metric: proportion of patients discharged to their usual "
        "place of residence (NHS England, from SUS admitted patient care)",
        "Adults 18+ on the discharge date, discharged alive; residence-based.",
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
        "NHS England long length of stay: adults in hospital 21 days or more (acute "
        "discharge situation report)",
        "Nationally a snapshot count of patients in beds; here the share of adult "
        "emergency spells discharged in the period that lasted 21 days or more.",
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
        "NHS Digital, NHS Outcomes Framework indicator 3b / Compendium: emergency "
        "readmissions to hospital within 30 days of discharge",
        "Crude, not indirectly standardised; no exclusions (cancer, obstetrics, planned "
        "readmissions) beyond maternity spells and deaths.",
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
        "NHS England, Discharge delays (acute) statistics: days from discharge ready date "
        "to discharge",
        "Mean over spells with a recorded ready date, by residence; nationally reported as "
        "counts and days lost by provider.",
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
        "NHS England, A&E Attendances and Emergency Admissions monthly statistics",
        "A rate per 1,000 residents rather than a count by provider. " + _PEOPLE,
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
        "NHS England, A&E four-hour standard: percentage of attendances admitted, "
        "transferred or discharged within 4 hours of arrival",
        "Counted by residence, not by provider; all department types.",
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
        "NHS England, provider and ICB financial monitoring returns: year-to-date variance to plan",
        "Organisation and system (sum of partners) only; expressed as a share of the "
        "expenditure plan. Not patient data: not disclosure controlled.",
        owner="System finance lead",
        checker="Provider finance lead",
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
        "NHS Digital, NHS Vacancy Statistics: vacancy rate (vacant FTE as a share of "
        "planned workforce)",
        "Whole-time equivalents, all staff groups, from partner returns.",
        owner="System workforce lead",
        checker="Provider workforce information lead",
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
        "NHS England, agency staffing: agency share of the workforce (agency spend "
        "returns; NHS workforce statistics)",
        "Measured in WTE of staff working (in post, bank and agency), not spend.",
        owner="System workforce lead",
        checker="Provider workforce information lead",
    ),
)

BY_ID = {m.id: m for m in CATALOGUE}


def catalogue_rows() -> list[dict[str, Any]]:
    """The catalogue as plain rows (dates as ISO text, lists for periods), for the web tier
    and for documents; reading it computes nothing."""
    rows = []
    for m in CATALOGUE:
        row = asdict(m)
        row["periods"] = list(m.periods)
        row["next_review"] = m.next_review.isoformat()
        rows.append(row)
    return rows
