"""The whole registry of a system as one JSON document, and back.

Export writes natural keys only (codes, slugs, a stable person key), never database ids,
so a document can be imported into a fresh system. Import checks the whole document
first and lists every problem with its JSON path; only a document with no problems is
applied, in one transaction, through the registry's actions. Records are created or
updated, never deleted: a seat or role missing from the document is left as it is (see
docs/adr/0003-registry-interchange.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from analytics.geography import SECTORS
from partnership import actions
from partnership.models import (
    Board,
    BoardType,
    Capacity,
    Level,
    Neighbourhood,
    Organisation,
    Person,
    Place,
    Profession,
    RoleAssignment,
    RoleProfile,
    System,
)

FORMAT = "concordat.registry"
VERSION = 1


def person_key(person: Person) -> str:
    return f"p-{person.pk}"


def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


def export_system(system: System, *, include_diversity: bool = False) -> dict[str, Any]:
    """The system's registry as a JSON-ready dict."""
    places = list(Place.objects.filter(system=system).prefetch_related("neighbourhoods"))
    orgs = list(Organisation.objects.filter(partnerships__system=system).prefetch_related("places"))
    people = list(Person.objects.filter(system=system).select_related("organisation"))
    keys = {p.pk: person_key(p) for p in people}
    boards = list(
        Board.objects.filter(system=system)
        .select_related("place", "neighbourhood")
        .prefetch_related("memberships")
    )
    assignments = list(RoleAssignment.objects.filter(system=system).select_related("role"))
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "includes_diversity": include_diversity,
        "system": {
            "slug": system.slug,
            "name": system.name,
            "code": system.code,
            "description": system.description,
        },
        "places": [
            {
                "ons_code": p.ons_code,
                "name": p.name,
                "description": p.description,
                "neighbourhoods": [
                    {"code": n.code, "name": n.name}
                    for n in sorted(p.neighbourhoods.all(), key=lambda n: n.code)
                ],
            }
            for p in sorted(places, key=lambda p: p.ons_code)
        ],
        "organisations": [
            {
                "ods_code": o.ods_code,
                "name": o.name,
                "sector": o.sector,
                "website": o.website,
                "places": sorted(pl.ons_code for pl in o.places.all() if pl.system_id == system.pk),
            }
            for o in sorted(orgs, key=lambda o: o.ods_code)
        ],
        "people": [
            {
                "key": keys[p.pk],
                "full_name": p.full_name,
                "job_title": p.job_title,
                "email": p.email,
                "organisation": p.organisation.ods_code if p.organisation else None,
                "profession": p.profession,
                **({"gender": p.gender, "ethnicity": p.ethnicity} if include_diversity else {}),
            }
            for p in sorted(people, key=lambda p: p.pk)
        ],
        "roles": [
            {
                "role": a.role.slug,
                "person": keys[a.person_id],
                "start_date": _d(a.start_date),
                "end_date": _d(a.end_date),
            }
            for a in sorted(assignments, key=lambda a: (a.role.slug, a.person_id))
        ],
        "boards": [
            {
                "slug": b.slug,
                "name": b.name,
                "board_type": b.board_type,
                "level": b.level,
                "place": b.place.ons_code if b.place else None,
                "neighbourhood": b.neighbourhood.code if b.neighbourhood else None,
                "purpose": b.purpose,
                "meets_in_public": b.meets_in_public,
                "members": [
                    {
                        "person": keys[m.person_id],
                        "capacity": m.capacity,
                        "represents": m.represents,
                        "is_chair": m.is_chair,
                        "voting": m.voting,
                        "start_date": _d(m.start_date),
                        "end_date": _d(m.end_date),
                    }
                    for m in sorted(b.memberships.all(), key=lambda m: (m.person_id, m.pk))
                ],
            }
            for b in sorted(boards, key=lambda b: b.slug)
        ],
    }


@dataclass
class ImportResult:
    problems: list[str] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    system: System | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: str, created: bool) -> None:
        target = self.created if created else self.updated
        target[kind] = target.get(kind, 0) + 1


