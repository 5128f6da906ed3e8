"""The people of the web benchmark (benchmarks/web.py), for locust to run: board members reading,
officers reading and one of them editing, and an anonymous probe of the sign-in page as the
baseline. Read by locust, never imported by the app or the tests.

Everything comes from the plan benchmarks/web.py writes (BOARD_BENCH_PLAN, a JSON file): who signs
in, which pages there are, how often the officer edits. Every request is checked (status, and for
a download its type) and written to the plan's log, one JSON line each, for benchmarks/web.py to
read: locust's own percentiles are rounded, these are not.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from itertools import count
from typing import Any

from locust import HttpUser, between, events, task

PLAN: dict[str, Any] = json.loads(
    open(os.environ["BOARD_BENCH_PLAN"], encoding="utf-8").read()  # noqa: SIM115
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(r'name="token" value="([^"]+)"')
SEEN = re.compile(r'name="seen"(?: value="([^"]*)")?')
"""The commentary form's token of the words it was opened with (none for a first save)."""
LOG: list[dict[str, Any]] = []
_accounts = {role: iter(PLAN["accounts"][role]) for role in PLAN["accounts"]}
_edits = count()
_people = count()


@events.request.add_listener
def _logged(
    request_type: str,
    name: str,
    response_time: float,
    exception: BaseException | None,
    start_time: float | None = None,
    **_: Any,
) -> None:
    start = start_time if start_time is not None else time.time() - response_time / 1000
    LOG.append(
        {
            "name": name,
            "method": request_type,
            "start": start,
            "ms": response_time,
            "failed": None if exception is None else str(exception)[:300],
        }
    )


@events.quitting.add_listener
def _written(**_: Any) -> None:
    with open(PLAN["log"], "w", encoding="utf-8") as out:
        for entry in LOG:
            out.write(json.dumps(entry) + "\n")


