"""Board pages: findings first, chart beside a table, exports, and fixed query counts."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.factories import BoardFactory, BoardMembershipFactory, OrganisationFactory, PersonFactory


def seat_many(board, n, sector="acute", profession="doctor"):
    org = OrganisationFactory(system=board.system, sector=sector)
    for _ in range(n):
        BoardMembershipFactory(
            board=board,
            person=PersonFactory(system=board.system, organisation=org, profession=profession),
        )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_board_page_shows_findings_chart_and_table(signed_in, member_a, system_a):
    board = BoardFactory(
        system=system_a, slug="crg", name="Clinical group", board_type="clinical_reference"
    )
    seat_many(board, 4)
    page = signed_in(member_a).get(f"/s/{system_a.slug}/boards/crg/").content.decode()
    assert page.index("balance concern") < page.index("concordat-chart")  # findings first
    assert "Clinical voice is only doctors: all 4 clinical members are doctors or GPs." in page
    assert 'role="img"' in page and "Seats by sector" in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["boards/b/", "boards/balance/", "boards/"])
def test_board_pages_cost_the_same_queries_whatever_the_size(path, signed_in, member_a, system_a):
    client = signed_in(member_a)
    board = BoardFactory(system=system_a, slug="b")
    seat_many(board, 3)
    small = queries_for(client, f"/s/{system_a.slug}/{path}")
    seat_many(board, 30, sector="vcse", profession="nurse")
    for _ in range(10):
        seat_many(BoardFactory(system=system_a), 3)
    assert queries_for(client, f"/s/{system_a.slug}/{path}") == small


@pytest.mark.django_db
def test_comparison_exports_every_board_with_its_shares(signed_in, member_a, system_a):
    for i in range(3):
        seat_many(BoardFactory(system=system_a, name=f"Board {i}"), 2 + i)
    client = signed_in(member_a)
    csv_text = client.get(f"/s/{system_a.slug}/boards/balance/?format=csv").content.decode()
    lines = csv_text.strip().splitlines()
    assert len(lines) == 4 and "NHS (share of seats)" in lines[0]
    sheet = load_workbook(
        io.BytesIO(client.get(f"/s/{system_a.slug}/boards/balance/?format=xlsx").content)
    ).active
    assert sheet.max_row == 4
    members = client.get(f"/s/{system_a.slug}/boards/?format=csv").content.decode()
    assert members.count("\n") == 4


@pytest.mark.django_db
def test_board_member_export(signed_in, member_a, system_a):
    board = BoardFactory(system=system_a, slug="x")
    seat_many(board, 3)
    text = signed_in(member_a).get(f"/s/{system_a.slug}/boards/x/?format=csv").content.decode()
    assert text.splitlines()[0].startswith("Name,Organisation,Profession,Sits as")
    assert len(text.strip().splitlines()) == 4
