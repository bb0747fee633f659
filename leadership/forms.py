"""Reading rating forms. The forms are drawn from a framework's spec, so they are parsed
here from the POST data rather than declared as Django form fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms

from core.forms import NHSFormMixin
from leadership.models import FrameworkVersion, RaterGroup
from partnership.models import Organisation, Person

NOT_OBSERVED = "na"


@dataclass
class RatingInput:
    answers: dict[str, Any] = field(default_factory=dict)
    importance: dict[str, Any] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    today: dict[str, Any] = field(default_factory=dict)
    wanted: dict[str, Any] = field(default_factory=dict)


def read_ratings(post: Any, version: FrameworkVersion) -> RatingInput:
    data = RatingInput()
    for section in version.sections:
        for item in section.get("items", []):
            slug = item["slug"]
            for prefix, target in (
                ("item", data.answers),
                ("today", data.today),
                ("wanted", data.wanted),
            ):
                value = post.get(f"{prefix}-{slug}")
                if value is not None and value != "":
                    target[slug] = None if value == NOT_OBSERVED else value
        value = post.get(f"importance-{section['slug']}")
        if value:
            data.importance[section["slug"]] = value
    for key, value in post.items():
        if key.startswith("comment-") and value.strip():
            data.comments[key.removeprefix("comment-")[:80]] = value
    return data


def rating_rows(
    version: FrameworkVersion, values: dict[str, Any], prefix: str = "item"
) -> list[dict[str, Any]]:
    """Sections with their items and the chosen value, for the rating templates."""
    rows = []
    for section in version.sections:
        items = []
        for item in section.get("items", []):
            chosen = values.get(item["slug"], "")
            items.append(
                {
                    **item,
                    "name": f"{prefix}-{item['slug']}",
                    "chosen": NOT_OBSERVED if chosen is None else str(chosen),
                }
            )
        rows.append({**section, "items": items})
    return rows


class OpenFeedbackForm(NHSFormMixin, forms.Form):
    leader = forms.ModelChoiceField(queryset=Person.objects.none(), help_text="Whose 360 this is")
    framework = forms.ChoiceField(help_text="What the raters will rate")
    closes_on = forms.DateField(
        label="Closing date",
        help_text="For example 2026-12-31",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ask_importance = forms.BooleanField(
        required=False,
        initial=True,
        label="Also ask raters how important each capability is in this role",
    )

    def __init__(
        self, *args: Any, leaders: Any, versions: list[FrameworkVersion], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders
        self.fields["framework"].choices = [(v.pk, v.framework.title) for v in versions]

    def clean_closes_on(self) -> date:
        value = self.cleaned_data["closes_on"]
        if value <= date.today():
            raise forms.ValidationError("The closing date must be in the future.")
        return value


class RaterRowForm(NHSFormMixin, forms.Form):
    email = forms.EmailField(required=False, label="E-mail address")
    name = forms.CharField(required=False, max_length=200, label="Name")
    group = forms.ChoiceField(
        choices=[("", "Choose a group")] + list(RaterGroup.choices), required=False
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        help_text="For partners: their organisation, so their sector is known",
    )
    show_apart = forms.BooleanField(
        required=False, label="Line manager: show their answers on their own (they are told)"
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("email") and not data.get("group"):
            self.add_error("group", "Choose the rater's group.")
        if data.get("group") and not data.get("email"):
            self.add_error("email", "Enter the rater's e-mail address.")
        if (
            data.get("group") == RaterGroup.PARTNER
            and data.get("email")
            and not data.get("organisation")
        ):
            self.add_error("organisation", "Choose the partner's organisation.")
        return data


RaterFormSet = forms.formset_factory(RaterRowForm, extra=6, max_num=60)


class ShareForm(NHSFormMixin, forms.Form):
    email = forms.EmailField(
        label="E-mail address of your coach or line manager",
        help_text="They must have a Concordat account in this system.",
    )
    role = forms.ChoiceField(choices=[("coach", "Coach"), ("line_manager", "Line manager")])
