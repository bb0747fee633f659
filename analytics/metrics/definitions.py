"""One Ibis definition per metric, computed from a few shared passes over the inputs.

A metric's definition names what it counts, as Ibis expressions over a *source*: a table
of events (spells, attendances, first care home admissions, ...) that carries the
person's ``area`` (neighbourhood, or organisation for finance and workforce) and the dates
that place each event in a period. The engine gathers every measure that reads the same
source into one aggregation grouped by area and calendar month (one pass per source, with
a conditional sum per measure), then sums months into quarters and financial years and
neighbourhoods into places and the system. Rates take their denominator from
``Population``: people registered and alive on the period's population date, counted
from registration events in one pass over the register.

Nothing here is disclosure controlled: these are raw counts (``engine.finalise`` controls
them before anything leaves the package).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
from ibis import _

from analytics.contract import DIED, USUAL_RESIDENCE

ACSC = (
    "B18",
    "D50",
    "E10",
    "E11",
    "E13",
    "E14",
    "F00",
    "F01",
    "F02",
    "F03",
    "G40",
    "G41",
    "I10",
    "I20",
    "I25",
    "I48",
    "I50",
    "J41",
    "J42",
    "J43",
    "J44",
    "J45",
    "J46",
    "J47",
)

# Sums of money and whole-time equivalents are taken as decimals so that every engine
# adds them exactly (float sums depend on the order an engine adds in).
EXACT = dt.Decimal(38, 6)
FAR_FUTURE = date(9999, 12, 31)
AGE_BANDS = ("0-17", "18-64", "65+")


@dataclass(frozen=True)
class Inputs:
    """The contract's datasets, as Ibis tables in one engine."""

    people: ibis.Table
    spells: ibis.Table
    ae: ibis.Table
    care: ibis.Table
    ledger: ibis.Table
    workforce: ibis.Table


Predicate = Callable[[ibis.Table], ir.BooleanValue]
ValueOf = Callable[[ibis.Table], ir.NumericValue]


@dataclass(frozen=True)
class Measure:
    """A sum over one source: of ``value`` (default: 1 per row) where ``when`` holds,
    placed in the calendar month of the date column ``dated_by``."""

    source: str
    dated_by: str
    when: Predicate | None = None
    value: ValueOf | None = None


@dataclass(frozen=True)
class Population:
    """People registered and alive on the period's population date, in these age bands."""

    bands: tuple[str, ...] = ("0-17", "18-64", "65+")


@dataclass(frozen=True)
class Definition:
    numerator: Measure
    denominator: Measure | Population
    # Sum of squares of the numerator's values, for the interval of a mean.
    squares: Measure | None = None


# --------------------------------------------------------------------------- helpers


def months_old(on: ibis.Value, birth_month_key: ir.IntegerValue) -> ir.IntegerValue:
    """Whole months from the first of the birth month to ``on``. Age on D in whole years
    is at least N exactly when this is at least 12 * N (the birth "day" is always the
    1st), which every engine evaluates in integers, identically."""
    return month_key(on) - birth_month_key


def days_between(later: ir.DateValue, earlier: ir.DateValue) -> ir.IntegerValue:
    return later.delta(earlier, unit="day")


def month_key(value: ibis.Value) -> ir.IntegerValue:
    """Months since January of year 0: the key every source is grouped by."""
    return value.year().cast("int64") * 12 + value.month().cast("int64") - 1


def _alive_on_leaving(destination: ir.StringValue) -> ir.BooleanValue:
    # An empty destination is not "died".
    return destination.fill_null("") != DIED


def _persons(people: ibis.Table) -> ibis.Table:
    return people.select(
        "person_id",
        area=_.neighbourhood_code,
        birth_month_key=month_key(_.birth_month),
    )


def _where_people_live(events: ibis.Table, people: ibis.Table) -> ibis.Table:
    """Activity is counted where the person lives, not where the provider is."""
    return events.join(_persons(people), "person_id")


# --------------------------------------------------------------------------- sources


