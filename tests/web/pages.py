"""One check for every page a test fetches, so page quality is enforced in one place.

A page must come back with the status asked for and be well-formed HTML (every element closed,
in order), with one non-empty <title>, exactly one <h1>, no id used twice, no script and no
inline style (the Content-Security-Policy allows neither), and the security headers. Every form
has an action; a POST form carries a CSRF token and a GET form never does (a token must not end up
in a URL). A page showing an invalid form, or a file's problems, has a GOV.UK error summary whose
every link lands on an element of the page; any other page has none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.http import HttpResponse

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Form:
    action: str | None
    method: str
    has_csrf: bool = False


@dataclass
class Page:
    """What a test needs from a fetched page, after the checks have passed."""

    response: HttpResponse
    html: str
    title: str
    h1: str
    text: str
    ids: Counter[str] = field(default_factory=Counter)
    forms: list[Form] = field(default_factory=list)
    error_links: list[tuple[str, str]] = field(default_factory=list)
    classes: list[set[str]] = field(default_factory=list)

    def has_class(self, name: str) -> bool:
        return any(name in classes for classes in self.classes)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.ids: Counter[str] = Counter()
        self.forms: list[Form] = []
        self.classes: list[set[str]] = []
        self.title: list[str] = []
        self.h1: list[list[str]] = []
        self.text: list[str] = []
        self.error_links: list[tuple[str, str]] = []
        self._in_summary = 0
        self._link: str | None = None
        self._link_text: list[str] = []
        self.scripts = 0
        self.styles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, dict(attrs))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, dict(attrs))

    def _element(self, tag: str, attrs: dict[str, str | None]) -> None:
        if attrs.get("id"):
            self.ids[str(attrs["id"])] += 1
        classes = set((attrs.get("class") or "").split())
        self.classes.append(classes)
        self.scripts += tag == "script"
        self.styles += tag == "style" or "style" in attrs
        if tag == "form":
            self.forms.append(Form(attrs.get("action"), (attrs.get("method") or "get").lower()))
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken" and self.forms:
            self.forms[-1].has_csrf = True
        elif tag == "h1":
            self.h1.append([])
        elif "govuk-error-summary" in classes:
            self._in_summary = len(self.open) + 1
        elif tag == "a" and self._in_summary:
            self._link, self._link_text = str(attrs.get("href") or ""), []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else 'nothing'}>")
            if tag in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
            return
        self.open.pop()
        if tag == "a" and self._link is not None:
            self.error_links.append((self._link, " ".join("".join(self._link_text).split())))
            self._link = None
        if self._in_summary and len(self.open) < self._in_summary:
            self._in_summary = 0

    def handle_data(self, data: str) -> None:
        if "title" in self.open:
            self.title.append(data)
        if "h1" in self.open and self.h1:
            self.h1[-1].append(data)
        if self._link is not None:
            self._link_text.append(data)
        self.text.append(data)


def check_page(response: Any, status: int = 200) -> Page:
    """Every check above, on a response already fetched; the parsed page for further asserts."""
    assert response.status_code == status, (response.status_code, _body(response)[:2000])
    assert response["Content-Type"].startswith("text/html")
    _check_headers(response)
    html = _body(response)
    reader = _Reader()
    reader.feed(html)
    reader.close()
    assert reader.problems == [], reader.problems
    assert reader.open == [], f"elements never closed: {reader.open}"
    title = " ".join("".join(reader.title).split())
    assert title, "the page has no <title>"
    assert len(reader.h1) == 1, f"expected exactly one <h1>, found {len(reader.h1)}"
    duplicates = {i: n for i, n in reader.ids.items() if n > 1}
    assert duplicates == {}, f"ids used more than once: {duplicates}"
    assert (reader.scripts, reader.styles) == (0, 0), "scripts or inline styles on the page"
    _check_forms(reader.forms)
    page = Page(
        response=response,
        html=html,
        title=title,
        h1=" ".join("".join(reader.h1[0]).split()),
        text=" ".join(" ".join(reader.text).split()),
        ids=reader.ids,
        forms=reader.forms,
        error_links=reader.error_links,
        classes=reader.classes,
    )
    _check_error_summary(page, _invalid(response))
    return page


def _body(response: Any) -> str:
    return response.content.decode(response.charset or "utf-8")


def _check_headers(response: Any) -> None:
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "script-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]


def _check_forms(forms: list[Form]) -> None:
    for form in forms:
        assert form.action, "a form has no action"
        if form.method == "post":
            assert form.has_csrf, f"the form posting to {form.action} has no CSRF token"
        else:
            assert not form.has_csrf, f"the GET form to {form.action} would put a token in a URL"


def _invalid(response: Any) -> bool:
    """Whether the page shows an invalid form or a file's problems."""
    context = response.context
    if context is None:
        return False
    form = context.get("form")
    return bool(form is not None and form.errors) or bool(context.get("problems"))


def _check_error_summary(page: Page, invalid: bool) -> None:
    summary = page.has_class("govuk-error-summary")
    if not invalid:
        assert not summary, "an error summary on a page with no errors"
        return
    assert summary, "an invalid form without a GOV.UK error summary"
    assert page.error_links, "an error summary listing nothing"
    assert page.title.startswith("Error: ")
    for href, _ in page.error_links:
        assert href.startswith("#") and page.ids[href[1:]] == 1, f"{href} lands nowhere"


def fetch(client: Any, url: str, status: int = 200) -> Page:
    return check_page(client.get(url), status)


def submit(client: Any, url: str, data: dict[str, Any], status: int = 200) -> Page:
    """Post a form that is expected to come back as a page (usually with its errors)."""
    return check_page(client.post(url, data), status)


def errors(page: Page) -> list[str]:
    """The error summary's messages, in order."""
    return [text for _, text in page.error_links]
