from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from partnership.interchange import import_system
from partnership.models import System


class Command(BaseCommand):
    help = "Import a registry document: into an existing system (--into SLUG) or as a new one."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")
        parser.add_argument("--into", help="slug of the system to import into")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        into = None
        if options["into"]:
            into = System.objects.filter(slug=options["into"]).first()
            if into is None:
                raise CommandError(f"No system {options['into']!r}.")
        try:
            with open(options["file"], encoding="utf-8") as handle:
                document = json.load(handle)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from None
        result = import_system(document, by=None, into=into)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"Nothing was imported: {len(result.problems)} problem(s).")
        self.stdout.write(
            f"Imported into {result.system.slug}: created {result.created}, "
            f"updated {result.updated}"
        )
