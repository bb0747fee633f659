"""The read API (django-ninja). Each app adds its router here.

Authentication: the browser session, or a personal token sent as
``Authorization: Bearer <token>``. Without either the API answers 401.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from accounts.tokens import user_for_token
from partnership.api import router as partnership_router


class PersonalToken(HttpBearer):
    def authenticate(self, request: Any, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Concordat API",
    version="1",
    description="Read access to the partnership registry. Authenticate with your signed-in "
    "session or a personal token (Authorization: Bearer <token>, created under "
    "/accounts/tokens/). You see only the systems you belong to; anything else answers 404.",
    docs_url="/docs",
    auth=[PersonalToken(), django_auth],
)
api.add_router("/", partnership_router)
