"""Leadership demo data: a finished and an open 360, a self-assessment history, and a
finished board diagnostic in which local government members rate the partnership lower.

Responses are written as the anonymous rows raters' submissions produce (through the same
actions), so the demo shows exactly what real use would."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from analytics.geography import SECTOR_GROUP_OF
from leadership import actions
from leadership.models import (
    DiagnosticInvitation,
    Feedback360,
    FrameworkVersion,
    RaterInvitation,
    SelfAssessment,
)
from partnership.demo import DemoContext, register
from partnership.models import Board, Person

COMMENTS = {
    "strengths": [
        "Brings people round the table who would not otherwise talk.",
        "Always makes time to listen before deciding.",
        "Keeps the focus on residents rather than organisations.",
        "Explains the why, not just the what.",
        "Generous with credit when things go well.",
    ],
    "develop": [
        "Could follow through faster after the big meetings.",
        "Sometimes the council's view arrives too late in the process.",
        "Share the financial picture earlier.",
        "Delegate more of the detail to the place teams.",
    ],
}


def _version(slug: str) -> FrameworkVersion:
    return FrameworkVersion.objects.filter(
        framework__slug=slug, framework__system__isnull=True
    ).latest("created_at")


def _answers(
    rng: Any, version: FrameworkVersion, centre: float, spread: int = 1, not_seen: float = 0.08
) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for i, slug in enumerate(version.item_slugs()):
        if rng.random() < not_seen:
            out[slug] = None
            continue
        bias = 0.6 if i % 5 == 0 else (-0.7 if i % 7 == 3 else 0.0)
        value = round(centre + bias + rng.uniform(-spread, spread))
        out[slug] = max(1, min(5, value))
    return out


def _nominate(
    feedback: Feedback360, plan: list[tuple[str, int]], people: list[Person], ctx: DemoContext
) -> list[RaterInvitation]:
    pool = [p for p in people if p.pk != feedback.leader_id and p.organisation is not None]
    nominations = []
    for group, count in plan:
        for _ in range(count):
            person = pool.pop(ctx.rng.randrange(len(pool)))
            nominations.append(
                actions.Nomination(
                    email=f"rater.{person.pk}@concordat.test",
                    group=group,
                    name=person.full_name,
                    organisation=person.organisation if group == "partner" else None,
                    show_apart=group == "line_manager",
                )
            )
    return actions.raters_nominate(by=ctx.admin, feedback=feedback, nominations=nominations)


@register("leadership", order=10)
def build(ctx: DemoContext) -> None:
    system = ctx.systems["kestrel-vale"]
    rng = ctx.rng
    capabilities = _version("system-leader-capabilities")
    people = list(
        Person.objects.filter(system=system).select_related("organisation").order_by("pk")
    )
    leader = Person.objects.get(system=system, user=ctx.users["demo.member@concordat.test"])
    admin_person = Person.objects.get(system=system, user=ctx.users["demo.admin@concordat.test"])

    # A self-assessment history: two finished, a year apart.
    for months_ago, centre in ((12, 2.8), (1, 3.4)):
        answers = {
            k: v if v is not None else 3
            for k, v in _answers(rng, capabilities, centre, not_seen=0).items()
        }
        done = actions.self_assessment_save(
            by=ctx.users["demo.member@concordat.test"],
            person=leader,
            version=capabilities,
            answers=answers,
            submit=True,
            notes="Focus on ceding power and on the long term.",
        )
        SelfAssessment.objects.filter(pk=done.pk).update(
            submitted_at=timezone.now() - timedelta(days=30 * months_ago)
        )

    # A finished 360 with about 15 raters; the community group has only 2 (folded).
    finished = actions.feedback_open(
        by=ctx.admin,
        system=system,
        leader=leader,
        version=capabilities,
        closes_on=timezone.localdate() + timedelta(days=1),
    )
    invitations = _nominate(
        finished,
        [("line_manager", 1), ("peer", 4), ("partner", 6), ("direct_report", 3), ("community", 2)],
        people,
        ctx,
    )
    for i, invitation in enumerate(invitations):
        centre = 3.0 if invitation.sector_group == "local_government" else 3.6
        actions.rater_submit(
            invitation=invitation,
            answers=_answers(rng, capabilities, centre),
            importance={s["slug"]: rng.choice([3, 4, 4, 5]) for s in capabilities.sections},
            comments={k: v[i % len(v)] for k, v in COMMENTS.items() if rng.random() < 0.6},
        )
    actions.feedback_self_save(
        by=ctx.users["demo.member@concordat.test"],
        feedback=finished,
        answers=_answers(rng, capabilities, 4.0, not_seen=0),
        importance={s["slug"]: 4 for s in capabilities.sections},
        submit=True,
    )
    actions.feedback_close(by=ctx.admin, feedback=finished)

    # An open 360 for the demo admin, part answered.
    sldf = _version("sldf-domains")
    running = actions.feedback_open(
        by=ctx.admin,
        system=system,
        leader=admin_person,
        version=sldf,
        closes_on=timezone.localdate() + timedelta(days=21),
    )
    open_invites = _nominate(
        running, [("peer", 3), ("partner", 4), ("direct_report", 2)], people, ctx
    )
    for invitation in open_invites[:5]:
        actions.rater_submit(
            invitation=invitation, answers=_answers(rng, sldf, 3.5), importance={}, comments={}
        )

    # A finished board diagnostic of the partnership: local government rates it lower.
    board = Board.objects.get(system=system, slug="kestrel-vale-integrated-care-partnership")
    seats = list(board.memberships.select_related("person__organisation"))
    enablers, shifts = _version("enablers-and-barriers"), _version("twelve-shifts")
    diagnostic = actions.diagnostic_open(
        by=ctx.admin,
        board=board,
        enablers=enablers,
        shifts=shifts,
        closes_on=timezone.localdate() + timedelta(days=1),
        members=[s.person for s in seats],
    )
    for invitation in DiagnosticInvitation.objects.filter(diagnostic=diagnostic):
        org = invitation.person.organisation
        sector = SECTOR_GROUP_OF.get(org.sector, "") if org else ""
        centre = 2.2 if sector == "local_government" else 3.7
        today = {k: max(1, min(5, round(2.4 + rng.uniform(-1, 1)))) for k in shifts.item_slugs()}
        wanted = {
            k: max(1, min(5, round(4.3 + rng.uniform(-0.6, 0.6)))) for k in shifts.item_slugs()
        }
        comment = (
            {"board": "Councils are outnumbered at this table."}
            if sector == "local_government" and rng.random() < 0.7
            else {}
        )
        actions.diagnostic_submit(
            invitation=invitation,
            answers=_answers(rng, enablers, centre, not_seen=0.03),
            today=today,
            wanted=wanted,
            comments=comment,
        )
    actions.diagnostic_close(by=ctx.admin, diagnostic=diagnostic)
