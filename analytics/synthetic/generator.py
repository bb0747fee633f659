"""A synthetic integrated care system in the data contract: vectorised with NumPy and
Arrow, deterministic for a seed. No row-by-row Python loops: every stage works on whole
arrays (a loop over the few years simulated is the only loop over time)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from tqdm import tqdm

from analytics.contract import DATASETS
from analytics.geography import KESTREL_VALE, System
from analytics.metrics.definitions import ACSC
from analytics.synthetic import calibration as cal

DAY = np.timedelta64(1, "D")
NAT = np.datetime64("NaT", "D")
ACSC_CODES = list(ACSC)  # the chronic conditions the metric library counts
OTHER_EMERGENCY_CODES = [
    "R07.4",
    "J18.9",
    "N39.0",
    "K59.0",
    "I63.9",
    "R55",
    "A41.9",
    "K35.8",
    "R10.4",
    "L03.1",
    "E86",
    "R50.9",
]
INJURY_CODES = ["S72.0", "S72.1", "S22.3", "S06.0", "S42.2", "S52.5", "T14.9", "S32.1"]
FALL_CAUSES = [f"W{n:02d}" for n in range(20)]
ELECTIVE_CODES = ["H25.9", "M17.1", "K40.9", "C50.9", "N40", "M16.1", "K80.2", "Z51.1"]
STAFF_GROUPS = [
    "medical",
    "nursing",
    "ahp",
    "social_care",
    "scientific",
    "support",
    "admin",
    "other",
]


@dataclass
class GenerationSummary:
    out_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    first_fy: int = 0
    last_fy: int = 0
    calibration: list[dict[str, Any]] = field(default_factory=list)


def last_complete_fy(end: date) -> int:
    """The start year Y of the last financial year (1 April Y to 31 March Y+1) ended by end."""
    return end.year - 1 if end >= date(end.year, 3, 31) else end.year - 2


def _d(value: date) -> np.datetime64:
    return np.datetime64(value.isoformat(), "D")


def age_on(birth: np.ndarray, day: np.ndarray | np.datetime64) -> np.ndarray:
    """Whole years from the first of the birth month (births are on the 1st)."""
    months = day.astype("datetime64[M]") - birth.astype("datetime64[M]")
    return (months.astype(np.int64) // 12).astype(np.int64)


def _ids(prefix: str, start: int, n: int) -> pa.Array:
    numbers = pa.array(np.arange(start, start + n, dtype=np.int64)).cast(pa.string())
    padded = pc.utf8_lpad(numbers, width=9, padding="0")
    return pc.binary_join_element_wise(pa.scalar(prefix), padded, "")


class _People:
    """The population register as arrays, grown year by year."""

    def __init__(self) -> None:
        self.cols: dict[str, list[np.ndarray]] = {
            k: [] for k in ("birth", "sex", "nbh", "imd", "reg_from", "reg_to", "death")
        }

    def add(self, **arrays: np.ndarray) -> None:
        for k, v in arrays.items():
            self.cols[k].append(v)

    def freeze(self) -> dict[str, np.ndarray]:
        return {k: np.concatenate(v) for k, v in self.cols.items()}


def _age_weights(shift: float) -> np.ndarray:
    ages = np.arange(cal.MAX_AGE + 1)
    base = np.where(
        ages < cal.AGE_FLAT_UNTIL, 1.0, np.exp(-(ages - cal.AGE_FLAT_UNTIL) / cal.AGE_DECAY_YEARS)
    )
    tilt = np.exp(shift * (ages - 40) / 320.0)
    w = base * tilt
    return w / w.sum()


def _new_people(
    rng: np.random.Generator,
    n: int,
    system: System,
    at: np.datetime64,
    ages: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    weights = np.array([nb.population_weight for nb in system.neighbourhoods])
    nbh = rng.choice(len(weights), size=n, p=weights / weights.sum())
    if ages is None:
        ages = np.empty(n, dtype=np.int64)
        for i, nb in enumerate(system.neighbourhoods):  # a loop over 12 neighbourhoods
            mask = nbh == i
            ages[mask] = rng.choice(cal.MAX_AGE + 1, size=mask.sum(), p=_age_weights(nb.age_shift))
    months_back = ages * 12 + rng.integers(0, 12, size=n)
    birth = (at.astype("datetime64[M]") - months_back.astype("timedelta64[M]")).astype(
        "datetime64[D]"
    )
    depr = np.array([nb.deprivation_mean for nb in system.neighbourhoods])[nbh]
    imd = np.clip(np.rint(rng.normal(depr, 1.8)), 1, 10).astype(np.int64)
    sex = rng.choice(np.array(["F", "M", "U"]), size=n, p=[0.508, 0.491, 0.001])
    return {"birth": birth, "sex": sex, "nbh": nbh, "imd": imd}


def _simulate_population(
    rng: np.random.Generator, n: int, system: System, start: np.datetime64, end: np.datetime64
) -> dict[str, np.ndarray]:
    people = _People()
    base = _new_people(rng, n, system, start)
    years_registered = rng.exponential(12.0, size=n)
    reg_from = start - (years_registered * 365.25).astype(np.int64) * DAY
    reg_from = np.maximum(reg_from, base["birth"])
    people.add(**base, reg_from=reg_from, reg_to=np.full(n, NAT), death=np.full(n, NAT))
    frozen = people.freeze()
    year_start = start
    while year_start <= end:  # one step per simulated year
        year_end = min(year_start + 365 * DAY, end + DAY)
        length = int((year_end - year_start) / DAY)
        active = (
            (frozen["reg_from"] <= year_start)
            & np.isnat(frozen["reg_to"])
            & np.isnat(frozen["death"])
        )
        idx = np.flatnonzero(active)
        age = age_on(frozen["birth"][idx], year_start)
        q = np.exp(cal.GOMPERTZ_A + cal.GOMPERTZ_B * age) * (
            1 + cal.DEPRIVATION_MORTALITY * (5.5 - frozen["imd"][idx])
        )
        dies = rng.random(idx.size) < np.clip(q, 0, 0.9)
        offset = rng.integers(0, length, size=idx.size) * DAY
        death_day = year_start + offset
        frozen["death"][idx[dies]] = death_day[dies]
        frozen["reg_to"][idx[dies]] = death_day[dies]
        leaves = (~dies) & (rng.random(idx.size) < cal.LEAVE_RATE)
        frozen["reg_to"][idx[leaves]] = year_start + rng.integers(0, length, leaves.sum()) * DAY
        # Newcomers replace leavers (mostly young adults); births join at age 0.
        movers = int(leaves.sum())
        mover_ages = np.clip(rng.gamma(4.0, 8.0, size=movers).astype(np.int64), 0, 95)
        births = int(rng.poisson(cal.BIRTH_RATE * idx.size))
        newcomers = _new_people(
            rng,
            movers + births,
            system,
            year_start,
            ages=np.concatenate([mover_ages, np.zeros(births, np.int64)]),
        )
        joined = year_start + rng.integers(0, length, size=movers + births) * DAY
        newcomers["birth"] = np.where(
            np.arange(movers + births) >= movers,
            joined.astype("datetime64[M]").astype("datetime64[D]"),
            newcomers["birth"],
        )
        joined = np.maximum(joined, newcomers["birth"])
        people = _People()
        people.add(
            **{k: frozen[k] for k in ("birth", "sex", "nbh", "imd", "reg_from", "reg_to", "death")}
        )
        people.add(
            **newcomers,
            reg_from=joined,
            reg_to=np.full(joined.size, NAT),
            death=np.full(joined.size, NAT),
        )
        frozen = people.freeze()
        year_start = year_end
    return frozen


def _exposure(p: dict[str, np.ndarray], lo: np.datetime64, hi: np.datetime64):  # type: ignore[no-untyped-def]
    """Per person: start and length (days) of registered life within [lo, hi)."""
    stop = np.where(np.isnat(p["reg_to"]), hi, np.minimum(p["reg_to"], hi))
    stop = np.where(np.isnat(p["death"]), stop, np.minimum(stop, p["death"] + DAY))
    begin = np.maximum(p["reg_from"], lo)
    days = np.maximum((stop - begin) / DAY, 0).astype(np.int64)
    return begin, days


def _events(
    rng: np.random.Generator,
    p: dict[str, np.ndarray],
    rate_fn,
    start: np.datetime64,
    end: np.datetime64,
) -> tuple[np.ndarray, np.ndarray]:
    """Poisson events over each person's registered life: (person index, date)."""
    persons, dates = [], []
    year = start
    while year <= end:
        nxt = min(year + 365 * DAY, end + DAY)
        begin, days = _exposure(p, year, nxt)
        age = age_on(p["birth"], year + 182 * DAY)
        lam = rate_fn(age, p) * days / 365.25
        counts = rng.poisson(lam)
        who = np.repeat(np.arange(counts.size), counts)
        when = begin[who] + (rng.random(who.size) * days[who]).astype(np.int64) * DAY
        persons.append(who)
        dates.append(when)
        year = nxt
    return np.concatenate(persons), np.concatenate(dates)


