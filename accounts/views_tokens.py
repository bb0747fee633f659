"""A user's personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from accounts.models import ApiToken
from accounts.tokens import token_create, token_revoke


def token_list(request: HttpRequest) -> HttpResponse:
    new_secret = None
    errors = []
    if request.method == "POST" and "revoke" in request.POST:
        token = get_object_or_404(ApiToken, pk=request.POST.get("revoke"), user=request.user)
        token_revoke(by=request.user, token=token)
        messages.success(request, f"The token {token.name} no longer works.")
        return redirect("accounts:tokens")
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name:
            errors.append("Give the token a name, so you know what uses it.")
        else:
            _, new_secret = token_create(by=request.user, name=name)
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": tokens, "new_secret": new_secret, "errors": errors},
        status=400 if errors else 200,
    )
