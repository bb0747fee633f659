"""The demo ICS: deterministic, fictional, built only through actions.

``build_demo(seed)`` makes Kestrel Vale (3 places, 12 neighbourhoods, 39 organisations,
about 150 people, 10 boards) and the small Saltmarsh system, from the same geography the
synthetic data generator uses. Other apps add their own demo data by registering an
extension: ``register(name, order)(fn)``; each extension gets the ``DemoContext`` and runs
in order after the registry is built.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from accounts.actions import membership_grant
from accounts.models import Membership, User
from analytics.geography import KESTREL_VALE, SALTMARSH
from analytics.geography import System as Geography
from partnership import actions
from partnership.models import Organisation, Person, RoleProfile, System

DEMO_PASSWORD = "concordat-demo"
USERS = [
    # e-mail, name, system slug, role, academy staff
    ("demo.admin@concordat.test", "Morgan Ashdown", "kestrel-vale", "admin", False),
    ("demo.member@concordat.test", "Robin Fairweather", "kestrel-vale", "member", False),
    ("demo.analyst@concordat.test", "Sam Quillfeather", "kestrel-vale", "analyst", False),
    ("saltmarsh.admin@concordat.test", "Jude Marram", "saltmarsh", "admin", False),
    ("academy@concordat.test", "Ellis Brightwater", None, None, True),
]

FIRST_NAMES = [
    "Aisha",
    "Alder",
    "Amara",
    "Arlo",
    "Bea",
    "Bramble",
    "Callum",
    "Cerys",
    "Darcy",
    "Dev",
    "Eden",
    "Efa",
    "Farah",
    "Finch",
    "Gethin",
    "Greer",
    "Hana",
    "Idris",
    "Imogen",
    "Jago",
    "Kit",
    "Lark",
    "Leona",
    "Marek",
    "Mina",
    "Nell",
    "Niamh",
    "Oren",
    "Ottilie",
    "Priya",
    "Quinn",
    "Rhodri",
    "Rowan",
    "Saffi",
    "Soren",
    "Tamsin",
    "Teo",
    "Una",
    "Wren",
    "Zain",
]
SURNAMES = [
    "Ashcombe",
    "Bellweather",
    "Brackenridge",
    "Caldermoor",
    "Dunstable-Ferris",
    "Elderglen",
    "Fallowfield",
    "Greystoke-Hale",
    "Harrowgate",
    "Ivybridge",
    "Kestrelworth",
    "Larkspur",
    "Marrowdene",
    "Nettlefold",
    "Oakhaven",
    "Pennywhistle",
    "Quarrybank",
    "Rookwood",
    "Saltcombe",
    "Thistlewood",
    "Underhill",
    "Vellacott",
    "Willowmere",
    "Yarrowby",
]
GENDERS = ["Woman"] * 5 + ["Man"] * 4 + ["Non-binary", "", ""]
ETHNICITIES = [
    "White British",
    "White British",
    "White British",
    "Asian British",
    "Black British",
    "Mixed heritage",
    "White other",
    "",
]

# Professions typical of each sector's leaders, in order of likelihood.
SECTOR_PROFESSIONS: dict[str, list[str]] = {
    "icb": ["manager", "finance", "doctor", "nurse", "manager"],
    "acute": ["doctor", "nurse", "manager", "ahp", "finance", "pharmacist"],
    "community": ["nurse", "ahp", "manager", "doctor"],
    "mental_health": ["doctor", "nurse", "manager", "ahp"],
    "ambulance": ["manager", "ahp", "doctor"],
    "primary_care": ["gp", "gp", "nurse", "pharmacist", "manager"],
    "local_authority": ["manager", "social_worker", "elected_member", "finance"],
    "public_health": ["public_health", "public_health", "manager"],
    "housing": ["manager", "manager"],
    "vcse": ["vcse", "vcse", "manager"],
    "independent": ["manager", "nurse"],
    "police": ["manager"],
    "fire": ["manager"],
    "education": ["manager", "other"],
    "other": ["manager", "other"],
}
JOB_TITLES = {
    "doctor": "Medical director",
    "gp": "Clinical director",
    "nurse": "Director of nursing",
    "ahp": "Head of therapies",
    "pharmacist": "Chief pharmacist",
    "manager": "Director",
    "finance": "Director of finance",
    "social_worker": "Director of adult social care",
    "public_health": "Director of public health",
    "elected_member": "Cabinet member for health",
    "lay_member": "Lay member",
    "vcse": "Chief executive",
    "other": "Partnership lead",
}


@dataclass
class DemoContext:
    seed: int
    rng: random.Random
    systems: dict[str, System] = field(default_factory=dict)
    people: dict[str, list[Person]] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    admin: User | None = None


Extension = Callable[[DemoContext], None]
_EXTENSIONS: list[tuple[int, str, Extension]] = []


def register(name: str, order: int = 100) -> Callable[[Extension], Extension]:
    """Decorator: add demo data after the registry is built (lower order runs first)."""

    def wrap(fn: Extension) -> Extension:
        if all(existing != name for _, existing, _ in _EXTENSIONS):
            _EXTENSIONS.append((order, name, fn))
        return fn

    return wrap


def demo_exists() -> bool:
    return System.objects.filter(slug=KESTREL_VALE.slug).exists()


def sign_in_text() -> str:
    lines = [f"Demo sign-in (all fictional; password for every demo account: {DEMO_PASSWORD})"]
    for email, name, system, role, academy in USERS:
        what = (
            "academy staff, every system's development data" if academy else f"{role} of {system}"
        )
        lines.append(f"  {email:<34} {name} ({what})")
    return "\n".join(lines)


def _person_name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        if name not in used:
            used.add(name)
            return name


def _build_registry(geo: Geography, ctx: DemoContext, admin: User, people_per_org: int) -> System:
    rng = ctx.rng
    system = actions.system_create(
        by=admin,
        name=geo.name,
        code=geo.code,
        slug=geo.slug,
        description="A fictional integrated care system made for demonstrations. "
        "Every name, code and figure is invented.",
    )
    places = {}
    for p in geo.places:
        places[p.code] = actions.place_create(by=admin, system=system, ons_code=p.code, name=p.name)
    for n in geo.neighbourhoods:
        actions.neighbourhood_create(by=admin, place=places[n.place_code], code=n.code, name=n.name)
    used: set[str] = set(Person.objects.values_list("full_name", flat=True))
    people: list[Person] = []
    for org in geo.organisations:
        organisation = actions.organisation_add_to_system(
            by=admin,
            system=system,
            ods_code=org.code,
            name=org.name,
            sector=org.sector,
            places=[places[c] for c in org.place_codes if c in places],
        )
        professions = SECTOR_PROFESSIONS[org.sector]
        count = people_per_org + (2 if org.sector in ("acute", "local_authority", "icb") else 0)
        for i in range(count):
            profession = professions[i % len(professions)]
            people.append(
                actions.person_create(
                    by=admin,
                    system=system,
                    full_name=_person_name(rng, used),
                    profession=profession,
                    organisation=organisation,
                    job_title=JOB_TITLES[profession],
                    gender=rng.choice(GENDERS),
                    ethnicity=rng.choice(ETHNICITIES),
                )
            )
    # Lay members, residents and independent non-executives belong to no partner.
    for profession, n in (("lay_member", 8), ("other", 3)):
        for _ in range(n):
            people.append(
                actions.person_create(
                    by=admin,
                    system=system,
                    full_name=_person_name(rng, used),
                    profession=profession,
                    job_title=JOB_TITLES[profession],
                    gender=rng.choice(GENDERS),
                    ethnicity=rng.choice(ETHNICITIES),
                )
            )
    ctx.systems[geo.slug] = system
    ctx.people[geo.slug] = people
    return system


def _pick(
    people: list[Person],
    *,
    sectors: set[str] | None = None,
    professions: set[str] | None = None,
    place: str | None = None,
    n: int,
    exclude: set[int],
) -> list[Person]:
    chosen = []
    for p in people:
        if p.pk in exclude:
            continue
        org = p.organisation
        if sectors is not None and (org is None or org.sector not in sectors):
            continue
        if professions is not None and p.profession not in professions:
            continue
        if place is not None and (
            org is None or place not in {pl.ons_code for pl in org.places.all()}
        ):
            continue
        chosen.append(p)
        exclude.add(p.pk)
        if len(chosen) == n:
            break
    return chosen


NHS = {"icb", "acute", "community", "mental_health", "ambulance"}
LOCAL = {"local_authority", "public_health"}


def _seat_all(
    admin: User, board: Any, groups: list[tuple[list[Person], str]], *, chair: Person | None = None
) -> None:
    start = date(2025, 4, 1)
    for people, capacity in groups:
        for person in people:
            actions.board_member_add(
                by=admin,
                board=board,
                person=person,
                capacity=capacity,
                is_chair=person == chair,
                start_date=start,
            )


def _kestrel_boards(ctx: DemoContext, admin: User) -> None:
    system = ctx.systems["kestrel-vale"]
    people = list(
        Person.objects.filter(system=system)
        .select_related("organisation")
        .prefetch_related("organisation__places")
        .order_by("pk")
    )
    places = {p.ons_code: p for p in system.places.all()}
    lay = [p for p in people if p.profession == "lay_member"]
    independents = [p for p in people if p.profession == "other" and p.organisation is None]

    def board(name: str, board_type: str, level: str, **kw: Any) -> Any:
        return actions.board_create(
            by=admin, system=system, name=name, board_type=board_type, level=level, **kw
        )

    used: set[int] = set()
    icb = board(
        "Kestrel Vale Integrated Care Board",
        "icb_board",
        "system",
        purpose="The statutory NHS board: allocates the NHS budget and holds the system "
        "to account.",
        meets_in_public=True,
    )
    members = _pick(people, sectors={"icb"}, n=4, exclude=used)
    _seat_all(
        admin,
        icb,
        [
            (independents[:2], "independent"),
            (members, "partner"),
            (
                _pick(people, sectors={"acute", "community", "mental_health"}, n=3, exclude=used),
                "partner",
            ),
            (
                _pick(people, sectors={"primary_care"}, professions={"gp"}, n=1, exclude=used),
                "partner",
            ),
            (_pick(people, sectors={"local_authority"}, n=1, exclude=used), "partner"),
        ],
        chair=independents[0],
    )

    used = set()
    icp = board(
        "Kestrel Vale Integrated Care Partnership",
        "icp",
        "system",
        purpose="The wide partnership that sets the integrated care strategy.",
        meets_in_public=True,
    )
    _seat_all(
        admin,
        icp,
        [
            (independents[2:3], "independent"),
            (_pick(people, sectors=NHS, n=7, exclude=used), "partner"),
            (_pick(people, sectors={"primary_care"}, n=2, exclude=used), "partner"),
            (_pick(people, sectors=LOCAL, n=5, exclude=used), "partner"),
            (_pick(people, sectors={"vcse"}, n=3, exclude=used), "partner"),
            (
                _pick(
                    people,
                    sectors={"housing", "police", "fire", "education", "other"},
                    n=4,
                    exclude=used,
                ),
                "partner",
            ),
            (_pick(people, sectors={"independent"}, n=1, exclude=used), "partner"),
            (lay[:2], "lay"),
        ],
        chair=independents[2],
    )

    used = set()
    executive = board(
        "System Executive Group",
        "system_executive",
        "system",
        purpose="Chief executives and directors who run the system's shared work.",
    )
    _seat_all(
        admin,
        executive,
        [
            (
                _pick(
                    people,
                    sectors=NHS,
                    professions={"manager", "finance", "doctor", "nurse"},
                    n=8,
                    exclude=used,
                ),
                "partner",
            ),
            (
                _pick(
                    people, sectors={"local_authority"}, professions={"manager"}, n=1, exclude=used
                ),
                "partner",
            ),
        ],
    )

    used = set()
    crg = board(
        "Clinical Reference Group",
        "clinical_reference",
        "system",
        purpose="Agrees every decision that changes patient pathways before it is ratified.",
    )
    _seat_all(
        admin,
        crg,
        [
            (_pick(people, professions={"doctor"}, n=4, exclude=used), "partner"),
            (_pick(people, professions={"gp"}, n=3, exclude=used), "partner"),
        ],
    )

    used = set()
    lay_group = board(
        "Lay and Non-executive Reference Group",
        "lay_reference",
        "system",
        purpose="Brings independent challenge and the public's view.",
    )
    _seat_all(admin, lay_group, [(lay[2:8], "lay"), (independents[:1], "independent")])

    used = set()
    panel = board(
        "Kestrel Vale Residents' Panel",
        "resident_panel",
        "system",
        purpose="Residents who test plans before they are agreed.",
        meets_in_public=True,
    )
    _seat_all(
        admin,
        panel,
        [(lay[:6], "lay"), (_pick(people, sectors={"vcse"}, n=2, exclude=used), "partner")],
    )

    for code, name, unbalanced in (
        ("E06900001", "Kestrel City Place Board", False),
        ("E06900002", "Larkmoor Coast Place Board", True),
        ("E06900003", "Hollowdene Place Board", False),
    ):
        used = set()
        place_board = board(
            name,
            "place_board",
            "place",
            place=places[code],
            purpose="Leads integration for the place, where most decisions are taken.",
            meets_in_public=not unbalanced,
        )
        groups = [
            (
                _pick(people, sectors=NHS, place=code, n=6 if unbalanced else 3, exclude=used),
                "partner",
            ),
            (_pick(people, sectors={"primary_care"}, place=code, n=2, exclude=used), "partner"),
            (
                _pick(
                    people,
                    sectors={"local_authority"},
                    place=code,
                    n=1 if unbalanced else 3,
                    exclude=used,
                ),
                "partner",
            ),
        ]
        if not unbalanced:
            groups.append((_pick(people, sectors={"vcse"}, n=2, exclude=used), "partner"))
            groups.append((_pick(people, sectors={"public_health"}, n=1, exclude=used), "partner"))
            groups.append(
                (
                    _pick(
                        people,
                        sectors={"community", "mental_health"},
                        professions={"nurse", "ahp"},
                        n=2,
                        exclude=used,
                    ),
                    "partner",
                )
            )
            groups.append((lay[6:8], "lay"))
        _seat_all(admin, place_board, groups)

    used = set()
    neighbourhood = system.places.get(ons_code="E06900002").neighbourhoods.get(code="ZN201")
    team = board(
        "Larkmoor Harbour Neighbourhood Team",
        "neighbourhood_team",
        "neighbourhood",
        neighbourhood=neighbourhood,
        purpose="Frontline leaders of one neighbourhood solving problems together.",
    )
    _seat_all(
        admin,
        team,
        [
            (_pick(people, sectors={"primary_care"}, n=2, exclude=used), "partner"),
            (
                _pick(
                    people, sectors={"community"}, professions={"nurse", "ahp"}, n=2, exclude=used
                ),
                "partner",
            ),
            (
                _pick(
                    people,
                    sectors={"local_authority"},
                    professions={"social_worker"},
                    n=1,
                    exclude=used,
                ),
                "partner",
            ),
            (_pick(people, sectors={"vcse"}, n=1, exclude=used), "partner"),
            (_pick(people, sectors={"housing"}, n=1, exclude=used), "partner"),
        ],
    )

    roles = {r.slug: r for r in RoleProfile.objects.all()}
    assignments = [
        ("ics-executive-lead", {"icb"}, None),
        ("independent-chair", None, "other"),
        ("system-finance-lead", {"icb"}, "finance"),
        ("place-chief-executive", {"local_authority"}, "manager"),
        ("urgent-emergency-care-lead", {"acute"}, "doctor"),
        ("workforce-lead", {"community"}, None),
        ("data-science-lead", {"icb"}, None),
        ("sub-system-clinical-lead", {"primary_care"}, "gp"),
        ("joint-nhs-local-authority-post", {"local_authority"}, None),
        ("digital-lead", {"acute"}, "manager"),
    ]
    taken: set[int] = set()
    for slug, sectors, profession in assignments:
        pool = [
            p
            for p in people
            if p.pk not in taken
            and (sectors is None or (p.organisation and p.organisation.sector in sectors))
            and (profession is None or p.profession == profession)
        ]
        if pool and slug in roles:
            person = pool[0]
            taken.add(person.pk)
            actions.role_assign(
                by=admin,
                system=system,
                role=roles[slug],
                person=person,
                start_date=date(2025, 4, 1),
            )


def _saltmarsh_boards(ctx: DemoContext, admin: User) -> None:
    system = ctx.systems["saltmarsh"]
    people = list(
        Person.objects.filter(system=system)
        .select_related("organisation")
        .prefetch_related("organisation__places")
        .order_by("pk")
    )
    place = system.places.get()
    used: set[int] = set()
    icp = actions.board_create(
        by=admin,
        system=system,
        name="Saltmarsh Partnership Board",
        board_type="icp",
        level="system",
        meets_in_public=True,
    )
    _seat_all(
        admin,
        icp,
        [
            (
                _pick(people, sectors=NHS | LOCAL | {"vcse", "primary_care"}, n=8, exclude=used),
                "partner",
            )
        ],
    )
    used = set()
    pb = actions.board_create(
        by=admin,
        system=system,
        name="Saltmarsh Place Board",
        board_type="place_board",
        level="place",
        place=place,
    )
    _seat_all(admin, pb, [(_pick(people, n=5, sectors=None, exclude=used), "partner")])


def _ensure_user(email: str, name: str, *, academy: bool) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, full_name=name, is_academy_staff=academy
        )
    return user


@transaction.atomic
def build_demo(seed: int = 2026) -> DemoContext:
    """Build the demo once. Returns its context; does nothing if it exists already."""
    ctx = DemoContext(seed=seed, rng=random.Random(seed))
    for email, name, _, _, academy in USERS:
        ctx.users[email] = _ensure_user(email, name, academy=academy)
    admin = ctx.users["demo.admin@concordat.test"]
    ctx.admin = admin
    _build_registry(KESTREL_VALE, ctx, admin, people_per_org=3)
    _build_registry(SALTMARSH, ctx, admin, people_per_org=3)
    for email, _, slug, role, _ in USERS:
        if slug:
            user, system = ctx.users[email], ctx.systems[slug]
            if not Membership.objects.filter(user=user, system=system).exists():
                membership_grant(
                    by=admin,
                    system=system,
                    email=email,
                    full_name=user.full_name,
                    role=role,
                    notify=False,
                )
    _kestrel_boards(ctx, admin)
    _saltmarsh_boards(ctx, admin)
    # The demo admin and member are leaders in the directory too.
    for email in ("demo.admin@concordat.test", "demo.member@concordat.test"):
        user = ctx.users[email]
        person = (
            Person.objects.filter(
                system=ctx.systems["kestrel-vale"], user__isnull=True, organisation__sector="icb"
            )
            .order_by("pk")
            .first()
        )
        actions.person_update(by=admin, person=person, full_name=user.full_name, email=user.email)
        Person.objects.filter(pk=person.pk).update(user=user)
    _import_extensions()
    for _, _, extension in sorted(_EXTENSIONS, key=lambda e: (e[0], e[1])):
        extension(ctx)
    return ctx


def _import_extensions() -> None:
    """Apps that add demo data register in their own ``demo`` module."""
    from importlib import import_module

    for app in ("leadership",):
        try:
            import_module(f"{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise


def reset_demo() -> None:
    """Remove the demo systems and their users (only the demo's own)."""
    with transaction.atomic():
        System.objects.filter(slug__in=[KESTREL_VALE.slug, SALTMARSH.slug]).delete()
        codes = [o.code for o in KESTREL_VALE.organisations + SALTMARSH.organisations]
        Organisation.objects.filter(ods_code__in=codes, partnerships__isnull=True).delete()
        User.objects.filter(email__in=[u[0] for u in USERS]).delete()
