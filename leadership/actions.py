"""Every write of leadership assessment. Keyword-only, one transaction, audited; e-mails
are sent only after the transaction commits."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from analytics.geography import SECTOR_GROUP_OF
from core import audit
from core.tokens import new_token
from leadership.models import (
    BoardDiagnostic,
    DiagnosticInvitation,
    DiagnosticResponse,
    Feedback360,
    FeedbackState,
    Framework,
    FrameworkVersion,
    FrontlineReflection,
    RaterGroup,
    RaterInvitation,
    RaterResponse,
    ReflectionInvitation,
    ReflectionResponse,
    ReportShare,
    SelfAssessment,
)

MIN_GROUP = 3  # the anonymity threshold raters are told about


# ---------------------------------------------------------------- frameworks


def _checksum(spec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def framework_install(*, by: Any, spec: dict[str, Any], system: Any = None) -> FrameworkVersion:
    """Install a framework version from its loaded spec (idempotent).

    The same version with the same content changes nothing. The same version with new
    content replaces it only while no assessment has used it; once frozen, a change needs
    a new version number.
    """
    framework, _ = Framework.objects.get_or_create(
        slug=spec["slug"],
        system=system,
        defaults={"title": spec["title"], "kind": spec["kind"]},
    )
    framework.title, framework.kind = spec["title"], spec["kind"]
    framework.save(update_fields=["title", "kind", "updated_at"])
    checksum = _checksum(spec)
    version = FrameworkVersion.objects.filter(framework=framework, version=spec["version"]).first()
    if version is None:
        version = FrameworkVersion.objects.create(
            framework=framework, version=spec["version"], spec=spec, checksum=checksum
        )
        audit.record(by=by, verb="framework installed", obj=version, system=system)
    elif version.checksum != checksum:
        if version.frozen_at is not None:
            raise ValidationError(
                f"{framework.title} version {version.version} is in use and frozen; "
                "give the changed content a new version number."
            )
        version.spec, version.checksum = spec, checksum
        version.save(update_fields=["spec", "checksum"])
        audit.record(by=by, verb="framework updated", obj=version, system=system)
    return version


def _freeze(version: FrameworkVersion) -> None:
    if version.frozen_at is None:
        FrameworkVersion.objects.filter(pk=version.pk, frozen_at__isnull=True).update(
            frozen_at=timezone.now()
        )
        version.frozen_at = timezone.now()


def _clean_ratings(version: FrameworkVersion, answers: dict[str, Any]) -> dict[str, int | None]:
    """Keep only this framework's items; ratings 1-5 or None for "not observed"."""
    valid = set(version.item_slugs())
    cleaned: dict[str, int | None] = {}
    for slug, value in answers.items():
        if slug not in valid:
            raise ValidationError(f"Unknown statement {slug!r} for this framework.")
        if value in (None, "", "na"):
            cleaned[slug] = None
            continue
        try:
            rating = int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                f"Ratings are whole numbers from 1 to 5, not {value!r}."
            ) from None
        if not 1 <= rating <= 5:
            raise ValidationError(f"Ratings are from 1 to 5, not {rating}.")
        cleaned[slug] = rating
    return cleaned


def _clean_comments(comments: dict[str, str]) -> dict[str, str]:
    return {k: v.strip()[:2000] for k, v in comments.items() if v and v.strip()}


def _mark_answered(invitation: Any) -> None:
    """The invitation only learns that it was answered; the answers live elsewhere,
    unlinked. Any draft is wiped in the same transaction."""
    invitation.responded = True
    invitation.draft = {}
    invitation.save(update_fields=["responded", "draft"])


def _clean_importance(
    version: FrameworkVersion, importance: dict[str, Any]
) -> dict[str, int | None]:
    sections = {s["slug"] for s in version.sections}
    cleaned: dict[str, int | None] = {}
    for slug, value in (importance or {}).items():
        if slug not in sections:
            raise ValidationError(f"Unknown capability {slug!r} for this framework.")
        if value in (None, ""):
            cleaned[slug] = None
            continue
        rating = int(value)
        if not 1 <= rating <= 5:
            raise ValidationError("Importance is rated from 1 to 5.")
        cleaned[slug] = rating
    return cleaned


# ---------------------------------------------------------------- self-assessment


