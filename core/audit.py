"""Writing audit events. Called by actions only, inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from core.models import AuditEvent


def record(
    *,
    by: Any,
    verb: str,
    obj: models.Model | None = None,
    system: Any = None,
    changes: dict[str, Any] | None = None,
    object_type: str | None = None,
    object_repr: str | None = None,
) -> AuditEvent:
    actor = by if getattr(by, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=actor,
        system=system,
        verb=verb,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(object_repr if object_repr is not None else str(obj or ""))[:300],
        changes=_jsonable(changes or {}),
    )


def diff(instance: models.Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose values change, as {field: [old, new]}."""
    changed: dict[str, list[Any]] = {}
    for name, new in values.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [old, new]
    return changed


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
