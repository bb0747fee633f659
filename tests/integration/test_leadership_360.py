"""The 360 flow end to end through real e-mails, and anonymity by design."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from leadership import actions
from leadership.models import Feedback360, RaterInvitation, RaterResponse
from tests.factories import OrganisationFactory, PersonFactory

SPEC = {
    "slug": "test-capabilities",
    "title": "Test capabilities",
    "version": "1",
    "kind": "capabilities",
    "sections": [
        {
            "slug": "listening",
            "title": "Listening",
            "items": [
                {"slug": "listens", "text": "Listens to partners"},
                {"slug": "asks", "text": "Asks before deciding"},
            ],
        },
        {
            "slug": "sharing",
            "title": "Sharing",
            "items": [
                {"slug": "shares-data", "text": "Shares data openly"},
                {"slug": "shares-credit", "text": "Shares credit"},
            ],
        },
    ],
}


@pytest.fixture
def version(db):
    return actions.framework_install(by=None, spec=SPEC)


@pytest.fixture
def leader(system_a, member_a):
    return PersonFactory(
        system=system_a, user=member_a, full_name="Lee Leader", email="lee@example.test"
    )


@pytest.fixture
def feedback(system_a, admin_a, leader, version):
    return actions.feedback_open(
        by=admin_a,
        system=system_a,
        leader=leader,
        version=version,
        closes_on=timezone.localdate() + timedelta(days=14),
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Actions send e-mail after commit; tests run inside a transaction, so
    ``with committed(): ...`` runs those callbacks at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def links_in_outbox():
    return [re.search(r"http://\S+/r/360/(\S+)/", m.body).group(1) for m in mail.outbox]


def post_answers(client, token, rating="4", **extra):
    data = {f"item-{s}": rating for s in ("listens", "asks", "shares-data", "shares-credit")}
    data.update(extra)
    return client.post(f"/r/360/{token}/", data)


@pytest.mark.django_db
def test_full_flow_from_nomination_to_anonymous_responses(
    client, signed_in, member_a, feedback, system_a, committed
):
    org = OrganisationFactory(system=system_a, sector="local_authority")
    leader_client = signed_in(member_a)
    form = {"form-TOTAL_FORMS": "4", "form-INITIAL_FORMS": "0"}
    raters = [
        ("lm@example.test", "line_manager", ""),
        ("p1@example.test", "peer", ""),
        ("p2@example.test", "peer", ""),
        ("x1@example.test", "partner", org.pk),
    ]
    for i, (email, group, organisation) in enumerate(raters):
        form.update(
            {
                f"form-{i}-email": email,
                f"form-{i}-group": group,
                f"form-{i}-organisation": organisation,
            }
        )
    with committed():
        response = leader_client.post(
            f"/s/{system_a.slug}/leadership/360/{feedback.pk}/raters/", form
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r[0] for r in raters)
    assert "Lee Leader" in mail.outbox[0].subject
    tokens = links_in_outbox()
    # Tokens are stored only as hashes.
    for token in tokens:
        assert not RaterInvitation.objects.filter(token_hash=token).exists()

    anonymous = client.__class__()
    page = anonymous.get(f"/r/360/{tokens[1]}/")
    assert page.status_code == 200
    assert "Feedback for Lee Leader" in page.content.decode()
    assert (
        post_answers(anonymous, tokens[1], **{"comment-strengths": "Listens well"}).status_code
        == 200
    )
    # A double submit stores one response and says thank you again.
    assert post_answers(anonymous, tokens[1]).status_code == 410
    assert RaterResponse.objects.count() == 1

    # Once submitted, nothing links the response to the invitation or the e-mail.
    response_row = RaterResponse.objects.get()
    columns = {f.column for f in RaterResponse._meta.get_fields() if hasattr(f, "column")}
    assert columns == {
        "id",
        "feedback_id",
        "group",
        "sector_group",
        "shown_apart",
        "answers",
        "importance",
        "comments",
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM leadership_raterresponse")
        row_text = str(cursor.fetchall())
    for email, _, _ in raters:
        assert email not in row_text
    assert response_row.comments == {"strengths": "Listens well"}
    assert RaterInvitation.objects.get(email="p2@example.test").draft == {}

    # While it runs the leader sees counts per group only.
    detail = leader_client.get(f"/s/{system_a.slug}/leadership/360/{feedback.pk}/").content.decode()
    assert "Peers in the same organisation" in detail
    assert "Listens well" not in detail


@pytest.mark.django_db
def test_save_and_resume_keeps_answers_until_submit(client, feedback, committed):
    with committed():
        actions.raters_nominate(
            by=None,
            feedback=feedback,
            nominations=[actions.Nomination(email="r@example.test", group="peer")],
        )
    token = links_in_outbox()[0]
    client.post(
        f"/r/360/{token}/", {"item-listens": "2", "comment-develop": "More data", "save": "1"}
    )
    page = client.get(f"/r/360/{token}/").content.decode()
    assert 'value="2" checked' in page
    assert "More data" in page
    assert not RaterResponse.objects.exists()


@pytest.mark.django_db
def test_bad_ratings_are_refused_with_a_message_and_nothing_stored(client, feedback, committed):
    with committed():
        actions.raters_nominate(
            by=None,
            feedback=feedback,
            nominations=[actions.Nomination(email="r@example.test", group="peer")],
        )
    token = links_in_outbox()[0]
    response = client.post(f"/r/360/{token}/", {"item-listens": "9"})
    assert response.status_code == 400
    assert "Ratings are from 1 to 5" in response.content.decode()
    assert not RaterResponse.objects.exists()


@pytest.mark.django_db
def test_unknown_links_and_closed_360s_get_clear_pages(client, admin_a, feedback, committed):
    assert client.get("/r/360/not-a-real-token/").status_code == 404
    with committed():
        actions.raters_nominate(
            by=None,
            feedback=feedback,
            nominations=[actions.Nomination(email="r@example.test", group="peer")],
        )
    token = links_in_outbox()[0]
    actions.feedback_close(by=admin_a, feedback=feedback)
    response = post_answers(client, token)
    assert response.status_code == 410
    assert "closed" in response.content.decode()
    assert not RaterResponse.objects.exists()


@pytest.mark.django_db
def test_reminders_go_only_to_those_who_have_not_answered_and_replace_the_link(
    client, admin_a, feedback, committed
):
    with committed():
        actions.raters_nominate(
            by=None,
            feedback=feedback,
            nominations=[
                actions.Nomination(email=f"r{i}@example.test", group="peer") for i in range(3)
            ],
        )
    first_links = dict(zip([m.to[0] for m in mail.outbox], links_in_outbox(), strict=True))
    post_answers(client, first_links["r0@example.test"])
    mail.outbox.clear()
    with committed():
        assert actions.feedback_send_reminders(by=admin_a, feedback=feedback) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["r1@example.test", "r2@example.test"]
    new_links = dict(zip([m.to[0] for m in mail.outbox], links_in_outbox(), strict=True))
    assert client.get(f"/r/360/{first_links['r1@example.test']}/").status_code == 404
    assert client.get(f"/r/360/{new_links['r1@example.test']}/").status_code == 200


@pytest.mark.django_db
def test_nomination_problems_are_all_listed_and_nothing_is_created(feedback):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        actions.raters_nominate(
            by=None,
            feedback=feedback,
            nominations=[
                actions.Nomination(email="a@example.test", group="partner"),
                actions.Nomination(email="a@example.test", group="peer"),
                actions.Nomination(email="b@example.test", group="peer", show_apart=True),
                actions.Nomination(email="lee@example.test", group="peer"),
            ],
        )
    text = " ".join(caught.value.messages)
    assert "organisation" in text and "already invited" in text
    assert "only a line manager" in text and "rates themself" in text
    assert not RaterInvitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_closing_date_passes_and_the_schedule_closes_it(feedback):
    Feedback360.objects.filter(pk=feedback.pk).update(
        closes_on=timezone.localdate() - timedelta(days=1)
    )
    assert actions.close_due_feedback() == 1
    feedback.refresh_from_db()
    assert feedback.state == "closed"


@pytest.mark.django_db
def test_framework_version_freezes_once_used(feedback, version):
    from django.core.exceptions import ValidationError

    version.refresh_from_db()
    assert version.frozen_at is not None
    changed = {**SPEC, "title": "Changed title"}
    with pytest.raises(ValidationError):
        actions.framework_install(by=None, spec=changed)
    new = actions.framework_install(by=None, spec={**changed, "version": "2"})
    assert new.pk != version.pk


@pytest.mark.django_db
def test_nobody_outside_the_system_reaches_a_360(signed_in, admin_b, feedback, system_a):
    client = signed_in(admin_b)
    base = f"/s/{system_a.slug}/leadership/360/{feedback.pk}/"
    for path in ("", "raters/", "self/", "report/", "report.pdf", "share/"):
        assert client.get(base + path).status_code == 404, path
    for path in ("remind/", "close/"):
        assert client.post(base + path).status_code == 404, path


@pytest.mark.django_db
def test_admin_runs_but_cannot_read_the_report(signed_in, admin_a, feedback, system_a):
    client = signed_in(admin_a)
    assert client.get(f"/s/{system_a.slug}/leadership/360/{feedback.pk}/").status_code == 200
    actions.feedback_close(by=admin_a, feedback=feedback)
    assert client.get(f"/s/{system_a.slug}/leadership/360/{feedback.pk}/report/").status_code == 404


@pytest.mark.django_db
def test_report_and_pdf_for_the_leader_and_whoever_they_share_with(
    client, signed_in, member_a, admin_a, feedback, system_a, committed
):
    from tests.factories import MembershipFactory, UserFactory

    with committed():
        actions.raters_nominate(
            by=None,
            feedback=feedback,
            nominations=[
                actions.Nomination(email=f"r{i}@example.test", group="peer") for i in range(4)
            ],
        )
    for i, token in enumerate(links_in_outbox()):
        post_answers(
            client.__class__(),
            token,
            rating=str(2 + i % 3),
            **{"comment-strengths": f"Strength {i}"},
        )
    actions.feedback_self_save(
        by=member_a,
        feedback=feedback,
        answers={"listens": 5, "asks": 5, "shares-data": 3, "shares-credit": 3},
        importance={},
        submit=True,
    )
    actions.feedback_close(by=admin_a, feedback=feedback)
    leader = signed_in(member_a)
    base = f"/s/{system_a.slug}/leadership/360/{feedback.pk}/"
    page = leader.get(base + "report/").content.decode()
    assert "How to read this report" in page
    assert "Listening" in page and "Blind spot" in page  # self 5.0 vs peers 3.0
    assert "Strength 3" in page
    assert "r1@example.test" not in page
    pdf = leader.get(base + "report.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"

    coach = UserFactory(email="coach@example.test")
    MembershipFactory(user=coach, system=system_a)
    assert (
        leader.post(base + "share/", {"email": "coach@example.test", "role": "coach"}).status_code
        == 302
    )
    coach_client = client.__class__()
    coach_client.force_login(coach)
    assert coach_client.get(base + "report/").status_code == 200
    share = feedback.shares.get()
    leader.post(base + "share/", {"withdraw": share.pk})
    assert coach_client.get(base + "report/").status_code == 404


@pytest.mark.django_db
def test_no_report_below_three_raters_explains_why(
    client, signed_in, member_a, admin_a, feedback, system_a, committed
):
    with committed():
        actions.raters_nominate(
            by=None,
            feedback=feedback,
            nominations=[
                actions.Nomination(email="lm@example.test", group="line_manager", show_apart=True),
                actions.Nomination(email="p1@example.test", group="peer"),
                actions.Nomination(email="p2@example.test", group="peer"),
            ],
        )
    for token in links_in_outbox():
        post_answers(client.__class__(), token)
    actions.feedback_close(by=admin_a, feedback=feedback)
    page = (
        signed_in(member_a)
        .get(f"/s/{system_a.slug}/leadership/360/{feedback.pk}/report/")
        .content.decode()
    )
    assert "Only 2 people other than your line manager answered" in page
    assert "All raters" not in page
