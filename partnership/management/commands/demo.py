from __future__ import annotations

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from partnership.demo import build_demo, demo_exists, reset_demo, sign_in_text


class Command(BaseCommand):
    help = "Build the fictional demo ICS (idempotent; --reset rebuilds it)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument("--reset", action="store_true", help="delete and rebuild the demo")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["reset"]:
            reset_demo()
            self.stdout.write("Removed the previous demo.")
        if demo_exists():
            self.stdout.write("The demo ICS is already built; nothing changed.")
        else:
            # The demo invites raters; their e-mails are not sent anywhere.
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                ctx = build_demo(options["seed"])
            system = ctx.systems["kestrel-vale"]
            self.stdout.write(
                self.style.SUCCESS(
                    f"Built {system.name}: {system.places.count()} places, "
                    f"{system.organisations.count()} organisations, "
                    f"{system.people.count()} people, "
                    f"{system.boards.count()} boards; "
                    f"and {ctx.systems['saltmarsh'].name}."
                )
            )
        self.stdout.write("")
        self.stdout.write(sign_in_text())
        self.stdout.write("Open http://127.0.0.1:8000 and sign in.")
