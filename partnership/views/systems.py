from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from authorization import visible_systems
from partnership import queries
from partnership.views.common import perms_context, system_for


def home(request: HttpRequest) -> HttpResponse:
    systems = list(visible_systems(request.user).order_by("name"))
    if len(systems) == 1:
        return redirect("partnership:system", systems[0].slug)
    return render(request, "partnership/home.html", {"systems": systems})


def system_overview(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    return render(
        request,
        "partnership/system.html",
        {
            "system": system,
            "places": queries.places_with_neighbourhoods(system),
            "sector_groups": queries.organisations_by_sector(system),
            "boards": queries.boards_of(system),
            "counts": queries.system_counts(system),
            **perms_context(request, system),
        },
    )
