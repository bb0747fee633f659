"""The demo ICS promised to new users: its size, its two systems, its unbalanced and large
boards, determinism and idempotence."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import User
from analytics.geography import SECTORS
from partnership import queries
from partnership.demo import build_demo
from partnership.models import Board, BoardMembership, Organisation, Person, System


def snapshot():
    return (
        sorted(Person.objects.values_list("full_name", "profession", "organisation__ods_code")),
        sorted(BoardMembership.objects.values_list("board__slug", "person__full_name", "capacity")),
    )


@pytest.mark.django_db
def test_demo_has_the_promised_shape():
    build_demo(2026)
    kv = System.objects.get(slug="kestrel-vale")
    assert kv.places.count() == 3
    assert sum(p.neighbourhoods.count() for p in kv.places.all()) == 12
    orgs = Organisation.objects.filter(partnerships__system=kv)
    assert 35 <= orgs.count() <= 45
    assert set(orgs.values_list("sector", flat=True)) == set(SECTORS)
    assert 130 <= kv.people.count() <= 170
    assert 9 <= kv.boards.count() <= 12
    assert System.objects.filter(slug="saltmarsh").exists()
    # One organisation is a partner of both systems.
    assert Organisation.objects.get(ods_code="ZR5").systems.count() == 2
    balances = {board.slug: balance for board, balance in queries.balances_for_system(kv)}
    assert max(b.size for b in balances.values()) > 16  # a large board
    crg = balances["clinical-reference-group"]
    assert any("only doctors" in f.text for f in crg.findings)
    assert any("No nursing or allied health professional voice" in f.text for f in crg.findings)
    # Every name is from the fictional lists and no real e-mail domain is used.
    assert not User.objects.exclude(email__endswith="@concordat.test").exists()


@pytest.mark.django_db
def test_demo_is_deterministic_for_a_seed():
    build_demo(7)
    first = snapshot()
    System.objects.all().delete()
    Organisation.objects.all().delete()
    User.objects.all().delete()
    build_demo(7)
    assert snapshot() == first


@pytest.mark.django_db
def test_running_the_demo_command_twice_duplicates_nothing(capsys):
    call_command("demo")
    counts = (
        Person.objects.count(),
        Board.objects.count(),
        BoardMembership.objects.count(),
        User.objects.count(),
    )
    call_command("demo")
    out = capsys.readouterr().out
    assert "already built" in out
    assert "demo.admin@concordat.test" in out and "concordat-demo" in out
    assert (
        Person.objects.count(),
        Board.objects.count(),
        BoardMembership.objects.count(),
        User.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_demo_users_see_only_their_own_system(client):
    build_demo(2026)
    assert client.login(username="saltmarsh.admin@concordat.test", password="concordat-demo")
    assert client.get("/s/saltmarsh/").status_code == 200
    assert client.get("/s/kestrel-vale/").status_code == 404