def generate(
    people: int,
    years: int,
    seed: int,
    out_dir: Path | str,
    *,
    system: System = KESTREL_VALE,
    end: date | None = None,
    file_format: str = "parquet",
    progress: bool = True,
) -> GenerationSummary:
    if people < 1 or years < 1:
        raise ValueError("people and years must be at least 1")
    if file_format not in ("parquet", "csv"):
        raise ValueError("format is parquet or csv")
    started = time.perf_counter()
    end = end or date(2025, 12, 31)
    last_fy = last_complete_fy(end)
    first_fy = last_fy - years + 1
    sim_start, sim_end = _d(date(first_fy - 1, 4, 1)), _d(end)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    stages = tqdm(total=8, desc="synthetic ICS", unit="stage", disable=not progress)

    p = _simulate_population(rng, people, system, sim_start, sim_end)
    n = p["birth"].size
    place_of_nbh = np.array([nb.place_code for nb in system.neighbourhoods])
    stages.update()

    spells = _spells(rng, p, system, sim_start, sim_end)
    stages.update()
    ae = _attendances(rng, p, spells, system, sim_start, sim_end)
    stages.update()
    care = _social_care(rng, p, spells, place_of_nbh, sim_start, sim_end)
    stages.update()
    ledger = _finance(rng, system, first_fy, end)
    workforce = _workforce(rng, system, first_fy, end)
    stages.update()

    person_ids = _ids("P", 1, n)
    tables = {
        "people": pa.table(
            {
                "person_id": person_ids,
                "birth_month": pa.array(p["birth"]),
                "sex": pa.array(p["sex"]),
                "neighbourhood_code": pa.array(
                    np.array([nb.code for nb in system.neighbourhoods])[p["nbh"]]
                ),
                "gp_practice_code": pa.array(_practices(rng, p["nbh"], system)),
                "imd_decile": pa.array(p["imd"], mask=rng.random(n) < 0.02),
                "registered_from": pa.array(p["reg_from"]),
                "registered_to": pa.array(p["reg_to"], mask=np.isnat(p["reg_to"])),
                "death_date": pa.array(p["death"], mask=np.isnat(p["death"])),
            }
        ),
        "hospital_spells": _spell_table(spells, person_ids),
        "ae_attendances": _ae_table(ae, person_ids),
        "social_care_services": _care_table(care, person_ids, spells),
        "finance_ledger": ledger,
        "workforce": workforce,
    }
    stages.update()
    summary = GenerationSummary(out_dir=out, first_fy=first_fy, last_fy=last_fy)
    for name, table in tables.items():
        table = table.cast(DATASETS[name].arrow_schema)
        summary.rows[name] = table.num_rows
        if file_format == "parquet":
            pq.write_table(table, out / f"{name}.parquet", compression="zstd")
        else:
            pacsv.write_csv(table, out / f"{name}.csv", pacsv.WriteOptions(quoting_style="needed"))
    stages.update()
    from analytics.synthetic.calibrate import calibration_table

    summary.calibration = calibration_table(out, last_fy)
    stages.update()
    stages.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _practices(rng: np.random.Generator, nbh: np.ndarray, system: System) -> np.ndarray:
    out = np.empty(nbh.size, dtype=object)
    for i, nb in enumerate(system.neighbourhoods):
        mask = nbh == i
        out[mask] = np.array(nb.gp_practice_codes, dtype=object)[
            rng.integers(0, len(nb.gp_practice_codes), mask.sum())
        ]
    return out.astype(str)


