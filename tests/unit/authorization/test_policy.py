from __future__ import annotations

import pytest

from authorization import Permission, has_permission, permissions_for, visible_systems
from tests.factories import UserFactory


@pytest.mark.django_db
def test_member_reads_own_system_but_cannot_edit(member_a, system_a):
    assert has_permission(member_a, Permission.VIEW_SYSTEM, system=system_a)
    assert not has_permission(member_a, Permission.EDIT_REGISTRY, system=system_a)
    assert not has_permission(member_a, Permission.IMPORT_SYSTEM, system=system_a)


@pytest.mark.django_db
def test_no_permission_of_any_kind_in_a_system_one_does_not_belong_to(member_a, admin_a, system_b):
    for user in (member_a, admin_a):
        assert permissions_for(user, system_b) == frozenset()


@pytest.mark.django_db
def test_admin_may_do_everything_in_their_system(admin_a, system_a):
    assert permissions_for(admin_a, system_a) == frozenset(Permission)


@pytest.mark.django_db
def test_analyst_loads_data_and_exports_but_does_not_edit_the_registry(analyst_a, system_a):
    assert has_permission(analyst_a, Permission.LOAD_DATA, system=system_a)
    assert has_permission(analyst_a, Permission.EXPORT_SYSTEM, system=system_a)
    assert not has_permission(analyst_a, Permission.EDIT_REGISTRY, system=system_a)


@pytest.mark.django_db
def test_academy_staff_read_development_data_of_every_system_and_nothing_else(system_a, system_b):
    academy = UserFactory(is_academy_staff=True)
    for system in (system_a, system_b):
        assert permissions_for(academy, system) == {Permission.VIEW_DEVELOPMENT_DATA}
    assert list(visible_systems(academy)) == []


@pytest.mark.django_db
def test_inactive_and_anonymous_users_have_no_permissions(member_a, system_a):
    from django.contrib.auth.models import AnonymousUser

    assert permissions_for(AnonymousUser(), system_a) == frozenset()
    member_a.is_active = False
    member_a.save()
    member_a.refresh_from_db()
    assert permissions_for(member_a, system_a) == frozenset()


@pytest.mark.django_db
def test_visible_systems_lists_only_memberships(member_a, system_a, system_b):
    assert list(visible_systems(member_a)) == [system_a]
