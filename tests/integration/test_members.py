"""A system admin manages who belongs to the system; every change is in the audit trail,
and a system never loses its last admin."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import Membership, User
from core.models import AuditEvent
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_admin_adds_a_new_colleague_who_chooses_a_password_from_the_email(
    client, signed_in, admin_a, system_a, django_capture_on_commit_callbacks
):
    c = signed_in(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            "/s/system-a/members/add/",
            {
                "email": "New.Colleague@Example.test",
                "full_name": "Nia Colleague",
                "role": "analyst",
            },
        )
    assert response.status_code == 302 and response.url == "/s/system-a/members/"
    user = User.objects.get(email="new.colleague@example.test")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, system=system_a).role == "analyst"
    assert [m.to for m in mail.outbox] == [["new.colleague@example.test"]]
    page = c.get("/s/system-a/members/").content.decode()
    assert "Nia Colleague" in page and "Not yet" in page
    # The e-mailed link lets them choose a password and sign in.
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+/)", mail.outbox[0].body)
    c.logout()
    form_page = c.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = c.post(
        set_url,
        {"new_password1": "a-long-new-passphrase", "new_password2": "a-long-new-passphrase"},
    )
    assert done.status_code == 302
    assert c.login(username="new.colleague@example.test", password="a-long-new-passphrase")
    assert c.get("/s/system-a/").status_code == 200
    verbs = list(AuditEvent.objects.filter(system=system_a).values_list("verb", flat=True))
    assert "account created" in verbs and "member added" in verbs


def test_an_existing_account_is_added_without_a_new_password_and_only_once(
    signed_in, admin_a, admin_b, system_a, django_capture_on_commit_callbacks
):
    c = signed_in(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            "/s/system-a/members/add/", {"email": admin_b.email.upper(), "role": "member"}
        )
    assert response.status_code == 302
    assert User.objects.get(pk=admin_b.pk).check_password(PASSWORD)  # their password stands
    assert "Sign in as usual" in mail.outbox[0].body
    again = c.post("/s/system-a/members/add/", {"email": admin_b.email, "role": "admin"})
    assert again.status_code == 400
    assert "already a member" in again.content.decode()
    assert Membership.objects.get(user=admin_b, system=system_a).role == "member"


def test_a_new_address_needs_a_name_and_bad_input_changes_nothing(signed_in, admin_a):
    c = signed_in(admin_a)
    before = (User.objects.count(), Membership.objects.count(), AuditEvent.objects.count())
    for data, message in [
        ({"email": "someone@example.test", "role": "member"}, "Enter the person&#x27;s full name"),
        ({"email": "not-an-address", "role": "member"}, "Enter a valid email address"),
        ({"email": "x@example.test", "full_name": "X", "role": "owner"}, "Select a valid choice"),
    ]:
        response = c.post("/s/system-a/members/add/", data)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert (User.objects.count(), Membership.objects.count(), AuditEvent.objects.count()) == before
    assert not mail.outbox


def test_the_last_admin_can_be_neither_demoted_nor_removed(signed_in, admin_a, system_a):
    c = signed_in(admin_a)
    own = Membership.objects.get(user=admin_a, system=system_a)
    demote = c.post(f"/s/system-a/members/{own.pk}/role/", {"role": "member"})
    assert demote.status_code == 400 and "only admin" in demote.content.decode()
    remove = c.post(f"/s/system-a/members/{own.pk}/remove/")
    assert remove.status_code == 400 and "only admin" in remove.content.decode()
    assert Membership.objects.get(pk=own.pk).role == "admin"
    # With a second admin, the first may step down; the change is audited.
    second = UserFactory()
    MembershipFactory(user=second, system=system_a, role="admin")
    assert c.post(f"/s/system-a/members/{own.pk}/role/", {"role": "member"}).status_code == 302
    event = AuditEvent.objects.get(verb="member role changed")
    assert event.changes == {"role": ["admin", "member"]} and event.actor == admin_a
    # Now a member, they can no longer manage members.
    assert c.get("/s/system-a/members/").status_code == 404


def test_a_removed_member_no_longer_sees_the_system(client, signed_in, admin_a, member_a, system_a):
    c = signed_in(admin_a)
    membership = Membership.objects.get(user=member_a, system=system_a)
    assert c.get(f"/s/system-a/members/{membership.pk}/remove/").status_code == 200
    assert c.post(f"/s/system-a/members/{membership.pk}/remove/").status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(verb="member removed", system=system_a).exists()
    c.logout()
    c = signed_in(member_a)
    assert c.get("/s/system-a/").status_code == 404


def test_only_admins_manage_members_or_read_the_audit_trail(signed_in, member_a, analyst_a):
    for user in (member_a, analyst_a):
        c = signed_in(user)
        for url in ("/s/system-a/members/", "/s/system-a/members/add/", "/s/system-a/audit/"):
            assert c.get(url).status_code == 404, url
        c.logout()


def test_a_membership_of_another_system_cannot_be_touched(signed_in, admin_a, admin_b, system_b):
    c = signed_in(admin_a)
    theirs = Membership.objects.get(user=admin_b, system=system_b)
    assert c.post(f"/s/system-a/members/{theirs.pk}/remove/").status_code == 404
    assert c.post(f"/s/system-a/members/{theirs.pk}/role/", {"role": "member"}).status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_the_audit_trail_lists_filters_and_exports_changes(signed_in, admin_a, system_a):
    c = signed_in(admin_a)
    c.post(
        "/s/system-a/members/add/",
        {"email": "audit.me@example.test", "full_name": "Audit Me", "role": "member"},
    )
    page = c.get("/s/system-a/audit/").content.decode()
    assert "member added" in page and "Audit Me" in page
    assert "member added" not in c.get("/s/system-a/audit/?q=board").content.decode()
    assert "Audit Me" not in c.get("/s/system-a/audit/?to=2000-01-01").content.decode()
    bad = c.get("/s/system-a/audit/?from=31/12/2026")
    assert bad.status_code == 400 and "Enter the first day as a date" in bad.content.decode()
    export = c.get("/s/system-a/audit/?format=csv")
    assert export.status_code == 200 and "member added" in export.content.decode()
    members = c.get("/s/system-a/members/?format=csv").content.decode()
    assert "audit.me@example.test" in members and admin_a.email in members


def test_someone_added_by_an_admin_can_ask_for_a_new_link_if_the_first_expired(
    client, signed_in, admin_a, django_capture_on_commit_callbacks
):
    c = signed_in(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        c.post(
            "/s/system-a/members/add/",
            {"email": "late@example.test", "full_name": "Late Reader", "role": "member"},
        )
    c.logout()
    mail.outbox.clear()
    response = client.post("/accounts/password-reset/", {"email": "late@example.test"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["late@example.test"]]