def _spells(
    rng: np.random.Generator,
    p: dict[str, np.ndarray],
    system: System,
    start: np.datetime64,
    end: np.datetime64,
) -> dict[str, np.ndarray]:
    imd = p["imd"]

    def emergency_rate(age, people):  # type: ignore[no-untyped-def]
        return cal.by_band(cal.EMERGENCY_BY_AGE, age) * (
            1 + cal.DEPRIVATION_ADMISSIONS * (5.5 - imd)
        )

    who, adm = _events(rng, p, emergency_rate, start, end)
    method = np.full(who.size, "emergency", dtype=object)
    # Readmissions: a second emergency admission soon after the first one's discharge.
    age = age_on(p["birth"][who], adm)
    los = _los(rng, age)
    readmit = rng.random(who.size) < cal.by_band(cal.READMIT_PROBABILITY, age)
    gap = np.floor(31 * rng.random(readmit.sum()) ** 1.6).astype(np.int64)
    r_who = who[readmit]
    r_adm = adm[readmit] + (los[readmit] + gap) * DAY
    r_los = _los(rng, age[readmit])

    def elective_rate(age, people):  # type: ignore[no-untyped-def]
        return np.where(age >= 18, cal.ELECTIVE_RATE_ADULT, 0.01)

    e_who, e_adm = _events(rng, p, elective_rate, start, end)

    def maternity_rate(age, people):  # type: ignore[no-untyped-def]
        return np.where(
            (people["sex"] == "F") & (age >= 18) & (age <= 44), cal.MATERNITY_RATE_WOMEN_18_44, 0.0
        )

    m_who, m_adm = _events(rng, p, maternity_rate, start, end)
    e_los = rng.choice(np.array([0, 0, 0, 1, 2, 4]), size=e_who.size)
    m_los = rng.choice(np.array([0, 1, 1, 2, 3]), size=m_who.size)
    # Some planned operations are followed by an emergency readmission too.
    e_back = rng.random(e_who.size) < cal.READMIT_AFTER_ELECTIVE
    er_who = e_who[e_back]
    er_adm = e_adm[e_back] + (e_los[e_back] + rng.integers(1, 31, e_back.sum())) * DAY
    er_los = _los(rng, age_on(p["birth"][er_who], er_adm))
    r_who, r_adm = np.concatenate([r_who, er_who]), np.concatenate([r_adm, er_adm])
    r_los = np.concatenate([r_los, er_los])
    who = np.concatenate([who, r_who, e_who, m_who])
    adm = np.concatenate([adm, r_adm, e_adm, m_adm])
    los = np.concatenate([los, r_los, e_los, m_los])
    method = np.concatenate(
        [
            method,
            np.full(r_who.size, "emergency", dtype=object),
            np.full(e_who.size, "elective", dtype=object),
            np.full(m_who.size, "maternity", dtype=object),
        ]
    )
    # Keep only admissions while registered and alive, within the window.
    death, reg_to = p["death"][who], p["reg_to"][who]
    keep = (
        (adm <= end)
        & (np.isnat(death) | (adm <= death))
        & (np.isnat(reg_to) | (adm <= reg_to) | (~np.isnat(death) & (reg_to == death)))
    )
    who, adm, method, los = who[keep], adm[keep], method[keep], los[keep]
    age = age_on(p["birth"][who], adm)
    dis = adm + los * DAY
    death = p["death"][who]
    dies_in = ~np.isnat(death) & (death >= adm) & (death <= dis)
    dis = np.where(dies_in, death, dis)
    emergency = method == "emergency"
    n = who.size
    dest = rng.choice(
        np.array(["19", "29", "54", "65", "85", "51", "88", "98", "99"]),
        size=n,
        p=[0.90, 0.01, 0.015, 0.01, 0.01, 0.025, 0.005, 0.015, 0.01],
    )
    dest = np.where(age < 65, np.where(np.isin(dest, ["54", "65", "85", "88"]), "19", dest), dest)
    dest = np.where(dies_in, "79", dest).astype(object)
    diag = rng.choice(np.array(OTHER_EMERGENCY_CODES), size=n).astype(object)
    cause = np.full(n, None, dtype=object)
    acsc = emergency & (age >= 18) & (rng.random(n) < cal.ACSC_SHARE_ADULT)
    diag[acsc] = rng.choice(np.array(ACSC_CODES), size=acsc.sum()) + ".9"
    fall_share = np.where(age >= 80, cal.FALL_SHARE_80_PLUS, cal.FALL_SHARE_65_79)
    fall = emergency & (age >= 65) & ~acsc & (rng.random(n) < fall_share)
    diag[fall] = rng.choice(np.array(INJURY_CODES), size=fall.sum())
    cause[fall] = rng.choice(np.array(FALL_CAUSES), size=fall.sum())
    young_injury = emergency & (age < 65) & (rng.random(n) < 0.08)
    diag[young_injury] = rng.choice(np.array(INJURY_CODES), size=young_injury.sum())
    cause[young_injury] = rng.choice(
        np.array(["V43", "W01", "X59", "W22"]), size=young_injury.sum()
    )
    diag[method == "elective"] = rng.choice(
        np.array(ELECTIVE_CODES), size=(method == "elective").sum()
    )
    diag[method == "maternity"] = "O80"
    ready = (los >= 2) & (rng.random(n) < cal.READY_DATE_SHARE) & ~dies_in
    delay = np.minimum(rng.geometric(1 / (1 + cal.READY_DELAY_MEAN), size=n) - 1, los)
    ready_date = np.where(ready, dis - delay * DAY, NAT)
    still_in = dis > end
    providers = [o.code for o in system.acute_providers] or ["ZR1"]
    place_codes = [nb.place_code for nb in system.neighbourhoods]
    # Each neighbourhood's people go mostly to the hospital serving its place.
    home = np.array(
        [
            next((i for i, o in enumerate(system.acute_providers) if place in o.place_codes), 0)
            for place in place_codes
        ]
    )
    provider_idx = np.where(
        rng.random(n) < 0.9, home[p["nbh"][who]], rng.integers(0, len(providers), n)
    )
    order = np.lexsort((adm, who))
    out = {
        "person": who,
        "admission": adm,
        "discharge": np.where(still_in, NAT, dis),
        "method": method,
        "diagnosis": diag,
        "cause": cause,
        "destination": np.where(still_in, None, dest),
        "ready": np.where(still_in, NAT, ready_date),
        "provider": np.array(providers)[provider_idx],
    }
    return {k: v[order] for k, v in out.items()}


