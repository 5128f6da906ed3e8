"""Deny by default: every page declares its role, and each role gets exactly what it should."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from improvement_board.meetings.minister import minister_report_issue
from improvement_board.meetings.models import Meeting
from improvement_board.meetings.services import pack_issue
from improvement_board.web.roles import PUBLIC, ROLE_ATTRIBUTE, ROLES, has_role
from tests.meetings.signing import approved, minister_approved
from tests.web.conftest import PROGRAMME, client_for
from tests.web.factories import UserFactory
from tests.web.pages import check_page

P = PROGRAMME
ESCALATION = "the escalation"
"""Stands for the id of the escalation the matrix test records first."""
MEMBER = "member"
Q = "2006-09"
"""The quarter whose report to the Minister the matrix test issues first."""
# Every named page, with arguments naming real things in the seed programme, and the least role.
PAGES: dict[str, tuple[list[str], str]] = {
    "home": ([], "reader"),
    "overview": ([P], "reader"),
    "dashboard": ([P], "reader"),
    "indicator": ([P, "ch-141"], "reader"),
    "indicator-change": ([P, "ch-141"], "admin"),
    "figure-record": ([P, "ch-141", "2006-10"], "officer"),
    "commentary": ([P, "ch-141", "2006-10"], "officer"),
    "return-upload": ([P], "officer"),
    "return-confirm": ([P], "officer"),
    "meetings": ([P], "reader"),
    "meeting": ([P, "2006-11"], "reader"),
    "report-mark": ([P, "2006-11", "health-assessments"], "officer"),
    "meeting-change": ([P, "2006-11"], "admin"),
    "report-change": ([P, "2006-11", "health-assessments"], "admin"),
    "pack-html": ([P, "2006-11"], "reader"),
    "pack-pdf": ([P, "2006-11"], "reader"),
    "pack-prepare": ([P, "2006-11"], "officer"),
    "pack-approve": ([P, "2006-11"], "approver"),
    "pack-issue": ([P, "2006-11"], "approver"),
    "issued-html": ([P, "2006-11", "1"], "reader"),
    "issued-pdf": ([P, "2006-11", "1"], "reader"),
    "minister-reports": ([P], "reader"),
    "minister-report": ([P, Q], "reader"),
    "minister-draft-html": ([P, Q, "internal"], "reader"),
    "minister-draft-pdf": ([P, Q, "for-publication"], "reader"),
    "minister-prepare": ([P, Q], "officer"),
    "minister-approve": ([P, Q], "approver"),
    "minister-issue": ([P, Q], "approver"),
    "minister-issued-html": ([P, Q, "1", "for-publication"], "reader"),
    "minister-issued-pdf": ([P, Q, "1", "internal"], "reader"),
    "success-criteria": ([P], "reader"),
    "plan": ([P], "reader"),
    "exports": ([P], "reader"),
    "export": ([P, "figures", "xlsx"], "reader"),
    "scorecard-template": ([P], "admin"),
    "milestone-complete": ([P, "ipc-analysis", "interim-report"], "officer"),
    "action-status": ([P, "ipc-analysis"], "officer"),
    "action-change": ([P, "ipc-analysis"], "admin"),
    "milestone-change": ([P, "ipc-analysis", "interim-report"], "admin"),
    "risks": ([P], "reader"),
    "due": ([P], "reader"),
    "risk-review": ([P, "social-worker-vacancies"], "officer"),
    "risk-change": ([P, "social-worker-vacancies"], "admin"),
    "programme-parts": ([P], "admin"),
    "recommendation-change": ([P, "6(2)"], "admin"),
    "evidence-change": ([P, "1"], "admin"),
    "criterion-change": ([P, "1"], "admin"),
    "publication-review": ([P], "approver"),
    "figures-validate": ([P], "approver"),
    "escalations": ([P], "reader"),
    "escalation-add": ([P], "officer"),
    "escalation-outcome": ([P, ESCALATION], "officer"),
    "users": ([], "admin"),
    "user-add": ([], "admin"),
    "user": ([MEMBER], "admin"),
    "user-role": ([MEMBER], "admin"),
    "user-active": ([MEMBER], "admin"),
    "user-posts": ([MEMBER], "admin"),
    "user-password": ([MEMBER], "admin"),
    "user-member": ([MEMBER], "admin"),
}
# Pages that only take a POST (their form lives on another page).
SIGN_OFF = {"pack-prepare", "pack-approve", "pack-issue"}
SIGN_OFF |= {"minister-prepare", "minister-approve", "minister-issue"}
POST_ONLY = {"return-confirm", *SIGN_OFF}
# Posts that act at once and go back to the page they came from.
ACT_AT_ONCE = SIGN_OFF
# Sign-off steps refused in the walk below, on the meeting page with the reason (409): each role
# has just prepared the pack itself (pack-prepare comes first), so it may not approve it, and an
# unapproved pack may not be issued.
REFUSED_IN_TURN = {"pack-approve", "pack-issue", "minister-approve", "minister-issue"}
# Pages above the reader's that only show things.
READ_ONLY = {"users", "user", "programme-parts"}
# Downloads: attachments, not pages; reading them is all a reader does.
DOWNLOADS = {"pack-html", "pack-pdf", "issued-html", "issued-pdf", "export", "scorecard-template"}
DOWNLOADS |= {f"minister-{d}-{k}" for d in ("draft", "issued") for k in ("html", "pdf")}
SIGN_IN_AND_OUT = {"login", "logout"}


def _walk(patterns: list[Any], namespace: str = "") -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found += _walk(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            found.append((namespace, entry))
    return found


def _ours() -> list[URLPattern]:
    """Every URL except the Django admin's, which guards itself (staff only)."""
    return [pattern for namespace, pattern in _walk(get_resolver().url_patterns) if not namespace]


