"""Shared base models and the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    """created_at/by and updated_at/by on every record a person changes."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """One change made through an action: who, what, when, and the fields changed.

    Written in the same transaction as the change, so the trail and the data never
    disagree. Holds no personal field values beyond the changed record's display name.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    system = models.ForeignKey(
        "partnership.System",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit_events",
    )
    verb = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["system", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.object_type} {self.object_repr}"

    @property
    def changed_fields(self) -> list[str]:
        """The names of the fields the change touched (never their values)."""
        return sorted(self.changes) if isinstance(self.changes, dict) else []