def _los(rng: np.random.Generator, age: np.ndarray) -> np.ndarray:
    mean = cal.by_band(cal.LOS_MEAN, age)
    los = np.rint(rng.exponential(mean)).astype(np.int64)
    return np.where(rng.random(age.size) < cal.ZERO_DAY_SHARE, 0, los)


def _attendances(
    rng: np.random.Generator,
    p: dict[str, np.ndarray],
    spells: dict[str, np.ndarray],
    system: System,
    start: np.datetime64,
    end: np.datetime64,
) -> dict[str, np.ndarray]:
    def rate(age, people):  # type: ignore[no-untyped-def]
        return cal.by_band(cal.AE_BY_AGE, age)

    who, day = _events(rng, p, rate, start, end)
    admitted = spells["method"] == "emergency"
    a_who, a_day = spells["person"][admitted], spells["admission"][admitted]
    n_other, n_adm = who.size, a_who.size
    person = np.concatenate([who, a_who])
    arrive_day = np.concatenate([day, a_day])
    minute = rng.integers(0, 24 * 60, size=person.size)
    arrival = arrive_day.astype("datetime64[m]") + minute.astype("timedelta64[m]")
    within = rng.random(person.size) < np.concatenate(
        [np.full(n_other, cal.AE_WITHIN_4H + 0.05), np.full(n_adm, cal.AE_WITHIN_4H - 0.2)]
    )
    wait = np.where(within, rng.integers(20, 241, person.size), rng.integers(241, 900, person.size))
    departure = arrival + wait.astype("timedelta64[m]")
    disposal = np.concatenate(
        [
            rng.choice(
                np.array(["discharged", "referred", "transferred", "left", "died"]),
                size=n_other,
                p=[0.74, 0.17, 0.03, 0.059, 0.001],
            ),
            np.full(n_adm, "admitted"),
        ]
    ).astype(object)
    age = age_on(p["birth"][person], arrive_day)
    ambulance = rng.random(person.size) < np.where(age >= 75, 0.55, 0.2)
    dept = rng.choice(np.array([1, 2, 3]), size=person.size, p=[0.7, 0.02, 0.28])
    dept = np.where(disposal == "admitted", 1, dept)
    providers = np.array([o.code for o in system.acute_providers] or ["ZR1"])
    order = np.lexsort((arrival, person))
    out = {
        "person": person,
        "arrival": arrival,
        "departure": departure,
        "disposal": disposal,
        "mode": np.where(ambulance, "ambulance", "other"),
        "dept": dept,
        "provider": providers[rng.integers(0, providers.size, person.size)],
    }
    return {k: v[order] for k, v in out.items()}


