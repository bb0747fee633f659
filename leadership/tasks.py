"""Background work of leadership assessment (django-tasks, database queue).

Run the worker with ``concordat db_worker``; enqueue the daily round with
``concordat send_reminders`` from cron (see docs/operations.md)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from leadership import actions
from leadership.models import Feedback360, FeedbackState

# Raters are reminded at most this often, and not in the last day before closing twice.
REMIND_EVERY = timedelta(days=5)


@task()
def remind_and_close() -> dict[str, int]:
    """Close 360s past their closing date; remind raters of open ones who have not
    answered and were not reminded in the last few days."""
    closed = actions.close_due_feedback()
    reminded = 0
    now = timezone.now()
    for feedback in Feedback360.objects.filter(state=FeedbackState.OPEN):
        pending = feedback.invitations.filter(responded=False)
        due = pending.exclude(last_reminded_at__gt=now - REMIND_EVERY).exclude(
            sent_at__gt=now - REMIND_EVERY
        )
        if due.exists():
            reminded += actions.feedback_send_reminders(by=None, feedback=feedback)
    return {"closed": closed, "reminded": reminded}
