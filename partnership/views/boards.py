from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from authorization import Permission
from core.charts import grouped_share_bars, horizontal_bars, to_svg
from core.exports import Column, export_response, requested_format
from partnership import queries
from partnership.balance import SEAT_GROUPS
from partnership.models import Board
from partnership.views.common import can, perms_context, system_for

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


def _compare_columns() -> list[Column]:
    columns = [
        Column("Board", lambda r: r[0].name),
        Column("Level", lambda r: r[0].get_level_display()),
        Column("Members", lambda r: r[1].size),
        Column("Voting members", lambda r: r[1].voting),
    ]
    for code, label in SEAT_GROUPS.items():
        columns.append(
            Column(
                f"{label} (share of seats)",
                lambda r, c=code: round(r[1].share_of(c).share, 3) if r[1].share_of(c) else 0,
            )
        )
    columns += [
        Column("Clinical members", lambda r: sum(n for _, n in r[1].clinical)),
        Column("Concerns", lambda r: r[1].concerns),
        Column("Findings", lambda r: " | ".join(f.text for f in r[1].findings)),
    ]
    return columns


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


def _share_chart(balance, label: str):  # type: ignore[no-untyped-def]
    rows = [
        {"group": s.label, "share": round(s.share, 4)}
        for s in balance.shares
        if s.seats or s.code in ("nhs", "local_government", "vcse")
    ]
    return to_svg(
        horizontal_bars(
            rows, category="group", value="share", title="Share of seats", percent=True
        ),
        label=label,
    )


def board_detail(request: HttpRequest, slug: str, board_slug: str) -> HttpResponse:
    system = system_for(request, slug)
    board = get_object_or_404(
        Board.objects.select_related("place", "neighbourhood"), system=system, slug=board_slug
    )
    members = list(queries.board_members(board))
    title = f"Members of {board.name}"
    if fmt := requested_format(request):
        return export_response(members, MEMBER_COLUMNS, title=title, fmt=fmt)
    balance = queries.balance_for_board(board, members)
    summary = "; ".join(f"{s.label} {round(100 * s.share)}%" for s in balance.shares if s.seats)
    chart = (
        _share_chart(balance, f"Share of seats by sector on {board.name}: {summary}")
        if balance.size
        else None
    )
    return render(
        request,
        "partnership/board_detail.html",
        {
            "system": system,
            "board": board,
            "members": members,
            "export_title": title,
            "balance": balance,
            "chart": chart,
            "can_run_diagnostic": can(request, Permission.RUN_ASSESSMENTS, system),
            "diagnostics": board.diagnostics.order_by("-created_at")[:5],
            **perms_context(request, system),
        },
    )


def board_compare(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    rows = queries.balances_for_system(system)
    title = f"Balance of the boards of {system.name}"
    if fmt := requested_format(request):
        return export_response(rows, _compare_columns(), title=title, fmt=fmt)
    chart_rows = []
    order = {code: i for i, code in enumerate(SEAT_GROUPS)}
    for board, balance in rows:
        for share in balance.shares:
            if share.seats:
                chart_rows.append(
                    {
                        "board": board.name,
                        "group": share.label,
                        "seats": share.seats,
                        "order": order[share.code],
                    }
                )
    chart = (
        to_svg(
            grouped_share_bars(
                chart_rows, row="board", colour="group", value="seats", title="Share of seats"
            ),
            label=f"Share of seats by sector for each of the {len(rows)} boards of {system.name}; "
            "the table below gives the same figures.",
        )
        if chart_rows
        else None
    )
    groups = [
        (code, label)
        for code, label in SEAT_GROUPS.items()
        if any(b.share_of(code) and b.share_of(code).seats for _, b in rows)
    ]
    table = [
        {
            "board": board,
            "balance": balance,
            "shares": [balance.share_of(code) for code, _ in groups],
            "clinical": sum(n for _, n in balance.clinical),
        }
        for board, balance in rows
    ]
    return render(
        request,
        "partnership/board_compare.html",
        {
            "system": system,
            "rows": table,
            "groups": groups,
            "chart": chart,
            "export_title": title,
            **perms_context(request, system),
        },
    )