def _token(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    if found is None:
        raise ValueError(f"no {pattern.pattern!r} in the page")
    return found.group(1) or ""


class _Person(HttpUser):
    """Signs in once, then walks the board's pages with 1–3 s to read each."""

    abstract = True
    role = "reader"
    wait_time = between(*PLAN["think_seconds"])

    def on_start(self) -> None:
        self.username, self.password = next(_accounts[self.role])
        self.steps: list[tuple[str, str]] = []
        if PLAN["every_page_each_lap"]:  # a short run: each person starts at another page
            lap = self._lap()
            start = next(_people) * 4 % len(lap)
            self.steps = lap[start:] + lap[:start]
        page = self._get("/login/", "sign-in page (before signing in)")
        with self.client.post(
            "/login/",
            data={
                "username": self.username,
                "password": self.password,
                "csrfmiddlewaretoken": _token(CSRF, page),
            },
            name="sign in (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "/login/" in response.headers.get("Location", ""):
                response.failure(f"{self.username} was not signed in ({response.status_code})")

    def _get(self, path: str, name: str, *, kind: str = "text/html") -> str:
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if kind == "application/pdf" and response.status_code == 202:
                # The worker is printing it: the page says so and asks again by itself.
                if "Refresh" not in response.headers:
                    response.failure(f"{path}: HTTP 202 without a Refresh header")
                return ""
            if response.status_code != 200:
                response.failure(f"{path}: HTTP {response.status_code}, expected 200")
                return ""
            if not response.headers.get("Content-Type", "").startswith(kind):
                response.failure(f"{path}: {response.headers.get('Content-Type')}, not {kind}")
            elif kind == "application/pdf" and not response.content.startswith(b"%PDF"):
                response.failure(f"{path}: not a PDF")
            return response.text if kind == "text/html" else ""

    def _lap(self) -> list[tuple[str, str]]:
        """One visit to the board's pages in the order a board member reads them."""
        pages = PLAN["pages"]
        picked = random.sample(PLAN["indicators"], k=random.randint(1, 3))
        lap = [pages["home"], pages["overview"]]
        lap += [(path, "indicator page") for path in picked]
        lap += [pages["meetings"], pages["meeting"], pages["plan"], pages["risks"]]
        every = PLAN["every_page_each_lap"]
        if every or random.random() < PLAN["pack_html_share"]:
            lap.append(pages["pack_html"])
        if every or random.random() < PLAN["pack_pdf_share"]:
            lap.append(pages["pack_pdf"])
        return lap

    def _step(self) -> None:
        if not self.steps:
            self.steps = self._lap()
        path, name = self.steps.pop(0)
        self._get(path, name, kind="application/pdf" if path.endswith(".pdf") else "text/html")

    @task
    def read(self) -> None:
        self._step()


class BoardMember(_Person):
    fixed_count = PLAN["users"]["reader"]
    role = "reader"


class Officer(_Person):
    """An officer who reads, and opens a commentary form now and then without saving it."""

    fixed_count = PLAN["users"]["officer"]
    role = "officer"

    def _lap(self) -> list[tuple[str, str]]:
        return [*super()._lap(), (random.choice(PLAN["commentary_forms"]), "commentary form")]


class EditingOfficer(_Person):
    """An officer who reads and, after a quiet start, saves commentary or uploads a return every
    ``edit_seconds`` (alternately), as the board's officer does while the board reads."""

    fixed_count = PLAN["users"]["editor"]
    role = "editor"

    def on_start(self) -> None:
        super().on_start()
        self.next_edit = time.time() + PLAN["quiet_seconds"]

    @task
    def read(self) -> None:
        if time.time() < self.next_edit:
            self._step()
            return
        self.next_edit += PLAN["edit_seconds"]
        number = next(_edits)
        if number % 2 == 0:
            self._commentary(number)
        else:
            self._upload(number)

    def _posted(self, path: str, name: str, expect: str, **kwargs: Any) -> None:
        with self.client.post(
            path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            where = response.headers.get("Location", "")
            if response.status_code != 302 or expect not in where:
                response.failure(f"{path}: HTTP {response.status_code} to {where!r}")

    def _commentary(self, number: int) -> None:
        path = random.choice(PLAN["commentary_forms"])
        page = self._get(path, "commentary form")
        if not page:
            return
        text = f"Benchmark commentary {number} (synthetic): figures read at the board."
        self._posted(
            path,
            "edit: save commentary (POST)",
            "/indicators/",
            data={
                "analysis": text,
                "action": "None needed (synthetic).",
                "reason": "restated by the benchmark (synthetic)",
                "seen": _token(SEEN, page) or "",
                "csrfmiddlewaretoken": _token(CSRF, page),
            },
        )

    def _upload(self, number: int) -> None:
        upload = PLAN["upload"]
        page = self._get(upload["path"], "return upload form")
        if not page:
            return
        row = upload["rows"][number % len(upload["rows"])]
        content = "indicator,period,value,numerator,denominator,note\n" + ",".join(
            [row["indicator"], upload["period"], str(row["value"] + number), "", "", "synthetic"]
        )
        with self.client.post(
            upload["path"],
            name="edit: upload return (POST)",
            data={
                "reason": f"Benchmark restatement {number} (synthetic)",
                "csrfmiddlewaretoken": _token(CSRF, page),
            },
            files={"file": ("return-SYNTHETIC.csv", content.encode(), "text/csv")},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200 or 'name="token"' not in response.text:
                response.failure(f"upload: HTTP {response.status_code}, no preview to confirm")
                return
            preview = response.text
        self._posted(
            upload["confirm"],
            "edit: confirm return (POST)",
            upload["overview"],
            data={"token": _token(TOKEN, preview), "csrfmiddlewaretoken": _token(CSRF, preview)},
        )


class SignInProbe(HttpUser):
    """Not signed in: opens the sign-in page, the baseline measured in the same run."""

    fixed_count = 1
    wait_time = between(*PLAN["think_seconds"])

    @task
    def baseline(self) -> None:
        with self.client.get(
            "/login/", name=PLAN["baseline"], allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"/login/: HTTP {response.status_code}")
