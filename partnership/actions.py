"""Every write to the registry goes through these functions.

Each is keyword-only, runs in one transaction and records an audit event in it. Callers
check permission first (views and the API use authorization.has_permission); the actions
check the invariants that span records (e.g. a board's place belongs to its system).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from core import audit
from partnership.models import (
    Board,
    BoardMembership,
    Neighbourhood,
    Organisation,
    Partnership,
    Person,
    Place,
    RoleAssignment,
    RoleProfile,
    System,
)


def _only(values: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")


def _save_changes(
    by: Any, instance: Any, values: dict[str, Any], system: System, personal: tuple[str, ...] = ()
) -> Any:
    """Apply field changes, validate, save and audit them in the caller's transaction."""
    changes = audit.diff(instance, values)
    for name in personal:
        if name in changes:
            changes[name] = ["(changed)", "(changed)"]
    for name, value in values.items():
        setattr(instance, name, value)
    instance.updated_by = by if getattr(by, "is_authenticated", False) else None
    instance.full_clean()
    instance.save()
    audit.record(by=by, verb="updated", obj=instance, system=system, changes=changes)
    return instance


def _unique_slug(queryset: Any, base: str, field: str = "slug") -> str:
    slug = slugify(base)[:70] or "item"
    candidate, n = slug, 2
    while queryset.filter(**{field: candidate}).exists():
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


