"""Self-assessment, board diagnostics, frontline reflection and local frameworks, through
their pages."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from leadership import actions
from leadership.models import (
    DiagnosticResponse,
    FrameworkVersion,
    ReflectionResponse,
    SelfAssessment,
)
from tests.factories import BoardFactory, BoardMembershipFactory, OrganisationFactory, PersonFactory


def version(slug):
    return FrameworkVersion.objects.get(framework__slug=slug, framework__system__isnull=True)


@pytest.fixture
def me(system_a, member_a):
    return PersonFactory(system=system_a, user=member_a)


@pytest.mark.django_db
def test_self_assessment_saves_resumes_and_shows_change_since_last_time(
    signed_in, member_a, me, system_a
):
    client = signed_in(member_a)
    v = version("leaders-of-change")
    start = client.get(f"/s/{system_a.slug}/leadership/self/start/leaders-of-change/")
    edit_url = start["Location"]
    all_items = {f"item-{s}": "2" for s in v.item_slugs()}
    client.post(edit_url, {"item-visible-role": "4", "save": "1"})
    assert 'value="4" checked' in client.get(edit_url).content.decode()
    refused = client.post(edit_url, {"item-visible-role": "4", "submit": "1"})
    assert refused.status_code == 400 and "Answer every statement" in refused.content.decode()
    first = client.post(edit_url, {**all_items, "submit": "1"})
    assert first.status_code == 302
    second_edit = client.get(f"/s/{system_a.slug}/leadership/self/start/leaders-of-change/")[
        "Location"
    ]
    profile = client.post(
        second_edit, {**dict.fromkeys(all_items, "4"), "submit": "1"}, follow=True
    ).content.decode()
    assert "Compared with your self-assessment of" in profile
    assert "+2.0" in profile  # every section moved from 2 to 4
    assert SelfAssessment.objects.filter(person=me, submitted_at__isnull=False).count() == 2


@pytest.mark.django_db
def test_board_diagnostic_from_invitation_to_heatmap(
    client, signed_in, admin_a, system_a, django_capture_on_commit_callbacks
):
    board = BoardFactory(system=system_a, slug="icp")
    nhs = OrganisationFactory(system=system_a, sector="acute")
    council = OrganisationFactory(system=system_a, sector="local_authority")
    for i in range(6):
        org = nhs if i < 3 else council
        BoardMembershipFactory(
            board=board,
            person=PersonFactory(system=system_a, organisation=org, email=f"m{i}@example.test"),
        )
    admin = signed_in(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/s/{system_a.slug}/boards/icp/diagnostics/new/", {"days": "7"})
    assert response.status_code == 302
    assert len(mail.outbox) == 6
    enablers, shifts = version("enablers-and-barriers"), version("twelve-shifts")
    for message in mail.outbox:
        token = re.search(r"/r/board/(\S+)/", message.body).group(1)
        council_member = message.to[0] in {f"m{i}@example.test" for i in range(3, 6)}
        score = "2" if council_member else "4"
        form = {f"item-{s}": score for s in enablers.item_slugs()}
        form.update({f"today-{s}": "2" for s in shifts.item_slugs()})
        form.update({f"wanted-{s}": "5" for s in shifts.item_slugs()})
        rater = client.__class__()
        assert rater.post(f"/r/board/{token}/", form).status_code == 200
        assert rater.post(f"/r/board/{token}/", form).status_code == 410  # once only
    assert DiagnosticResponse.objects.count() == 6
    diagnostic_url = response["Location"]
    admin.post(diagnostic_url + "close/")
    page = admin.get(diagnostic_url).content.decode()
    assert "The partnership by sector" in page
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    # Clarity: all members (3 x 4 + 3 x 2) / 6 = 3.0; NHS 4.0; local government 2.0, which
    # is flagged as lower than the board as a whole.
    assert "Area All members NHS Local government Clarity 3.0 4.0 2.0 (lower)" in text
    assert "Gap" in text and "3.0" in text  # every shift: wanted 5 - today 2


@pytest.mark.django_db
def test_frontline_reflection_summarises_only_from_three(
    client, signed_in, member_a, system_a, django_capture_on_commit_callbacks
):
    lead = signed_in(member_a)
    too_few = lead.post(
        f"/s/{system_a.slug}/leadership/reflections/new/",
        {"team_name": "Ward 3", "emails": "a@example.test, b@example.test"},
    )
    assert too_few.status_code == 400 and "at least 3" in too_few.content.decode()
    bad = lead.post(
        f"/s/{system_a.slug}/leadership/reflections/new/",
        {"team_name": "Ward 3", "emails": "a@example.test, not-an-address"},
    )
    assert bad.status_code == 400 and "not-an-address" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        created = lead.post(
            f"/s/{system_a.slug}/leadership/reflections/new/",
            {"team_name": "Ward 3", "emails": "a@example.test\nb@example.test\nc@example.test"},
        )
    v = version("frontline-principles")
    rated = [s for s in v.item_slugs() if s.endswith("-rating")]
    for i, message in enumerate(mail.outbox):
        token = re.search(r"/r/team/(\S+)/", message.body).group(1)
        form = {f"item-{s}": str(3 + i % 2) for s in rated}
        form["comment-power-question"] = f"Answer {i}"
        assert client.__class__().post(f"/r/team/{token}/", form).status_code == 200
    assert ReflectionResponse.objects.count() == 3
    lead.post(created["Location"], {"close": "1"})
    page = lead.get(created["Location"]).content.decode()
    assert "Share power" in page and "Answer 2" in page


@pytest.mark.django_db
def test_admin_adds_a_local_framework_and_members_of_other_systems_cannot_see_it(
    signed_in, admin_a, admin_b, system_a, system_b
):
    text = (
        b'slug = "place-leadership"\ntitle = "Place leadership"\nversion = "1"\n'
        b'kind = "capabilities"\n[source]\ntitle = "Our place"\n[[sections]]\n'
        b'slug = "s"\ntitle = "S"\nitems = [{ slug = "a", text = "A" }, '
        b'{ slug = "b", text = "B" }]\n'
    )
    upload = io.BytesIO(text)
    upload.name = "place.toml"
    response = signed_in(admin_a).post(
        f"/s/{system_a.slug}/leadership/frameworks/add/", {"framework": upload}
    )
    assert response.status_code == 302
    assert (
        signed_in(admin_a)
        .get(f"/s/{system_a.slug}/leadership/frameworks/place-leadership/")
        .status_code
        == 200
    )
    assert (
        signed_in(admin_b)
        .get(f"/s/{system_b.slug}/leadership/frameworks/place-leadership/")
        .status_code
        == 404
    )
    broken = io.BytesIO(b'slug = "x"')
    broken.name = "x.toml"
    refused = signed_in(admin_a).post(
        f"/s/{system_a.slug}/leadership/frameworks/add/", {"framework": broken}
    )
    assert refused.status_code == 400 and "cite where the framework" in refused.content.decode()


@pytest.mark.django_db
def test_open_360_asks_for_a_future_closing_date(signed_in, member_a, me, system_a):
    response = signed_in(member_a).post(
        f"/s/{system_a.slug}/leadership/360/new/",
        {
            "leader": me.pk,
            "framework": version("system-leader-capabilities").pk,
            "closes_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "The closing date must be in the future." in response.content.decode()
    ok = signed_in(member_a).post(
        f"/s/{system_a.slug}/leadership/360/new/",
        {
            "leader": me.pk,
            "framework": version("system-leader-capabilities").pk,
            "closes_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
        },
    )
    assert ok.status_code == 302 and ok["Location"].endswith("/raters/")
    assert actions.group_warnings({"peer": 2, "partner": 5}) == [
        "Peers in the same organisation: 2 nominated. Groups with fewer than 3 answers are not "
        "shown on their own; their answers are folded into 'other raters'."
    ]


@pytest.mark.django_db
def test_a_signed_in_board_member_answers_without_the_emailed_link(
    signed_in, admin_a, member_a, system_a
):
    board = BoardFactory(system=system_a, slug="pb")
    me = PersonFactory(
        system=system_a,
        user=member_a,
        organisation=OrganisationFactory(system=system_a, sector="vcse"),
    )
    BoardMembershipFactory(board=board, person=me)
    for _ in range(2):
        BoardMembershipFactory(board=board)
    response = signed_in(admin_a).post(
        f"/s/{system_a.slug}/boards/pb/diagnostics/new/", {"days": "7"}
    )
    url = response["Location"]
    # The admin was not asked: no answer page for them.
    assert signed_in(admin_a).get(url + "answer/").status_code == 404
    member = signed_in(member_a)
    assert "Give your answers" in member.get(url).content.decode()
    enablers, shifts = version("enablers-and-barriers"), version("twelve-shifts")
    form = {f"item-{s}": "3" for s in enablers.item_slugs()}
    form.update({f"today-{s}": "2" for s in shifts.item_slugs()})
    assert member.post(url + "answer/", form).status_code == 200
    assert DiagnosticResponse.objects.get().sector_group == "vcse"
    assert member.post(url + "answer/", form).status_code == 410
    assert "Give your answers" not in member.get(url).content.decode()