class _Checker:
    """Collects every problem with its path instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.add(path, "must be an object")
            return {}
        return value

    def items(self, doc: dict[str, Any], key: str, path: str = "") -> list[dict[str, Any]]:
        value = doc.get(key, [])
        if not isinstance(value, list):
            self.add(f"{path}{key}", "must be a list")
            return []
        return [self.obj(v, f"{path}{key}[{i}]") for i, v in enumerate(value)]

    def text(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        max_length: int = 200,
    ) -> str:
        value = obj.get(key)
        if value is None or value == "":
            if required:
                self.add(f"{path}.{key}", "is required")
            return ""
        if not isinstance(value, str):
            self.add(f"{path}.{key}", f"must be text, not {type(value).__name__}")
            return ""
        if len(value) > max_length:
            self.add(f"{path}.{key}", f"is longer than {max_length} characters")
        return value

    def choice(self, obj: dict[str, Any], key: str, path: str, allowed: list[str]) -> str:
        value = self.text(obj, key, path)
        if value and value not in allowed:
            self.add(f"{path}.{key}", f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def boolean(self, obj: dict[str, Any], key: str, path: str, default: bool) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.add(f"{path}.{key}", "must be true or false")
            return default
        return value

    def day(self, obj: dict[str, Any], key: str, path: str) -> date | None:
        value = obj.get(key)
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self.add(f"{path}.{key}", f"{value!r} is not a date (YYYY-MM-DD)")
            return None

    def unique(self, values: list[tuple[str, str]], what: str) -> None:
        seen: set[str] = set()
        for path, value in values:
            if value and value in seen:
                self.add(path, f"{what} {value!r} appears more than once")
            seen.add(value)


def validate(doc: Any, *, into: System | None) -> list[str]:
    c = _Checker()
    if not isinstance(doc, dict):
        return ["The document must be a JSON object."]
    if doc.get("format") != FORMAT:
        return [f"This is not a Concordat registry document (format must be {FORMAT!r})."]
    if doc.get("version") != VERSION:
        return [
            f"Version {doc.get('version')!r} is not supported; this Concordat reads "
            f"version {VERSION}."
        ]
    system = c.obj(doc.get("system"), "system")
    c.text(system, "name", "system")
    code = c.text(system, "code", "system", max_length=10)
    slug = c.text(system, "slug", "system", max_length=60)
    if into is None and slug and System.objects.filter(slug=slug).exists():
        c.add("system.slug", f"a system {slug!r} already exists; import into it instead")
    if into is None and code and System.objects.filter(code=code.upper()).exists():
        c.add("system.code", f"a system with code {code!r} already exists")

    place_codes: set[str] = set()
    neighbourhood_codes: set[str] = set()
    n_paths = []
    for i, place in enumerate(c.items(doc, "places")):
        path = f"places[{i}]"
        place_codes.add(c.text(place, "ons_code", path, max_length=9))
        c.text(place, "name", path)
        for j, n in enumerate(c.items(place, "neighbourhoods", f"{path}.")):
            ncode = c.text(n, "code", f"{path}.neighbourhoods[{j}]", max_length=12)
            c.text(n, "name", f"{path}.neighbourhoods[{j}]")
            n_paths.append((f"{path}.neighbourhoods[{j}].code", ncode))
            neighbourhood_codes.add(ncode)
    c.unique(
        [
            (f"places[{i}].ons_code", p.get("ons_code", ""))
            for i, p in enumerate(
                doc.get("places", []) if isinstance(doc.get("places"), list) else []
            )
            if isinstance(p, dict)
        ],
        "ONS code",
    )
    c.unique(n_paths, "neighbourhood code")

    org_codes: set[str] = set()
    o_paths = []
    for i, org in enumerate(c.items(doc, "organisations")):
        path = f"organisations[{i}]"
        ods = c.text(org, "ods_code", path, max_length=10)
        if ods and not ods.isalnum():
            c.add(f"{path}.ods_code", f"{ods!r} must be letters and numbers only")
        org_codes.add(ods.upper())
        o_paths.append((f"{path}.ods_code", ods.upper()))
        c.text(org, "name", path)
        c.choice(org, "sector", path, list(SECTORS))
        served = org.get("places", [])
        if not isinstance(served, list):
            c.add(f"{path}.places", "must be a list of ONS codes")
        else:
            for j, pc in enumerate(served):
                if pc not in place_codes:
                    c.add(f"{path}.places[{j}]", f"unknown place {pc!r}")
    c.unique(o_paths, "ODS code")

    person_keys: set[str] = set()
    k_paths = []
    for i, person in enumerate(c.items(doc, "people")):
        path = f"people[{i}]"
        key = c.text(person, "key", path, max_length=64)
        person_keys.add(key)
        k_paths.append((f"{path}.key", key))
        c.text(person, "full_name", path)
        c.choice(person, "profession", path, list(Profession.values))
        org = person.get("organisation")
        if org not in (None, "") and str(org).upper() not in org_codes:
            c.add(f"{path}.organisation", f"unknown organisation {org!r}")
        email = person.get("email") or ""
        if email and ("@" not in email or len(email) > 254):
            c.add(f"{path}.email", f"{email!r} is not an e-mail address")
    c.unique(k_paths, "person key")

    role_slugs = set(RoleProfile.objects.values_list("slug", flat=True))
    for i, role in enumerate(c.items(doc, "roles")):
        path = f"roles[{i}]"
        slug_ = c.text(role, "role", path, max_length=80)
        if slug_ and slug_ not in role_slugs:
            c.add(f"{path}.role", f"unknown system role {slug_!r}")
        if c.text(role, "person", path) not in person_keys:
            c.add(f"{path}.person", f"unknown person key {role.get('person')!r}")
        start, end = c.day(role, "start_date", path), c.day(role, "end_date", path)
        if start and end and end < start:
            c.add(f"{path}.end_date", "is before the start date")

    b_paths = []
    for i, board in enumerate(c.items(doc, "boards")):
        path = f"boards[{i}]"
        b_paths.append((f"{path}.slug", c.text(board, "slug", path, max_length=80)))
        c.text(board, "name", path)
        c.choice(board, "board_type", path, list(BoardType.values))
        level = c.choice(board, "level", path, list(Level.values))
        place = board.get("place")
        neighbourhood = board.get("neighbourhood")
        if place not in (None, "") and place not in place_codes:
            c.add(f"{path}.place", f"unknown place {place!r}")
        if neighbourhood not in (None, "") and neighbourhood not in neighbourhood_codes:
            c.add(f"{path}.neighbourhood", f"unknown neighbourhood {neighbourhood!r}")
        if level == "place" and not place:
            c.add(f"{path}.place", "a place board needs its place")
        if level == "neighbourhood" and not neighbourhood:
            c.add(f"{path}.neighbourhood", "a neighbourhood board needs its neighbourhood")
        c.boolean(board, "meets_in_public", path, False)
        for j, member in enumerate(c.items(board, "members", f"{path}.")):
            mpath = f"{path}.members[{j}]"
            if member.get("person") not in person_keys:
                c.add(f"{mpath}.person", f"unknown person key {member.get('person')!r}")
            c.choice(member, "capacity", mpath, list(Capacity.values))
            c.boolean(member, "voting", mpath, True)
            c.boolean(member, "is_chair", mpath, False)
            start, end = c.day(member, "start_date", mpath), c.day(member, "end_date", mpath)
            if start and end and end < start:
                c.add(f"{mpath}.end_date", "is before the start date")
    c.unique(b_paths, "board slug")
    return c.problems


def import_system(doc: Any, *, by: Any, into: System | None = None) -> ImportResult:
    """Check the whole document; apply it only if it has no problems."""
    result = ImportResult(problems=validate(doc, into=into))
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            _apply(doc, by=by, into=into, result=result)
    except (ValidationError, IntegrityError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        return ImportResult(problems=[f"Nothing was imported: {m}" for m in messages])
    return result


def _apply(doc: dict[str, Any], *, by: Any, into: System | None, result: ImportResult) -> None:
    s = doc["system"]
    system = into
    if system is None:
        system = actions.system_create(
            by=by,
            name=s["name"],
            code=s["code"],
            slug=s["slug"],
            description=s.get("description", ""),
        )
        result.count("systems", True)
    result.system = system
    places: dict[str, Place] = {p.ons_code: p for p in system.places.all()}
    neighbourhoods: dict[str, Neighbourhood] = {
        n.code: n for n in Neighbourhood.objects.filter(place__system=system)
    }
    for p in doc.get("places", []):
        code = p["ons_code"].upper()
        if code not in places:
            places[code] = actions.place_create(
                by=by,
                system=system,
                ons_code=code,
                name=p["name"],
                description=p.get("description", ""),
            )
            result.count("places", True)
        for n in p.get("neighbourhoods", []):
            if n["code"].upper() not in neighbourhoods:
                neighbourhoods[n["code"].upper()] = actions.neighbourhood_create(
                    by=by, place=places[code], code=n["code"], name=n["name"]
                )
                result.count("neighbourhoods", True)
    orgs: dict[str, Organisation] = {
        o.ods_code: o for o in Organisation.objects.filter(partnerships__system=system)
    }
    for o in doc.get("organisations", []):
        code = o["ods_code"].upper()
        served = [places[pc.upper()] for pc in o.get("places", [])]
        if code in orgs:
            org = orgs[code]
            if (org.name, org.sector, org.website) != (
                o["name"],
                o["sector"],
                o.get("website", ""),
            ) or {p.pk for p in org.places.filter(system=system)} != {p.pk for p in served}:
                actions.organisation_update(
                    by=by,
                    system=system,
                    organisation=org,
                    name=o["name"],
                    sector=o["sector"],
                    website=o.get("website", ""),
                    places=served,
                )
                result.count("organisations", False)
        else:
            orgs[code] = actions.organisation_add_to_system(
                by=by,
                system=system,
                ods_code=code,
                name=o["name"],
                sector=o["sector"],
                places=served,
                website=o.get("website", ""),
            )
            result.count("organisations", True)

    # People are matched by their key when importing into the system that exported them,
    # otherwise by name and organisation.
    existing = {person_key(p): p for p in Person.objects.filter(system=system)}
    by_name = {(p.full_name, p.organisation_id): p for p in existing.values()}
    people: dict[str, Person] = {}
    for p in doc.get("people", []):
        org = orgs.get((p.get("organisation") or "").upper())
        values = {
            "full_name": p["full_name"],
            "profession": p["profession"],
            "organisation": org,
            "job_title": p.get("job_title", ""),
            "email": p.get("email") or "",
        }
        if doc.get("includes_diversity"):
            values.update(gender=p.get("gender", ""), ethnicity=p.get("ethnicity", ""))
        person = existing.get(p["key"]) or by_name.get((p["full_name"], org.pk if org else None))
        if person is None:
            person = actions.person_create(by=by, system=system, **values)
            result.count("people", True)
        elif any(getattr(person, k) != v for k, v in values.items()):
            actions.person_update(by=by, person=person, **values)
            result.count("people", False)
        people[p["key"]] = person

    roles = {r.slug: r for r in RoleProfile.objects.all()}
    held = {
        (a.role.slug, a.person_id)
        for a in RoleAssignment.objects.filter(system=system).select_related("role")
    }
    for r in doc.get("roles", []):
        person = people[r["person"]]
        if (r["role"], person.pk) not in held:
            actions.role_assign(
                by=by,
                system=system,
                role=roles[r["role"]],
                person=person,
                start_date=_date(r.get("start_date")),
                end_date=_date(r.get("end_date")),
            )
            result.count("role assignments", True)

    boards = {b.slug: b for b in Board.objects.filter(system=system)}
    for b in doc.get("boards", []):
        values = {
            "name": b["name"],
            "board_type": b["board_type"],
            "level": b["level"],
            "place": places.get((b.get("place") or "").upper()),
            "neighbourhood": neighbourhoods.get((b.get("neighbourhood") or "").upper()),
            "purpose": b.get("purpose", ""),
            "meets_in_public": b.get("meets_in_public", False),
        }
        board = boards.get(b["slug"])
        if board is None:
            board = actions.board_create(by=by, system=system, slug=b["slug"], **values)
            result.count("boards", True)
        elif any(getattr(board, k) != v for k, v in values.items()):
            actions.board_update(by=by, board=board, **values)
            result.count("boards", False)
        seats = {(m.person_id, m.start_date): m for m in board.memberships.all()}
        for m in b.get("members", []):
            person = people[m["person"]]
            start, end = _date(m.get("start_date")), _date(m.get("end_date"))
            seat = seats.get((person.pk, start))
            if seat is None:
                actions.board_member_add(
                    by=by,
                    board=board,
                    person=person,
                    capacity=m["capacity"],
                    represents=m.get("represents", ""),
                    is_chair=m.get("is_chair", False),
                    voting=m.get("voting", True),
                    start_date=start,
                    end_date=end,
                )
                result.count("board seats", True)
            elif end and seat.end_date != end:
                actions.board_member_end(by=by, seat=seat, end_date=end)
                result.count("board seats", False)


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None
