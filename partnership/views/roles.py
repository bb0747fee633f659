from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.exports import Column, export_response, requested_format
from partnership import queries
from partnership.role_catalogue import SOURCE
from partnership.views.common import perms_context, system_for

ROLE_COLUMNS = [
    Column("Role", lambda r: r.title),
    Column("Summary", lambda r: r.summary),
    Column("Responsibilities", lambda r: "; ".join(r.responsibilities)),
    Column("Objectives", lambda r: "; ".join(r.objectives)),
    Column("Skills and characteristics", lambda r: "; ".join(r.skills)),
    Column("Protected days a week", lambda r: float(r.protected_days)),
    Column("Held by", lambda r: "; ".join(a.person.full_name for a in r.holders)),
]


def role_catalogue(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    roles = queries.roles_with_holders(system)
    title = f"System roles of {system.name}"
    if fmt := requested_format(request):
        return export_response(roles, ROLE_COLUMNS, title=title, fmt=fmt)
    return render(
        request,
        "partnership/role_catalogue.html",
        {
            "system": system,
            "roles": roles,
            "source": SOURCE,
            "export_title": title,
            **perms_context(request, system),
        },
    )


def role_detail(request: HttpRequest, slug: str, role_slug: str) -> HttpResponse:
    system = system_for(request, slug)
    role = next((r for r in queries.roles_with_holders(system) if r.slug == role_slug), None)
    if role is None:
        raise Http404("No such role.")
    return render(
        request,
        "partnership/role_detail.html",
        {"system": system, "role": role, "source": SOURCE, **perms_context(request, system)},
    )