@transaction.atomic
def self_assessment_save(
    *,
    by: Any,
    person: Any,
    version: FrameworkVersion,
    answers: dict[str, Any],
    notes: str = "",
    submit: bool = False,
    assessment: SelfAssessment | None = None,
) -> SelfAssessment:
    """Save a draft (or submit) a self-assessment. Submitted ones are kept as history."""
    cleaned = _clean_ratings(version, answers)
    if assessment is None:
        assessment = SelfAssessment(person=person, framework_version=version, created_by=by)
    elif assessment.submitted_at is not None:
        raise ValidationError("This self-assessment is already submitted; start a new one.")
    assessment.answers, assessment.notes, assessment.updated_by = cleaned, notes, by
    if submit:
        missing = [s for s in version.item_slugs() if s not in cleaned]
        if missing:
            raise ValidationError(
                f"Answer every statement before submitting ({len(missing)} left)."
            )
        assessment.submitted_at = timezone.now()
        _freeze(version)
    assessment.save()
    if submit:
        audit.record(
            by=by,
            verb="self-assessment submitted",
            obj=assessment,
            system=person.system,
            object_repr=f"{person} on {version}",
        )
    return assessment


# ---------------------------------------------------------------- 360 feedback


@dataclass(frozen=True)
class Nomination:
    email: str
    group: str
    name: str = ""
    organisation: Any = None
    show_apart: bool = False


def group_warnings(counts: dict[str, int]) -> list[str]:
    """Plain warnings for groups that will be folded into "other raters"."""
    warnings = []
    for group in RaterGroup:
        n = counts.get(group.value, 0)
        if group == RaterGroup.LINE_MANAGER or n == 0:
            continue
        if n < MIN_GROUP:
            warnings.append(
                f"{group.label}: {n} nominated. Groups with fewer than {MIN_GROUP} answers are "
                "not shown on their own; their answers are folded into 'other raters'."
            )
    return warnings


@transaction.atomic
def feedback_open(
    *,
    by: Any,
    system: Any,
    leader: Any,
    version: FrameworkVersion,
    closes_on: date,
    ask_importance: bool = True,
) -> Feedback360:
    if leader.system_id != system.pk:
        raise ValidationError("The leader must be in this system.")
    if closes_on <= timezone.localdate():
        raise ValidationError("The closing date must be in the future.")
    if version.framework.kind != "capabilities":
        raise ValidationError("360 feedback uses a framework of capabilities or domains.")
    _freeze(version)
    feedback = Feedback360.objects.create(
        system=system,
        leader=leader,
        framework_version=version,
        closes_on=closes_on,
        ask_importance=ask_importance,
        created_by=by,
    )
    audit.record(by=by, verb="360 opened", obj=feedback, system=system)
    return feedback


def _rater_link(token: str, kind: str) -> str:
    return f"{settings.SITE_URL}/r/{kind}/{token}/"


def _send_after_commit(subject: str, template: str, to: str, context: dict[str, Any]) -> None:
    """E-mail only once the transaction has committed, so nothing is sent for a change
    that rolled back."""
    transaction.on_commit(lambda: _send(subject, template, to, context))


