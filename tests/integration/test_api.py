"""The read API: authentication by session or personal token, the same permissions as the
pages, pagination, and no personal diversity data."""

from __future__ import annotations

import pytest

from accounts.models import ApiToken
from accounts.tokens import token_create, token_revoke
from tests.factories import BoardFactory, BoardMembershipFactory, OrganisationFactory, PersonFactory


@pytest.fixture
def registry(system_a):
    org = OrganisationFactory(system=system_a, sector="vcse")
    for i in range(5):
        PersonFactory(system=system_a, organisation=org, gender="Secret", full_name=f"P{i}")
    board = BoardFactory(system=system_a, slug="partnership-board", board_type="icp")
    BoardMembershipFactory(board=board, person=PersonFactory(system=system_a, profession="gp"))
    return {"org": org, "board": board}


@pytest.mark.django_db
def test_requests_without_credentials_get_401_json(client, system_a):
    for path in ("/api/systems", f"/api/systems/{system_a.slug}/people"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.django_db
def test_session_and_token_both_work_and_revoked_tokens_do_not(client, member_a, system_a):
    token, secret = token_create(by=member_a, name="script")
    assert ApiToken.objects.get().key_hash != secret  # only a hash is stored
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    response = client.get("/api/systems", **auth)
    assert response.status_code == 200
    assert [s["slug"] for s in response.json()] == [system_a.slug]
    token.refresh_from_db()
    assert token.last_used_at is not None
    token_revoke(by=member_a, token=token)
    assert client.get("/api/systems", **auth).status_code == 401
    assert client.get("/api/systems", HTTP_AUTHORIZATION="Bearer cnc_wrong").status_code == 401
    client.force_login(member_a)
    assert client.get("/api/systems").status_code == 200


@pytest.mark.django_db
def test_people_are_paginated_and_carry_no_diversity_fields(client, member_a, system_a, registry):
    client.force_login(member_a)
    page = client.get(f"/api/systems/{system_a.slug}/people?limit=2&offset=0").json()
    assert page["count"] == 6 and len(page["items"]) == 2
    assert set(page["items"][0]) == {"id", "full_name", "job_title", "profession", "organisation"}
    assert "Secret" not in client.get(f"/api/systems/{system_a.slug}/people").content.decode()


@pytest.mark.django_db
def test_board_endpoint_includes_seats_and_balance_findings(client, member_a, system_a, registry):
    client.force_login(member_a)
    board = client.get(f"/api/systems/{system_a.slug}/boards/partnership-board").json()
    assert board["members"] == 1 and board["seats"][0]["profession"] == "gp"
    texts = [f["text"] for f in board["findings"]]
    assert any(t.startswith("Only 1 member") for t in texts)
    assert (
        "No local government seat: councils, social care and public health have no voice here."
        in texts
    )
    assert {s["group"] for s in board["shares"]} >= {"nhs", "local_government", "vcse"}


@pytest.mark.django_db
def test_other_systems_answer_404_through_a_token_too(client, admin_b, system_a, registry):
    _, secret = token_create(by=admin_b, name="b")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    for path in (
        "",
        "/people",
        "/organisations",
        f"/organisations/{registry['org'].ods_code}",
        "/boards",
        "/boards/partnership-board",
        "/places",
        "/roles",
    ):
        assert client.get(f"/api/systems/{system_a.slug}{path}", **auth).status_code == 404


@pytest.mark.django_db
def test_openapi_docs_are_served(client):
    assert client.get("/api/docs").status_code == 200
    schema = client.get("/api/openapi.json").json()
    assert "/api/systems/{slug}/boards/{board_slug}" in schema["paths"]


@pytest.mark.django_db
def test_token_page_shows_the_secret_once(client, member_a):
    client.force_login(member_a)
    response = client.post("/accounts/tokens/", {"name": "My script"})
    secret = response.context["new_secret"]
    assert secret.startswith("cnc_") and secret in response.content.decode()
    assert secret not in client.get("/accounts/tokens/").content.decode()
    assert client.post("/accounts/tokens/", {"name": ""}).status_code == 400
