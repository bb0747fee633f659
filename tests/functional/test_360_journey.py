"""Start a 360, answer as three raters through links read from the e-mail outbox, close
it, read the report and download the PDF, in a real browser checked by axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from partnership.demo import DEMO_PASSWORD, build_demo
from tests.functional.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_leader_runs_a_360_and_reads_the_report(page, live_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    build_demo(2026)
    base = live_server.url
    page.goto(f"{base}/accounts/sign-in/")
    page.fill("#id_username", "demo.member@concordat.test")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/s/kestrel-vale/")

    page.goto(f"{base}/s/kestrel-vale/leadership/360/")
    assert_accessible(page)
    page.click("text=Start a 360")
    assert_accessible(page)
    page.select_option("#id_framework", label="The 13 capabilities of system leaders")
    page.fill("#id_closes_on", (timezone.localdate() + timedelta(days=14)).isoformat())
    page.click("button:has-text('Start the 360')")
    page.wait_for_url("**/raters/")
    assert_accessible(page)
    mail.outbox.clear()
    for i in range(3):
        page.fill(f"#id_form-{i}-email", f"journey{i}@example.test")
        page.select_option(f"#id_form-{i}-group", "peer")
    page.click("button:has-text('Invite these raters')")
    page.wait_for_selector("text=Answers so far")
    assert_accessible(page)
    tokens = [re.search(r"/r/360/(\S+)/", m.body).group(1) for m in mail.outbox]
    assert len(tokens) == 3

    rater = page.context.browser.new_context().new_page()
    for n, token in enumerate(tokens):
        rater.goto(f"{base}/r/360/{token}/")
        assert "Feedback for Robin Fairweather" in rater.inner_text("h1")
        if n == 0:
            assert_accessible(rater)
        for radio in rater.locator("input[type=radio][value='4']").all():
            radio.check()
        rater.fill("#comment-strengths", f"Journey comment {n}")
        rater.click("button:has-text('Send my feedback')")
        assert "Thank you" in rater.inner_text("h1")
        if n == 0:
            assert_accessible(rater)
    rater.context.close()

    page.reload()
    page.click("button:has-text('Close the 360 now')")
    page.click("text=Read the report")
    page.wait_for_selector("text=How to read this report")
    assert "Journey comment 2" in page.content()
    assert_accessible(page)
    with page.expect_download() as download:
        page.click("text=Download the report as a PDF")
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