def test_the_web_app_and_its_security_headers_are_installed() -> None:
    assert "improvement_board.web" in settings.INSTALLED_APPS
    assert "improvement_board.web.middleware.SecurityHeadersMiddleware" in settings.MIDDLEWARE
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE


def test_every_page_declares_the_role_it_needs() -> None:
    undeclared = [
        str(p.pattern) for p in _ours() if getattr(p.callback, ROLE_ATTRIBUTE, None) is None
    ]
    assert undeclared == []


def test_only_the_sign_in_page_is_open_to_anyone() -> None:
    public = [p.name for p in _ours() if getattr(p.callback, ROLE_ATTRIBUTE) == PUBLIC]
    assert public == ["login"]


def test_the_role_table_below_covers_every_page_and_matches_its_declaration() -> None:
    declared = {p.name: getattr(p.callback, ROLE_ATTRIBUTE) for p in _ours()}
    assert set(declared) == set(PAGES) | SIGN_IN_AND_OUT
    assert {name: declared[name] for name in PAGES} == {n: r for n, (_, r) in PAGES.items()}


def test_roles_rise_from_reader_to_admin_and_a_superuser_counts_as_admin(db: None) -> None:
    officer = UserFactory(role="officer")
    assert [has_role(officer, role) for role in ROLES] == [True, True, False, False]
    superuser = UserFactory(role="reader", is_superuser=True)
    assert has_role(superuser, "admin")
    retired = UserFactory(role="admin", is_active=False)
    assert not has_role(retired, "reader")


def _url(name: str) -> str:
    args = PAGES[name][0]
    if ESCALATION in args:
        from improvement_board.plans.models import Escalation

        found = Escalation.objects.first()
        args = [str(found.pk if found else 0) if a == ESCALATION else a for a in args]
    return reverse(name, args=args)


def _expect(role: str | None, name: str, method: str) -> int:
    """The status a role should get: signed out → sign in; below the page's role → 403; a read
    page refuses POST (405); a form page posted empty comes back with its errors (200)."""
    needed = PAGES[name][1]
    if role is None:
        return 302
    if ROLES.index(role) < ROLES.index(needed):
        return 403
    if method == "post" and (needed == "reader" or name in DOWNLOADS | READ_ONLY):
        return 405
    if method == "get" and name in POST_ONLY:
        return 405
    if method == "post" and name in REFUSED_IN_TURN:
        return 409
    if method == "post" and name in ACT_AT_ONCE:
        return 302
    return 200


@pytest.fixture
def stub_pdf(monkeypatch: pytest.MonkeyPatch, tasks_at_once: None) -> None:
    """Printing a PDF takes seconds and is the core's job; here only who may ask matters."""
    monkeypatch.setattr(
        "improvement_board.rendering.services.render_pdf", lambda html: b"%PDF-1.7 stub"
    )
    monkeypatch.setattr(
        "improvement_board.meetings.services.render_pdf", lambda html: b"%PDF-1.7 stub"
    )
    monkeypatch.setattr(
        "improvement_board.meetings.minister.render_pdf", lambda html: b"%PDF-1.7 stub"
    )


