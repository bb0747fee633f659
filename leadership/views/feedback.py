"""360 feedback: open, nominate raters, follow response counts, remind, close, report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.models import User
from authorization import Permission
from leadership import actions, queries
from leadership.forms import (
    OpenFeedbackForm,
    RaterFormSet,
    ShareForm,
    rating_rows,
    read_ratings,
)
from leadership.models import Feedback360, FeedbackState, FrameworkVersion, ReportShare
from partnership.models import Organisation, Person
from partnership.views.common import can, perms_context, system_for


def _feedback_for(
    request: HttpRequest, system: Any, pk: int, *, manage: bool = False
) -> Feedback360:
    """A 360 the user may see: the leader's own, or (to manage, never to read the report)
    one an admin runs in their system. Anything else is 404."""
    feedback = get_object_or_404(
        Feedback360.objects.select_related("leader", "framework_version__framework"),
        pk=pk,
        system=system,
    )
    is_leader = feedback.leader.user_id == request.user.pk
    if is_leader or (manage and can(request, Permission.RUN_ASSESSMENTS, system)):
        return feedback
    raise Http404("No such 360.")


def _may_read_report(request: HttpRequest, feedback: Feedback360) -> bool:
    if feedback.leader.user_id == request.user.pk:
        return True
    return ReportShare.objects.filter(
        feedback=feedback, user=request.user, withdrawn_at__isnull=True
    ).exists()


def _capability_versions() -> list[FrameworkVersion]:
    versions = (
        FrameworkVersion.objects.select_related("framework")
        .filter(framework__kind="capabilities", framework__system__isnull=True)
        .order_by("framework__title", "-created_at")
    )
    latest: dict[int, FrameworkVersion] = {}
    for v in versions:
        latest.setdefault(v.framework_id, v)
    return list(latest.values())


def feedback_list(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    me = queries.person_of(request.user, system)
    rounds = queries.feedback_for_system(system)
    mine = rounds.filter(leader=me) if me else rounds.none()
    managed = rounds if can(request, Permission.RUN_ASSESSMENTS, system) else rounds.none()
    shared = rounds.filter(shares__user=request.user, shares__withdrawn_at__isnull=True)
    return render(
        request,
        "leadership/feedback_list.html",
        {
            "system": system,
            "me": me,
            "mine": mine,
            "managed": managed,
            "shared": shared,
            **perms_context(request, system),
        },
    )


def feedback_open(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    me = queries.person_of(request.user, system)
    if can(request, Permission.RUN_ASSESSMENTS, system):
        leaders = Person.objects.filter(system=system).order_by("full_name")
    elif me is not None:
        leaders = Person.objects.filter(pk=me.pk)
    else:
        raise Http404("Your account is not linked to a person in this system.")
    versions = _capability_versions()
    form = OpenFeedbackForm(
        request.POST or None,
        leaders=leaders,
        versions=versions,
        initial={"leader": me, "ask_importance": True},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        version = next(v for v in versions if str(v.pk) == d["framework"])
        try:
            feedback = actions.feedback_open(
                by=request.user,
                system=system,
                leader=d["leader"],
                version=version,
                closes_on=d["closes_on"],
                ask_importance=d["ask_importance"],
            )
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, "The 360 is open. Now nominate the raters.")
            return redirect("leadership:feedback-raters", system.slug, feedback.pk)
    return render(
        request,
        "leadership/feedback_open.html",
        {"system": system, "form": form},
        status=400 if form.errors else 200,
    )


def feedback_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system = system_for(request, slug)
    feedback = _feedback_for(request, system, pk, manage=True)
    counts = queries.response_counts(feedback)
    return render(
        request,
        "leadership/feedback_detail.html",
        {
            "system": system,
            "feedback": feedback,
            "counts": counts,
            "warnings": actions.group_warnings({c["group"]: c["invited"] for c in counts}),
            "is_leader": feedback.leader.user_id == request.user.pk,
            "can_read_report": _may_read_report(request, feedback),
            "shares": feedback.shares.filter(withdrawn_at__isnull=True).select_related("user"),
            "total_answered": sum(c["answered"] for c in counts),
            **perms_context(request, system),
        },
    )


def feedback_raters(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system = system_for(request, slug)
    feedback = _feedback_for(request, system, pk, manage=True)
    organisations = Organisation.objects.filter(partnerships__system=system).order_by("name")
    formset = RaterFormSet(request.POST or None, form_kwargs={"organisations": organisations})
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        nominations = [
            actions.Nomination(
                email=f["email"],
                group=f["group"],
                name=f["name"],
                organisation=f["organisation"],
                show_apart=f["show_apart"],
            )
            for f in formset.cleaned_data
            if f.get("email")
        ]
        if not nominations:
            errors = ["Enter at least one rater."]
        else:
            try:
                actions.raters_nominate(by=request.user, feedback=feedback, nominations=nominations)
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, f"{len(nominations)} rater(s) invited by e-mail.")
                return redirect("leadership:feedback", system.slug, feedback.pk)
    counts = queries.response_counts(feedback)
    return render(
        request,
        "leadership/feedback_raters.html",
        {
            "system": system,
            "feedback": feedback,
            "formset": formset,
            "errors": errors,
            "counts": counts,
            "warnings": actions.group_warnings({c["group"]: c["invited"] for c in counts}),
        },
        status=400 if (errors or formset.errors and any(formset.errors)) else 200,
    )


def feedback_self(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system = system_for(request, slug)
    feedback = _feedback_for(request, system, pk)
    if feedback.leader.user_id != request.user.pk:
        raise Http404("Only the leader rates themself.")
    version = feedback.framework_version
    errors: list[str] = []
    answers, importance = feedback.self_answers, feedback.self_importance
    if request.method == "POST":
        data = read_ratings(request.POST, version)
        try:
            actions.feedback_self_save(
                by=request.user,
                feedback=feedback,
                answers=data.answers,
                importance=data.importance,
                submit="submit" in request.POST,
            )
        except ValidationError as exc:
            errors, answers, importance = exc.messages, data.answers, data.importance
        else:
            messages.success(request, "Your own ratings are saved.")
            return redirect("leadership:feedback", system.slug, feedback.pk)
    return render(
        request,
        "leadership/feedback_self.html",
        {
            "system": system,
            "feedback": feedback,
            "errors": errors,
            "sections": rating_rows(version, answers),
            "importance": importance,
            "ask_importance": feedback.ask_importance,
        },
        status=400 if errors else 200,
    )


def feedback_remind(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system = system_for(request, slug)
    feedback = _feedback_for(request, system, pk, manage=True)
    if request.method != "POST":
        return redirect("leadership:feedback", system.slug, feedback.pk)
    try:
        n = actions.feedback_send_reminders(by=request.user, feedback=feedback)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Reminders sent to {n} rater(s) who have not answered yet.")
    return redirect("leadership:feedback", system.slug, feedback.pk)


def feedback_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system = system_for(request, slug)
    feedback = _feedback_for(request, system, pk, manage=True)
    if request.method == "POST":
        actions.feedback_close(by=request.user, feedback=feedback)
        messages.success(request, "The 360 is closed. The report is ready for the leader.")
    return redirect("leadership:feedback", system.slug, feedback.pk)


def feedback_share(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system = system_for(request, slug)
    feedback = _feedback_for(request, system, pk)
    if feedback.leader.user_id != request.user.pk:
        raise Http404("Only the leader shares their report.")
    form = ShareForm(request.POST or None)
    if request.method == "POST" and "withdraw" in request.POST:
        share = get_object_or_404(
            ReportShare,
            pk=request.POST.get("withdraw"),
            feedback=feedback,
            withdrawn_at__isnull=True,
        )
        actions.report_share_withdraw(by=request.user, share=share)
        messages.success(request, f"{share.user} can no longer read your report.")
        return redirect("leadership:feedback", system.slug, feedback.pk)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"], memberships__system=system
        ).first()
        if user is None:
            form.add_error(
                "email", "No one with that e-mail address has an account in this system."
            )
        else:
            try:
                actions.report_share(
                    by=request.user, feedback=feedback, user=user, role=form.cleaned_data["role"]
                )
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, f"{user} can now read your report.")
                return redirect("leadership:feedback", system.slug, feedback.pk)
    return render(
        request,
        "leadership/feedback_share.html",
        {"system": system, "feedback": feedback, "form": form},
        status=400 if form.errors else 200,
    )


def _report_or_404(request: HttpRequest, slug: str, pk: int) -> tuple[Any, Feedback360]:
    system = system_for(request, slug)
    feedback = get_object_or_404(
        Feedback360.objects.select_related("leader", "framework_version__framework"),
        pk=pk,
        system=system,
    )
    if not _may_read_report(request, feedback):
        raise Http404("No such report.")
    return system, feedback


def feedback_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system, feedback = _report_or_404(request, slug, pk)
    from leadership.reports import build_360_report

    if feedback.state != FeedbackState.CLOSED:
        return render(
            request, "leadership/report_not_ready.html", {"system": system, "feedback": feedback}
        )
    report = build_360_report(feedback)
    return render(
        request,
        "leadership/report.html",
        {"system": system, "feedback": feedback, "report": report, "generated": timezone.now()},
    )


def feedback_report_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system, feedback = _report_or_404(request, slug, pk)
    from leadership.reports import build_360_report, render_pdf

    if feedback.state != FeedbackState.CLOSED:
        raise Http404("The report is ready when the 360 closes.")
    report = build_360_report(feedback)
    pdf = render_pdf(
        "leadership/report_print.html",
        {"system": system, "feedback": feedback, "report": report, "generated": timezone.now()},
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="360-report-{feedback.pk}.pdf"'
    return response