def activity_source(i: Inputs) -> ibis.Table:
    """Hospital spells, A&E attendances and readmitted spells in one stream, so that the
    register is joined to them once. A spell row has no arrival time and an attendance row
    no admission or discharge date, so each row falls only in the months of its own
    measures. What can be worked out from a row alone (flags, month keys) is worked out
    before the join, so the join carries narrow rows."""
    sp = i.spells
    chapter, block = sp.primary_diagnosis.substr(0, 1), sp.primary_diagnosis.substr(1, 2)
    cause = sp.external_cause
    spells = sp.select(
        "person_id",
        "admission_date",
        "discharge_date",
        month_of_admission_date=month_key(sp.admission_date),
        month_of_discharge_date=month_key(sp.discharge_date),
        emergency=sp.admission_method == "emergency",
        not_maternity=sp.admission_method != "maternity",
        # Primary diagnosis S00-T98 (an injury) and external cause W00-W19 (a fall).
        fall_injury=((chapter == "S") | ((chapter == "T") & (block <= "98")))
        & (cause.substr(0, 1) == "W")
        & cause.substr(1, 2).isin([f"{n:02d}" for n in range(20)]),
        acsc_diagnosis=sp.primary_diagnosis.substr(0, 3).isin(ACSC),
        discharged_alive=sp.discharge_date.notnull() & _alive_on_leaving(sp.discharge_destination),
        to_usual_residence=sp.discharge_destination == USUAL_RESIDENCE,
        stay_days=days_between(sp.discharge_date, sp.admission_date),
        delay_days=days_between(sp.discharge_date, sp.discharge_ready_date),
    )
    wait = i.ae.departure_time.epoch_seconds() - i.ae.arrival_time.epoch_seconds()
    attendances = i.ae.select(
        "person_id",
        "arrival_time",
        month_of_arrival_time=month_key(i.ae.arrival_time),
        within_4_hours=wait <= 4 * 3600,
    )
    s = _where_people_live(_stack(spells, attendances, _readmissions(i.spells)), i.people)
    return s.mutate(
        months_old_on_admission=s.month_of_admission_date - s.birth_month_key,
        months_old_on_discharge=s.month_of_discharge_date - s.birth_month_key,
    )


def _stack(*tables: ibis.Table) -> ibis.Table:
    """The rows of several tables under all their columns, empty where a table lacks one."""
    columns: dict[str, dt.DataType] = {}
    for t in tables:
        for name, kind in t.schema().items():
            columns.setdefault(name, kind.copy(nullable=True))
    return ibis.union(
        *(
            t.select(
                [
                    t[name].cast(kind).name(name)
                    if name in t.columns
                    else ibis.null(kind).name(name)
                    for name, kind in columns.items()
                ]
            )
            for t in tables
        )
    )


def _readmissions(spells: ibis.Table) -> ibis.Table:
    """One row per spell that counts towards the readmission rate's numerator: discharged
    alive, not maternity, and followed by an emergency admission of the same person 0 to
    30 days after its discharge date (another spell than itself). These rows join the
    activity stream on their own, marked ``readmission``, so no flag has to be joined back
    to the spells; every other measure's condition is empty on them."""
    s = spells
    base = s.filter(
        s.discharge_date.notnull()
        & _alive_on_leaving(s.discharge_destination)
        & (s.admission_method != "maternity")
    ).select("spell_id", "person_id", "discharge_date")
    emergencies = s.filter(s.admission_method == "emergency").select(
        next_person=_.person_id, next_spell=_.spell_id, next_admission=_.admission_date
    )
    followed = base.semi_join(
        emergencies,
        [
            base.person_id == emergencies.next_person,
            base.spell_id != emergencies.next_spell,
            emergencies.next_admission >= base.discharge_date,
            emergencies.next_admission <= base.discharge_date + ibis.interval(days=30),
        ],
    )
    return followed.select(
        "person_id",
        "discharge_date",
        month_of_discharge_date=month_key(followed.discharge_date),
        readmission=ibis.literal(True),
    )


def first_care_home_source(i: Inputs) -> ibis.Table:
    """Each person's first ever long-term residential or nursing service, kept when the
    council funds it (an earlier self-funded placement still makes a later one not the
    first)."""
    c = i.care.filter(
        (i.care.term == "long_term")
        & i.care.service_type.isin(["residential_care", "nursing_care"])
    )
    order = ibis.window(group_by=c.person_id, order_by=[c.start_date, c.service_id])
    first = c.mutate(nth=ibis.row_number().over(order)).filter((_.nth == 0) & _.council_funded)
    first = _where_people_live(first, i.people)
    return first.mutate(months_old_on_start=months_old(first.start_date, first.birth_month_key))


def _discharges_65_oct_dec(i: Inputs) -> ibis.Table:
    s = i.spells.filter(
        i.spells.discharge_date.notnull()
        & _alive_on_leaving(i.spells.discharge_destination)
        & i.spells.discharge_date.month().isin([10, 11, 12])
    )
    # Only people 65 or over by the last discharge can count: the rest of the register
    # is left out before the join (the exact age test follows it).
    latest = s.discharge_date.max()
    old_enough = i.people.filter(
        i.people.birth_month <= ibis.date(latest.year() - 65, latest.month(), 1)
    )
    s = _where_people_live(s, old_enough)
    s = s.filter(months_old(s.discharge_date, s.birth_month_key) >= 65 * 12)
    return s.mutate(window_year=s.discharge_date.year())


