"""Forms of the registry's edit pages. They validate input; actions do the writing."""

from __future__ import annotations

from typing import Any

from django import forms

from core.forms import NHSFormMixin
from partnership.models import (
    BoardType,
    Capacity,
    Level,
    Neighbourhood,
    Organisation,
    Person,
    Place,
    Profession,
    Sector,
    System,
)


class OrganisationForm(NHSFormMixin, forms.Form):
    ods_code = forms.CharField(
        label="ODS code",
        max_length=10,
        help_text="The organisation's NHS ODS code (for example RXX or a council's code).",
    )
    name = forms.CharField(max_length=200)
    sector = forms.ChoiceField(choices=Sector.choices)
    website = forms.URLField(required=False, assume_scheme="https")
    places = forms.ModelMultipleChoiceField(
        queryset=Place.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Places it serves in this system",
    )

    def __init__(self, *args: Any, system: System, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["places"].queryset = Place.objects.filter(system=system)
        self.system = system
        if editing:
            self.fields["ods_code"].disabled = True

    def clean_ods_code(self) -> str:
        code = self.cleaned_data["ods_code"].strip().upper()
        if not code.isalnum():
            raise forms.ValidationError("Use letters and numbers only.")
        return code


class PersonForm(NHSFormMixin, forms.Form):
    full_name = forms.CharField(label="Full name", max_length=200)
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    email = forms.EmailField(label="Work e-mail address", required=False)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), required=False)
    profession = forms.ChoiceField(choices=Profession.choices)
    gender = forms.CharField(
        max_length=60,
        required=False,
        label="Gender (self-described)",
        help_text="Only if the person chose to give it. Shown only in totals of 5 or more.",
    )
    ethnicity = forms.CharField(
        max_length=100,
        required=False,
        label="Ethnicity (self-described)",
        help_text="Only if the person chose to give it. Shown only in totals of 5 or more.",
    )

    def __init__(self, *args: Any, system: System, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnerships__system=system
        ).order_by("name")


class BoardForm(NHSFormMixin, forms.Form):
    name = forms.CharField(max_length=200)
    board_type = forms.ChoiceField(label="Type", choices=BoardType.choices)
    level = forms.ChoiceField(choices=Level.choices)
    place = forms.ModelChoiceField(
        queryset=Place.objects.none(),
        required=False,
        help_text="Needed for a place or neighbourhood board.",
    )
    neighbourhood = forms.ModelChoiceField(
        queryset=Neighbourhood.objects.none(),
        required=False,
        help_text="Needed for a neighbourhood board.",
    )
    purpose = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    meets_in_public = forms.BooleanField(required=False, label="Meets in public")

    def __init__(self, *args: Any, system: System, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(system=system)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(
            place__system=system
        ).select_related("place")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        level = data.get("level")
        neighbourhood = data.get("neighbourhood")
        if neighbourhood is not None and data.get("place") is None:
            data["place"] = neighbourhood.place
        if level == Level.PLACE and data.get("place") is None:
            self.add_error("place", "Choose the place this board serves.")
        if level == Level.NEIGHBOURHOOD and neighbourhood is None:
            self.add_error("neighbourhood", "Choose the neighbourhood this board serves.")
        if (
            neighbourhood is not None
            and data.get("place") is not None
            and neighbourhood.place_id != data["place"].pk
        ):
            self.add_error("neighbourhood", "This neighbourhood is not in the chosen place.")
        if level == Level.SYSTEM:
            data["place"] = None
            data["neighbourhood"] = None
        return data


class BoardMemberForm(NHSFormMixin, forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none())
    capacity = forms.ChoiceField(choices=Capacity.choices, label="Sits as")
    represents = forms.CharField(
        max_length=200,
        required=False,
        help_text="Whom they speak for, if not their employer (for example 'Carers').",
    )
    is_chair = forms.BooleanField(required=False, label="Chairs the board")
    voting = forms.BooleanField(required=False, initial=True, label="Has a vote")
    start_date = forms.DateField(
        required=False,
        label="Start date",
        help_text="For example 2026-04-01",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, system: System, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.filter(system=system)
            .select_related("organisation")
            .order_by("full_name")
        )


class EndSeatForm(NHSFormMixin, forms.Form):
    end_date = forms.DateField(
        label="Last day on the board",
        help_text="For example 2026-03-31",
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class PlaceForm(NHSFormMixin, forms.Form):
    ons_code = forms.CharField(
        label="ONS code",
        max_length=9,
        help_text="The local authority's ONS code, for example E06000001.",
    )
    name = forms.CharField(max_length=200)

    def clean_ons_code(self) -> str:
        code = self.cleaned_data["ons_code"].strip().upper()
        if not code.isalnum() or len(code) != 9:
            raise forms.ValidationError("An ONS code has 9 letters and numbers.")
        return code


class NeighbourhoodForm(NHSFormMixin, forms.Form):
    place = forms.ModelChoiceField(queryset=Place.objects.none())
    code = forms.CharField(max_length=12, help_text="For example the PCN's code.")
    name = forms.CharField(max_length=200)

    def __init__(self, *args: Any, system: System, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.filter(system=system)


class RoleAssignmentForm(NHSFormMixin, forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none())
    start_date = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="For example 2026-04-01",
    )

    def __init__(self, *args: Any, system: System, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(system=system).order_by("full_name")