@transaction.atomic
def system_create(
    *, by: Any, name: str, code: str, slug: str = "", description: str = ""
) -> System:
    system = System(
        name=name,
        code=code.strip().upper(),
        slug=slug or _unique_slug(System.objects.all(), name),
        description=description,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    system.full_clean()
    system.save()
    audit.record(by=by, verb="created", obj=system, system=system)
    return system


@transaction.atomic
def place_create(
    *, by: Any, system: System, ons_code: str, name: str, description: str = ""
) -> Place:
    place = Place(
        system=system, ons_code=ons_code.strip().upper(), name=name, description=description
    )
    place.full_clean()
    place.save()
    audit.record(by=by, verb="created", obj=place, system=system)
    return place


@transaction.atomic
def neighbourhood_create(*, by: Any, place: Place, code: str, name: str) -> Neighbourhood:
    neighbourhood = Neighbourhood(place=place, code=code.strip().upper(), name=name)
    neighbourhood.full_clean()
    neighbourhood.save()
    audit.record(by=by, verb="created", obj=neighbourhood, system=place.system)
    return neighbourhood


@transaction.atomic
def organisation_add_to_system(
    *,
    by: Any,
    system: System,
    ods_code: str,
    name: str,
    sector: str,
    places: list[Place] | None = None,
    website: str = "",
) -> Organisation:
    """Add a partner to the system, creating the organisation if its ODS code is new.

    An organisation already known (a partner of another system) keeps its name and
    sector; only the partnership and the places it serves here are added.
    """
    code = ods_code.strip().upper()
    organisation = Organisation.objects.filter(ods_code=code).first()
    if organisation is None:
        organisation = Organisation(ods_code=code, name=name, sector=sector, website=website)
        organisation.full_clean()
        organisation.save()
        audit.record(by=by, verb="created", obj=organisation, system=system)
    if Partnership.objects.filter(system=system, organisation=organisation).exists():
        raise ValidationError(f"{organisation.name} is already a partner of {system.name}.")
    Partnership.objects.create(system=system, organisation=organisation)
    for place in places or []:
        if place.system_id != system.pk:
            raise ValidationError(f"{place.name} is not a place of {system.name}.")
    if places:
        organisation.places.add(*places)
    audit.record(
        by=by,
        verb="joined system",
        obj=organisation,
        system=system,
        changes={"places": [p.name for p in places or []]},
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    by: Any,
    system: System,
    organisation: Organisation,
    name: str,
    sector: str,
    website: str,
    places: list[Place],
) -> Organisation:
    changes = audit.diff(organisation, {"name": name, "sector": sector, "website": website})
    organisation.name, organisation.sector, organisation.website = name, sector, website
    organisation.full_clean()
    organisation.save()
    for place in places:
        if place.system_id != system.pk:
            raise ValidationError(f"{place.name} is not a place of {system.name}.")
    # Places of other systems this organisation serves are left as they are.
    organisation.places.remove(
        *organisation.places.filter(system=system).exclude(pk__in=[p.pk for p in places])
    )
    organisation.places.add(*places)
    changes["places here"] = sorted(p.name for p in places)
    audit.record(by=by, verb="updated", obj=organisation, system=system, changes=changes)
    return organisation


def _check_person_organisation(system: System, organisation: Organisation | None) -> None:
    if (
        organisation is not None
        and not Partnership.objects.filter(system=system, organisation=organisation).exists()
    ):
        raise ValidationError(f"{organisation.name} is not a partner of {system.name}.")


@transaction.atomic
def person_create(
    *,
    by: Any,
    system: System,
    full_name: str,
    profession: str,
    organisation: Organisation | None = None,
    job_title: str = "",
    email: str = "",
    gender: str = "",
    ethnicity: str = "",
) -> Person:
    _check_person_organisation(system, organisation)
    person = Person(
        system=system,
        full_name=full_name,
        profession=profession,
        organisation=organisation,
        job_title=job_title,
        email=email,
        gender=gender,
        ethnicity=ethnicity,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    person.full_clean()
    person.save()
    # Diversity fields are personal: the trail records that they changed, not their values.
    audit.record(by=by, verb="created", obj=person, system=system)
    return person


@transaction.atomic
def person_update(*, by: Any, person: Person, **values: Any) -> Person:
    allowed = {
        "full_name",
        "profession",
        "organisation",
        "job_title",
        "email",
        "gender",
        "ethnicity",
    }
    _only(values, allowed)
    _check_person_organisation(person.system, values.get("organisation", person.organisation))
    # Personal fields: the trail records that they changed, never their values.
    return _save_changes(
        by, person, values, person.system, personal=("gender", "ethnicity", "email")
    )


def _check_board_area(
    system: System, place: Place | None, neighbourhood: Neighbourhood | None
) -> None:
    if place is not None and place.system_id != system.pk:
        raise ValidationError(f"{place.name} is not a place of {system.name}.")
    if neighbourhood is not None and neighbourhood.place.system_id != system.pk:
        raise ValidationError(f"{neighbourhood.name} is not a neighbourhood of {system.name}.")


@transaction.atomic
def board_create(
    *,
    by: Any,
    system: System,
    name: str,
    board_type: str,
    level: str,
    place: Place | None = None,
    neighbourhood: Neighbourhood | None = None,
    purpose: str = "",
    meets_in_public: bool = False,
    slug: str = "",
) -> Board:
    if neighbourhood is not None and place is None:
        place = neighbourhood.place
    _check_board_area(system, place, neighbourhood)
    board = Board(
        system=system,
        name=name,
        board_type=board_type,
        level=level,
        place=place,
        neighbourhood=neighbourhood,
        purpose=purpose,
        meets_in_public=meets_in_public,
        slug=slug or _unique_slug(Board.objects.filter(system=system), name),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    board.full_clean()
    board.save()
    audit.record(by=by, verb="created", obj=board, system=system)
    return board


@transaction.atomic
def board_update(*, by: Any, board: Board, **values: Any) -> Board:
    allowed = {
        "name",
        "board_type",
        "level",
        "place",
        "neighbourhood",
        "purpose",
        "meets_in_public",
    }
    _only(values, allowed)
    if values.get("neighbourhood") is not None and values.get("place") is None:
        values["place"] = values["neighbourhood"].place
    _check_board_area(
        board.system,
        values.get("place", board.place),
        values.get("neighbourhood", board.neighbourhood),
    )
    return _save_changes(by, board, values, board.system)


@transaction.atomic
def board_member_add(
    *,
    by: Any,
    board: Board,
    person: Person,
    capacity: str = "partner",
    represents: str = "",
    is_chair: bool = False,
    voting: bool = True,
    start_date: date | None = None,
    end_date: date | None = None,
) -> BoardMembership:
    if person.system_id != board.system_id:
        raise ValidationError(f"{person.full_name} is not in {board.system.name}.")
    if board.memberships.filter(person=person, end_date__isnull=True).exists():
        raise ValidationError(f"{person.full_name} already sits on {board.name}.")
    seat = BoardMembership(
        board=board,
        person=person,
        capacity=capacity,
        represents=represents,
        is_chair=is_chair,
        voting=voting,
        start_date=start_date,
        end_date=end_date,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    seat.full_clean()
    seat.save()
    audit.record(
        by=by,
        verb="member added",
        obj=board,
        system=board.system,
        changes={"person": person.full_name, "capacity": capacity, "voting": voting},
    )
    return seat


@transaction.atomic
def board_member_end(*, by: Any, seat: BoardMembership, end_date: date) -> BoardMembership:
    """End a seat. Seats are never deleted, so the board's history stays."""
    if seat.start_date and end_date < seat.start_date:
        raise ValidationError("The end date cannot be before the start date.")
    seat.end_date = end_date
    seat.updated_by = by if getattr(by, "is_authenticated", False) else None
    seat.save(update_fields=["end_date", "updated_by", "updated_at"])
    audit.record(
        by=by,
        verb="member left",
        obj=seat.board,
        system=seat.board.system,
        changes={"person": seat.person.full_name, "end_date": end_date},
    )
    return seat


@transaction.atomic
def role_profile_upsert(
    *,
    by: Any,
    slug: str,
    title: str,
    summary: str,
    responsibilities: list[str],
    objectives: list[str],
    skills: list[str],
    protected_days: Decimal | float,
    order: int = 0,
) -> RoleProfile:
    role, created = RoleProfile.objects.update_or_create(
        slug=slug,
        defaults={
            "title": title,
            "summary": summary,
            "responsibilities": responsibilities,
            "objectives": objectives,
            "skills": skills,
            "protected_days": Decimal(str(protected_days)),
            "order": order,
        },
    )
    role.full_clean()
    audit.record(by=by, verb="created" if created else "updated", obj=role)
    return role


@transaction.atomic
def role_assign(
    *,
    by: Any,
    system: System,
    role: RoleProfile,
    person: Person,
    start_date: date | None = None,
    end_date: date | None = None,
) -> RoleAssignment:
    if person.system_id != system.pk:
        raise ValidationError(f"{person.full_name} is not in {system.name}.")
    assignment = RoleAssignment(
        system=system, role=role, person=person, start_date=start_date, end_date=end_date
    )
    assignment.full_clean()
    assignment.save()
    audit.record(
        by=by, verb="role assigned", obj=person, system=system, changes={"role": role.title}
    )
    return assignment