def _social_care(
    rng: np.random.Generator,
    p: dict[str, np.ndarray],
    spells: dict[str, np.ndarray],
    place_of_nbh: np.ndarray,
    start: np.datetime64,
    end: np.datetime64,
) -> dict[str, np.ndarray]:
    birth, death = p["birth"], p["death"]
    # Reablement after discharge home of people 65+.
    idx = np.arange(spells["person"].size)
    discharge = spells["discharge"]
    ok = (
        (~np.isnat(discharge))
        & (spells["destination"] == "19")
        & np.isin(spells["method"], ["emergency", "elective"])
    )
    ok &= age_on(birth[spells["person"]], np.where(np.isnat(discharge), start, discharge)) >= 65
    offered = ok & (rng.random(idx.size) < cal.REABLEMENT_OFFER)
    r_spell = idx[offered]
    r_person = spells["person"][r_spell]
    r_start = discharge[r_spell] + rng.integers(0, 3, r_spell.size) * DAY
    keep = (np.isnat(death[r_person]) | (r_start <= death[r_person])) & (r_start <= end)
    r_spell, r_person, r_start = r_spell[keep], r_person[keep], r_start[keep]
    outcomes = np.array(list(cal.AFTER_REABLEMENT))
    weights = np.array(list(cal.AFTER_REABLEMENT.values()))
    intended = rng.choice(outcomes, size=r_spell.size, p=weights / weights.sum())
    r_end = np.minimum(
        r_start + 42 * DAY, np.where(np.isnat(death[r_person]), end, death[r_person])
    )
    r_end = np.where(r_end > end, NAT, r_end)
    # Those who move to a care home within the 91 days get a long-term placement.
    to_home = intended == "care_home"
    ch_person = r_person[to_home]
    ch_start = discharge[r_spell[to_home]] + rng.integers(20, 85, to_home.sum()) * DAY
    alive = np.isnat(death[ch_person]) | (ch_start < death[ch_person])
    ch_person, ch_start = ch_person[alive & (ch_start <= end)], ch_start[alive & (ch_start <= end)]

    # First permanent care home admissions from the community.
    def care_rate(age, people):  # type: ignore[no-untyped-def]
        return np.where(age >= 18, cal.by_band(cal.CARE_HOME_BY_AGE, age), 0.0)

    c_person, c_start = _events(rng, p, care_rate, start, end)
    person = np.concatenate([ch_person, c_person])
    c_begin = np.concatenate([ch_start, c_start])
    order = np.lexsort((c_begin, person))
    person, c_begin = person[order], c_begin[order]
    first = np.ones(person.size, bool)
    first[1:] = person[1:] != person[:-1]
    person, c_begin = person[first], c_begin[first]
    c_end = np.where(np.isnat(death[person]) | (death[person] > end), NAT, death[person])
    c_type = np.where(
        rng.random(person.size) < cal.NURSING_SHARE, "nursing_care", "residential_care"
    )
    c_funded = rng.random(person.size) >= cal.SELF_FUNDED_SHARE

    # Long-term home care for some people 75+.
    def home_rate(age, people):  # type: ignore[no-untyped-def]
        return np.where(age >= 75, cal.HOME_CARE_RATE_75, 0.0)

    h_person, h_start = _events(rng, p, home_rate, start, end)
    h_end = np.where(np.isnat(death[h_person]) | (death[h_person] > end), NAT, death[h_person])

    setting = _setting_at_91_days(
        r_person, discharge[r_spell], intended, death, spells, person, c_begin, c_end, end
    )
    n_r, n_c, n_h = r_person.size, person.size, h_person.size
    return {
        "person": np.concatenate([r_person, person, h_person]),
        "type": np.concatenate([np.full(n_r, "reablement"), c_type, np.full(n_h, "home_care")]),
        "term": np.concatenate(
            [np.full(n_r, "short_term"), np.full(n_c, "long_term"), np.full(n_h, "long_term")]
        ),
        "start": np.concatenate([r_start, c_begin, h_start]),
        "end": np.concatenate([r_end, c_end, h_end]),
        "funded": np.concatenate(
            [rng.random(n_r) < cal.REABLEMENT_COUNCIL_FUNDED, c_funded, rng.random(n_h) < 0.8]
        ),
        "after_spell": np.concatenate([r_spell, np.full(n_c + n_h, -1)]),
        "setting": np.concatenate([setting, np.full(n_c + n_h, None, dtype=object)]),
        "place": place_of_nbh[p["nbh"][np.concatenate([r_person, person, h_person])]],
    }


