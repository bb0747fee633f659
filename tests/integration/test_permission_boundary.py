"""A member (or admin) of system A cannot read or change anything of system B, through any
page or API endpoint. The test walks every URL pattern of the project, so a page added
later without its permission check fails here."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from accounts.models import Membership
from leadership import actions as leadership_actions
from leadership.models import SelfAssessment
from partnership.demo import build_demo
from partnership.models import BoardMembership, Person, RoleProfile
from tests.factories import MembershipFactory, UserFactory

SPEC = {
    "slug": "boundary",
    "title": "Boundary",
    "version": "1",
    "kind": "capabilities",
    "sections": [{"slug": "s", "title": "S", "items": [{"slug": "i", "text": "I"}]}],
}

# Routes that are not scoped by a system: reached by a private token, or the user's own.
UNSCOPED_PREFIXES = ("r/", "accounts/", "healthz", "api/")


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def fill(route: str, values: dict[str, str]) -> str:
    import re

    def sub(match):
        name = match.group(2)
        if name not in values:
            raise KeyError(f"the boundary test does not know how to fill <{name}> in {route}")
        return values[name]

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", sub, route)


@pytest.fixture
def other_system(db):
    """Kestrel Vale (system B for the attacker) with one of everything."""
    ctx = build_demo(2026)
    system = ctx.systems["kestrel-vale"]
    person = Person.objects.filter(system=system, user__isnull=False).first()
    version = leadership_actions.framework_install(by=None, spec=SPEC)
    feedback = leadership_actions.feedback_open(
        by=None,
        system=system,
        leader=person,
        version=version,
        closes_on=timezone.localdate() + timedelta(days=9),
    )
    assessment = SelfAssessment.objects.create(person=person, framework_version=version)
    board = system.boards.first()
    seat = BoardMembership.objects.filter(board=board).first()
    return {
        "slug": system.slug,
        "ods_code": person.organisation.ods_code,
        "person_id": str(person.pk),
        "board_slug": board.slug,
        "seat_id": str(seat.pk),
        "role_slug": RoleProfile.objects.first().slug,
        "framework_slug": "boundary",
        "pk": str(feedback.pk),
        "self_pk": str(assessment.pk),
        "membership_id": str(Membership.objects.filter(system=system).first().pk),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "admin", "analyst"])
def test_every_system_page_of_b_is_404_for_users_of_a(client, other_system, role):
    from tests.factories import SystemFactory

    a = SystemFactory(slug="system-a")
    user = UserFactory()
    MembershipFactory(user=user, system=a, role=role)
    client.force_login(user)
    checked = 0
    for route, _pattern in walk(get_resolver().url_patterns):
        if route.startswith(UNSCOPED_PREFIXES) or "<slug:slug>" not in route:
            continue
        values = dict(other_system)
        if "/self/" in route:
            values["pk"] = other_system["self_pk"]
        url = fill(route, values)
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            assert status in (404, 405), f"{method.upper()} {url} answered {status}"
        checked += 1
    assert checked >= 30  # every system-scoped page of the registry and leadership


@pytest.mark.django_db
def test_every_api_endpoint_of_b_is_404_for_users_of_a(client, other_system):
    from concordat.api import api
    from tests.factories import SystemFactory

    user = UserFactory()
    MembershipFactory(user=user, system=SystemFactory(slug="system-a"), role="admin")
    client.force_login(user)
    checked = 0
    for _prefix, router in api._routers:
        for path in router.path_operations:
            if "{slug}" not in path:
                continue
            url = "/api" + path.replace("{slug}", other_system["slug"]).replace(
                "{ods_code}", other_system["ods_code"]
            ).replace("{board_slug}", other_system["board_slug"])
            response = client.get(url)
            assert response.status_code == 404, f"GET {url} answered {response.status_code}"
            checked += 1
    assert checked >= 8
    # The list of systems does not mention B at all.
    assert other_system["slug"] not in client.get("/api/systems").content.decode()