def oct_dec_source(i: Inputs) -> ibis.Table:
    """One row per person 65+ discharged alive 1 October-31 December (per window year),
    dated 1 October: ``reablement`` when any such discharge was followed by
    council-funded reablement, ``home_at_91_days`` when the first of those (by discharge
    date, then spell and service id) found them at home or in extra care 91 days on.

    The first is found by aggregation, not by ranking: each reablement discharge gets a
    text that sorts in that order (the ISO date is fixed width) and ends with its setting,
    and the smallest per person is kept. Every engine compares text byte by byte, so all
    pick the same one."""
    reablement = i.care.filter(
        (i.care.service_type == "reablement") & i.care.council_funded
    ).select(service_id=_.service_id, after_spell_id=_.after_spell_id, setting=_.setting_at_91_days)
    d = _discharges_65_oct_dec(i)
    d = d.left_join(reablement, d.spell_id == reablement.after_spell_id)
    key = (
        d.discharge_date.cast("string")
        + "|"
        + d.spell_id
        + "|"
        + d.service_id
        + "|"
        + d.setting.fill_null("")
    )
    people = d.group_by([d.person_id, d.area, d.window_year]).aggregate(first_reablement=key.min())
    first = people.first_reablement
    return people.mutate(
        discharge_date=ibis.date(people.window_year, 10, 1),
        reablement=first.notnull(),
        home_at_91_days=first.endswith("|home") | first.endswith("|extra_care"),
    )


def ledger_source(i: Inputs) -> ibis.Table:
    g = i.ledger.filter(i.ledger.actual_gbp.notnull())
    actual, plan = g.actual_gbp.cast(EXACT), g.plan_gbp.cast(EXACT)
    income = g.line == "income"
    return g.select(
        area=g.organisation_code,
        month=g.month,
        income=income,
        # Better than plan is positive: more income, or less spending.
        variance=ibis.ifelse(income, actual - plan, plan - actual),
        plan=plan,
    )


def workforce_source(i: Inputs) -> ibis.Table:
    w = i.workforce
    return w.select(
        area=w.organisation_code,
        month=w.month,
        establishment=w.establishment_wte.cast(EXACT),
        in_post=w.in_post_wte.cast(EXACT),
        bank=w.bank_wte.cast(EXACT),
        agency=w.agency_wte.cast(EXACT),
    )


SOURCES: dict[str, Callable[[Inputs], ibis.Table]] = {
    "activity": activity_source,
    "first_care_home": first_care_home_source,
    "oct_dec": oct_dec_source,
    "ledger": ledger_source,
    "workforce": workforce_source,
}


def population_changes(people: ibis.Table, first_date: date, last_date: date) -> ibis.Table:
    """+1 / -1 by area, age band and day as people join and leave each age band's
    population: the population on D is the sum of the changes on or before D.

    A person is in the population on D when registered_from <= D, registered_to is empty
    or >= D, and death_date is empty or > D; in band 18-64 from the first of the month of
    their 18th birthday and in 65+ from that of their 65th. Changes before ``first_date``
    count as on it and those after ``last_date`` are dropped, so the result is small
    whatever the size of the register.
    """
    p = people
    # Every date is made non-null first, so GREATEST and LEAST mean the same in every
    # engine. A person stops counting the day after deregistration, or on death.
    b = p.select(
        area=p.neighbourhood_code,
        joins=p.registered_from,
        leaves=ibis.least(
            (p.registered_to + ibis.interval(days=1)).fill_null(FAR_FUTURE),
            p.death_date.fill_null(FAR_FUTURE),
        ),
        turns_18=ibis.date(p.birth_month.year() + 18, p.birth_month.month(), 1),
        turns_65=ibis.date(p.birth_month.year() + 65, p.birth_month.month(), 1),
    )
    # Only people registered at some time in the window matter. (The filter also makes
    # this a relation of its own, which the engine computes once for the three bands.)
    b = b.filter((b.leaves > first_date) & (b.joins <= last_date))
    segments = ibis.union(
        b.select(
            "area",
            age_band=ibis.literal("0-17"),
            start=b.joins,
            stop=ibis.least(b.leaves, b.turns_18),
        ),
        b.select(
            "area",
            age_band=ibis.literal("18-64"),
            start=ibis.greatest(b.joins, b.turns_18),
            stop=ibis.least(b.leaves, b.turns_65),
        ),
        b.select(
            "area",
            age_band=ibis.literal("65+"),
            start=ibis.greatest(b.joins, b.turns_65),
            stop=b.leaves,
        ),
    )
    # Only segments that overlap the window matter; one that ends before it would add and
    # remove the person on the same (clamped) day.
    segments = segments.filter((_.start < _.stop) & (_.stop > first_date) & (_.start <= last_date))
    changes = ibis.union(
        segments.select(
            "area",
            "age_band",
            day=ibis.greatest(_.start, first_date),
            change=ibis.literal(1, type="int64"),
        ),
        segments.filter(_.stop <= last_date).select(
            "area", "age_band", day=_.stop, change=ibis.literal(-1, type="int64")
        ),
    )
    return changes.group_by(["area", "age_band", "day"]).aggregate(change=_.change.sum())


