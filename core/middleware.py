"""Sign-in is required everywhere except where a path says otherwise."""

from __future__ import annotations

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired

# The API answers 401 itself (session or token); rater links and public registers carry
# their own access rules; health checks are for machines.
OPEN_PREFIXES = ("/api/", "/healthz", "/static/", "/r/", "/public/")


class LoginRequiredMiddleware(DjangoLoginRequired):
    def process_view(self, request, view_func, view_args, view_kwargs):  # type: ignore[no-untyped-def]
        if request.path.startswith(OPEN_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