def _setting_at_91_days(
    person: np.ndarray,
    discharge: np.ndarray,
    intended: np.ndarray,
    death: np.ndarray,
    spells: dict[str, np.ndarray],
    ch_person: np.ndarray,
    ch_start: np.ndarray,
    ch_end: np.ndarray,
    end: np.datetime64,
) -> np.ndarray:
    """Make the consistency rules of METRICS.md hold exactly: died, then hospital, then care
    home, from what the data say on day 91; otherwise where the person was meant to be."""
    day91 = discharge + 91 * DAY
    setting = np.where(np.isin(intended, ["care_home", "hospital"]), "home", intended).astype(
        object
    )
    # In hospital on day 91: any spell of the person covering it.
    s_person, s_adm, s_dis = spells["person"], spells["admission"], spells["discharge"]
    order = np.argsort(s_person, kind="stable")
    sp, sa, sd = s_person[order], s_adm[order], s_dis[order]
    lo, hi = np.searchsorted(sp, person, "left"), np.searchsorted(sp, person, "right")
    counts = hi - lo
    rows = np.repeat(np.arange(person.size), counts)
    # Every (reablement, spell of the same person) pair, without a Python loop: each
    # reablement's spells are the run lo..hi of the person-sorted spells.
    offsets = np.arange(rows.size) - np.repeat(np.cumsum(counts) - counts, counts)
    cand = np.repeat(lo, counts) + offsets
    covers = (sa[cand] <= day91[rows]) & (np.isnat(sd[cand]) | (sd[cand] >= day91[rows]))
    in_hospital = np.zeros(person.size, bool)
    in_hospital[rows[covers]] = True
    # In a care home on day 91.
    order = np.argsort(ch_person, kind="stable")
    cp, cs, ce = ch_person[order], ch_start[order], ch_end[order]
    lo, hi = np.searchsorted(cp, person, "left"), np.searchsorted(cp, person, "right")
    has = hi > lo
    in_care = np.zeros(person.size, bool)
    first = np.where(has, lo, 0)
    if cp.size:
        in_care = has & (cs[first] <= day91) & (np.isnat(ce[first]) | (ce[first] >= day91))
    died = ~np.isnat(death[person]) & (death[person] >= discharge) & (death[person] <= day91)
    setting = np.where(in_care, "care_home", setting)
    setting = np.where(in_hospital, "hospital", setting)
    # Not yet known when day 91 is after the extract date (unless the person has died).
    setting = np.where(day91 > end, None, setting)
    setting = np.where(died, "died", setting)
    return setting.astype(object)


