"""Edit pages of the registry, for system admins. Each validates, calls an action and
redirects; errors re-render the form with messages and change nothing."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from authorization import Permission
from partnership import actions, queries
from partnership.forms import BoardForm, BoardMemberForm, EndSeatForm, OrganisationForm, PersonForm
from partnership.models import Board, BoardMembership, Person
from partnership.views.common import apply_action, form_page, system_for


def organisation_add(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    form = OrganisationForm(request.POST or None, system=system)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        org = apply_action(
            form,
            lambda: actions.organisation_add_to_system(
                by=request.user,
                system=system,
                ods_code=d["ods_code"],
                name=d["name"],
                sector=d["sector"],
                places=list(d["places"]),
                website=d["website"],
            ),
        )
        if org is not None:
            messages.success(request, f"{org.name} is now a partner of {system.name}.")
            return redirect("partnership:organisation", system.slug, org.ods_code)
    return form_page(
        request, system, form, "Add a partner organisation", submit="Add the organisation"
    )


def organisation_edit(request: HttpRequest, slug: str, ods_code: str) -> HttpResponse:
    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    org = queries.organisation_in_system(system, ods_code)
    if org is None:
        raise Http404("No such organisation in this system.")
    initial = {
        "ods_code": org.ods_code,
        "name": org.name,
        "sector": org.sector,
        "website": org.website,
        "places": list(org.places.all()),
    }
    form = OrganisationForm(request.POST or None, system=system, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = apply_action(
            form,
            lambda: actions.organisation_update(
                by=request.user,
                system=system,
                organisation=org,
                name=d["name"],
                sector=d["sector"],
                website=d["website"],
                places=list(d["places"]),
            ),
        )
        if done is not None:
            messages.success(request, f"{org.name} has been updated.")
            return redirect("partnership:organisation", system.slug, org.ods_code)
    return form_page(request, system, form, f"Change {org.name}", submit="Save changes")


def person_add(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    form = PersonForm(request.POST or None, system=system)
    if request.method == "POST" and form.is_valid():
        person = apply_action(
            form, lambda: actions.person_create(by=request.user, system=system, **form.cleaned_data)
        )
        if person is not None:
            messages.success(request, f"{person.full_name} has been added.")
            return redirect("partnership:person", system.slug, person.pk)
    return form_page(request, system, form, "Add a person", submit="Add the person")


def person_edit(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    person = get_object_or_404(Person, pk=person_id, system=system)
    initial = {f: getattr(person, f) for f in PersonForm.base_fields}
    form = PersonForm(request.POST or None, system=system, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = apply_action(
            form, lambda: actions.person_update(by=request.user, person=person, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, f"{person.full_name}'s details have been saved.")
            return redirect("partnership:person", system.slug, person.pk)
    return form_page(
        request, system, form, f"Change {person.full_name}'s details", submit="Save changes"
    )


def board_add(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    form = BoardForm(request.POST or None, system=system)
    if request.method == "POST" and form.is_valid():
        board = apply_action(
            form, lambda: actions.board_create(by=request.user, system=system, **form.cleaned_data)
        )
        if board is not None:
            messages.success(request, f"{board.name} has been created. Now add its members.")
            return redirect("partnership:board", system.slug, board.slug)
    return form_page(request, system, form, "Add a board or forum", submit="Create the board")


def board_edit(request: HttpRequest, slug: str, board_slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    board = get_object_or_404(Board, system=system, slug=board_slug)
    initial = {f: getattr(board, f) for f in BoardForm.base_fields}
    form = BoardForm(request.POST or None, system=system, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = apply_action(
            form, lambda: actions.board_update(by=request.user, board=board, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, f"{board.name} has been updated.")
            return redirect("partnership:board", system.slug, board.slug)
    return form_page(request, system, form, f"Change {board.name}", submit="Save changes")


def board_member_add(request: HttpRequest, slug: str, board_slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    board = get_object_or_404(Board, system=system, slug=board_slug)
    form = BoardMemberForm(request.POST or None, system=system)
    if request.method == "POST" and form.is_valid():
        seat = apply_action(
            form,
            lambda: actions.board_member_add(by=request.user, board=board, **form.cleaned_data),
        )
        if seat is not None:
            messages.success(request, f"{seat.person.full_name} now sits on {board.name}.")
            return redirect("partnership:board", system.slug, board.slug)
    return form_page(
        request, system, form, f"Add a member to {board.name}", submit="Add the member"
    )


def board_member_end(
    request: HttpRequest, slug: str, board_slug: str, seat_id: int
) -> HttpResponse:
    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    seat = get_object_or_404(
        BoardMembership.objects.select_related("person", "board"),
        pk=seat_id,
        board__slug=board_slug,
        board__system=system,
    )
    form = EndSeatForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = apply_action(
            form,
            lambda: actions.board_member_end(
                by=request.user, seat=seat, end_date=form.cleaned_data["end_date"]
            ),
        )
        if done is not None:
            messages.success(request, f"{seat.person.full_name}'s seat on {seat.board.name} ends.")
            return redirect("partnership:board", system.slug, seat.board.slug)
    return form_page(
        request,
        system,
        form,
        f"End {seat.person.full_name}'s seat on {seat.board.name}",
        submit="End the seat",
    )


def place_add(request: HttpRequest, slug: str) -> HttpResponse:
    from partnership.forms import PlaceForm

    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    form = PlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        place = apply_action(
            form, lambda: actions.place_create(by=request.user, system=system, **form.cleaned_data)
        )
        if place is not None:
            messages.success(request, f"{place.name} is now a place of {system.name}.")
            return redirect("partnership:system", system.slug)
    return form_page(request, system, form, "Add a place", submit="Add the place")


def neighbourhood_add(request: HttpRequest, slug: str) -> HttpResponse:
    from partnership.forms import NeighbourhoodForm

    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    form = NeighbourhoodForm(request.POST or None, system=system)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        hood = apply_action(
            form,
            lambda: actions.neighbourhood_create(
                by=request.user, place=d["place"], code=d["code"], name=d["name"]
            ),
        )
        if hood is not None:
            messages.success(request, f"{hood.name} has been added to {hood.place.name}.")
            return redirect("partnership:system", system.slug)
    return form_page(request, system, form, "Add a neighbourhood", submit="Add the neighbourhood")


def role_assign(request: HttpRequest, slug: str, role_slug: str) -> HttpResponse:
    from partnership.forms import RoleAssignmentForm
    from partnership.models import RoleProfile

    system = system_for(request, slug, Permission.EDIT_REGISTRY)
    role = get_object_or_404(RoleProfile, slug=role_slug)
    form = RoleAssignmentForm(request.POST or None, system=system)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = apply_action(
            form,
            lambda: actions.role_assign(
                by=request.user,
                system=system,
                role=role,
                person=d["person"],
                start_date=d["start_date"],
            ),
        )
        if done is not None:
            messages.success(request, f"{d['person'].full_name} now holds the role {role.title}.")
            return redirect("partnership:role", system.slug, role.slug)
    return form_page(
        request, system, form, f"Assign the role {role.title}", submit="Assign the role"
    )
