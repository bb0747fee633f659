"""Shared fixtures: two systems, so every test can check the permission boundary."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, MembershipFactory, SystemFactory, UserFactory


@pytest.fixture
def system_a(db):
    return SystemFactory(name="System A", slug="system-a", code="QA1")


@pytest.fixture
def system_b(db):
    return SystemFactory(name="System B", slug="system-b", code="QB1")


def _user_in(system, role):
    user = UserFactory()
    MembershipFactory(user=user, system=system, role=role)
    return user


@pytest.fixture
def member_a(system_a):
    return _user_in(system_a, "member")


@pytest.fixture
def admin_a(system_a):
    return _user_in(system_a, "admin")


@pytest.fixture
def analyst_a(system_a):
    return _user_in(system_a, "analyst")


@pytest.fixture
def admin_b(system_b):
    return _user_in(system_b, "admin")


@pytest.fixture
def signed_in(client):
    """signed_in(user) signs the test client in as that user and returns the client."""

    def _sign_in(user):
        assert client.login(username=user.email, password=PASSWORD)
        return client

    return _sign_in
