"""A new user's journey through the demo, in a real browser, checked by axe-core."""

from __future__ import annotations

import pytest

from partnership.demo import DEMO_PASSWORD, build_demo
from tests.functional.conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, base, email="demo.admin@concordat.test"):
    page.goto(f"{base}/")
    assert "Sign in" in page.title()
    assert_accessible(page)
    page.fill("#id_username", email)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")


def test_sign_in_open_system_and_read_an_unbalanced_boards_findings(page, live_server):
    build_demo(2026)
    sign_in(page, live_server.url)
    # One system: straight to its overview.
    page.wait_for_url("**/s/kestrel-vale/")
    assert page.inner_text("h1") == "Kestrel Vale Integrated Care System"
    assert_accessible(page)

    page.click("text=Clinical Reference Group")
    page.wait_for_url("**/boards/clinical-reference-group/")
    callout = page.inner_text(".nhsuk-warning-callout")
    assert "Clinical voice is only doctors" in callout
    assert "No nursing or allied health professional voice" in callout
    assert page.locator("figure svg[role=img]").count() == 1
    assert_accessible(page)

    page.click("text=Compare with the other boards")
    page.wait_for_url("**/boards/balance/")
    assert page.locator("table tbody tr").count() == 10
    assert_accessible(page)

    for link in ("Organisations", "People", "System roles", "Boards"):
        page.click(f"nav >> text={link}")
        page.wait_for_load_state()
        assert_accessible(page)


def test_keyboard_skip_link_and_phone_width(page, live_server):
    build_demo(2026)
    sign_in(page, live_server.url)
    page.wait_for_url("**/s/kestrel-vale/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "maincontent"

    page.set_viewport_size({"width": 375, "height": 800})
    for path in (
        "/s/kestrel-vale/",
        "/s/kestrel-vale/boards/clinical-reference-group/",
        "/s/kestrel-vale/people/",
        "/s/kestrel-vale/boards/balance/",
    ):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
        assert_accessible(page)


def test_an_admin_adds_a_member_and_reads_the_audit_trail(page, live_server):
    build_demo(2026)
    sign_in(page, live_server.url)
    page.wait_for_url("**/s/kestrel-vale/")
    page.get_by_role("link", name="Members", exact=True).click()
    page.wait_for_url("**/s/kestrel-vale/members/")
    assert_accessible(page)
    page.get_by_role("link", name="Add a member").click()
    page.wait_for_url("**/members/add/")
    assert_accessible(page)
    # An incomplete form: the error summary is accessible too.
    page.fill("#id_email", "wren.analyst@example.test")
    page.get_by_role("button", name="Add the member").click()
    assert "full name" in page.inner_text(".nhsuk-error-summary")
    assert_accessible(page)
    page.fill("#id_full_name", "Wren Analyst")
    page.select_option("#id_role", "analyst")
    page.get_by_role("button", name="Add the member").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/s/kestrel-vale/members/")
    assert "Wren Analyst" in page.inner_text("table")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the members page scrolls sideways by {overflow}px on a phone"
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    page.get_by_role("link", name="Audit trail of every change").click()
    page.wait_for_url("**/s/kestrel-vale/audit/")
    assert "member added" in page.inner_text("table")
    assert_accessible(page)
