"""Self-assessment: rate yourself on a framework, save and come back, see your profile
and how it changed since last time."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from leadership import actions, queries
from leadership.forms import rating_rows, read_ratings
from leadership.models import SelfAssessment
from leadership.profiles import profile_of
from partnership.views.common import system_for


def _me(request: HttpRequest, system):  # type: ignore[no-untyped-def]
    me = queries.person_of(request.user, system)
    if me is None:
        raise Http404("Your account is not linked to a person in this system.")
    return me


def self_list(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    me = queries.person_of(request.user, system)
    assessments = queries.self_assessments_of(me) if me else []
    frameworks = [
        {"framework": f, "version": queries.latest_version(f)}
        for f in queries.frameworks_for(system).filter(kind="capabilities")
    ]
    return render(
        request,
        "leadership/self_list.html",
        {"system": system, "me": me, "assessments": assessments, "frameworks": frameworks},
    )


def self_start(request: HttpRequest, slug: str, framework_slug: str) -> HttpResponse:
    system = system_for(request, slug)
    me = _me(request, system)
    framework = (
        queries.frameworks_for(system).filter(slug=framework_slug, kind="capabilities").first()
    )
    version = queries.latest_version(framework) if framework else None
    if version is None:
        raise Http404("No such framework.")
    draft = SelfAssessment.objects.filter(
        person=me, framework_version=version, submitted_at__isnull=True
    ).first()
    if draft is None:
        draft = actions.self_assessment_save(
            by=request.user, person=me, version=version, answers={}
        )
    return redirect("leadership:self-edit", system.slug, draft.pk)


def self_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system = system_for(request, slug)
    me = _me(request, system)
    assessment = get_object_or_404(SelfAssessment, pk=pk, person=me)
    if assessment.submitted_at is not None:
        return redirect("leadership:self-profile", system.slug, assessment.pk)
    version = assessment.framework_version
    errors: list[str] = []
    answers, notes = assessment.answers, assessment.notes
    if request.method == "POST":
        data = read_ratings(request.POST, version)
        notes = request.POST.get("notes", "")[:5000]
        submit = "submit" in request.POST
        try:
            actions.self_assessment_save(
                by=request.user,
                person=me,
                version=version,
                answers=data.answers,
                notes=notes,
                submit=submit,
                assessment=assessment,
            )
        except ValidationError as exc:
            errors, answers = exc.messages, data.answers
        else:
            if submit:
                messages.success(request, "Your self-assessment is complete.")
                return redirect("leadership:self-profile", system.slug, assessment.pk)
            messages.success(request, "Saved. You can come back to it at any time.")
            return redirect("leadership:self-edit", system.slug, assessment.pk)
    return render(
        request,
        "leadership/self_edit.html",
        {
            "system": system,
            "assessment": assessment,
            "version": version,
            "sections": rating_rows(version, answers),
            "notes": notes,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def self_profile(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system = system_for(request, slug)
    me = _me(request, system)
    assessment = get_object_or_404(SelfAssessment, pk=pk, person=me, submitted_at__isnull=False)
    previous = (
        SelfAssessment.objects.filter(
            person=me,
            framework_version__framework=assessment.framework_version.framework,
            submitted_at__lt=assessment.submitted_at,
        )
        .order_by("-submitted_at")
        .first()
    )
    profile = profile_of(assessment, previous)
    return render(
        request,
        "leadership/self_profile.html",
        {"system": system, "assessment": assessment, "previous": previous, "profile": profile},
    )
