"""Frontline reflection: a team answers the five principles' questions."""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from leadership import actions, queries
from leadership.forms import rating_rows, read_ratings
from leadership.models import FeedbackState, Framework, FrontlineReflection, ReflectionInvitation
from partnership.views.common import system_for

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _version():  # type: ignore[no-untyped-def]
    framework = Framework.objects.filter(slug="frontline-principles", system__isnull=True).first()
    version = queries.latest_version(framework) if framework else None
    if version is None:
        raise Http404("The frontline principles are not installed.")
    return version


def reflection_list(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    reflections = FrontlineReflection.objects.filter(system=system, team_lead=request.user)
    return render(
        request, "leadership/reflection_list.html", {"system": system, "reflections": reflections}
    )


def reflection_open(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    version = _version()
    errors: list[str] = []
    team_name, emails_text = "", ""
    if request.method == "POST":
        team_name = request.POST.get("team_name", "").strip()[:200]
        emails_text = request.POST.get("emails", "")[:20000]
        emails = [e for e in re.split(r"[\s,;]+", emails_text) if e]
        bad = [e for e in emails if not EMAIL.match(e)]
        if not team_name:
            errors.append("Enter the team's name.")
        if bad:
            errors.append("These are not e-mail addresses: " + ", ".join(bad[:10]))
        if not errors:
            try:
                reflection = actions.reflection_open(
                    by=request.user,
                    system=system,
                    team_name=team_name,
                    version=version,
                    closes_on=timezone.localdate() + timedelta(days=14),
                    emails=emails,
                )
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, "Your team has been sent the questions.")
                return redirect("leadership:reflection", system.slug, reflection.pk)
    return render(
        request,
        "leadership/reflection_open.html",
        {
            "system": system,
            "version": version,
            "errors": errors,
            "team_name": team_name,
            "emails": emails_text,
        },
        status=400 if errors else 200,
    )


def reflection_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    from leadership.reports import build_reflection_report

    system = system_for(request, slug)
    reflection = get_object_or_404(
        FrontlineReflection, pk=pk, system=system, team_lead=request.user
    )
    if request.method == "POST" and "close" in request.POST:
        reflection.state = FeedbackState.CLOSED
        reflection.save(update_fields=["state", "updated_at"])
        return redirect("leadership:reflection", system.slug, reflection.pk)
    counts = {
        "invited": reflection.invitations.count(),
        "answered": reflection.invitations.filter(responded=True).count(),
    }
    report = (
        build_reflection_report(reflection) if reflection.state == FeedbackState.CLOSED else None
    )
    return render(
        request,
        "leadership/reflection_detail.html",
        {"system": system, "reflection": reflection, "counts": counts, "report": report},
    )


@login_not_required
@never_cache
def reflection_answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = queries.invitation_by_token(ReflectionInvitation, token)
    if invitation is None:
        return render(
            request,
            "leadership/rater_gone.html",
            {
                "title": "This link does not work",
                "message": "Check you used the whole link from your e-mail.",
            },
            status=404,
        )
    reflection = invitation.reflection
    if invitation.responded:
        return render(
            request,
            "leadership/rater_gone.html",
            {
                "title": "Thank you: your answers have been sent",
                "message": "Each link can be used once.",
            },
            status=410,
        )
    if reflection.state != FeedbackState.OPEN:
        return render(
            request,
            "leadership/rater_gone.html",
            {"title": "This reflection has closed", "message": "Thank you."},
            status=410,
        )
    version = reflection.framework_version
    errors: list[str] = []
    answers, comments = {}, {}
    if request.method == "POST":
        data = read_ratings(request.POST, version)
        answers, comments = data.answers, data.comments
        try:
            actions.reflection_submit(invitation=invitation, answers=answers, comments=comments)
        except ValidationError as exc:
            errors = exc.messages
        else:
            return render(request, "leadership/rater_thanks.html", {"reflection": reflection})
    return render(
        request,
        "leadership/reflection_form.html",
        {
            "reflection": reflection,
            "errors": errors,
            "sections": rating_rows(version, answers),
            "comments": comments,
            "min_group": actions.MIN_GROUP,
        },
        status=400 if errors else 200,
    )
