"""Looking up the system in the URL: one place where membership is checked."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

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
