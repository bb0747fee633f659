"""The data contract of DATA.md, in code, once.

The loader validates against it, the synthetic generator writes it, the metric engines
read it and ``docs/data-contract.md`` is generated from it. Nothing else may restate
column names, types or allowed values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pyarrow as pa


class ColumnType(StrEnum):
    STRING = "string"
    DATE = "date"
    TIMESTAMP = "timestamp"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"

    @property
    def arrow(self) -> pa.DataType:
        return _ARROW_TYPES[self]


# Decimals are stored as float64: the amounts are whole pounds or WTE to two places, well
# inside float64's exact range, and the engines aggregate them far faster (see docs/adr).
_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.STRING: pa.string(),
    ColumnType.DATE: pa.date32(),
    ColumnType.TIMESTAMP: pa.timestamp("s"),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.DECIMAL: pa.float64(),
    ColumnType.BOOLEAN: pa.bool_(),
}


class RegistryCode(StrEnum):
    """Kinds of registry code a column must match (checked when codes are supplied)."""

    NEIGHBOURHOOD = "neighbourhood"
    PLACE = "place"
    ORGANISATION = "organisation"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    required: bool = True  # False: may be empty (null)
    unique: bool = False
    allowed: tuple[str, ...] | None = None  # allowed values (strings or integers as text)
    minimum: float | None = None
    maximum: float | None = None
    first_of_month: bool = False
    not_before: str | None = None  # name of another column of the same row
    references: tuple[str, str] | None = None  # (dataset, column) the value must exist in
    registry: RegistryCode | None = None

    @property
    def arrow_field(self) -> pa.Field:
        return pa.field(self.name, self.type.arrow, nullable=not self.required)

    def rules(self) -> list[str]:
        """The column's rules in plain words, for reports and documentation."""
        out: list[str] = []
        if self.required:
            out.append("must not be empty")
        if self.unique:
            out.append("unique")
        if self.allowed is not None:
            out.append("one of " + ", ".join(f"`{v}`" for v in self.allowed))
        if self.minimum is not None and self.maximum is not None:
            out.append(f"from {self.minimum:g} to {self.maximum:g}")
        elif self.minimum is not None:
            out.append(f"at least {self.minimum:g}")
        if self.first_of_month:
            out.append("first day of a month")
        if self.not_before:
            out.append(f"not before `{self.not_before}`")
        if self.references:
            out.append(f"must exist in `{self.references[0]}.{self.references[1]}`")
        if self.registry:
            out.append(f"a {self.registry.value} code of the system's registry")
        return out


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    grain: str  # what one row is
    columns: tuple[Column, ...]
    key: tuple[str, ...] = field(default_factory=tuple)  # columns unique together

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([c.arrow_field for c in self.columns])


S, D, T, I, N, B = (  # noqa: E741 - short names keep the tables below readable
    ColumnType.STRING,
    ColumnType.DATE,
    ColumnType.TIMESTAMP,
    ColumnType.INTEGER,
    ColumnType.DECIMAL,
    ColumnType.BOOLEAN,
)

SEXES = ("F", "M", "I", "U")
ADMISSION_METHODS = ("emergency", "elective", "maternity", "transfer", "other")
DISCHARGE_DESTINATIONS = (
    "19",
    "29",
    "54",
    "65",
    "85",
    "51",
    "52",
    "53",
    "87",
    "79",
    "88",
    "98",
    "99",
)
USUAL_RESIDENCE = "19"
DIED = "79"
CARE_HOME_DESTINATIONS = ("54", "65", "85")
DISPOSALS = ("admitted", "discharged", "referred", "transferred", "died", "left")
SERVICE_TYPES = ("reablement", "residential_care", "nursing_care", "home_care", "other")
TERMS = ("short_term", "long_term")
SETTINGS_AT_91_DAYS = ("home", "extra_care", "care_home", "hospital", "died", "unknown")
LEDGER_LINES = ("income", "pay", "non_pay", "agency", "other")
EXPENDITURE_LINES = ("pay", "non_pay", "agency", "other")
STAFF_GROUPS = (
    "medical",
    "nursing",
    "ahp",
    "social_care",
    "scientific",
    "support",
    "admin",
    "other",
)

PEOPLE = Dataset(
    name="people",
    title="Population register",
    grain="one row per person ever registered",
    key=("person_id",),
    columns=(
        Column("person_id", S, "Pseudonymous person identifier", unique=True),
        Column("birth_month", D, "First day of the month of birth", first_of_month=True),
        Column("sex", S, "Sex", allowed=SEXES),
        Column(
            "neighbourhood_code",
            S,
            "Neighbourhood of residence",
            registry=RegistryCode.NEIGHBOURHOOD,
        ),
        Column("gp_practice_code", S, "Registered GP practice"),
        Column(
            "imd_decile",
            I,
            "Index of multiple deprivation decile (1 most deprived)",
            required=False,
            minimum=1,
            maximum=10,
        ),
        Column("registered_from", D, "Start of registration"),
        Column(
            "registered_to",
            D,
            "End of registration; empty while registered",
            required=False,
            not_before="registered_from",
        ),
        Column(
            "death_date",
            D,
            "Date of death; empty if alive",
            required=False,
            not_before="birth_month",
        ),
    ),
)

