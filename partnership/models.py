"""The partnership registry: systems, places, neighbourhoods, organisations, people, system
roles and boards.

Personal fields: Person.gender and Person.ethnicity are optional and self-described; they
are shown only in aggregate, and only where every shown group has at least 5 people
(partnership.balance). Nothing else personal is held beyond names and work roles.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from analytics.geography import SECTOR_GROUP_OF, SECTOR_GROUPS, SECTORS
from core.models import TimeStampedModel

Sector = models.TextChoices("Sector", [(k.upper(), (k, v)) for k, v in SECTORS.items()])
SectorGroup = models.TextChoices(
    "SectorGroup", [(k.upper(), (k, v)) for k, v in SECTOR_GROUPS.items()]
)


class Level(models.TextChoices):
    SYSTEM = "system", "System"
    PLACE = "place", "Place"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"


class Profession(models.TextChoices):
    DOCTOR = "doctor", "Doctor (hospital or specialist)"
    GP = "gp", "GP"
    NURSE = "nurse", "Nurse or midwife"
    AHP = "ahp", "Allied health professional"
    PHARMACIST = "pharmacist", "Pharmacist"
    SOCIAL_WORKER = "social_worker", "Social worker"
    MANAGER = "manager", "Manager"
    FINANCE = "finance", "Finance"
    PUBLIC_HEALTH = "public_health", "Public health"
    ELECTED_MEMBER = "elected_member", "Elected member"
    LAY_MEMBER = "lay_member", "Lay member"
    VCSE = "vcse", "VCSE"
    OTHER = "other", "Other"


CLINICAL_PROFESSIONS = (
    Profession.DOCTOR,
    Profession.GP,
    Profession.NURSE,
    Profession.AHP,
    Profession.PHARMACIST,
    Profession.SOCIAL_WORKER,
)


class System(TimeStampedModel):
    """An integrated care system: the unit every permission hangs off."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    code = models.CharField(max_length=10, unique=True, help_text="ODS code of the ICB")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Place(TimeStampedModel):
    """A place: usually a local authority area, with its ONS code."""

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="places")
    ons_code = models.CharField("ONS code", max_length=9)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["system", "ons_code"], name="place_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(TimeStampedModel):
    """A neighbourhood of about 30,000 to 50,000 people (primary care network sized)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="neighbourhoods")
    code = models.CharField(max_length=12)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "code"], name="neighbourhood_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    """A partner organisation. One organisation may be a partner of several systems."""

    ods_code = models.CharField("ODS code", max_length=10, unique=True)
    name = models.CharField(max_length=200)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    website = models.URLField(blank=True)
    systems = models.ManyToManyField(System, through="Partnership", related_name="organisations")
    places = models.ManyToManyField(Place, blank=True, related_name="organisations")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sector__in=list(SECTORS)), name="organisation_sector_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sector_group(self) -> str:
        return SECTOR_GROUP_OF[self.sector]

    def get_sector_group_display(self) -> str:
        return SECTOR_GROUPS[self.sector_group]


class Partnership(TimeStampedModel):
    """An organisation's membership of a system."""

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnerships"
    )
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["system", "organisation"], name="partnership_unique"),
        ]


class Person(TimeStampedModel):
    """Someone who leads, sits on a board or holds a system role in a system."""

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.RESTRICT, related_name="people"
    )
    profession = models.CharField(max_length=30, choices=Profession.choices)
    # Self-described, optional, only ever shown in aggregate (groups of 5 or more).
    gender = models.CharField(max_length=60, blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    user = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=Q(profession__in=[p.value for p in Profession]),
                name="person_profession_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_clinical(self) -> bool:
        return self.profession in CLINICAL_PROFESSIONS


class RoleProfile(TimeStampedModel):
    """A system leadership role from the catalogue, with its profile."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    responsibilities = models.JSONField(default=list)
    objectives = models.JSONField(default=list)
    skills = models.JSONField(default=list, help_text="Skills and characteristics")
    protected_days = models.DecimalField(
        max_digits=3, decimal_places=1, help_text="Days a week protected for system work"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(protected_days__gte=0) & Q(protected_days__lte=5),
                name="role_protected_days_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RoleAssignment(TimeStampedModel):
    """A person holding a system role in a system."""

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.ForeignKey(RoleProfile, on_delete=models.PROTECT, related_name="assignments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["role__order", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="role_assignment_dates_ordered",
            ),
        ]


class BoardType(models.TextChoices):
    ICB_BOARD = "icb_board", "Integrated care board"
    ICP = "icp", "Integrated care partnership"
    PLACE_BOARD = "place_board", "Place board"
    SYSTEM_EXECUTIVE = "system_executive", "System executive"
    CLINICAL_REFERENCE = "clinical_reference", "Clinical reference group"
    LAY_REFERENCE = "lay_reference", "Lay and non-executive reference group"
    RESIDENT_PANEL = "resident_panel", "Resident panel"
    DESIGN_GROUP = "design_group", "Design group"
    PEER_FORUM = "peer_forum", "Peer forum"
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", "Neighbourhood leadership team"
    OTHER = "other", "Other forum"


class Board(TimeStampedModel):
    """A board or forum of the partnership, at system, place or neighbourhood level."""

    system = models.ForeignKey(System, on_delete=models.CASCADE, related_name="boards")
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    board_type = models.CharField(max_length=30, choices=BoardType.choices)
    level = models.CharField(max_length=20, choices=Level.choices)
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.RESTRICT, related_name="boards"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, null=True, blank=True, on_delete=models.RESTRICT, related_name="boards"
    )
    purpose = models.TextField(blank=True)
    meets_in_public = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["system", "slug"], name="board_slug_unique"),
            models.CheckConstraint(
                condition=Q(level__in=[v.value for v in Level]), name="board_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(board_type__in=[v.value for v in BoardType]), name="board_type_valid"
            ),
            # A place board names its place; a neighbourhood board its neighbourhood.
            models.CheckConstraint(
                condition=~Q(level="place") | Q(place__isnull=False),
                name="board_place_level_has_place",
            ),
            models.CheckConstraint(
                condition=~Q(level="neighbourhood") | Q(neighbourhood__isnull=False),
                name="board_neighbourhood_level_has_neighbourhood",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Capacity(models.TextChoices):
    PARTNER = "partner", "Represents a partner organisation"
    INDEPENDENT = "independent", "Independent or non-executive"
    LAY = "lay", "Lay member or resident"
    ELECTED = "elected", "Elected member"


class BoardMembership(TimeStampedModel):
    """A person's seat on a board: whom they represent, and whether they vote."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="board_seats")
    capacity = models.CharField(max_length=20, choices=Capacity.choices, default=Capacity.PARTNER)
    represents = models.CharField(
        max_length=200, blank=True, help_text="Whom the member speaks for, if not their employer"
    )
    is_chair = models.BooleanField(default=False)
    voting = models.BooleanField(default=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-is_chair", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="board_membership_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(capacity__in=[c.value for c in Capacity]),
                name="board_membership_capacity_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.board}"
