"""Looking up the system in the URL (one place where membership is checked), and the
form page that every edit view renders."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from authorization import Permission, has_permission
from partnership.models import System


def system_for(
    request: HttpRequest, slug: str, permission: Permission = Permission.VIEW_SYSTEM
) -> System:
    """The system named in the URL, if the user may do ``permission`` there; else 404.

    A system the user does not belong to answers 404, never 403, so its existence is not
    revealed. The system is set on the request for the navigation.
    """
    system = get_object_or_404(System, slug=slug)
    if not has_permission(request.user, permission, system=system):
        raise Http404("No such system.")
    request.system = system  # type: ignore[attr-defined]
    return system


def can(request: HttpRequest, permission: Permission, system: System) -> bool:
    return has_permission(request.user, permission, system=system)


def perms_context(request: HttpRequest, system: System) -> dict[str, Any]:
    """Flags for templates, so they never test roles themselves."""
    return {
        "can_edit": can(request, Permission.EDIT_REGISTRY, system),
        "can_export": can(request, Permission.EXPORT_SYSTEM, system),
        "can_import": can(request, Permission.IMPORT_SYSTEM, system),
        "can_run_assessments": can(request, Permission.RUN_ASSESSMENTS, system),
        "can_manage_members": can(request, Permission.MANAGE_MEMBERS, system),
        "can_view_audit": can(request, Permission.VIEW_AUDIT, system),
    }


def form_page(
    request: HttpRequest, system: Any, form: Any, title: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "partnership/form.html",
        {"system": system, "form": form, "title": title, **extra},
        status=400 if form.is_bound and form.errors else 200,
    )


def apply_action(form: Any, action: Any) -> Any:
    """Run the action; invariant failures become form errors. Returns None on failure."""
    try:
        return action()
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None
