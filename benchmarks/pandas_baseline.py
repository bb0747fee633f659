"""The same metrics written the way an analyst would in pandas: vectorised, one DataFrame
per file, merges and groupbys. Used only as the benchmark's baseline; it returns raw
counts by metric, period and neighbourhood (or organisation) like the engine does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analytics.metrics.definitions import ACSC
from analytics.metrics.engine import periods_between


def _age(on: pd.Series, birth: pd.Series) -> pd.Series:
    return ((on.dt.year - birth.dt.year) * 12 + on.dt.month - birth.dt.month) // 12


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(folder / f"{name}.parquet")


def compute_counts(folder: Path | str) -> pd.DataFrame:
    folder = Path(folder)
    people = _read(folder, "people")
    spells = _read(folder, "hospital_spells")
    ae = _read(folder, "ae_attendances")
    care = _read(folder, "social_care_services")
    ledger = _read(folder, "finance_ledger")
    workforce = _read(folder, "workforce")
    for frame, cols in (
        (people, ["birth_month", "registered_from", "registered_to", "death_date"]),
        (spells, ["admission_date", "discharge_date", "discharge_ready_date"]),
        (care, ["start_date", "end_date"]),
        (ledger, ["month"]),
        (workforce, ["month"]),
    ):
        for c in cols:
            frame[c] = pd.to_datetime(frame[c])
    first = spells.admission_date.min().date()
    last = max(spells.admission_date.max(), ae.arrival_time.max()).date()
    periods = pd.DataFrame(
        [
            {
                "period_type": p.kind,
                "period_start": p.start,
                "period_end": p.end,
                "population_date": p.population_date,
            }
            for p in periods_between(first, last)
        ]
    )
    for c in ("period_start", "period_end", "population_date"):
        periods[c] = pd.to_datetime(periods[c])

    # Population by date, area and age band.
    pops = []
    for d in periods.population_date.unique():
        alive = people[
            (people.registered_from <= d)
            & (people.registered_to.isna() | (people.registered_to >= d))
            & (people.death_date.isna() | (people.death_date > d))
        ]
        age = _age(pd.Series(d, index=alive.index), alive.birth_month)
        band = np.select([age >= 65, age >= 18], ["65+", "18-64"], "0-17")
        pops.append(
            alive.assign(band=band)
            .groupby(["neighbourhood_code", "band"])
            .size()
            .rename("people")
            .reset_index()
            .assign(population_date=d)
        )
    population = pd.concat(pops)
    spells = spells.merge(
        people[["person_id", "neighbourhood_code", "birth_month"]], on="person_id"
    )
    ae = ae.merge(people[["person_id", "neighbourhood_code"]], on="person_id")
    care = care.merge(people[["person_id", "neighbourhood_code", "birth_month"]], on="person_id")
    out = []

    def in_periods(events: pd.DataFrame, date_col: str, types: tuple[str, ...]) -> pd.DataFrame:
        p = periods[periods.period_type.isin(types)]
        frames = []
        for row in p.itertuples():  # a few dozen periods, each a vectorised filter
            mask = (events[date_col] >= row.period_start) & (events[date_col] <= row.period_end)
            frames.append(
                events[mask].assign(
                    period_start=row.period_start,
                    period_end=row.period_end,
                    population_date=row.population_date,
                )
            )
        return pd.concat(frames) if frames else events.iloc[:0]

    def rate(
        metric: str,
        events: pd.DataFrame,
        date_col: str,
        types: tuple[str, ...],
        bands: tuple[str, ...],
    ) -> None:
        e = in_periods(events, date_col, types)
        num = (
            e.groupby(["period_start", "period_end", "population_date", "neighbourhood_code"])
            .size()
            .rename("numerator")
            .reset_index()
        )
        den = (
            population[population.band.isin(bands)]
            .groupby(["population_date", "neighbourhood_code"])
            .people.sum()
            .rename("denominator")
        )
        grid = periods[periods.period_type.isin(types)].merge(
            population[["neighbourhood_code"]].drop_duplicates(), how="cross"
        )
        merged = (
            grid.merge(num, how="left")
            .merge(den.reset_index(), how="left")
            .fillna({"numerator": 0, "denominator": 0})
        )
        out.append(
            merged.assign(metric_id=metric)[
                [
                    "metric_id",
                    "period_start",
                    "period_end",
                    "neighbourhood_code",
                    "numerator",
                    "denominator",
                ]
            ]
        )

    def proportion(
        metric: str, base: pd.DataFrame, date_col: str, flag: pd.Series, types: tuple[str, ...]
    ) -> None:
        e = in_periods(base.assign(flag=flag.astype(int)), date_col, types)
        g = (
            e.groupby(["period_start", "period_end", "neighbourhood_code"])
            .agg(numerator=("flag", "sum"), denominator=("flag", "size"))
            .reset_index()
        )
        out.append(g.assign(metric_id=metric))

    all_bands = ("0-17", "18-64", "65+")
    emergency = spells[spells.admission_method == "emergency"]
    rate("emergency_admissions", emergency, "admission_date", ("month", "quarter", "fy"), all_bands)
    e_age = _age(emergency.admission_date, emergency.birth_month)
    cause = emergency.external_cause.fillna("")
    falls = emergency[
        (e_age >= 65)
        & emergency.primary_diagnosis.str[0].isin(["S", "T"])
        & (cause.str[0] == "W")
        & pd.to_numeric(cause.str[1:3], errors="coerce").between(0, 19)
    ]
    rate("falls_65", falls, "admission_date", ("fy",), ("65+",))
    rate(
        "acsc_chronic",
        emergency[emergency.primary_diagnosis.str[:3].isin(ACSC)],
        "admission_date",
        ("fy", "quarter"),
        all_bands,
    )
    ae = ae.assign(arrival_date=ae.arrival_time.dt.normalize())
    rate("ae_attendances", ae, "arrival_date", ("month", "quarter", "fy"), all_bands)
    within = (ae.departure_time - ae.arrival_time) <= pd.Timedelta(hours=4)
    proportion("ae_4h", ae, "arrival_date", within, ("month", "quarter", "fy"))
    discharged = spells[spells.discharge_date.notna()]
    adult = discharged[_age(discharged.discharge_date, discharged.birth_month) >= 18]
    alive_adult = adult[adult.discharge_destination != "79"]
    proportion(
        "discharge_usual_residence",
        alive_adult,
        "discharge_date",
        alive_adult.discharge_destination == "19",
        ("month", "quarter", "fy"),
    )
    em_adult = adult[adult.admission_method == "emergency"]
    proportion(
        "long_stay_21",
        em_adult,
        "discharge_date",
        (em_adult.discharge_date - em_adult.admission_date).dt.days >= 21,
        ("month", "quarter", "fy"),
    )
    d = discharged[
        (discharged.admission_method != "maternity") & (discharged.discharge_destination != "79")
    ]
    pairs = d[["spell_id", "person_id", "discharge_date"]].merge(
        emergency[["person_id", "spell_id", "admission_date"]].rename(
            columns={"spell_id": "next_spell"}
        ),
        on="person_id",
    )
    gap = (pairs.admission_date - pairs.discharge_date).dt.days
    readmitted = set(pairs[(pairs.spell_id != pairs.next_spell) & gap.between(0, 30)].spell_id)
    proportion(
        "readmission_30",
        d,
        "discharge_date",
        d.spell_id.isin(readmitted),
        ("month", "quarter", "fy"),
    )
    ready = discharged[discharged.discharge_ready_date.notna()]
    days = (ready.discharge_date - ready.discharge_ready_date).dt.days
    e = in_periods(ready.assign(days=days), "discharge_date", ("month", "quarter", "fy"))
    out.append(
        e.groupby(["period_start", "period_end", "neighbourhood_code"])
        .agg(numerator=("days", "sum"), denominator=("days", "size"))
        .reset_index()
        .assign(metric_id="discharge_delay")
    )
    homes = care[
        (care.term == "long_term") & care.service_type.isin(["residential_care", "nursing_care"])
    ]
    homes = homes.sort_values(["person_id", "start_date", "service_id"]).drop_duplicates(
        "person_id"
    )
    homes = homes[homes.council_funded]
    h_age = _age(homes.start_date, homes.birth_month)
    rate("ascof_2a2", homes[h_age >= 65], "start_date", ("fy",), ("65+",))
    rate("ascof_2a1", homes[(h_age >= 18) & (h_age <= 64)], "start_date", ("fy",), ("18-64",))
    old = discharged[
        (discharged.discharge_destination != "79")
        & (_age(discharged.discharge_date, discharged.birth_month) >= 65)
    ]
    reab = care[(care.service_type == "reablement") & care.council_funded][
        ["after_spell_id", "setting_at_91_days"]
    ]
    cohort = old.merge(reab, left_on="spell_id", right_on="after_spell_id")

    def first_per_person(frame: pd.DataFrame) -> pd.DataFrame:
        e = in_periods(frame, "discharge_date", ("oct_dec",))
        return e.sort_values(["discharge_date", "spell_id"]).drop_duplicates(
            ["period_start", "person_id"]
        )

    c = first_per_person(cohort)
    out.append(
        c.assign(flag=c.setting_at_91_days.isin(["home", "extra_care"]).astype(int))
        .groupby(["period_start", "period_end", "neighbourhood_code"])
        .agg(numerator=("flag", "sum"), denominator=("flag", "size"))
        .reset_index()
        .assign(metric_id="ascof_2b1")
    )
    everyone = first_per_person(old)
    offered = everyone.merge(c[["period_start", "person_id"]].assign(flag=1), how="left")
    out.append(
        offered.assign(flag=offered.flag.fillna(0))
        .groupby(["period_start", "period_end", "neighbourhood_code"])
        .agg(numerator=("flag", "sum"), denominator=("flag", "size"))
        .reset_index()
        .assign(metric_id="ascof_2b2")
    )
    g = ledger[ledger.actual_gbp.notna()].copy()
    income = g.line == "income"
    g["variance"] = np.where(income, 1, -1) * (g.actual_gbp - g.plan_gbp)
    g["spend_plan"] = np.where(income, 0.0, g.plan_gbp)
    g["fy"] = np.where(g.month.dt.month >= 4, g.month.dt.year, g.month.dt.year - 1)
    monthly = g.groupby(["organisation_code", "fy", "month"])[["variance", "spend_plan"]].sum()
    ytd = monthly.groupby(level=[0, 1]).cumsum().reset_index()
    out.append(
        ytd.rename(
            columns={
                "organisation_code": "neighbourhood_code",
                "variance": "numerator",
                "spend_plan": "denominator",
                "month": "period_end",
            }
        ).assign(metric_id="finance_variance")
    )
    w = workforce.assign(
        vacant=workforce.establishment_wte - workforce.in_post_wte,
        working=workforce.in_post_wte + workforce.bank_wte + workforce.agency_wte,
    )
    wg = (
        w.groupby(["organisation_code", "month"])[
            ["vacant", "establishment_wte", "agency_wte", "working"]
        ]
        .sum()
        .reset_index()
    )
    out.append(
        wg.rename(
            columns={
                "vacant": "numerator",
                "establishment_wte": "denominator",
                "month": "period_start",
            }
        ).assign(metric_id="vacancy_rate")
    )
    out.append(
        wg.rename(
            columns={"agency_wte": "numerator", "working": "denominator", "month": "period_start"}
        ).assign(metric_id="agency_share")
    )
    return pd.concat(out, ignore_index=True)
