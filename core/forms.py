"""NHS.UK styling for Django form widgets, so templates stay plain."""

from __future__ import annotations

from typing import Any

from django import forms

_CLASSES = {
    "select": "nhsuk-select",
    "textarea": "nhsuk-textarea",
    "checkbox": "nhsuk-checkboxes__input",
    "radio": "nhsuk-radios__input",
    "file": "nhsuk-file-upload",
}


class NHSFormMixin:
    """Adds NHS.UK classes and error/hint descriptions to every widget."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for name, field in self.fields.items():
            widget = field.widget
            kind = getattr(widget, "input_type", None) or (
                "textarea" if isinstance(widget, forms.Textarea) else None
            )
            if isinstance(widget, forms.Select):
                kind = "select"
            css = _CLASSES.get(kind or "", "nhsuk-input")
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            described = []
            if field.help_text:
                described.append(f"id_{name}-hint")
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "errors", {}):
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " nhsuk-input--error"
                widget.attrs["aria-describedby"] = (
                    widget.attrs.get("aria-describedby", "") + f" id_{name}-error"
                ).strip()
