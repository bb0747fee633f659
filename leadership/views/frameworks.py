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


def framework_upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Admins add a local framework from a TOML file, checked before anything is saved."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from authorization import Permission
    from leadership.actions import framework_install
    from leadership.frameworks import FrameworkError, parse

    system = system_for(request, slug, Permission.RUN_ASSESSMENTS)
    problems: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("framework")
        if upload is None:
            problems = ["Choose a framework file (TOML)."]
        elif upload.size > 256 * 1024:
            problems = ["The file is larger than 256 KB; a framework is a few KB."]
        else:
            try:
                spec = parse(upload.read().decode("utf-8"))
                version = framework_install(by=request.user, spec=spec, system=system)
            except UnicodeDecodeError:
                problems = ["The file is not UTF-8 text."]
            except FrameworkError as exc:
                problems = exc.problems
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(
                    request,
                    f"{version.framework.title} (version {version.version}) "
                    f"is now available in {system.name}.",
                )
                return redirect("leadership:framework", system.slug, version.framework.slug)
    return render(
        request,
        "leadership/framework_upload.html",
        {"system": system, "errors": problems},
        status=400 if problems else 200,
    )
