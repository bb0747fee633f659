from __future__ import annotations

from ninja import Router, Schema

from authorization import visible_systems

router = Router(tags=["partnership"])


class SystemOut(Schema):
    slug: str
    name: str
    code: str


@router.get("/systems", response=list[SystemOut])
def list_systems(request):  # type: ignore[no-untyped-def]
    return list(visible_systems(request.user))
