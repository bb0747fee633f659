"""Leadership assessment: frameworks as versioned data, self-assessment, 360 feedback,
board diagnostics and frontline reflection.

Anonymity is a property of these tables, not only of the reports:
- a rater's submitted answers live in an anonymous ``*Response`` row with no foreign key
  to the invitation, no e-mail and no timestamp; the invitation only flips ``responded``;
- answers in progress are held on the invitation (so a rater can save and resume) and are
  moved into an anonymous response and wiped from the invitation in one transaction;
- invitation tokens are stored as SHA-256 hashes only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import TimeStampedModel


class Framework(TimeStampedModel):
    """A leadership framework. National ones come from leadership/frameworks/*.toml;
    a system's admins may add local ones (``system`` set)."""

    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)  # capabilities | bipolar | questions
    system = models.ForeignKey(
        "partnership.System",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="local_frameworks",
    )

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=Q(system__isnull=True), name="framework_slug_national"
            ),
            models.UniqueConstraint(
                fields=["system", "slug"],
                condition=Q(system__isnull=False),
                name="framework_slug_local",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def current_version(self) -> FrameworkVersion | None:
        return self.versions.order_by("-created_at", "-id").first()


class FrameworkVersion(models.Model):
    """One version of a framework's content, frozen once any assessment uses it."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(max_length=20)
    spec = models.JSONField(help_text="The framework's sections and items as loaded")
    checksum = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "version"], name="framework_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework.title} v{self.version}"

    @property
    def sections(self) -> list[dict]:
        return self.spec.get("sections", [])

    def item_slugs(self) -> list[str]:
        return [item["slug"] for section in self.sections for item in section.get("items", [])]


class SelfAssessment(TimeStampedModel):
    """A leader's ratings of themself on a framework. Drafts can be saved and resumed."""

    person = models.ForeignKey(
        "partnership.Person", on_delete=models.CASCADE, related_name="self_assessments"
    )
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="self_assessments"
    )
    answers = models.JSONField(default=dict)  # item slug -> 1..5 or null (not observed)
    notes = models.TextField(blank=True, help_text="The leader's own development notes")
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]


class FeedbackState(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class RaterGroup(models.TextChoices):
    LINE_MANAGER = "line_manager", "Line manager"
    PEER = "peer", "Peers in the same organisation"
    PARTNER = "partner", "Partners in other organisations"
    DIRECT_REPORT = "direct_report", "Direct reports"
    COMMUNITY = "community", "Community members and people who use services"


class Feedback360(TimeStampedModel):
    """A 360 feedback round for one leader on one framework."""

    system = models.ForeignKey("partnership.System", on_delete=models.CASCADE, related_name="+")
    leader = models.ForeignKey(
        "partnership.Person", on_delete=models.CASCADE, related_name="feedback_rounds"
    )
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="feedback_rounds"
    )
    closes_on = models.DateField()
    state = models.CharField(
        max_length=10, choices=FeedbackState.choices, default=FeedbackState.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    self_answers = models.JSONField(default=dict, blank=True)
    self_importance = models.JSONField(default=dict, blank=True)
    self_submitted_at = models.DateTimeField(null=True, blank=True)
    ask_importance = models.BooleanField(
        default=True, help_text="Raters also say how important each capability is in the role"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["open", "closed"]), name="feedback_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"360 for {self.leader} ({self.framework_version})"


class RaterInvitation(models.Model):
    """Who was asked. Never linked to a submitted response."""

    feedback = models.ForeignKey(Feedback360, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField()
    group = models.CharField(max_length=20, choices=RaterGroup.choices)
    organisation = models.ForeignKey(
        "partnership.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector_group = models.CharField(max_length=20, blank=True)
    show_apart = models.BooleanField(
        default=False,
        help_text="Line manager only: their answers are shown on their own, and they are told so",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    responded = models.BooleanField(default=False)
    draft = models.JSONField(default=dict, blank=True)  # answers in progress; wiped on submit

    class Meta:
        ordering = ["group", "email"]
        constraints = [
            models.UniqueConstraint(fields=["feedback", "email"], name="rater_once_per_360"),
            models.CheckConstraint(
                condition=Q(show_apart=False) | Q(group="line_manager"),
                name="only_line_manager_shown_apart",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation to give feedback ({self.get_group_display()})"


class RaterResponse(models.Model):
    """A submitted 360 response: anonymous by construction (no invitation, no e-mail, no
    time)."""

    feedback = models.ForeignKey(Feedback360, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=20, choices=RaterGroup.choices)
    sector_group = models.CharField(max_length=20, blank=True)
    shown_apart = models.BooleanField(default=False)
    answers = models.JSONField(default=dict)
    importance = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=dict, blank=True)  # question -> text

    def __str__(self) -> str:
        return "Anonymous 360 response"


class ReportShare(models.Model):
    """The leader lets a named coach or line manager read their 360 report."""

    feedback = models.ForeignKey(Feedback360, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, default="coach")  # coach | line_manager
    granted_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Report shared with {self.user}"


class BoardDiagnostic(TimeStampedModel):
    """All members of a board rate the partnership (enablers) and where it sits on the
    12 shifts, today and where it wants to be."""

    board = models.ForeignKey(
        "partnership.Board", on_delete=models.CASCADE, related_name="diagnostics"
    )
    enablers_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="+"
    )
    shifts_version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")
    closes_on = models.DateField()
    state = models.CharField(
        max_length=10, choices=FeedbackState.choices, default=FeedbackState.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class DiagnosticInvitation(models.Model):
    diagnostic = models.ForeignKey(
        BoardDiagnostic, on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey("partnership.Person", on_delete=models.CASCADE, related_name="+")
    sector_group = models.CharField(max_length=20, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    responded = models.BooleanField(default=False)
    draft = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["diagnostic", "person"], name="diagnostic_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return "Invitation to a board diagnostic"


class DiagnosticResponse(models.Model):
    """Anonymous: the sector group of the member, their answers, nothing else."""

    diagnostic = models.ForeignKey(
        BoardDiagnostic, on_delete=models.CASCADE, related_name="responses"
    )
    sector_group = models.CharField(max_length=20, blank=True)
    answers = models.JSONField(default=dict)  # enabler item -> 1..5 / null
    shifts_today = models.JSONField(default=dict)  # shift slug -> 1..5 (1 traditional, 5 system)
    shifts_wanted = models.JSONField(default=dict)
    comments = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return "Anonymous diagnostic response"


class FrontlineReflection(TimeStampedModel):
    """A team lead asks their team the five frontline principles' questions."""

    system = models.ForeignKey("partnership.System", on_delete=models.CASCADE, related_name="+")
    team_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    team_name = models.CharField(max_length=200)
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="+"
    )
    closes_on = models.DateField()
    state = models.CharField(
        max_length=10, choices=FeedbackState.choices, default=FeedbackState.OPEN
    )


class ReflectionInvitation(models.Model):
    reflection = models.ForeignKey(
        FrontlineReflection, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    responded = models.BooleanField(default=False)
    draft = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reflection", "email"], name="reflection_once_per_email"
            ),
        ]

    def __str__(self) -> str:
        return "Invitation to a frontline reflection"


class ReflectionResponse(models.Model):
    reflection = models.ForeignKey(
        FrontlineReflection, on_delete=models.CASCADE, related_name="responses"
    )
    answers = models.JSONField(default=dict)
    comments = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return "Anonymous reflection response"
