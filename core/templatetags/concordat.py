"""Small template helpers available in every template."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context: dict[str, Any], fmt: str) -> str:
    request = context["request"]
    params = request.GET.copy()
    params["format"] = fmt
    return f"{request.path}?{urlencode(params, doseq=True)}"


@register.filter
def percent(value: float | None, places: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value * 100:.{places}f}%"


@register.filter
def json_script_safe(value: Any) -> str:
    """JSON for a <script type="application/json"> block (no closing tags inside)."""
    text = json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e")
    return mark_safe(text)  # noqa: S308 - escaped above


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None