def _month_range(first_fy: int, end: date) -> np.ndarray:
    last = date(end.year + (1 if end.month >= 4 else 0), 3, 1)
    return np.arange(
        np.datetime64(f"{first_fy}-04", "M"),
        np.datetime64(last.isoformat()[:7], "M") + np.timedelta64(1, "M"),
    )


def _finance(rng: np.random.Generator, system: System, first_fy: int, end: date) -> pa.Table:
    orgs = list(system.ledger_organisations)
    months = _month_range(first_fy, end)
    lines = np.array(["income", "pay", "non_pay", "agency", "other"])
    shares = np.array([1.0, 0.62, 0.30, 0.04, 0.03])
    size = np.array([cal.MONTHLY_INCOME.get(o.sector, 10e6) * rng.uniform(0.7, 1.3) for o in orgs])
    drift = rng.normal(0.0, 0.01, len(orgs))  # some partners overspend, some under
    o_i, m_i, l_i = np.meshgrid(
        np.arange(len(orgs)), np.arange(months.size), np.arange(lines.size), indexing="ij"
    )
    o_i, m_i, l_i = o_i.ravel(), m_i.ravel(), l_i.ravel()
    plan = np.round(size[o_i] * shares[l_i] * (1 + 0.03 * np.sin(m_i / 2)), -3)
    sign = np.where(l_i == 0, -1, 1)
    actual = np.round(plan * (1 + sign * drift[o_i] + rng.normal(0, 0.015, plan.size)), -3)
    past = months[m_i] <= np.datetime64(end.isoformat()[:7], "M")
    forecast = np.where(past, actual, np.round(plan * (1 + sign * drift[o_i]), -3))
    return pa.table(
        {
            "organisation_code": pa.array(np.array([o.code for o in orgs])[o_i]),
            "month": pa.array(months[m_i].astype("datetime64[D]")),
            "line": pa.array(lines[l_i]),
            "plan_gbp": pa.array(plan),
            "actual_gbp": pa.array(actual, mask=~past),
            "forecast_gbp": pa.array(forecast),
        }
    )


