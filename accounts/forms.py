from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from accounts.models import Role, User
from core.forms import NHSFormMixin


class SignInForm(NHSFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "Enter a correct e-mail address and password.",
        "inactive": "This account has been closed. Ask your system admin.",
    }


class ResetRequestForm(NHSFormMixin, PasswordResetForm):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email: str) -> Iterator[Any]:
        # Someone added by an admin has no password until they choose one; if the link in
        # their welcome e-mail has expired, this is how they get a new one. Every account
        # here signs in with a Concordat password, so none is excluded for lacking one.
        return iter(User.objects.filter(email__iexact=email, is_active=True))


class NewPasswordForm(NHSFormMixin, SetPasswordForm):
    pass


ROLE_HELP = (
    "Members read the registry, boards and leadership pages; analysts also load partner "
    "data and export the registry; admins also edit the registry, run assessments for "
    "others and manage who belongs to the system."
)


class MemberAddForm(NHSFormMixin, forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text="Their work address. Someone new gets an e-mail with a link to choose a "
        "password.",
    )
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        required=False,
        help_text="Needed only if they have no Concordat account yet.",
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, help_text=ROLE_HELP)


class MemberRoleForm(NHSFormMixin, forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices, help_text=ROLE_HELP)


class ConfirmForm(NHSFormMixin, forms.Form):
    """A POST with nothing to fill in: the button is the confirmation."""
