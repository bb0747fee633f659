"""Error pages in the NHS.UK style, with plain words and a way back."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"title": title, "message": message, "status": status},
        status=status,
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        404,
        "Page not found",
        "If you typed the address, check it is correct. If you followed a link, the "
        "page may have moved, or you may not have access to it.",
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        403,
        "You cannot do that",
        "Your role in this system does not allow it. Ask your system admin.",
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        400,
        "Something was wrong with that request",
        "Go back, check what you entered and try again.",
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return _page(
        request,
        500,
        "Sorry, there is a problem with the service",
        "Try again later. Nothing you entered has been half-saved.",
    )
