"""The rater's private form: no account, one link, one response."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from leadership import actions, queries
from leadership.forms import rating_rows, read_ratings
from leadership.models import FeedbackState, RaterInvitation


def _gone(request: HttpRequest, title: str, message: str, status: int = 410) -> HttpResponse:
    return render(
        request, "leadership/rater_gone.html", {"title": title, "message": message}, status=status
    )


@login_not_required
@never_cache
def rater_form(request: HttpRequest, token: str) -> HttpResponse:
    invitation = queries.invitation_by_token(RaterInvitation, token)
    if invitation is None:
        return _gone(
            request,
            "This link does not work",
            "It may have been replaced by a newer link in a reminder e-mail, or typed "
            "wrongly. Use the most recent e-mail you received.",
            status=404,
        )
    feedback = invitation.feedback
    if invitation.responded:
        return _gone(
            request,
            "Thank you: your feedback has been sent",
            "You have already answered. Each link can be used once.",
        )
    if feedback.state != FeedbackState.OPEN:
        return _gone(request, "This feedback has closed", "Thank you for your time.")
    version = feedback.framework_version
    draft = invitation.draft or {}
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        data = read_ratings(request.POST, version)
        try:
            if "save" in request.POST:
                actions.rater_save_draft(
                    invitation=invitation,
                    answers=data.answers,
                    importance=data.importance,
                    comments=data.comments,
                )
                return render(
                    request,
                    "leadership/rater_saved.html",
                    {"feedback": feedback, "link": request.path},
                )
            actions.rater_submit(
                invitation=invitation,
                answers=data.answers,
                importance=data.importance,
                comments=data.comments,
            )
            return render(request, "leadership/rater_thanks.html", {"feedback": feedback})
        except ValidationError as exc:
            errors, status = exc.messages, 400
            draft = {
                "answers": data.answers,
                "importance": data.importance,
                "comments": data.comments,
            }
    return render(
        request,
        "leadership/rater_form.html",
        {
            "feedback": feedback,
            "invitation": invitation,
            "errors": errors,
            "sections": rating_rows(version, draft.get("answers", {})),
            "importance": draft.get("importance", {}),
            "comments": draft.get("comments", {}),
            "ask_importance": feedback.ask_importance,
            "min_group": actions.MIN_GROUP,
        },
        status=status,
    )
