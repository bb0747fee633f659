from __future__ import annotations

from django.core.management.base import BaseCommand

from leadership.tasks import remind_and_close


class Command(BaseCommand):
    help = (
        "Close 360s past their closing date and remind raters who have not answered. "
        "Enqueues the work for `concordat db_worker` (or runs it now with --now)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--now", action="store_true", help="run in this process")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["now"]:
            result = remind_and_close.call()
            self.stdout.write(f"Closed {result['closed']}, reminded {result['reminded']} rater(s).")
        else:
            result = remind_and_close.enqueue()
            self.stdout.write(f"Queued reminder round {result.id}; run `concordat db_worker`.")
