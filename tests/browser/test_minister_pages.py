"""The report to the Minister in a real browser: an officer prepares the quarter's report, an
approver approves and issues it, and every page on the way meets WCAG 2.2 AA."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.test_web_pages import PASSWORD, site  # noqa: F401 (the served demo)

pytestmark = pytest.mark.browser
PROGRAMME = "/programmes/herefordshire-2006"
REPORTS = f"{PROGRAMME}/minister/"
REPORT = f"{PROGRAMME}/minister/2006-09/"
PAGES = [
    REPORTS,
    REPORT,
    REPORT + "?variant=for-publication",
    REPORT + "draft/internal.html",
    REPORT + "draft/for-publication.html",
    f"{PROGRAMME}/success-criteria/",
]


def _signed_in(browser: Any, site: str, username: str) -> tuple[Any, Any]:  # noqa: F811
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/")
    return context, page


def test_the_minister_pages_meet_wcag_2_2_aa(
    browser: Any,
    site: str,  # noqa: F811
    axe_source: str,
) -> None:
    context, page = _signed_in(browser, site, "officer")
    found = {}
    for path in PAGES:
        response = page.goto(f"{site}{path}")
        assert response is not None and response.status == 200, path
        found[path] = axe_violations(page, axe_source)
    assert {path: v for path, v in found.items() if v} == {}
    context.close()


def test_the_report_is_prepared_approved_and_issued_on_pages_that_meet_wcag_2_2_aa(
    browser: Any,
    site: str,  # noqa: F811
    axe_source: str,
) -> None:
    context, page = _signed_in(browser, site, "officer")
    page.goto(f"{site}{REPORT}")
    page.click("text=Prepare the report for approval as it stands")
    page.wait_for_url(f"{site}{REPORT}")
    assert "is prepared for approval" in page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    context.close()
    context, page = _signed_in(browser, site, "approver")
    page.goto(f"{site}{REPORT}")
    page.click("text=Approve the report as prepared")
    page.wait_for_url(f"{site}{REPORT}")
    assert "prepared by officer is approved" in page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    page.click("text=Issue the approved report")
    page.wait_for_url(f"{site}{REPORT}")
    assert "Version 1 of the report for the quarter ending September 2006" in page.inner_text(
        "main"
    )
    table = page.inner_text("table:has(caption:text('Issued versions'))")
    assert table.count("Unchanged") == 4 and "Marked for publication (PDF)" in table
    assert axe_violations(page, axe_source) == []
    page.goto(f"{site}{REPORTS}")
    assert "Version 1 issued" in page.inner_text("main")
    assert axe_violations(page, axe_source) == []
    context.close()
