from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.exports import Column, export_response, requested_format
from partnership import queries
from partnership.models import Board
from partnership.views.common import perms_context, system_for

BOARD_COLUMNS = [
    Column("Board", lambda b: b.name),
    Column("Type", lambda b: b.get_board_type_display()),
    Column("Level", lambda b: b.get_level_display()),
    Column("Place", lambda b: b.place.name if b.place else ""),
    Column("Neighbourhood", lambda b: b.neighbourhood.name if b.neighbourhood else ""),
    Column("Members", lambda b: b.member_count),
    Column("Meets in public", lambda b: b.meets_in_public),
]

MEMBER_COLUMNS = [
    Column("Name", lambda s: s.person.full_name),
    Column("Organisation", lambda s: s.person.organisation.name if s.person.organisation else ""),
    Column("Profession", lambda s: s.person.get_profession_display()),
    Column("Sits as", lambda s: s.get_capacity_display()),
    Column("Represents", lambda s: s.represents),
    Column("Chair", lambda s: s.is_chair),
    Column("Voting", lambda s: s.voting),
    Column("Start date", lambda s: s.start_date),
    Column("End date", lambda s: s.end_date),
]


def board_list(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    boards = queries.boards_of(system)
    title = f"Boards of {system.name}"
    if fmt := requested_format(request):
        return export_response(boards, BOARD_COLUMNS, title=title, fmt=fmt)
    return render(
        request,
        "partnership/board_list.html",
        {
            "system": system,
            "boards": boards,
            "export_title": title,
            **perms_context(request, system),
        },
    )


def board_detail(request: HttpRequest, slug: str, board_slug: str) -> HttpResponse:
    system = system_for(request, slug)
    board = get_object_or_404(
        Board.objects.select_related("place", "neighbourhood"), system=system, slug=board_slug
    )
    members = queries.board_members(board)
    title = f"Members of {board.name}"
    if fmt := requested_format(request):
        return export_response(members, MEMBER_COLUMNS, title=title, fmt=fmt)
    return render(
        request,
        "partnership/board_detail.html",
        {
            "system": system,
            "board": board,
            "members": members,
            "export_title": title,
            **perms_context(request, system),
        },
    )


def board_compare(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    return render(
        request,
        "partnership/board_compare.html",
        {"system": system, "boards": queries.boards_of(system), **perms_context(request, system)},
    )