# --------------------------------------------------------------------------- metrics


def _spells(dated_by: str, when: Predicate, value: ValueOf | None = None) -> Measure:
    return Measure("activity", dated_by, when, value)


def _falls(s: ibis.Table) -> ir.BooleanValue:
    return s.emergency & (s.months_old_on_admission >= 65 * 12) & s.fall_injury


def _adult_discharge(s: ibis.Table) -> ir.BooleanValue:
    return s.discharged_alive & (s.months_old_on_discharge >= 18 * 12)


def _adult_emergency_discharge(s: ibis.Table) -> ir.BooleanValue:
    return s.emergency & s.discharge_date.notnull() & (s.months_old_on_discharge >= 18 * 12)


def _readmission_base(s: ibis.Table) -> ir.BooleanValue:
    return s.discharged_alive & s.not_maternity


def _delay_known(s: ibis.Table) -> ir.BooleanValue:
    return s.delay_days.notnull()


_REABLEMENT = Measure("oct_dec", "discharge_date", lambda r: r.reablement)
_ATTENDANCES = Measure("activity", "arrival_time")

DEFINITIONS: dict[str, Definition] = {
    "ascof_2a2": Definition(
        Measure("first_care_home", "start_date", lambda c: c.months_old_on_start >= 65 * 12),
        Population(("65+",)),
    ),
    "ascof_2a1": Definition(
        Measure(
            "first_care_home",
            "start_date",
            lambda c: c.months_old_on_start.between(18 * 12, 65 * 12 - 1),
        ),
        Population(("18-64",)),
    ),
    "ascof_2b1": Definition(
        Measure("oct_dec", "discharge_date", lambda r: r.home_at_91_days),
        _REABLEMENT,
    ),
    "ascof_2b2": Definition(_REABLEMENT, Measure("oct_dec", "discharge_date")),
    "emergency_admissions": Definition(
        _spells("admission_date", lambda s: s.emergency), Population()
    ),
    "falls_65": Definition(_spells("admission_date", _falls), Population(("65+",))),
    "acsc_chronic": Definition(
        _spells(
            "admission_date",
            lambda s: s.emergency & s.acsc_diagnosis,
        ),
        Population(),
    ),
    "discharge_usual_residence": Definition(
        _spells(
            "discharge_date",
            lambda s: _adult_discharge(s) & s.to_usual_residence,
        ),
        _spells("discharge_date", _adult_discharge),
    ),
    "long_stay_21": Definition(
        _spells("discharge_date", lambda s: _adult_emergency_discharge(s) & (s.stay_days >= 21)),
        _spells("discharge_date", _adult_emergency_discharge),
    ),
    "readmission_30": Definition(
        _spells("discharge_date", lambda s: s.readmission),
        _spells("discharge_date", _readmission_base),
    ),
    "discharge_delay": Definition(
        _spells("discharge_date", _delay_known, lambda s: s.delay_days),
        _spells("discharge_date", _delay_known),
        squares=_spells("discharge_date", _delay_known, lambda s: s.delay_days * s.delay_days),
    ),
    "ae_attendances": Definition(_ATTENDANCES, Population()),
    "ae_4h": Definition(
        Measure("activity", "arrival_time", lambda a: a.within_4_hours), _ATTENDANCES
    ),
    "finance_variance": Definition(
        Measure("ledger", "month", value=lambda g: g.variance),
        Measure("ledger", "month", lambda g: ~g.income, lambda g: g.plan),
    ),
    "vacancy_rate": Definition(
        Measure("workforce", "month", value=lambda w: w.establishment - w.in_post),
        Measure("workforce", "month", value=lambda w: w.establishment),
    ),
    "agency_share": Definition(
        Measure("workforce", "month", value=lambda w: w.agency),
        Measure("workforce", "month", value=lambda w: w.in_post + w.bank + w.agency),
    ),
}
