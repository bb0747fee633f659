"""One Ibis definition per metric: each returns raw counts by period and area.

Every definition returns a table with columns: metric_id, period_start, period_end,
area (neighbourhood code, or organisation code), numerator, denominator, and ``extra``
(the sum of squares, for means; else 0). Counts are rolled up to places and the system,
and then controlled, in ``engine.py``; nothing here is disclosure controlled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ibis
from ibis import _

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


@dataclass
class Inputs:
    people: ibis.Table
    spells: ibis.Table
    ae: ibis.Table
    care: ibis.Table
    ledger: ibis.Table
    workforce: ibis.Table
    periods: ibis.Table  # period_type, period_start, period_end, population_date
    population: ibis.Table  # population_date, area, age_band, people


def age(on: ibis.Value, birth: ibis.Value) -> ibis.Value:
    """Whole years from the first of the birth month."""
    return ((on.year() - birth.year()) * 12 + on.month() - birth.month()) // 12


def population_table(people: ibis.Table, dates: ibis.Table) -> ibis.Table:
    """People registered and alive on each population date, by area and age band."""
    joined = people.cross_join(dates)
    d = joined.population_date
    alive = (
        (joined.registered_from <= d)
        & (joined.registered_to.isnull() | (joined.registered_to >= d))
        & (joined.death_date.isnull() | (joined.death_date > d))
    )
    a = age(d, joined.birth_month)
    band = ibis.cases((a >= 65, "65+"), (a >= 18, "18-64"), else_="0-17")
    return (
        joined.filter(alive)
        .group_by(population_date=d, area=joined.neighbourhood_code, age_band=band)
        .aggregate(people=_.count())
    )


def _with_area(events: ibis.Table, people: ibis.Table) -> ibis.Table:
    return events.join(people.select("person_id", "neighbourhood_code", "birth_month"), "person_id")


def _periods(inputs: Inputs, types: tuple[str, ...]) -> ibis.Table:
    return inputs.periods.filter(inputs.periods.period_type.isin(types))


def _rate(
    metric_id: str,
    events: ibis.Table,
    date_col: str,
    inputs: Inputs,
    types: tuple[str, ...],
    bands: tuple[str, ...],
) -> ibis.Table:
    periods = _periods(inputs, types)
    j = events.join(
        periods, [events[date_col] >= periods.period_start, events[date_col] <= periods.period_end]
    )
    counts = j.group_by(
        ["period_start", "period_end", "population_date", j.neighbourhood_code.name("area")]
    ).aggregate(numerator=_.count())
    pop = (
        inputs.population.filter(inputs.population.age_band.isin(bands))
        .group_by(["population_date", "area"])
        .aggregate(denominator=_.people.sum())
    )
    # Every area with anyone registered, so an area with no one of the ages asked for shows
    # a zero denominator rather than disappearing.
    areas = inputs.population.select("area").distinct()
    grid = periods.cross_join(areas).select("period_start", "period_end", "population_date", "area")
    out = grid.left_join(counts, ["period_start", "period_end", "area"]).select(
        "period_start", "period_end", "population_date", "area", numerator=_.numerator.fill_null(0)
    )
    out = out.left_join(pop, ["population_date", "area"]).select(
        "period_start", "period_end", "area", "numerator", denominator=_.denominator.fill_null(0)
    )
    return out.select(
        metric_id=ibis.literal(metric_id),
        period_start=_.period_start,
        period_end=_.period_end,
        area=_.area,
        numerator=_.numerator.cast("float64"),
        denominator=_.denominator.cast("float64"),
        extra=ibis.literal(0.0),
    )


def _proportion(
    metric_id: str,
    base: ibis.Table,
    date_col: str,
    flag: ibis.Value,
    inputs: Inputs,
    types: tuple[str, ...],
) -> ibis.Table:
    periods = _periods(inputs, types)
    base = base.mutate(num_flag=flag)
    j = base.join(
        periods, [base[date_col] >= periods.period_start, base[date_col] <= periods.period_end]
    )
    out = j.group_by(["period_start", "period_end", j.neighbourhood_code.name("area")]).aggregate(
        numerator=j.num_flag.cast("int64").sum(), denominator=j.count()
    )
    return out.select(
        metric_id=ibis.literal(metric_id),
        period_start=_.period_start,
        period_end=_.period_end,
        area=_.area,
        numerator=_.numerator.cast("float64"),
        denominator=_.denominator.cast("float64"),
        extra=ibis.literal(0.0),
    )


# ------------------------------------------------------------------------ definitions


def emergency_admissions(i: Inputs) -> ibis.Table:
    s = _with_area(i.spells.filter(i.spells.admission_method == "emergency"), i.people)
    return _rate(
        "emergency_admissions",
        s,
        "admission_date",
        i,
        ("month", "quarter", "fy"),
        ("0-17", "18-64", "65+"),
    )


def falls_65(i: Inputs) -> ibis.Table:
    s = _with_area(i.spells.filter(i.spells.admission_method == "emergency"), i.people)
    first = s.primary_diagnosis.substr(0, 1)
    cause = s.external_cause
    fall = (
        first.isin(["S", "T"])
        & (cause.substr(0, 1) == "W")
        & (cause.substr(1, 2).cast("int64").between(0, 19))
    )
    s = s.filter(fall & (age(s.admission_date, s.birth_month) >= 65))
    return _rate("falls_65", s, "admission_date", i, ("fy",), ("65+",))


def acsc_chronic(i: Inputs) -> ibis.Table:
    s = i.spells.filter(
        (i.spells.admission_method == "emergency")
        & i.spells.primary_diagnosis.substr(0, 3).isin(ACSC)
    )
    return _rate(
        "acsc_chronic",
        _with_area(s, i.people),
        "admission_date",
        i,
        ("fy", "quarter"),
        ("0-17", "18-64", "65+"),
    )


def ae_attendances(i: Inputs) -> ibis.Table:
    a = _with_area(i.ae.mutate(arrival_date=i.ae.arrival_time.date()), i.people)
    return _rate(
        "ae_attendances", a, "arrival_date", i, ("month", "quarter", "fy"), ("0-17", "18-64", "65+")
    )


def ae_4h(i: Inputs) -> ibis.Table:
    a = _with_area(i.ae.mutate(arrival_date=i.ae.arrival_time.date()), i.people)
    within = (a.departure_time.epoch_seconds() - a.arrival_time.epoch_seconds()) <= 4 * 3600
    return _proportion("ae_4h", a, "arrival_date", within, i, ("month", "quarter", "fy"))


def discharge_usual_residence(i: Inputs) -> ibis.Table:
    s = _with_area(
        i.spells.filter(
            i.spells.discharge_date.notnull() & (i.spells.discharge_destination != "79")
        ),
        i.people,
    )
    s = s.filter(age(s.discharge_date, s.birth_month) >= 18)
    return _proportion(
        "discharge_usual_residence",
        s,
        "discharge_date",
        s.discharge_destination == "19",
        i,
        ("month", "quarter", "fy"),
    )


def long_stay_21(i: Inputs) -> ibis.Table:
    s = _with_area(
        i.spells.filter(
            (i.spells.admission_method == "emergency") & i.spells.discharge_date.notnull()
        ),
        i.people,
    )
    s = s.filter(age(s.discharge_date, s.birth_month) >= 18)
    stay = s.discharge_date.delta(s.admission_date, unit="day")
    return _proportion(
        "long_stay_21", s, "discharge_date", stay >= 21, i, ("month", "quarter", "fy")
    )


def readmission_30(i: Inputs) -> ibis.Table:
    d = i.spells.filter(
        (i.spells.admission_method != "maternity")
        & i.spells.discharge_date.notnull()
        & (i.spells.discharge_destination != "79")
    )
    e = i.spells.filter(i.spells.admission_method == "emergency").select(
        e_person=_.person_id, e_spell=_.spell_id, e_admission=_.admission_date
    )
    linked = d.join(
        e,
        [
            d.person_id == e.e_person,
            d.spell_id != e.e_spell,
            e.e_admission >= d.discharge_date,
            e.e_admission <= d.discharge_date + ibis.interval(days=30),
        ],
    )
    readmitted = linked.select("spell_id").distinct().mutate(readmitted=ibis.literal(1))
    d = d.left_join(readmitted, "spell_id").select(d, flag=_.readmitted.fill_null(0) == 1)
    d = _with_area(d, i.people)
    return _proportion("readmission_30", d, "discharge_date", d.flag, i, ("month", "quarter", "fy"))


def discharge_delay(i: Inputs) -> ibis.Table:
    s = _with_area(
        i.spells.filter(
            i.spells.discharge_date.notnull() & i.spells.discharge_ready_date.notnull()
        ),
        i.people,
    )
    days = s.discharge_date.delta(s.discharge_ready_date, unit="day").cast("float64")
    s = s.mutate(days=days)
    periods = _periods(i, ("month", "quarter", "fy"))
    j = s.join(
        periods, [s.discharge_date >= periods.period_start, s.discharge_date <= periods.period_end]
    )
    out = j.group_by(["period_start", "period_end", j.neighbourhood_code.name("area")]).aggregate(
        numerator=j.days.sum(), denominator=j.count(), extra=(j.days * j.days).sum()
    )
    return out.select(
        metric_id=ibis.literal("discharge_delay"),
        period_start=_.period_start,
        period_end=_.period_end,
        area=_.area,
        numerator=_.numerator,
        denominator=_.denominator.cast("float64"),
        extra=_.extra,
    )


def _first_care_home(i: Inputs) -> ibis.Table:
    c = i.care.filter(
        (i.care.term == "long_term")
        & i.care.service_type.isin(["residential_care", "nursing_care"])
    )
    w = ibis.window(group_by=c.person_id, order_by=[c.start_date, c.service_id])
    c = c.mutate(n=ibis.row_number().over(w)).filter(_.n == 0)
    return _with_area(c.filter(c.council_funded), i.people)


def ascof_2a2(i: Inputs) -> ibis.Table:
    c = _first_care_home(i)
    c = c.filter(age(c.start_date, c.birth_month) >= 65)
    return _rate("ascof_2a2", c, "start_date", i, ("fy",), ("65+",))


def ascof_2a1(i: Inputs) -> ibis.Table:
    c = _first_care_home(i)
    a = age(c.start_date, c.birth_month)
    return _rate("ascof_2a1", c.filter((a >= 18) & (a <= 64)), "start_date", i, ("fy",), ("18-64",))


def _discharged_65_oct_dec(i: Inputs) -> ibis.Table:
    s = i.spells.filter(
        i.spells.discharge_date.notnull() & (i.spells.discharge_destination != "79")
    )
    s = _with_area(s, i.people)
    return s.filter(age(s.discharge_date, s.birth_month) >= 65)


def _reablement_cohort(i: Inputs) -> ibis.Table:
    s = _discharged_65_oct_dec(i)
    r = i.care.filter((i.care.service_type == "reablement") & i.care.council_funded).select(
        r_spell=_.after_spell_id, setting=_.setting_at_91_days
    )
    return s.join(r, s.spell_id == r.r_spell)


def _one_per_person(t: ibis.Table, periods: ibis.Table) -> ibis.Table:
    j = t.join(
        periods, [t.discharge_date >= periods.period_start, t.discharge_date <= periods.period_end]
    )
    w = ibis.window(group_by=[j.period_start, j.person_id], order_by=[j.discharge_date, j.spell_id])
    return j.mutate(n=ibis.row_number().over(w)).filter(_.n == 0)


def ascof_2b1(i: Inputs) -> ibis.Table:
    periods = _periods(i, ("oct_dec",))
    cohort = _one_per_person(_reablement_cohort(i), periods)
    at_home = cohort.setting.isin(["home", "extra_care"])
    out = cohort.group_by(
        ["period_start", "period_end", cohort.neighbourhood_code.name("area")]
    ).aggregate(numerator=at_home.cast("int64").sum(), denominator=_.count())
    return out.select(
        metric_id=ibis.literal("ascof_2b1"),
        period_start=_.period_start,
        period_end=_.period_end,
        area=_.area,
        numerator=_.numerator.cast("float64"),
        denominator=_.denominator.cast("float64"),
        extra=ibis.literal(0.0),
    )


def ascof_2b2(i: Inputs) -> ibis.Table:
    periods = _periods(i, ("oct_dec",))
    everyone = _one_per_person(_discharged_65_oct_dec(i), periods)
    cohort = _one_per_person(_reablement_cohort(i), periods).select(
        "period_start", "person_id", offered=ibis.literal(1)
    )
    j = everyone.left_join(cohort, ["period_start", "person_id"])
    out = j.group_by(["period_start", "period_end", j.neighbourhood_code.name("area")]).aggregate(
        numerator=j.offered.fill_null(0).sum(), denominator=j.count()
    )
    return out.select(
        metric_id=ibis.literal("ascof_2b2"),
        period_start=_.period_start,
        period_end=_.period_end,
        area=_.area,
        numerator=_.numerator.cast("float64"),
        denominator=_.denominator.cast("float64"),
        extra=ibis.literal(0.0),
    )


def finance_variance(i: Inputs) -> ibis.Table:
    g = i.ledger.filter(i.ledger.actual_gbp.notnull())
    fy = ibis.ifelse(g.month.month() >= 4, g.month.year(), g.month.year() - 1)
    income = g.line == "income"
    variance = ibis.ifelse(income, g.actual_gbp - g.plan_gbp, -(g.actual_gbp - g.plan_gbp))
    g = g.mutate(fy=fy, variance=variance, spend_plan=ibis.ifelse(income, 0.0, g.plan_gbp))
    monthly = g.group_by(["organisation_code", "fy", "month"]).aggregate(
        variance=_.variance.sum(), spend_plan=_.spend_plan.sum()
    )
    w = ibis.window(
        group_by=[monthly.organisation_code, monthly.fy],
        order_by=monthly.month,
        preceding=None,
        following=0,
    )
    ytd = monthly.mutate(
        numerator=monthly.variance.sum().over(w), denominator=monthly.spend_plan.sum().over(w)
    )
    return ytd.select(
        metric_id=ibis.literal("finance_variance"),
        period_start=ibis.date(ytd.fy.cast("int64"), 4, 1),
        period_end=(ytd.month + ibis.interval(months=1) - ibis.interval(days=1)),
        area=ytd.organisation_code,
        numerator=ytd.numerator.cast("float64"),
        denominator=ytd.denominator.cast("float64"),
        extra=ibis.literal(0.0),
    )


def _workforce_ratio(metric_id: str, i: Inputs, num: ibis.Value, den: ibis.Value) -> ibis.Table:
    w = i.workforce.mutate(num=num, den=den)
    out = w.group_by(["organisation_code", "month"]).aggregate(
        numerator=_.num.sum(), denominator=_.den.sum()
    )
    return out.select(
        metric_id=ibis.literal(metric_id),
        period_start=out.month,
        period_end=(out.month + ibis.interval(months=1) - ibis.interval(days=1)),
        area=out.organisation_code,
        numerator=out.numerator.cast("float64"),
        denominator=out.denominator.cast("float64"),
        extra=ibis.literal(0.0),
    )


def vacancy_rate(i: Inputs) -> ibis.Table:
    w = i.workforce
    return _workforce_ratio(
        "vacancy_rate", i, w.establishment_wte - w.in_post_wte, w.establishment_wte
    )


def agency_share(i: Inputs) -> ibis.Table:
    w = i.workforce
    return _workforce_ratio(
        "agency_share", i, w.agency_wte, w.in_post_wte + w.bank_wte + w.agency_wte
    )


DEFINITIONS: dict[str, Callable[[Inputs], ibis.Table]] = {
    f.__name__: f
    for f in (
        ascof_2a2,
        ascof_2a1,
        ascof_2b1,
        ascof_2b2,
        emergency_admissions,
        falls_65,
        acsc_chronic,
        discharge_usual_residence,
        long_stay_21,
        readmission_30,
        discharge_delay,
        ae_attendances,
        ae_4h,
        finance_variance,
        vacancy_rate,
        agency_share,
    )
}
