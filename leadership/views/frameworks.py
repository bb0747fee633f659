from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from leadership import queries
from partnership.views.common import perms_context, system_for


def framework_list(request: HttpRequest, slug: str) -> HttpResponse:
    system = system_for(request, slug)
    frameworks = [
        {"framework": f, "version": queries.latest_version(f)}
        for f in queries.frameworks_for(system)
    ]
    return render(
        request,
        "leadership/framework_list.html",
        {"system": system, "frameworks": frameworks, **perms_context(request, system)},
    )


def framework_detail(request: HttpRequest, slug: str, framework_slug: str) -> HttpResponse:
    system = system_for(request, slug)
    framework = queries.frameworks_for(system).filter(slug=framework_slug).first()
    if framework is None:
        raise Http404("No such framework.")
    version = queries.latest_version(framework)
    return render(
        request,
        "leadership/framework_detail.html",
        {
            "system": system,
            "framework": framework,
            "version": version,
            "spec": version.spec if version else {},
            **perms_context(request, system),
        },
    )
