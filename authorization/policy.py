"""Roles and what they may do.

A user holds a role in each system they belong to (accounts.Membership). Permissions are
granted per system by role; academy staff also read every system's development data.
Superusers may do everything (they run the service, not a system).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import QuerySet


class Permission(StrEnum):
    VIEW_SYSTEM = "view_system"  # read the registry, boards, people
    EDIT_REGISTRY = "edit_registry"  # change places, organisations, people, boards, roles
    EXPORT_SYSTEM = "export_system"  # whole-system JSON export
    IMPORT_SYSTEM = "import_system"  # whole-system JSON import
    MANAGE_MEMBERS = "manage_members"  # add users to a system, set roles
    VIEW_AUDIT = "view_audit"
    LOAD_DATA = "load_data"  # load partner data, compute metrics
    RUN_ASSESSMENTS = "run_assessments"  # open board diagnostics, 360s for others
    VIEW_DEVELOPMENT_DATA = "view_development_data"  # offers, programmes, evaluation


_MEMBER = {Permission.VIEW_SYSTEM, Permission.VIEW_DEVELOPMENT_DATA}
_ANALYST = _MEMBER | {Permission.LOAD_DATA, Permission.EXPORT_SYSTEM}
_ADMIN = set(Permission)

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "member": frozenset(_MEMBER),
    "analyst": frozenset(_ANALYST),
    "admin": frozenset(_ADMIN),
}

ACADEMY_PERMISSIONS = frozenset({Permission.VIEW_DEVELOPMENT_DATA})


def _role_in(user: Any, system: Any) -> str | None:
    # Memberships are read once per request and cached on the user object.
    cache = getattr(user, "_concordat_roles", None)
    if cache is None:
        cache = dict(user.memberships.values_list("system_id", "role"))
        user._concordat_roles = cache
    return cache.get(system.pk if hasattr(system, "pk") else system)


def permissions_for(user: Any, system: Any) -> frozenset[Permission]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(Permission)
    granted: set[Permission] = set()
    role = _role_in(user, system)
    if role is not None:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    if getattr(user, "is_academy_staff", False):
        granted |= ACADEMY_PERMISSIONS
    return frozenset(granted)


def has_permission(user: Any, permission: Permission, *, system: Any) -> bool:
    """May ``user`` do ``permission`` in ``system``?"""
    return permission in permissions_for(user, system)


def visible_systems(user: Any) -> QuerySet[Any]:
    """The systems whose registry the user may read."""
    from partnership.models import System

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return System.objects.none()
    if user.is_superuser:
        return System.objects.all()
    return System.objects.filter(memberships__user=user).distinct()
