from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_pages_need_sign_in(client, system_a):
    response = client.get(f"/s/{system_a.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


@pytest.mark.django_db
def test_sign_in_with_email_case_insensitively_and_sign_out(client, member_a, system_a):
    response = client.post(
        "/accounts/sign-in/", {"username": member_a.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    # With one system the home page goes straight to it.
    assert client.get("/").headers["Location"] == f"/s/{system_a.slug}/"
    client.post("/accounts/sign-out/")
    assert client.get(f"/s/{system_a.slug}/").status_code == 302


@pytest.mark.django_db
def test_wrong_password_explains_and_does_not_sign_in(client, member_a):
    response = client.post("/accounts/sign-in/", {"username": member_a.email, "password": "x"})
    assert response.status_code == 200
    assert "Enter a correct e-mail address and password." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_by_email_link(client, member_a):
    response = client.post("/accounts/password-reset/", {"email": member_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/password-reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-brand-new-password-987"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert client.login(username=member_a.email, password=new_password)


@pytest.mark.django_db
def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert mail.outbox == []
