from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from partnership.interchange import export_system
from partnership.models import System


class Command(BaseCommand):
    help = "Write a system's whole registry as one JSON document."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("slug")
        parser.add_argument("--out", help="file to write (default: standard output)")
        parser.add_argument(
            "--include-diversity",
            action="store_true",
            help="include self-described gender and ethnicity (personal data)",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        system = System.objects.filter(slug=options["slug"]).first()
        if system is None:
            raise CommandError(f"No system {options['slug']!r}.")
        text = json.dumps(
            export_system(system, include_diversity=options["include_diversity"]), indent=2
        )
        if options["out"]:
            with open(options["out"], "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stdout.write(f"Wrote {options['out']}")
        else:
            self.stdout.write(text)
