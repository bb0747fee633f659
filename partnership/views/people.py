from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from core.exports import Column, export_response, requested_format
from partnership import queries
from partnership.models import Profession
from partnership.views.common import perms_context, system_for

# Gender and ethnicity are never listed per person: they are used only in aggregate.
PEOPLE_COLUMNS = [
    Column("Name", lambda p: p.full_name),
    Column("Job title", lambda p: p.job_title),
    Column("Organisation", lambda p: p.organisation.name if p.organisation else ""),
    Column("Profession", lambda p: p.get_profession_display()),
    Column("System roles", lambda p: "; ".join(r.role.title for r in p.roles.all())),
    Column("Boards", lambda p: "; ".join(s.board.name for s in p.current_seats)),
]


def people_list(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    people = queries.people_of(system)
    profession = request.GET.get("profession", "")
    if profession in Profession.values:
        people = people.filter(profession=profession)
    search = request.GET.get("q", "").strip()[:100]
    if search:
        people = people.filter(full_name__icontains=search)
    title = f"People of {system.name}"
    if fmt := requested_format(request):
        return export_response(people, PEOPLE_COLUMNS, title=title, fmt=fmt)
    return render(
        request,
        "partnership/people_list.html",
        {
            "system": system,
            "people": people,
            "professions": Profession.choices,
            "profession": profession,
            "search": search,
            "export_title": title,
            **perms_context(request, system),
        },
    )


def person_detail(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    system = system_for(request, slug)
    person = get_object_or_404(queries.people_of(system), pk=person_id)
    return render(
        request,
        "partnership/person_detail.html",
        {"system": system, "person": person, **perms_context(request, system)},
    )
