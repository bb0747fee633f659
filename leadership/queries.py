"""Reads of leadership data that cross relations."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet

from leadership.models import (
    Feedback360,
    Framework,
    FrameworkVersion,
    RaterGroup,
    RaterInvitation,
    SelfAssessment,
)
from partnership.models import Person


def frameworks_for(system: Any) -> QuerySet[Framework]:
    return (
        Framework.objects.filter(Q(system__isnull=True) | Q(system=system))
        .prefetch_related("versions")
        .order_by("title")
    )


def latest_version(framework: Framework) -> FrameworkVersion | None:
    versions = sorted(framework.versions.all(), key=lambda v: (v.created_at, v.pk))
    return versions[-1] if versions else None


def person_of(user: Any, system: Any) -> Person | None:
    """The directory entry of a signed-in user in a system, if linked."""
    return Person.objects.filter(user=user, system=system).select_related("organisation").first()


def self_assessments_of(person: Person) -> QuerySet[SelfAssessment]:
    return SelfAssessment.objects.filter(person=person).select_related(
        "framework_version", "framework_version__framework"
    )


def feedback_for_system(system: Any) -> QuerySet[Feedback360]:
    return (
        Feedback360.objects.filter(system=system)
        .select_related("leader", "framework_version__framework")
        .annotate(
            invited=Count("invitations", distinct=True),
            answered=Count("invitations", filter=Q(invitations__responded=True), distinct=True),
        )
    )


def response_counts(feedback: Feedback360) -> list[dict[str, Any]]:
    """Invited and answered per group: all the leader may see while a 360 runs."""
    invited = Counter(
        RaterInvitation.objects.filter(feedback=feedback).values_list("group", flat=True)
    )
    answered = Counter(
        RaterInvitation.objects.filter(feedback=feedback, responded=True).values_list(
            "group", flat=True
        )
    )
    return [
        {
            "group": g.value,
            "label": g.label,
            "invited": invited[g.value],
            "answered": answered[g.value],
        }
        for g in RaterGroup
        if invited[g.value]
    ]


def invitation_by_token(model: Any, token: str) -> Any:
    from core.tokens import token_hash

    if not token or len(token) > 100:
        return None
    return model.objects.filter(token_hash=token_hash(token)).first()
