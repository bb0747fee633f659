from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The system in view (set by views on request.system) for the header navigation."""
    return {"current_system": getattr(request, "system", None)}