def _workforce(rng: np.random.Generator, system: System, first_fy: int, end: date) -> pa.Table:
    orgs = [o for o in system.ledger_organisations if o.sector != "icb"]
    months = _month_range(first_fy, end)
    months = months[months <= np.datetime64(end.isoformat()[:7], "M")]
    mix = {"local_authority": [0.0, 0.02, 0.05, 0.55, 0.0, 0.13, 0.2, 0.05]}
    default = [0.1, 0.35, 0.1, 0.02, 0.06, 0.17, 0.15, 0.05]
    size = np.array(
        [cal.MONTHLY_INCOME.get(o.sector, 10e6) / 1e6 * cal.WTE_PER_MILLION for o in orgs]
    )
    share = np.array([mix.get(o.sector, default) for o in orgs])
    o_i, m_i, g_i = np.meshgrid(
        np.arange(len(orgs)), np.arange(months.size), np.arange(len(STAFF_GROUPS)), indexing="ij"
    )
    o_i, m_i, g_i = o_i.ravel(), m_i.ravel(), g_i.ravel()
    est = np.round(size[o_i] * share[o_i, g_i], 1)
    vacancy = np.clip(rng.normal(cal.VACANCY_RATE, 0.03, est.size), 0, 0.4)
    in_post = np.round(est * (1 - vacancy), 1)
    bank = np.round(est * np.clip(rng.normal(cal.BANK_SHARE, 0.02, est.size), 0, 1), 1)
    agency = np.round(est * np.clip(rng.normal(cal.AGENCY_SHARE, 0.015, est.size), 0, 1), 1)
    return pa.table(
        {
            "organisation_code": pa.array(np.array([o.code for o in orgs])[o_i]),
            "month": pa.array(months[m_i].astype("datetime64[D]")),
            "staff_group": pa.array(np.array(STAFF_GROUPS)[g_i]),
            "establishment_wte": pa.array(est),
            "in_post_wte": pa.array(in_post),
            "bank_wte": pa.array(bank),
            "agency_wte": pa.array(agency),
        }
    )


def _spell_table(s: dict[str, np.ndarray], person_ids: pa.Array) -> pa.Table:
    n = s["person"].size
    return pa.table(
        {
            "spell_id": _ids("S", 1, n),
            "person_id": person_ids.take(pa.array(s["person"])),
            "provider_code": pa.array(s["provider"]),
            "admission_date": pa.array(s["admission"]),
            "discharge_date": pa.array(s["discharge"], mask=np.isnat(s["discharge"])),
            "admission_method": pa.array(s["method"].astype(str)),
            "primary_diagnosis": pa.array(s["diagnosis"].astype(str)),
            "external_cause": pa.array(s["cause"], type=pa.string()),
            "discharge_destination": pa.array(s["destination"], type=pa.string()),
            "discharge_ready_date": pa.array(s["ready"], mask=np.isnat(s["ready"])),
        }
    )


def _ae_table(a: dict[str, np.ndarray], person_ids: pa.Array) -> pa.Table:
    n = a["person"].size
    return pa.table(
        {
            "attendance_id": _ids("A", 1, n),
            "person_id": person_ids.take(pa.array(a["person"])),
            "provider_code": pa.array(a["provider"]),
            "arrival_time": pa.array(a["arrival"].astype("datetime64[s]")),
            "departure_time": pa.array(a["departure"].astype("datetime64[s]")),
            "department_type": pa.array(a["dept"].astype(np.int64)),
            "arrival_mode": pa.array(a["mode"]),
            "disposal": pa.array(a["disposal"].astype(str)),
        }
    )


def _care_table(
    c: dict[str, np.ndarray], person_ids: pa.Array, spells: dict[str, np.ndarray]
) -> pa.Table:
    n = c["person"].size
    has_spell = c["after_spell"] >= 0
    spell_ids = _ids("S", 1, spells["person"].size)
    after = spell_ids.take(pa.array(np.where(has_spell, c["after_spell"], 0)))
    after = pc.if_else(pa.array(has_spell), after, pa.scalar(None, pa.string()))
    return pa.table(
        {
            "service_id": _ids("C", 1, n),
            "person_id": person_ids.take(pa.array(c["person"])),
            "local_authority_code": pa.array(c["place"]),
            "service_type": pa.array(c["type"]),
            "term": pa.array(c["term"]),
            "start_date": pa.array(c["start"]),
            "end_date": pa.array(c["end"], mask=np.isnat(c["end"])),
            "council_funded": pa.array(c["funded"]),
            "after_spell_id": after,
            "setting_at_91_days": pa.array(c["setting"], type=pa.string()),
        }
    )
