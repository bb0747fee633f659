"""Download the whole registry as JSON; upload a document to import it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from authorization import Permission
from partnership.interchange import export_system, import_system
from partnership.views.common import system_for

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def system_export(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.EXPORT_SYSTEM)
    response = JsonResponse(export_system(system), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{slugify(system.slug)}-registry.json"'
    return response


def system_import(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug, Permission.IMPORT_SYSTEM)
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("document")
        if upload is None:
            problems = ["Choose a JSON file exported from Concordat."]
        elif upload.size > MAX_UPLOAD_BYTES:
            problems = [
                f"The file is {upload.size // 1024} KB; the limit is "
                f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB."
            ]
        else:
            try:
                document = json.loads(upload.read().decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                problems = [f"The file is not valid JSON ({exc})."]
            else:
                result = import_system(document, by=request.user, into=system)
                if result.ok:
                    summary = ", ".join(f"{n} {k} created" for k, n in result.created.items())
                    updated = ", ".join(f"{n} {k} updated" for k, n in result.updated.items())
                    messages.success(
                        request,
                        "Imported. "
                        + (
                            "; ".join(x for x in (summary, updated) if x)
                            or "Nothing needed to change."
                        ),
                    )
                    return redirect("partnership:system", system.slug)
                problems = result.problems
    return render(
        request,
        "partnership/import.html",
        {"system": system, "problems": problems, "max_mb": MAX_UPLOAD_BYTES // 1024 // 1024},
        status=400 if problems else 200,
    )
