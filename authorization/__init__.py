"""One permission check for the whole product: ``has_permission(user, Permission.X, system=...)``.

Views, APIs and templates ask this module; none of them tests role names.
"""

from authorization.policy import Permission, has_permission, permissions_for, visible_systems

__all__ = ["Permission", "has_permission", "permissions_for", "visible_systems"]
