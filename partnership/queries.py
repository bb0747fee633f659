"""Reads of the registry that cross relations. Views and the API use these, so every list
costs a fixed number of queries whatever the data size."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from analytics.geography import SECTOR_GROUP_OF, SECTOR_GROUPS, SECTORS
from partnership.models import (
    Board,
    BoardMembership,
    Neighbourhood,
    Organisation,
    Person,
    Place,
    RoleAssignment,
    RoleProfile,
    System,
)


def today() -> date:
    return timezone.localdate()


def current_seats_filter(prefix: str = "", on: date | None = None) -> Q:
    on = on or today()
    return (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})) & (
        Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": on})
    )


def places_with_neighbourhoods(system: System) -> QuerySet[Place]:
    return (
        Place.objects.filter(system=system)
        .prefetch_related(
            Prefetch("neighbourhoods", queryset=Neighbourhood.objects.order_by("name"))
        )
        .order_by("name")
    )


def organisations_of(system: System) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(partnerships__system=system)
        .prefetch_related(Prefetch("places", queryset=Place.objects.filter(system=system)))
        .annotate(people_count=Count("people", filter=Q(people__system=system), distinct=True))
        .order_by("name")
    )


def organisations_by_sector(system: System) -> list[dict[str, Any]]:
    """Partners grouped by sector group then sector, in the registry's order."""
    grouped: dict[str, dict[str, list[Organisation]]] = defaultdict(lambda: defaultdict(list))
    for org in organisations_of(system):
        grouped[SECTOR_GROUP_OF[org.sector]][org.sector].append(org)
    out = []
    for group_code, group_name in SECTOR_GROUPS.items():
        if group_code not in grouped:
            continue
        sectors = [
            {"code": code, "name": SECTORS[code], "organisations": grouped[group_code][code]}
            for code in SECTORS
            if code in grouped[group_code]
        ]
        out.append(
            {
                "code": group_code,
                "name": group_name,
                "sectors": sectors,
                "count": sum(len(s["organisations"]) for s in sectors),
            }
        )
    return out


def people_of(system: System) -> QuerySet[Person]:
    return (
        Person.objects.filter(system=system)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=RoleAssignment.objects.select_related("role").filter(
                    current_seats_filter()
                ),
            ),
            Prefetch(
                "board_seats",
                queryset=BoardMembership.objects.select_related("board").filter(
                    current_seats_filter()
                ),
                to_attr="current_seats",
            ),
        )
        .order_by("full_name")
    )


def boards_of(system: System) -> QuerySet[Board]:
    return (
        Board.objects.filter(system=system)
        .select_related("place", "neighbourhood")
        .annotate(
            member_count=Count(
                "memberships", filter=current_seats_filter("memberships__"), distinct=True
            )
        )
        .order_by("level", "name")
    )


def board_members(board: Board, on: date | None = None) -> QuerySet[BoardMembership]:
    return (
        BoardMembership.objects.filter(board=board)
        .filter(current_seats_filter(on=on))
        .select_related("person", "person__organisation")
        .order_by("-is_chair", "person__full_name")
    )


def boards_with_members(system: System, on: date | None = None) -> QuerySet[Board]:
    return boards_of(system).prefetch_related(
        Prefetch(
            "memberships",
            queryset=BoardMembership.objects.filter(current_seats_filter(on=on)).select_related(
                "person", "person__organisation"
            ),
            to_attr="current_members",
        )
    )


def roles_with_holders(system: System) -> QuerySet[RoleProfile]:
    return RoleProfile.objects.prefetch_related(
        Prefetch(
            "assignments",
            queryset=RoleAssignment.objects.filter(system=system)
            .filter(current_seats_filter())
            .select_related("person", "person__organisation"),
            to_attr="holders",
        )
    ).order_by("order", "title")


def organisation_in_system(system: System, ods_code: str) -> Organisation | None:
    return (
        Organisation.objects.filter(partnerships__system=system, ods_code=ods_code.upper())
        .prefetch_related(Prefetch("places", queryset=Place.objects.filter(system=system)))
        .first()
    )


def organisation_people(system: System, organisation: Organisation) -> QuerySet[Person]:
    return people_of(system).filter(organisation=organisation)


def organisation_boards(system: System, organisation: Organisation) -> QuerySet[Board]:
    return (
        Board.objects.filter(system=system)
        .filter(
            Q(memberships__person__organisation=organisation)
            & current_seats_filter("memberships__")
        )
        .distinct()
        .order_by("name")
    )


def system_counts(system: System) -> dict[str, int]:
    return {
        "places": Place.objects.filter(system=system).count(),
        "neighbourhoods": Neighbourhood.objects.filter(place__system=system).count(),
        "organisations": Organisation.objects.filter(partnerships__system=system).count(),
        "people": Person.objects.filter(system=system).count(),
        "boards": Board.objects.filter(system=system).count(),
    }


def seats_for_balance(seats: Any) -> list[Any]:
    """Current seats as plain data for partnership.balance (no queries of its own: the
    seats must come with person and organisation selected)."""
    from analytics.geography import SECTOR_GROUP_OF
    from partnership.balance import Seat

    return [
        Seat(
            sector_group=SECTOR_GROUP_OF[s.person.organisation.sector]
            if s.person.organisation
            else None,
            profession=s.person.profession,
            capacity=s.capacity,
            voting=s.voting,
            is_chair=s.is_chair,
            gender=s.person.gender,
            ethnicity=s.person.ethnicity,
        )
        for s in seats
    ]


def balance_for_board(board: Board, seats: Any = None) -> Any:
    from partnership.balance import assess

    seats = board_members(board) if seats is None else seats
    return assess(
        seats_for_balance(seats),
        board_type=board.board_type,
        meets_in_public=board.meets_in_public,
    )


def balances_for_system(system: System) -> list[tuple[Board, Any]]:
    """Every board of the system with its balance, in three queries however many boards."""
    return [
        (board, balance_for_board(board, board.current_members))
        for board in boards_with_members(system)
    ]
