"""Whole-system JSON export and import: round trip, idempotence, every problem at once,
and nothing written when anything is wrong."""

from __future__ import annotations

import copy
import io
import json

import pytest

from core.models import AuditEvent
from partnership.demo import build_demo
from partnership.interchange import export_system, import_system
from partnership.models import Board, BoardMembership, Person, System


def comparable(doc):
    doc = copy.deepcopy(doc)
    doc.pop("exported_at")
    doc["system"].pop("slug"), doc["system"].pop("code"), doc["system"].pop("name")
    # Person keys are database ids: compare people by their content, seats by name.
    names = {p["key"]: p["full_name"] for p in doc["people"]}
    for p in doc["people"]:
        p.pop("key")
    for r in doc["roles"]:
        r["person"] = names[r["person"]]
    for b in doc["boards"]:
        for m in b["members"]:
            m["person"] = names[m["person"]]
        b["members"].sort(key=lambda m: (m["person"], m["start_date"] or ""))
    doc["people"].sort(key=lambda p: (p["full_name"], p["organisation"] or ""))
    doc["roles"].sort(key=lambda r: (r["role"], r["person"]))
    return doc


@pytest.fixture
def demo(db):
    return build_demo(2026).systems["kestrel-vale"]


@pytest.mark.django_db
def test_round_trip_into_a_new_system_gives_the_same_document(demo):
    original = export_system(demo)
    renamed = copy.deepcopy(original)
    renamed["system"].update(slug="kestrel-copy", code="QZC", name="Copy")
    # The organisations are shared with the source system; people, boards and seats are new.
    result = import_system(renamed, by=None)
    assert result.ok, result.problems
    copy_system = System.objects.get(slug="kestrel-copy")
    assert comparable(export_system(copy_system)) == comparable(original)
    assert result.created["people"] == demo.people.count()
    assert (
        result.created["board seats"] == BoardMembership.objects.filter(board__system=demo).count()
    )


@pytest.mark.django_db
def test_re_importing_the_same_document_changes_nothing(demo):
    document = export_system(demo)
    events = AuditEvent.objects.count()
    result = import_system(document, by=None, into=demo)
    assert result.ok, result.problems
    assert result.created == {} and result.updated == {}
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_every_problem_is_listed_with_its_path_and_nothing_is_written(demo):
    document = export_system(demo)
    document["system"].update(slug="brand-new", code="QZN")
    document["organisations"][0]["sector"] = "spaceport"
    document["people"][3]["organisation"] = "NOPE1"
    document["people"][4]["profession"] = ""
    document["boards"][2]["members"][1]["person"] = "p-does-not-exist"
    document["boards"][1]["level"] = "place"
    document["boards"][1]["place"] = None
    document["boards"][0]["members"][0]["start_date"] = "31/03/2025"
    document["places"][1]["ons_code"] = document["places"][0]["ons_code"]
    before = (
        System.objects.count(),
        Person.objects.count(),
        Board.objects.count(),
        AuditEvent.objects.count(),
    )
    result = import_system(document, by=None)
    assert not result.ok
    text = "\n".join(result.problems)
    assert "organisations[0].sector: 'spaceport' is not one of" in text
    assert "people[3].organisation: unknown organisation 'NOPE1'" in text
    assert "people[4].profession: is required" in text
    assert "boards[2].members[1].person: unknown person key 'p-does-not-exist'" in text
    assert "boards[1].place: a place board needs its place" in text
    assert "boards[0].members[0].start_date: '31/03/2025' is not a date" in text
    assert "places[1].ons_code: ONS code" in text and "appears more than once" in text
    assert len(result.problems) >= 7
    assert (
        System.objects.count(),
        Person.objects.count(),
        Board.objects.count(),
        AuditEvent.objects.count(),
    ) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "document, message",
    [
        ([], "must be a JSON object"),
        ({"format": "other"}, "not a Concordat registry document"),
        ({"format": "concordat.registry", "version": 99}, "Version 99 is not supported"),
        (
            {"format": "concordat.registry", "version": 1, "system": "x"},
            "system: must be an object",
        ),
        (
            {"format": "concordat.registry", "version": 1, "system": {}, "people": {}},
            "people: must be a list",
        ),
    ],
)
def test_malformed_documents_get_clear_messages(document, message):
    result = import_system(document, by=None)
    assert any(message in p for p in result.problems), result.problems


@pytest.mark.django_db
def test_upload_page_imports_and_refuses_with_400(signed_in, admin_a, system_a, demo):
    client = signed_in(admin_a)
    document = export_system(demo)
    document.pop("exported_at")
    upload = io.BytesIO(json.dumps(document).encode())
    upload.name = "registry.json"
    response = client.post(f"/s/{system_a.slug}/import/", {"document": upload})
    assert response.status_code == 302
    assert System.objects.get(slug=system_a.slug).boards.count() == demo.boards.count()

    bad = io.BytesIO(b"{not json")
    bad.name = "bad.json"
    response = client.post(f"/s/{system_a.slug}/import/", {"document": bad})
    assert response.status_code == 400
    assert "not valid JSON" in response.content.decode()

    big = io.BytesIO(b" " * (5 * 1024 * 1024 + 1))
    big.name = "big.json"
    response = client.post(f"/s/{system_a.slug}/import/", {"document": big})
    assert response.status_code == 400
    assert "the limit is 5 MB" in response.content.decode()

    assert client.post(f"/s/{system_a.slug}/import/", {}).status_code == 400


@pytest.mark.django_db
def test_export_download_needs_permission_and_never_includes_diversity(
    signed_in, member_a, analyst_a, system_a
):
    from tests.factories import PersonFactory

    PersonFactory(system=system_a, gender="Secret-gender")
    assert signed_in(member_a).get(f"/s/{system_a.slug}/export.json").status_code == 404
    response = signed_in(analyst_a).get(f"/s/{system_a.slug}/export.json")
    assert response.status_code == 200
    assert "Secret-gender" not in response.content.decode()
    assert response.json()["format"] == "concordat.registry"
