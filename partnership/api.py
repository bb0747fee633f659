"""Read API of the registry: the same permissions and the same queries as the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from authorization import Permission, has_permission, visible_systems
from partnership import queries
from partnership.models import System

router = Router(tags=["partnership"])


def _system(request: Any, slug: str) -> System:
    system = System.objects.filter(slug=slug).first()
    if system is None or not has_permission(request.user, Permission.VIEW_SYSTEM, system=system):
        raise Http404("No such system.")
    return system


class SystemOut(Schema):
    slug: str
    name: str
    code: str
    description: str


class NeighbourhoodOut(Schema):
    code: str
    name: str


class PlaceOut(Schema):
    ons_code: str
    name: str
    neighbourhoods: list[NeighbourhoodOut]

    @staticmethod
    def resolve_neighbourhoods(obj: Any) -> list[Any]:
        return list(obj.neighbourhoods.all())


class OrganisationOut(Schema):
    ods_code: str
    name: str
    sector: str
    sector_group: str
    places: list[str]

    @staticmethod
    def resolve_places(obj: Any) -> list[str]:
        return [p.ons_code for p in obj.places.all()]


class PersonOut(Schema):
    """Directory entries: never gender or ethnicity."""

    id: int
    full_name: str
    job_title: str
    profession: str
    organisation: str | None

    @staticmethod
    def resolve_organisation(obj: Any) -> str | None:
        return obj.organisation.ods_code if obj.organisation else None


class BoardOut(Schema):
    slug: str
    name: str
    board_type: str
    level: str
    place: str | None
    neighbourhood: str | None
    meets_in_public: bool
    members: int

    @staticmethod
    def resolve_place(obj: Any) -> str | None:
        return obj.place.ons_code if obj.place else None

    @staticmethod
    def resolve_neighbourhood(obj: Any) -> str | None:
        return obj.neighbourhood.code if obj.neighbourhood else None

    @staticmethod
    def resolve_members(obj: Any) -> int:
        return obj.member_count


class SeatOut(Schema):
    person_id: int
    name: str
    organisation: str | None
    profession: str
    capacity: str
    represents: str
    is_chair: bool
    voting: bool
    start_date: date | None


class ShareOut(Schema):
    group: str
    label: str
    seats: int
    share: float


class FindingOut(Schema):
    severity: str
    text: str


class BoardDetailOut(Schema):
    slug: str
    name: str
    board_type: str
    level: str
    place: str | None
    neighbourhood: str | None
    meets_in_public: bool
    members: int
    purpose: str
    seats: list[SeatOut]
    shares: list[ShareOut]
    findings: list[FindingOut]


class RoleOut(Schema):
    slug: str
    title: str
    summary: str
    responsibilities: list[str]
    objectives: list[str]
    skills: list[str]
    protected_days: float
    held_by: list[int]

    @staticmethod
    def resolve_held_by(obj: Any) -> list[int]:
        return [a.person_id for a in obj.holders]


@router.get("/systems", response=list[SystemOut], summary="Systems you belong to")
def list_systems(request: Any) -> Any:
    return list(visible_systems(request.user).order_by("name"))


@router.get("/systems/{slug}", response=SystemOut)
def get_system(request: Any, slug: str) -> Any:
    return _system(request, slug)


@router.get(
    "/systems/{slug}/places", response=list[PlaceOut], summary="Places with their neighbourhoods"
)
def list_places(request: Any, slug: str) -> Any:
    return list(queries.places_with_neighbourhoods(_system(request, slug)))


@router.get("/systems/{slug}/organisations", response=list[OrganisationOut])
@paginate(LimitOffsetPagination)
def list_organisations(request: Any, slug: str) -> Any:
    return queries.organisations_of(_system(request, slug))


@router.get("/systems/{slug}/organisations/{ods_code}", response=OrganisationOut)
def get_organisation(request: Any, slug: str, ods_code: str) -> Any:
    organisation = queries.organisation_in_system(_system(request, slug), ods_code)
    if organisation is None:
        raise Http404("No such organisation in this system.")
    return organisation


@router.get("/systems/{slug}/people", response=list[PersonOut])
@paginate(LimitOffsetPagination)
def list_people(request: Any, slug: str) -> Any:
    return queries.people_of(_system(request, slug))


@router.get(
    "/systems/{slug}/roles",
    response=list[RoleOut],
    summary="The system role catalogue, with who holds each role here",
)
def list_roles(request: Any, slug: str) -> Any:
    return list(queries.roles_with_holders(_system(request, slug)))


@router.get("/systems/{slug}/boards", response=list[BoardOut])
def list_boards(request: Any, slug: str) -> Any:
    return list(queries.boards_of(_system(request, slug)))


@router.get(
    "/systems/{slug}/boards/{board_slug}",
    response=BoardDetailOut,
    summary="A board with its current seats and its balance findings",
)
def get_board(request: Any, slug: str, board_slug: str) -> Any:
    system = _system(request, slug)
    board = get_object_or_404(queries.boards_of(system), slug=board_slug)
    seats = list(queries.board_members(board))
    balance = queries.balance_for_board(board, seats)
    return {
        "slug": board.slug,
        "name": board.name,
        "board_type": board.board_type,
        "level": board.level,
        "place": board.place.ons_code if board.place else None,
        "neighbourhood": board.neighbourhood.code if board.neighbourhood else None,
        "meets_in_public": board.meets_in_public,
        "members": len(seats),
        "purpose": board.purpose,
        "seats": [
            {
                "person_id": s.person_id,
                "name": s.person.full_name,
                "organisation": s.person.organisation.ods_code if s.person.organisation else None,
                "profession": s.person.profession,
                "capacity": s.capacity,
                "represents": s.represents,
                "is_chair": s.is_chair,
                "voting": s.voting,
                "start_date": s.start_date,
            }
            for s in seats
        ],
        "shares": [
            {"group": sh.code, "label": sh.label, "seats": sh.seats, "share": round(sh.share, 4)}
            for sh in balance.shares
        ],
        "findings": [{"severity": f.severity, "text": f.text} for f in balance.findings],
    }
