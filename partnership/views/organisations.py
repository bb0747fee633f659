from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.exports import Column, export_response, requested_format
from partnership import queries
from partnership.views.common import perms_context, system_for

ORGANISATION_COLUMNS = [
    Column("ODS code", lambda o: o.ods_code),
    Column("Name", lambda o: o.name),
    Column("Sector", lambda o: o.get_sector_display()),
    Column("Sector group", lambda o: o.get_sector_group_display()),
    Column("Places served", lambda o: "; ".join(p.name for p in o.places.all())),
    Column("People in directory", lambda o: o.people_count),
]


def organisation_list(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    organisations = queries.organisations_of(system)
    sector = request.GET.get("sector", "")
    if sector:
        organisations = organisations.filter(sector=sector)
    title = f"Organisations of {system.name}"
    if fmt := requested_format(request):
        return export_response(organisations, ORGANISATION_COLUMNS, title=title, fmt=fmt)
    return render(
        request,
        "partnership/organisation_list.html",
        {
            "system": system,
            "organisations": organisations,
            "sector_groups": queries.organisations_by_sector(system),
            "export_title": title,
            **perms_context(request, system),
        },
    )


def organisation_detail(request: HttpRequest, slug: str, ods_code: str) -> HttpResponse:
    system = system_for(request, slug)
    organisation = queries.organisation_in_system(system, ods_code)
    if organisation is None:
        raise Http404("No such organisation in this system.")
    return render(
        request,
        "partnership/organisation_detail.html",
        {
            "system": system,
            "organisation": organisation,
            "people": queries.organisation_people(system, organisation),
            "boards": queries.organisation_boards(system, organisation),
            **perms_context(request, system),
        },
    )
