"""Who belongs to a system (for its admins) and the audit trail of what changed."""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts import actions
from accounts.forms import ConfirmForm, MemberAddForm, MemberRoleForm
from accounts.models import Membership, Role
from authorization import Permission
from core.exports import Column, export_response, requested_format
from core.models import AuditEvent
from partnership.views.common import apply_action, form_page, system_for

MEMBER_COLUMNS = [
    Column("Name", lambda m: m.user.full_name),
    Column("E-mail address", lambda m: m.user.email),
    Column("Role", lambda m: m.get_role_display()),
    Column("Member since", lambda m: timezone.localdate(m.created_at)),
    Column("Has signed in", lambda m: m.user.last_login is not None),
]


def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.MANAGE_MEMBERS)
    members = (
        Membership.objects.filter(system=system)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    title = f"Members of {system.name}"
    if fmt := requested_format(request):
        return export_response(members, MEMBER_COLUMNS, title=title, fmt=fmt)
    return render(
        request,
        "partnership/member_list.html",
        {
            "system": system,
            "members": members,
            "export_title": title,
            "admins": sum(1 for m in members if m.role == Role.ADMIN),
        },
    )


def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.MANAGE_MEMBERS)
    form = MemberAddForm(request.POST or None, initial={"role": Role.MEMBER})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = apply_action(
            form,
            lambda: actions.membership_grant(
                by=request.user,
                system=system,
                email=d["email"],
                full_name=d["full_name"],
                role=d["role"],
            ),
        )
        if done is not None:
            membership, created = done
            messages.success(
                request,
                f"{membership.user} now belongs to {system.name}, with the role "
                f"{membership.get_role_display()}. "
                + (
                    "They have been e-mailed a link to choose a password."
                    if created
                    else "They have been told by e-mail."
                ),
            )
            return redirect("partnership:members", system.slug)
    return form_page(
        request,
        system,
        form,
        "Add a member",
        submit="Add the member",
        crumbs=[_crumb(system)],
    )


def _membership(system, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "system"), pk=membership_id, system=system
    )


def _crumb(system) -> dict[str, str]:
    return {"label": "Members", "url": reverse("partnership:members", args=[system.slug])}


def member_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    system = system_for(request, slug, Permission.MANAGE_MEMBERS)
    membership = _membership(system, membership_id)
    form = MemberRoleForm(request.POST or None, initial={"role": membership.role})
    if request.method == "POST" and form.is_valid():
        done = apply_action(
            form,
            lambda: actions.membership_change_role(
                by=request.user, membership=membership, role=form.cleaned_data["role"]
            ),
        )
        if done is not None:
            messages.success(
                request, f"{done.user}'s role in {system.name} is now {done.get_role_display()}."
            )
            return redirect("partnership:members", system.slug)
    return form_page(
        request,
        system,
        form,
        f"Change the role of {membership.user}",
        submit="Save the role",
        crumbs=[_crumb(system)],
    )


def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    system = system_for(request, slug, Permission.MANAGE_MEMBERS)
    membership = _membership(system, membership_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        removing_self = membership.user_id == request.user.pk
        done = apply_action(
            form,
            lambda: actions.membership_remove(by=request.user, membership=membership),
        )
        if done is not None:
            messages.success(request, f"{membership.user} no longer belongs to {system.name}.")
            if removing_self:
                return redirect("partnership:home")
            return redirect("partnership:members", system.slug)
    return form_page(
        request,
        system,
        form,
        f"Remove {membership.user} from {system.name}",
        submit="Remove the member",
        lede=(
            "They will no longer see anything of this system. Their account, their own "
            "leadership records and what they changed in the audit trail are kept."
        ),
        crumbs=[_crumb(system)],
    )


AUDIT_COLUMNS = [
    Column("When", lambda e: timezone.localtime(e.occurred_at).strftime("%Y-%m-%d %H:%M")),
    Column("Who", lambda e: str(e.actor) if e.actor else "Concordat"),
    Column("What", lambda e: e.verb),
    Column("Record", lambda e: e.object_repr),
    Column("Fields changed", lambda e: ", ".join(e.changed_fields)),
]


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.VIEW_AUDIT)
    events = AuditEvent.objects.filter(system=system).select_related("actor").order_by("-pk")
    errors = []
    start_text = request.GET.get("from", "").strip()[:10]
    end_text = request.GET.get("to", "").strip()[:10]
    start, end = _day(start_text), _day(end_text)
    if start_text and start is None:
        errors.append(("from", "Enter the first day as a date, for example 2026-04-01"))
    if end_text and end is None:
        errors.append(("to", "Enter the last day as a date, for example 2026-06-30"))
    zone = timezone.get_current_timezone()
    if start:
        events = events.filter(occurred_at__gte=datetime.combine(start, time.min, tzinfo=zone))
    if end:
        events = events.filter(occurred_at__lte=datetime.combine(end, time.max, tzinfo=zone))
    search = request.GET.get("q", "").strip()[:100]
    if search:
        events = events.filter(Q(object_repr__icontains=search) | Q(verb__icontains=search))
    title = f"Audit trail of {system.name}"
    if fmt := requested_format(request):
        return export_response(events, AUDIT_COLUMNS, title=title, fmt=fmt)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partnership/audit_log.html",
        {
            "system": system,
            "page": page,
            "search": search,
            "start": start_text,
            "end": end_text,
            "errors": errors,
            "query": query.urlencode(),
            "export_title": title,
        },
        status=400 if errors else 200,
    )
