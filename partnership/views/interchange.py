from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from authorization import Permission
from partnership.views.common import system_for


def system_export(request: HttpRequest, slug: str) -> HttpResponse:
    system_for(request, slug, Permission.EXPORT_SYSTEM)
    raise Http404("Export is being built.")


def system_import(request: HttpRequest, slug: str) -> HttpResponse:
    system_for(request, slug, Permission.IMPORT_SYSTEM)
    raise Http404("Import is being built.")
