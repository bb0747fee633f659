"""Board diagnostics: every member rates the partnership and where the board sits on the
12 shifts; results by sector with small sectors folded."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from authorization import Permission
from leadership import actions, queries
from leadership.forms import rating_rows, read_ratings
from leadership.models import BoardDiagnostic, DiagnosticInvitation, FeedbackState, Framework
from partnership import queries as registry
from partnership.models import Board
from partnership.views.common import can, system_for


def _latest(slug: str):  # type: ignore[no-untyped-def]
    framework = Framework.objects.filter(slug=slug, system__isnull=True).first()
    return queries.latest_version(framework) if framework else None


def diagnostic_open(request: HttpRequest, slug: str, board_slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.RUN_ASSESSMENTS)
    board = get_object_or_404(Board, system=system, slug=board_slug)
    members = [seat.person for seat in registry.board_members(board)]
    enablers, shifts = _latest("enablers-and-barriers"), _latest("twelve-shifts")
    if enablers is None or shifts is None:
        raise Http404("The diagnostic frameworks are not installed.")
    errors: list[str] = []
    if request.method == "POST":
        try:
            closes_on = timezone.localdate() + timedelta(days=int(request.POST.get("days", "14")))
            diagnostic = actions.diagnostic_open(
                by=request.user,
                board=board,
                enablers=enablers,
                shifts=shifts,
                closes_on=closes_on,
                members=members,
            )
        except (ValidationError, ValueError) as exc:
            errors = getattr(exc, "messages", ["Choose how many days the diagnostic stays open."])
        else:
            messages.success(request, f"{len(members)} members have been sent a private link.")
            return redirect("leadership:diagnostic", system.slug, diagnostic.pk)
    return render(
        request,
        "leadership/diagnostic_open.html",
        {"system": system, "board": board, "members": members, "errors": errors},
        status=400 if errors else 200,
    )


def _diagnostic_for(request: HttpRequest, slug: str, pk: int) -> tuple:  # type: ignore[type-arg]
    system = system_for(request, slug)
    diagnostic = get_object_or_404(
        BoardDiagnostic.objects.select_related("board", "enablers_version", "shifts_version"),
        pk=pk,
        board__system=system,
    )
    return system, diagnostic


def diagnostic_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    from leadership.reports import build_diagnostic_report

    system, diagnostic = _diagnostic_for(request, slug, pk)
    counts = {
        "invited": diagnostic.invitations.count(),
        "answered": diagnostic.invitations.filter(responded=True).count(),
    }
    report = (
        build_diagnostic_report(diagnostic) if diagnostic.state == FeedbackState.CLOSED else None
    )
    history = (
        BoardDiagnostic.objects.filter(
            board=diagnostic.board, state=FeedbackState.CLOSED, created_at__lt=diagnostic.created_at
        )
        .order_by("-created_at")
        .first()
    )
    previous = build_diagnostic_report(history) if (history and report) else None
    return render(
        request,
        "leadership/diagnostic_detail.html",
        {
            "system": system,
            "diagnostic": diagnostic,
            "counts": counts,
            "report": report,
            "previous": previous,
            "history": history,
            "can_run": can(request, Permission.RUN_ASSESSMENTS, system),
            "can_answer": diagnostic.state == FeedbackState.OPEN
            and DiagnosticInvitation.objects.filter(
                diagnostic=diagnostic, person__user=request.user, responded=False
            ).exists(),
        },
    )


def diagnostic_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    system = system_for(request, slug, Permission.RUN_ASSESSMENTS)
    _, diagnostic = _diagnostic_for(request, slug, pk)
    if request.method == "POST":
        actions.diagnostic_close(by=request.user, diagnostic=diagnostic)
        messages.success(request, "The diagnostic is closed and its results are ready.")
    return redirect("leadership:diagnostic", system.slug, diagnostic.pk)


@login_not_required
@never_cache
def diagnostic_answer(request: HttpRequest, token: str) -> HttpResponse:
    return _answer(request, queries.invitation_by_token(DiagnosticInvitation, token))


def diagnostic_answer_signed_in(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A board member who has an account answers here, without the e-mailed link."""
    system, diagnostic = _diagnostic_for(request, slug, pk)
    me = queries.person_of(request.user, system)
    invitation = (
        DiagnosticInvitation.objects.filter(diagnostic=diagnostic, person=me).first()
        if me
        else None
    )
    if invitation is None:
        raise Http404("You were not asked to answer this diagnostic.")
    return _answer(request, invitation)


def _answer(request: HttpRequest, invitation: DiagnosticInvitation | None) -> HttpResponse:
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
    diagnostic = invitation.diagnostic
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
    if diagnostic.state != FeedbackState.OPEN or diagnostic.closes_on < timezone.localdate():
        return render(
            request,
            "leadership/rater_gone.html",
            {"title": "This diagnostic has closed", "message": "Thank you."},
            status=410,
        )
    errors: list[str] = []
    answers, today, wanted, comments = {}, {}, {}, {}
    if request.method == "POST":
        enablers = read_ratings(request.POST, diagnostic.enablers_version)
        shifts = read_ratings(request.POST, diagnostic.shifts_version)
        answers, today, wanted, comments = (
            enablers.answers,
            shifts.today,
            shifts.wanted,
            enablers.comments,
        )
        try:
            actions.diagnostic_submit(
                invitation=invitation,
                answers=answers,
                today=today,
                wanted=wanted,
                comments=comments,
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            return render(request, "leadership/rater_thanks.html", {"diagnostic": diagnostic})
    return render(
        request,
        "leadership/diagnostic_form.html",
        {
            "diagnostic": diagnostic,
            "errors": errors,
            "enabler_sections": rating_rows(diagnostic.enablers_version, answers),
            "shift_sections": rating_rows(diagnostic.shifts_version, today, prefix="today"),
            "wanted": wanted,
            "comments": comments,
            "min_group": actions.MIN_GROUP,
        },
        status=400 if errors else 200,
    )
