"""The read API (django-ninja). Each app adds its router here."""

from __future__ import annotations

from ninja import NinjaAPI

from partnership.api import router as partnership_router

api = NinjaAPI(
    title="Concordat API",
    version="1",
    description="Read access to the partnership registry. Authenticate with your session or "
    "a personal token (Authorization: Bearer <token>). You see only the systems you belong to.",
    docs_url="/docs",
)
api.add_router("/", partnership_router)