def _send(subject: str, template: str, to: str, context: dict[str, Any]) -> None:
    body = render_to_string(template, context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@transaction.atomic
def raters_nominate(
    *, by: Any, feedback: Feedback360, nominations: list[Nomination]
) -> list[RaterInvitation]:
    """Invite raters; each gets a private single-use link by e-mail."""
    if feedback.state != FeedbackState.OPEN:
        raise ValidationError("This 360 is closed.")
    problems = []
    existing = set(feedback.invitations.values_list("email", flat=True))
    seen: set[str] = set()
    for i, n in enumerate(nominations, start=1):
        email = n.email.strip().lower()
        if n.group not in RaterGroup.values:
            problems.append(f"Rater {i}: unknown group {n.group!r}.")
        if email in existing or email in seen:
            problems.append(f"Rater {i}: {email} is already invited.")
        if email == (feedback.leader.email or "").lower():
            problems.append(f"Rater {i}: the leader rates themself in their own form.")
        if n.group == RaterGroup.PARTNER and n.organisation is None:
            problems.append(f"Rater {i}: give the partner's organisation, so its sector is known.")
        if n.show_apart and n.group != RaterGroup.LINE_MANAGER:
            problems.append(f"Rater {i}: only a line manager can be shown apart.")
        seen.add(email)
    if (
        feedback.invitations.filter(group=RaterGroup.LINE_MANAGER).count()
        + sum(1 for n in nominations if n.group == RaterGroup.LINE_MANAGER)
        > 1
    ):
        problems.append("Name one line manager at most.")
    if problems:
        raise ValidationError(problems)
    created = []
    for n in nominations:
        token, hashed = new_token()
        invitation = RaterInvitation.objects.create(
            feedback=feedback,
            name=n.name,
            email=n.email.strip().lower(),
            group=n.group,
            organisation=n.organisation,
            sector_group=SECTOR_GROUP_OF.get(n.organisation.sector, "") if n.organisation else "",
            show_apart=n.show_apart,
            token_hash=hashed,
            sent_at=timezone.now(),
        )
        created.append(invitation)
        context = {
            "feedback": feedback,
            "invitation": invitation,
            "link": _rater_link(token, "360"),
            "min_group": MIN_GROUP,
        }
        _send_after_commit(
            f"Feedback for {feedback.leader.full_name}",
            "leadership/email/rater_invite.txt",
            invitation.email,
            context,
        )
    audit.record(
        by=by,
        verb="raters invited",
        obj=feedback,
        system=feedback.system,
        changes={"count": len(created)},
    )
    return created


@transaction.atomic
def feedback_self_save(
    *,
    by: Any,
    feedback: Feedback360,
    answers: dict[str, Any],
    importance: dict[str, Any],
    submit: bool = False,
) -> Feedback360:
    feedback = Feedback360.objects.select_for_update().get(pk=feedback.pk)
    if feedback.state != FeedbackState.OPEN:
        raise ValidationError("This 360 is closed.")
    feedback.self_answers = _clean_ratings(feedback.framework_version, answers)
    feedback.self_importance = _clean_importance(feedback.framework_version, importance)
    if submit:
        feedback.self_submitted_at = timezone.now()
    feedback.save(
        update_fields=["self_answers", "self_importance", "self_submitted_at", "updated_at"]
    )
    return feedback


def _open_invitation(invitation: RaterInvitation) -> RaterInvitation:
    locked = (
        RaterInvitation.objects.select_for_update().select_related("feedback").get(pk=invitation.pk)
    )
    if (
        locked.feedback.state != FeedbackState.OPEN
        or locked.feedback.closes_on < timezone.localdate()
    ):
        raise ValidationError("This feedback has closed. Thank you for your time.")
    return locked


@transaction.atomic
def rater_save_draft(
    *,
    invitation: RaterInvitation,
    answers: dict[str, Any],
    importance: dict[str, Any],
    comments: dict[str, str],
) -> RaterInvitation:
    invitation = _open_invitation(invitation)
    if invitation.responded:
        raise ValidationError("You have already sent your feedback. Thank you.")
    version = invitation.feedback.framework_version
    invitation.draft = {
        "answers": _clean_ratings(version, answers),
        "importance": _clean_importance(version, importance),
        "comments": _clean_comments(comments),
    }
    invitation.save(update_fields=["draft"])
    return invitation


@transaction.atomic
def rater_submit(
    *,
    invitation: RaterInvitation,
    answers: dict[str, Any],
    importance: dict[str, Any],
    comments: dict[str, str],
) -> bool:
    """Store one anonymous response. Returns False if this link had already answered
    (a double submit stores nothing more)."""
    invitation = _open_invitation(invitation)
    if invitation.responded:
        return False
    version = invitation.feedback.framework_version
    RaterResponse.objects.create(
        feedback=invitation.feedback,
        group=invitation.group,
        sector_group=invitation.sector_group,
        shown_apart=invitation.show_apart,
        answers=_clean_ratings(version, answers),
        importance=_clean_importance(version, importance),
        comments=_clean_comments(comments),
    )
    _mark_answered(invitation)
    return True


@transaction.atomic
def feedback_send_reminders(*, by: Any, feedback: Feedback360) -> int:
    """Remind every rater who has not answered. Their tokens are re-issued, since only
    hashes are kept; the old link stops working."""
    if feedback.state != FeedbackState.OPEN:
        raise ValidationError("This 360 is closed.")
    pending = list(
        RaterInvitation.objects.select_for_update().filter(feedback=feedback, responded=False)
    )
    now = timezone.now()
    for invitation in pending:
        token, hashed = new_token()
        invitation.token_hash = hashed
        invitation.reminders_sent += 1
        invitation.last_reminded_at = now
        invitation.save(update_fields=["token_hash", "reminders_sent", "last_reminded_at"])
        context = {
            "feedback": feedback,
            "invitation": invitation,
            "link": _rater_link(token, "360"),
            "min_group": MIN_GROUP,
            "reminder": True,
        }
        _send_after_commit(
            f"Reminder: feedback for {feedback.leader.full_name}",
            "leadership/email/rater_invite.txt",
            invitation.email,
            context,
        )
    audit.record(
        by=by,
        verb="reminders sent",
        obj=feedback,
        system=feedback.system,
        changes={"count": len(pending)},
    )
    return len(pending)


@transaction.atomic
def feedback_close(*, by: Any, feedback: Feedback360) -> Feedback360:
    feedback = Feedback360.objects.select_for_update().get(pk=feedback.pk)
    if feedback.state == FeedbackState.CLOSED:
        return feedback
    feedback.state = FeedbackState.CLOSED
    feedback.closed_at = timezone.now()
    feedback.save(update_fields=["state", "closed_at", "updated_at"])
    # Unfinished drafts are personal data with no further use.
    RaterInvitation.objects.filter(feedback=feedback).update(draft={})
    audit.record(by=by, verb="360 closed", obj=feedback, system=feedback.system)
    return feedback


@transaction.atomic
def report_share(*, by: Any, feedback: Feedback360, user: Any, role: str = "coach") -> ReportShare:
    if role not in ("coach", "line_manager"):
        raise ValidationError("Share with a coach or a line manager.")
    if feedback.shares.filter(user=user, withdrawn_at__isnull=True).exists():
        raise ValidationError(f"The report is already shared with {user}.")
    share = ReportShare.objects.create(feedback=feedback, user=user, role=role)
    audit.record(
        by=by,
        verb="report shared",
        obj=feedback,
        system=feedback.system,
        changes={"with": str(user), "role": role},
    )
    return share


@transaction.atomic
def report_share_withdraw(*, by: Any, share: ReportShare) -> ReportShare:
    share.withdrawn_at = timezone.now()
    share.save(update_fields=["withdrawn_at"])
    audit.record(
        by=by,
        verb="report share withdrawn",
        obj=share.feedback,
        system=share.feedback.system,
        changes={"with": str(share.user)},
    )
    return share


def close_due_feedback(*, today: date | None = None) -> int:
    """Close every open 360 whose closing date has passed (run on a schedule)."""
    today = today or timezone.localdate()
    due = Feedback360.objects.filter(state=FeedbackState.OPEN, closes_on__lt=today)
    count = 0
    for feedback in due:
        feedback_close(by=None, feedback=feedback)
        count += 1
    return count


# ---------------------------------------------------------------- board diagnostic


@transaction.atomic
def diagnostic_open(
    *,
    by: Any,
    board: Any,
    enablers: FrameworkVersion,
    shifts: FrameworkVersion,
    closes_on: date,
    members: list[Any],
) -> BoardDiagnostic:
    if closes_on <= timezone.localdate():
        raise ValidationError("The closing date must be in the future.")
    if not members:
        raise ValidationError("The board has no current members to ask.")
    _freeze(enablers)
    _freeze(shifts)
    diagnostic = BoardDiagnostic.objects.create(
        board=board,
        enablers_version=enablers,
        shifts_version=shifts,
        closes_on=closes_on,
        created_by=by,
    )
    for person in members:
        token, hashed = new_token()
        org = person.organisation
        DiagnosticInvitation.objects.create(
            diagnostic=diagnostic,
            person=person,
            token_hash=hashed,
            sector_group=SECTOR_GROUP_OF.get(org.sector, "") if org else "",
        )
        if person.email:
            context = {
                "diagnostic": diagnostic,
                "person": person,
                "link": _rater_link(token, "board"),
                "min_group": MIN_GROUP,
            }
            _send_after_commit(
                f"How is {board.name} working? A short diagnostic",
                "leadership/email/diagnostic_invite.txt",
                person.email,
                context,
            )
    audit.record(
        by=by,
        verb="diagnostic opened",
        obj=board,
        system=board.system,
        changes={"members asked": len(members)},
    )
    return diagnostic


def _clean_shifts(version: FrameworkVersion, values: dict[str, Any]) -> dict[str, int | None]:
    return _clean_ratings(version, values)


@transaction.atomic
def diagnostic_submit(
    *,
    invitation: DiagnosticInvitation,
    answers: dict[str, Any],
    today: dict[str, Any],
    wanted: dict[str, Any],
    comments: dict[str, str],
) -> bool:
    invitation = (
        DiagnosticInvitation.objects.select_for_update()
        .select_related("diagnostic")
        .get(pk=invitation.pk)
    )
    diagnostic = invitation.diagnostic
    if diagnostic.state != FeedbackState.OPEN or diagnostic.closes_on < timezone.localdate():
        raise ValidationError("This diagnostic has closed. Thank you for your time.")
    if invitation.responded:
        return False
    DiagnosticResponse.objects.create(
        diagnostic=diagnostic,
        sector_group=invitation.sector_group,
        answers=_clean_ratings(diagnostic.enablers_version, answers),
        shifts_today=_clean_shifts(diagnostic.shifts_version, today),
        shifts_wanted=_clean_shifts(diagnostic.shifts_version, wanted),
        comments=_clean_comments(comments),
    )
    _mark_answered(invitation)
    return True


@transaction.atomic
def diagnostic_close(*, by: Any, diagnostic: BoardDiagnostic) -> BoardDiagnostic:
    if diagnostic.state == FeedbackState.CLOSED:
        return diagnostic
    diagnostic.state = FeedbackState.CLOSED
    diagnostic.closed_at = timezone.now()
    diagnostic.save(update_fields=["state", "closed_at", "updated_at"])
    audit.record(
        by=by, verb="diagnostic closed", obj=diagnostic.board, system=diagnostic.board.system
    )
    return diagnostic


# ---------------------------------------------------------------- frontline reflection


@transaction.atomic
def reflection_open(
    *,
    by: Any,
    system: Any,
    team_name: str,
    version: FrameworkVersion,
    closes_on: date,
    emails: list[str],
) -> FrontlineReflection:
    clean = sorted({e.strip().lower() for e in emails if e.strip()})
    if len(clean) < MIN_GROUP:
        raise ValidationError(
            f"Ask at least {MIN_GROUP} people: answers are only summarised "
            f"from {MIN_GROUP} or more."
        )
    if closes_on <= timezone.localdate():
        raise ValidationError("The closing date must be in the future.")
    _freeze(version)
    reflection = FrontlineReflection.objects.create(
        system=system,
        team_lead=by,
        team_name=team_name,
        framework_version=version,
        closes_on=closes_on,
        created_by=by,
    )
    for email in clean:
        token, hashed = new_token()
        ReflectionInvitation.objects.create(reflection=reflection, email=email, token_hash=hashed)
        context = {
            "reflection": reflection,
            "link": _rater_link(token, "team"),
            "min_group": MIN_GROUP,
        }
        _send_after_commit(
            f"{team_name}: five questions about how we work",
            "leadership/email/reflection_invite.txt",
            email,
            context,
        )
    audit.record(
        by=by,
        verb="reflection opened",
        obj=reflection,
        system=system,
        changes={"asked": len(clean)},
    )
    return reflection


@transaction.atomic
def reflection_submit(
    *, invitation: ReflectionInvitation, answers: dict[str, Any], comments: dict[str, str]
) -> bool:
    invitation = (
        ReflectionInvitation.objects.select_for_update()
        .select_related("reflection")
        .get(pk=invitation.pk)
    )
    reflection = invitation.reflection
    if reflection.state != FeedbackState.OPEN or reflection.closes_on < timezone.localdate():
        raise ValidationError("This reflection has closed. Thank you for your time.")
    if invitation.responded:
        return False
    ReflectionResponse.objects.create(
        reflection=reflection,
        answers=_clean_ratings(reflection.framework_version, answers),
        comments=_clean_comments(comments),
    )
    _mark_answered(invitation)
    return True
