from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

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


class NewPasswordForm(NHSFormMixin, SetPasswordForm):
    pass