HOSPITAL_SPELLS = Dataset(
    name="hospital_spells",
    title="Hospital spells (admitted patient care)",
    grain="one row per spell",
    key=("spell_id",),
    columns=(
        Column("spell_id", S, "Spell identifier", unique=True),
        Column(
            "person_id", S, "Pseudonymous person identifier", references=("people", "person_id")
        ),
        Column("provider_code", S, "ODS code of the provider"),
        Column("admission_date", D, "Date of admission"),
        Column(
            "discharge_date",
            D,
            "Date of discharge; empty while in hospital",
            required=False,
            not_before="admission_date",
        ),
        Column("admission_method", S, "Method of admission", allowed=ADMISSION_METHODS),
        Column("primary_diagnosis", S, "Primary diagnosis (ICD-10)"),
        Column("external_cause", S, "External cause (ICD-10 chapter XX)", required=False),
        Column(
            "discharge_destination",
            S,
            "Discharge destination (NHS Data Dictionary)",
            required=False,
            allowed=DISCHARGE_DESTINATIONS,
        ),
        Column("discharge_ready_date", D, "Date clinically ready to leave", required=False),
    ),
)

AE_ATTENDANCES = Dataset(
    name="ae_attendances",
    title="A&E attendances",
    grain="one row per attendance",
    key=("attendance_id",),
    columns=(
        Column("attendance_id", S, "Attendance identifier", unique=True),
        Column(
            "person_id", S, "Pseudonymous person identifier", references=("people", "person_id")
        ),
        Column("provider_code", S, "ODS code of the provider"),
        Column("arrival_time", T, "Arrival time"),
        Column("departure_time", T, "Departure time", not_before="arrival_time"),
        Column("department_type", I, "Department type", allowed=("1", "2", "3")),
        Column("arrival_mode", S, "Arrival mode", allowed=("ambulance", "other")),
        Column("disposal", S, "Disposal", allowed=DISPOSALS),
    ),
)

SOCIAL_CARE_SERVICES = Dataset(
    name="social_care_services",
    title="Adult social care services",
    grain="one row per service episode",
    key=("service_id",),
    columns=(
        Column("service_id", S, "Service episode identifier", unique=True),
        Column(
            "person_id", S, "Pseudonymous person identifier", references=("people", "person_id")
        ),
        Column("local_authority_code", S, "ONS code of the council", registry=RegistryCode.PLACE),
        Column("service_type", S, "Type of service", allowed=SERVICE_TYPES),
        Column("term", S, "Short or long term", allowed=TERMS),
        Column("start_date", D, "Start of the service"),
        Column(
            "end_date",
            D,
            "End of the service; empty while open",
            required=False,
            not_before="start_date",
        ),
        Column("council_funded", B, "The council pays all or part"),
        Column(
            "after_spell_id",
            S,
            "Hospital spell this service follows on discharge",
            required=False,
            references=("hospital_spells", "spell_id"),
        ),
        Column(
            "setting_at_91_days",
            S,
            "Setting 91 days after discharge (reablement)",
            required=False,
            allowed=SETTINGS_AT_91_DAYS,
        ),
    ),
)

FINANCE_LEDGER = Dataset(
    name="finance_ledger",
    title="Finance ledger",
    grain="one row per organisation, month and line",
    key=("organisation_code", "month", "line"),
    columns=(
        Column("organisation_code", S, "ODS code of a partner", registry=RegistryCode.ORGANISATION),
        Column("month", D, "First day of the month", first_of_month=True),
        Column("line", S, "Ledger line", allowed=LEDGER_LINES),
        Column("plan_gbp", N, "Plan (GBP)"),
        Column("actual_gbp", N, "Actual (GBP); empty for future months", required=False),
        Column("forecast_gbp", N, "Forecast (GBP)"),
    ),
)

WORKFORCE = Dataset(
    name="workforce",
    title="Workforce",
    grain="one row per organisation, month and staff group",
    key=("organisation_code", "month", "staff_group"),
    columns=(
        Column("organisation_code", S, "ODS code of a partner", registry=RegistryCode.ORGANISATION),
        Column("month", D, "First day of the month", first_of_month=True),
        Column("staff_group", S, "Staff group", allowed=STAFF_GROUPS),
        Column("establishment_wte", N, "Funded establishment (WTE)", minimum=0),
        Column("in_post_wte", N, "Staff in post (WTE)", minimum=0),
        Column("bank_wte", N, "Bank staff (WTE)", minimum=0),
        Column("agency_wte", N, "Agency staff (WTE)", minimum=0),
    ),
)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        PEOPLE,
        HOSPITAL_SPELLS,
        AE_ATTENDANCES,
        SOCIAL_CARE_SERVICES,
        FINANCE_LEDGER,
        WORKFORCE,
    )
}

# Datasets must be validated and loaded in this order: later ones reference earlier ones.
LOAD_ORDER: tuple[str, ...] = tuple(DATASETS)

RESULTS = Dataset(
    name="metric_results",
    title="Metric results",
    grain="one row per metric, area and period",
    key=("metric_id", "area_type", "area_code", "period_start", "period_end"),
    columns=(
        Column("metric_id", S, "Metric identifier"),
        Column(
            "area_type",
            S,
            "Type of area",
            allowed=("system", "place", "neighbourhood", "organisation"),
        ),
        Column("area_code", S, "Registry code of the area"),
        Column("period_start", D, "First day of the period"),
        Column("period_end", D, "Last day of the period (inclusive)"),
        Column("numerator", N, "Numerator after disclosure control", required=False),
        Column("denominator", N, "Denominator after disclosure control", required=False),
        Column(
            "value", N, "Value from the controlled counts; empty when suppressed", required=False
        ),
        Column("ci_lower", N, "Lower end of the 95% interval", required=False),
        Column("ci_upper", N, "Upper end of the 95% interval", required=False),
        Column("suppressed", B, "A count fell under the disclosure threshold"),
    ),
)
