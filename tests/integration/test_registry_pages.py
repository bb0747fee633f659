"""The registry's read and edit pages: what members see, what admins change, what
outsiders never reach, and a fixed query count whatever the size of the system."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from core.models import AuditEvent
from partnership.models import Person, RoleAssignment, RoleProfile
from tests.factories import (
    BoardFactory,
    BoardMembershipFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
)


def populate(system, n):
    """A system with n organisations, n people with roles and seats, and n/2 boards."""
    place = PlaceFactory(system=system)
    NeighbourhoodFactory(place=place)
    orgs = [OrganisationFactory(system=system) for _ in range(n)]
    for org in orgs:
        org.places.add(place)
    roles = list(RoleProfile.objects.all())
    boards = [BoardFactory(system=system) for _ in range(max(1, n // 2))]
    for i in range(n):
        person = PersonFactory(system=system, organisation=orgs[i])
        RoleAssignment.objects.create(system=system, role=roles[i % len(roles)], person=person)
        BoardMembershipFactory(board=boards[i % len(boards)], person=person)
    return orgs, boards


LIST_PAGES = ["", "organisations/", "people/", "roles/", "boards/"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", LIST_PAGES)
def test_list_pages_cost_the_same_queries_for_small_and_large_systems(
    page, system_a, member_a, signed_in, django_assert_max_num_queries
):
    client = signed_in(member_a)
    populate(system_a, 3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/s/{system_a.slug}/{page}").status_code == 200
    populate(system_a, 30)
    with CaptureQueriesContext(connection) as large:
        assert client.get(f"/s/{system_a.slug}/{page}").status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["organisations/", "people/", "roles/", "boards/"])
def test_every_list_exports_csv_and_excel(page, system_a, member_a, signed_in):
    client = signed_in(member_a)
    populate(system_a, 4)
    csv_response = client.get(f"/s/{system_a.slug}/{page}?format=csv")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    lines = csv_response.content.decode().strip().splitlines()
    xlsx_response = client.get(f"/s/{system_a.slug}/{page}?format=xlsx")
    assert xlsx_response.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet.max_row == len(lines)  # same rows, header included
    assert client.get(f"/s/{system_a.slug}/{page}?format=pdfx").status_code == 404


@pytest.mark.django_db
def test_people_export_never_contains_gender_or_ethnicity(system_a, member_a, signed_in):
    PersonFactory(system=system_a, gender="Agender-test", ethnicity="Ethnicity-test")
    body = signed_in(member_a).get(f"/s/{system_a.slug}/people/?format=csv").content.decode()
    assert "Agender-test" not in body and "Ethnicity-test" not in body


@pytest.mark.django_db
def test_spreadsheet_formulas_are_neutralised_in_exports(system_a, member_a, signed_in):
    PersonFactory(system=system_a, full_name="=HYPERLINK(1)")
    body = signed_in(member_a).get(f"/s/{system_a.slug}/people/?format=csv").content.decode()
    assert "'=HYPERLINK(1)" in body


@pytest.mark.django_db
def test_member_of_a_cannot_open_pages_of_b(system_b, member_a, admin_a, signed_in):
    orgs, boards = populate(system_b, 2)
    person = Person.objects.filter(system=system_b).first()
    paths = [
        "",
        "organisations/",
        f"organisations/{orgs[0].ods_code}/",
        "people/",
        f"people/{person.pk}/",
        "roles/",
        "boards/",
        f"boards/{boards[0].slug}/",
        "people/?format=csv",
        "organisations/add/",
        f"people/{person.pk}/edit/",
        "boards/add/",
        f"boards/{boards[0].slug}/edit/",
    ]
    for user in (member_a, admin_a):
        client = signed_in(user)
        for path in paths:
            assert client.get(f"/s/{system_b.slug}/{path}").status_code == 404, path
            assert client.post(f"/s/{system_b.slug}/{path}", {}).status_code in (404, 405), path


@pytest.mark.django_db
def test_members_cannot_use_edit_pages(system_a, member_a, signed_in):
    client = signed_in(member_a)
    assert client.get(f"/s/{system_a.slug}/people/add/").status_code == 404
    response = client.post(
        f"/s/{system_a.slug}/people/add/", {"full_name": "X", "profession": "nurse"}
    )
    assert response.status_code == 404
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_admin_adds_a_person_and_the_change_is_audited(system_a, admin_a, signed_in):
    org = OrganisationFactory(system=system_a)
    client = signed_in(admin_a)
    response = client.post(
        f"/s/{system_a.slug}/people/add/",
        {"full_name": "Rowan Testwell", "profession": "nurse", "organisation": org.pk},
    )
    person = Person.objects.get(full_name="Rowan Testwell")
    assert response["Location"] == f"/s/{system_a.slug}/people/{person.pk}/"
    assert AuditEvent.objects.filter(verb="created", object_repr="Rowan Testwell").exists()
    assert "Rowan Testwell" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
def test_bad_form_input_gets_a_400_with_messages_and_writes_nothing(system_a, admin_a, signed_in):
    client = signed_in(admin_a)
    events = AuditEvent.objects.count()
    response = client.post(
        f"/s/{system_a.slug}/boards/add/",
        {"name": "", "board_type": "place_board", "level": "place"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose the place this board serves." in page
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_organisation_from_another_systems_list_cannot_be_chosen(
    system_a, system_b, admin_a, signed_in
):
    foreign = OrganisationFactory(system=system_b)
    response = signed_in(admin_a).post(
        f"/s/{system_a.slug}/people/add/",
        {"full_name": "Sly", "profession": "gp", "organisation": foreign.pk},
    )
    assert response.status_code == 400
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_unknown_urls_and_ids_are_friendly_404s(system_a, member_a, signed_in):
    client = signed_in(member_a)
    for path in (
        "/s/no-such-system/",
        f"/s/{system_a.slug}/people/999999/",
        f"/s/{system_a.slug}/organisations/NOPE/",
        f"/s/{system_a.slug}/roles/nope/",
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_healthz_reports_database_state(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    import os
    import subprocess
    import sys

    script = (
        "import django, os; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz'); print(r.status_code, r.json()['database'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "concordat.settings",
        # Nothing listens on port 1: the database is unreachable.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "503 unreachable", result.stderr[-2000:]


@pytest.mark.django_db
def test_admin_adds_places_neighbourhoods_and_assigns_roles(system_a, admin_a, signed_in):
    client = signed_in(admin_a)
    bad = client.post(f"/s/{system_a.slug}/places/add/", {"ons_code": "E06", "name": "X"})
    assert bad.status_code == 400 and "9 letters and numbers" in bad.content.decode()
    assert (
        client.post(
            f"/s/{system_a.slug}/places/add/", {"ons_code": "e06999999", "name": "Testplace"}
        ).status_code
        == 302
    )
    place = system_a.places.get()
    assert place.ons_code == "E06999999"
    assert (
        client.post(
            f"/s/{system_a.slug}/neighbourhoods/add/",
            {"place": place.pk, "code": "zt9", "name": "Testhood"},
        ).status_code
        == 302
    )
    assert place.neighbourhoods.get().code == "ZT9"
    duplicate = client.post(
        f"/s/{system_a.slug}/places/add/", {"ons_code": "E06999999", "name": "Again"}
    )
    assert duplicate.status_code == 400
    person = PersonFactory(system=system_a)
    role = RoleProfile.objects.get(slug="system-finance-lead")
    assert (
        client.post(
            f"/s/{system_a.slug}/roles/{role.slug}/assign/", {"person": person.pk}
        ).status_code
        == 302
    )
    page = client.get(f"/s/{system_a.slug}/roles/{role.slug}/").content.decode()
    assert person.full_name in page