@pytest.mark.parametrize("role", [None, *ROLES])
def test_each_role_gets_exactly_the_pages_and_verbs_it_should(
    role: str | None, programme: Any, home: Any, stub_pdf: None
) -> None:
    _escalated(programme)
    meeting = Meeting.objects.get(programme=programme, period="2006-11")
    pack_issue(meeting=meeting, user=approved(meeting))
    minister_report_issue(programme=programme, quarter_end=Q, user=minister_approved(programme, Q))
    UserFactory(username=MEMBER, role="reader")
    client = client_for(role)
    for name in PAGES:
        for method in ("get", "post"):
            response = getattr(client, method)(_url(name))
            expected = _expect(role, name, method)
            assert response.status_code == expected, (role, name, method, response.status_code)
            if expected == 302 and role is None:
                login = redirect_to_login(_url(name), settings.LOGIN_URL)
                assert response["Location"] == login["Location"]
            elif expected in (200, 403, 409) and name not in DOWNLOADS:
                check_page(response, expected)


def _escalated(programme: Any) -> None:
    from datetime import date

    from improvement_board.plans.services import escalation_record

    escalation_record(
        programme=programme,
        kind="risk",
        key="social-worker-vacancies",
        title="Social worker vacancies",
        on=date(2006, 10, 2),
        to="Director of Children's Services",
        reason="above appetite for two reviews",
    )


def test_a_form_posted_without_its_csrf_token_is_refused(programme: Any) -> None:
    _escalated(programme)
    UserFactory(username=MEMBER, role="reader")
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(role="admin"))
    writes = [name for name, (_, role) in PAGES.items() if role != "reader"]
    refused = {name: client.post(_url(name), {}) for name in writes}
    for response in refused.values():
        assert check_page(response, 403).h1 == "The form could not be sent"


def test_the_sign_in_page_signs_a_board_member_in_and_out(db: None) -> None:
    UserFactory(username="member", role="reader", password="a long test password")
    client = Client()
    page = check_page(client.get(reverse("login")))
    assert page.h1 == "Sign in"
    response = client.post(
        reverse("login"), {"username": "member", "password": "a long test password"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert check_page(client.get(reverse("home"))).h1 == "Improvement programmes"
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_password_is_an_error_on_the_sign_in_page(db: None) -> None:
    UserFactory(username="member", password="a long test password")
    page = check_page(
        Client().post(reverse("login"), {"username": "member", "password": "wrong"}), 200
    )
    assert "correct username and password" in " ".join(e for _, e in page.error_links)
    assert 'value="wrong"' not in page.html


def test_a_page_naming_nothing_that_exists_is_not_found(programme: Any, reader: Client) -> None:
    for url in (
        reverse("overview", args=["no-such-programme"]),
        reverse("indicator", args=[P, "no-such-indicator"]),
        reverse("meeting", args=[P, "2099-01"]),
        reverse("overview", args=[P]) + "?month=2001-01",
        reverse("overview", args=[P]) + "?month=October",
    ):
        check_page(reader.get(url), 404)


def test_a_role_is_held_per_programme_and_another_councils_programme_is_not_found(
    programme: Any, mini_programme_file: Any, home: Any, stub_pdf: None
) -> None:
    from improvement_board.programmes.services import programme_load

    other, _ = programme_load(path=mini_programme_file)
    ours = UserFactory(role="officer", member_of=[P])
    theirs = UserFactory(role="approver", member_of=[other.key])
    client = Client()
    client.force_login(ours)
    for name, (args, _) in PAGES.items():
        if not args or args[0] != P or name in DOWNLOADS or ESCALATION in args:
            continue
        there = reverse(name, args=[other.key, *args[1:]])
        assert client.get(there).status_code == 404, name  # not even said to exist
    assert client.get(reverse("overview", args=[P])).status_code == 200
    page = check_page(client.get(reverse("home")))
    assert programme.name in page.text and other.name not in page.text
    client.force_login(theirs)
    assert client.get(reverse("overview", args=[P])).status_code == 404
    assert client.get(reverse("overview", args=[other.key])).status_code == 200
