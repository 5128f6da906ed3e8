"""The web app under a board meeting's load: gunicorn over a fresh store, twenty people signed in.

    python benchmarks/web.py                    # 5 minutes; PostgreSQL if one answers, else SQLite
    python benchmarks/web.py --database sqlite  # or postgres (a throwaway database, dropped after)
    python benchmarks/web.py --quick            # ~20 s, few people: fails on any failed request

The script makes a store of its own in a temporary folder (the seed programme with the demo's
synthetic figures, made as ``board demo`` makes them, and synthetic people to sign in), starts
``board serve --workers N`` (gunicorn, the project's config) on a free port of 127.0.0.1, and
runs locust headless against it (benchmarks/web_users.py): 18 board members and 2 officers,
signed in, read the dashboard, the overview, indicator pages, the meetings, the plan, the risks
and the pack (HTML and PDF) with 1–3 s to read each page; after a quiet first minute one officer
saves commentary or uploads a return (restating a figure) every ~30 s. An anonymous probe opens
the sign-in page throughout, the baseline in the same run.

Reported per page: p50, p95 and p99 of every request (exact, from locust's per-request log),
failures (a wrong status or a wrong kind of response counts), the page's query count, and the
p95 in the minute after an edit against the page's p50 in the quiet minute before the first
edit. Query counts are measured apart from the load, with Django's test client on the same store
(each page read twice as a board member, the second read counted): before the load, and after it,
when the edits have added versions of figures and commentary. The run ends with one line:
``web: p95 N ms, N failures, N.NN× baseline``: the p95 of every page a signed-in person asked
for (signing in itself left out), over the sign-in page's p50 in the same run: the p50, not the
p95, because when the whole server stalls the sign-in page stalls with it, and a ratio of p95 to
p95 would then hide the stall. It exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = Path(__file__).resolve().parent / "web_users.py"
POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
BASELINE = "baseline: sign-in page"
ORDER = [
    "home",
    "overview",
    "indicator page",
    "meetings",
    "meeting",
    "plan",
    "risks",
    "pack HTML",
    "pack PDF",
    "commentary form",
    "return upload form",
    "edit: save commentary (POST)",
    "edit: upload return (POST)",
    "edit: confirm return (POST)",
    "sign-in page (before signing in)",
    "sign in (POST)",
    BASELINE,
]
EDITS = ("edit: save commentary (POST)", "edit: confirm return (POST)")
SIGNING_IN = ("sign-in page (before signing in)", "sign in (POST)")


@dataclass
class Settings:
    database: str
    seconds: int
    readers: int
    officers: int
    quiet_seconds: float
    edit_seconds: float
    workers: int
    quick: bool
    think: tuple[float, float] = (1.0, 3.0)
    notes: list[str] = field(default_factory=list)
    cpu: str = ""


def main() -> int:
    args = _arguments()
    settings = _settings(args)
    folder = Path(tempfile.mkdtemp(prefix="board-webbench-"))
    database = _database_url(settings)
    print(f"Web under a board meeting's load: {settings.notes[0]}")
    try:
        return _run(settings, folder, database, keep=args.keep)
    finally:
        if database:
            _drop(database)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="~20 s with 4 people (CI)")
    parser.add_argument(
        "--database",
        choices=["auto", "sqlite", "postgres"],
        default="auto",
        help="auto (default): PostgreSQL where a server answers at 127.0.0.1:5432, else SQLite",
    )
    parser.add_argument("--seconds", type=int, help="how long the load runs (default 300)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--postgres", default=POSTGRES, help=f"server to use (default {POSTGRES})")
    parser.add_argument("--keep", action="store_true", help="keep the store, logs and plan")
    return parser.parse_args()


def _settings(args: argparse.Namespace) -> Settings:
    database = args.database
    if database == "auto":
        database = "postgres" if _answers(args.postgres) else "sqlite"
    elif database == "postgres" and not _answers(args.postgres):
        sys.exit(f"web: no PostgreSQL server answers at {args.postgres}")
    os.environ["BOARD_BENCH_POSTGRES"] = args.postgres
    if args.quick:
        settings = Settings(database, args.seconds or 20, 3, 0, 5, 6, args.workers, True)
        settings.think = (0.1, 0.5)  # every page within the 20 s; nothing is timed
    else:
        settings = Settings(database, args.seconds or 300, 18, 1, 60, 30, args.workers, False)
    if database == "postgres":
        where = "PostgreSQL at " + args.postgres.rsplit("@", 1)[-1].rsplit("/", 1)[0]
        where += " (a throwaway database, dropped after the run)"
    else:
        where = "SQLite (WAL), a file in a temporary folder"
        if args.database == "auto":
            where += f" (no PostgreSQL server answered at {args.postgres})"
    settings.notes.append(where)
    return settings


def _answers(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error:
        return False
    return True


def _database_url(settings: Settings) -> str:
    """A throwaway PostgreSQL database (its URL), or "" for SQLite."""
    if settings.database != "postgres":
        return ""
    import psycopg

    server = os.environ["BOARD_BENCH_POSTGRES"]
    name = f"board_bench_{os.getpid()}"
    with closing(psycopg.connect(server, autocommit=True)) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


def _drop(url: str) -> None:
    import psycopg

    server = os.environ["BOARD_BENCH_POSTGRES"]
    name = url.rsplit("/", 1)[1]
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # Django may never have started: nothing to close
        pass
    with closing(psycopg.connect(server, autocommit=True)) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(folder: Path, database: str) -> dict[str, str]:
    env = {
        "BOARD_HOME": str(folder / "home"),
        "BOARD_ENV": "test",  # DEBUG off, as deployed; plain HTTP on 127.0.0.1 (no TLS proxy)
        "BOARD_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SETTINGS_MODULE": "improvement_board.web.settings",
    }
    if database:
        env["DATABASE_URL"] = database
    else:
        env["BOARD_SQLITE"] = str(folder / "home" / "board.sqlite3")
    return env


def _run(settings: Settings, folder: Path, database: str, *, keep: bool) -> int:
    env = _environment(folder, database)
    for name in ("DATABASE_URL", "BOARD_SQLITE"):
        os.environ.pop(name, None)
    os.environ.update(env)
    started = time.monotonic()
    plan = _store(settings, folder)
    made = time.monotonic() - started
    print(f"Store made in {made:.0f} s: the seed programme, synthetic figures")
    queries_before = _query_counts(plan)
    port = _free_port()
    server_log = folder / "gunicorn.log"
    with open(server_log, "w", encoding="utf-8") as log:
        serve = ["serve", "--workers", str(settings.workers), "--port", str(port)]
        server = subprocess.Popen(
            [sys.executable, "-m", "improvement_board.cli", *serve],
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for(port, server)
            _warm(port, settings.workers)
            settings.notes.append(f"load average {os.getloadavg()[0]:.1f} before")
            before = _cpu_of_children()
            records = _load(settings, folder, plan, port)
            client = _cpu_of_children() - before
            settings.notes.append(f"{os.getloadavg()[0]:.1f} at the end")
        finally:
            server.terminate()
            server.wait(timeout=60)
    used = _cpu_of_children() - before - client
    settings.cpu = f"gunicorn {used:.0f} s (with its start), locust {client:.0f} s"
    queries_after = _query_counts(plan)
    failures = _report(settings, records, queries_before, queries_after, server_log)
    if keep:
        print(f"Kept: {folder}")
    return 1 if failures else 0


def _store(settings: Settings, folder: Path) -> dict[str, Any]:
    """Make the store: migrations, the demo's programme and figures, people to sign in."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from improvement_board.accounts.services import user_create
    from improvement_board.demo import DEMO_MEETING, demo_run
    from improvement_board.programmes.models import Programme

    admin = _person(user_create, "bench-admin", "admin", None)
    demo_run(home=Path(os.environ["BOARD_HOME"]), user=admin[2])
    accounts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    wanted = {"reader": settings.readers, "officer": settings.officers, "editor": 1}
    for kind, number in wanted.items():
        role = "reader" if kind == "reader" else "officer"
        for n in range(number):
            username, password, _ = _person(user_create, f"bench-{kind}-{n + 1}", role, admin[2])
            accounts[kind].append((username, password))
    programme = Programme.objects.get()
    return _plan(settings, folder, programme, DEMO_MEETING, dict(accounts))


def _person(user_create: Any, username: str, role: str, by: Any) -> tuple[str, str, Any]:
    password = "bench " + secrets.token_urlsafe(18)  # synthetic people, made for this run only
    user = user_create(
        username=username, role=role, password=password, by=by, reason="web benchmark (synthetic)"
    )
    return username, password, user


def _plan(
    settings: Settings,
    folder: Path,
    programme: Any,
    meeting: str,
    accounts: dict[str, list[tuple[str, str]]],
) -> dict[str, Any]:
    """What the people of the run do, written for benchmarks/web_users.py."""
    from django.urls import reverse

    key = programme.key
    indicators = list(programme.indicators.order_by("key"))
    counts = [i for i in indicators if i.unit == "count"]
    latest = {i.key: i.measurements.filter(period=meeting).order_by("-id").first() for i in counts}
    pages = {
        "home": (reverse("home"), "home"),
        "overview": (reverse("overview", args=[key]), "overview"),
        "meetings": (reverse("meetings", args=[key]), "meetings"),
        "meeting": (reverse("meeting", args=[key, meeting]), "meeting"),
        "plan": (reverse("plan", args=[key]), "plan"),
        "risks": (reverse("risks", args=[key]), "risks"),
        "pack_html": (reverse("pack-html", args=[key, meeting]), "pack HTML"),
        "pack_pdf": (reverse("pack-pdf", args=[key, meeting]), "pack PDF"),
    }
    plan = {
        "log": str(folder / "requests.jsonl"),
        "think_seconds": list(settings.think),
        "quiet_seconds": settings.quiet_seconds,
        "edit_seconds": settings.edit_seconds,
        "users": {"reader": settings.readers, "officer": settings.officers, "editor": 1},
        "accounts": accounts,
        "pages": pages,
        "indicators": [reverse("indicator", args=[key, i.key]) for i in indicators],
        "commentary_forms": [reverse("commentary", args=[key, i.key, meeting]) for i in indicators],
        "every_page_each_lap": settings.quick,
        "pack_html_share": 0.25,
        "pack_pdf_share": 0.15,
        "baseline": BASELINE,
        "upload": {
            "path": reverse("return-upload", args=[key]),
            "confirm": reverse("return-confirm", args=[key]),
            "overview": reverse("overview", args=[key]),
            "period": meeting,
            "rows": [
                {"indicator": k, "value": int(m.value)} for k, m in latest.items() if m is not None
            ],
        },
        "reader": accounts["reader"][0],
    }
    (folder / "plan.json").write_text(json.dumps(plan, indent=1), encoding="utf-8")
    return plan


def _query_counts(plan: dict[str, Any]) -> dict[str, int]:
    """Queries each page makes, read twice by a board member with Django's test client (the
    second read counted: the first may print and keep the pack's PDF, or write the session)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=plan["reader"][0]))
    paths = {name: path for path, name in plan["pages"].values()}
    paths["indicator page"] = plan["indicators"][0]
    counts: dict[str, int] = {}
    for name, path in paths.items():
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            waiting = path.endswith(".pdf") and response.status_code == 202  # being printed
            if response.status_code != 200 and not waiting:
                raise RuntimeError(f"{path}: HTTP {response.status_code} before the load")
        counts[name] = len(captured.captured_queries)
    client.logout()
    connection.close()
    return counts


def _cpu_of_children() -> float:
    """Processor seconds used by the finished processes this one started (and theirs)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {server.returncode}) before it answered")
        try:
            if _status(port, "/login/", timeout=5) == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within 120 s")


def _status(port: int, path: str, *, timeout: float) -> int:
    """The status of a GET of ``path`` on 127.0.0.1:``port``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def _warm(port: int, workers: int) -> None:
    """Open the sign-in page a few times at once, so each worker has loaded its views."""
    from concurrent.futures import ThreadPoolExecutor

    def opened(_: int) -> int:
        return _status(port, "/login/", timeout=60)

    with ThreadPoolExecutor(max_workers=workers * 2) as pool:
        list(pool.map(opened, range(workers * 4)))


def _load(
    settings: Settings, folder: Path, plan: dict[str, Any], port: int
) -> list[dict[str, Any]]:
    people = settings.readers + settings.officers + 1 + 1  # and the sign-in probe
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "--host", f"http://127.0.0.1:{port}", "--users", str(people),
        "--spawn-rate", "10", "--run-time", f"{settings.seconds}s", "--stop-timeout", "120",
        "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    print(
        f"Load: {settings.readers} board members and {settings.officers + 1} officers signed in, "
        f"a sign-in probe; {settings.seconds} s; gunicorn with {settings.workers} sync workers"
    )
    env = {**os.environ, "BOARD_BENCH_PLAN": str(folder / "plan.json")}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    (folder / "locust.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    log = Path(plan["log"])
    if not log.exists():
        sys.stderr.write(done.stdout + done.stderr)
        raise RuntimeError("locust wrote no request log")
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (the smallest value with at least ``share`` of the values at or
    below it)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def _report(
    settings: Settings,
    records: list[dict[str, Any]],
    before: dict[str, int],
    after: dict[str, int],
    server_log: Path,
) -> int:
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_name[record["name"]].append(record)
    signed_in = [r for r in records if r["name"] not in (BASELINE, *SIGNING_IN)]
    ends = [r["start"] + r["ms"] / 1000 for r in records if r["name"] == "sign in (POST)"]
    edits = sorted(r["start"] + r["ms"] / 1000 for r in records if r["name"] in EDITS)
    first_edit = min(
        (r["start"] for r in records if r["name"].startswith("edit:")), default=float("inf")
    )
    quiet_from = max(ends, default=0.0)

    def quiet(r: dict[str, Any]) -> bool:
        return quiet_from <= r["start"] < first_edit

    def after_edit(r: dict[str, Any]) -> bool:
        return any(0 <= r["start"] - end < 60 for end in edits)

    print()
    header = (
        f"{'page':34} {'n':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} {'fail':>4} "
        f"{'queries':>9} {'quiet p50':>9} {'p95 after edit':>14} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    worst_ratio, worst_page = 0.0, ""
    names = [n for n in ORDER if n in by_name] + sorted(set(by_name) - set(ORDER))
    for name in names:
        rows = by_name[name]
        ms = [r["ms"] for r in rows]
        fails = sum(1 for r in rows if r["failed"])
        q = (
            f"{before[name]}→{after[name]}" if name in before and before[name] != after[name]
            else str(before.get(name, ""))
        )  # fmt: skip
        quiet_ms = [r["ms"] for r in rows if quiet(r)]
        edit_ms = [r["ms"] for r in rows if after_edit(r)]
        ratio = ""
        if quiet_ms and edit_ms and name not in (BASELINE, *SIGNING_IN, *EDITS):
            value = percentile(edit_ms, 0.95) / percentile(quiet_ms, 0.5)
            ratio = f"{value:.2f}×"
            if value > worst_ratio:
                worst_ratio, worst_page = value, name
        print(
            f"{name:34} {len(ms):5} {_ms(percentile(ms, 0.5))} {_ms(percentile(ms, 0.95))} "
            f"{_ms(percentile(ms, 0.99))} {_ms(max(ms))} {fails:4} {q:>9} "
            f"{_ms(percentile(quiet_ms, 0.5)) if quiet_ms else '      –':>9} "
            f"{_ms(percentile(edit_ms, 0.95)) if edit_ms else '      –':>14} {ratio:>6}"
        )
    failed = [r for r in records if r["failed"]]
    for record in failed[:10]:
        print(f"  failed: {record['name']}: {record['failed']}")
    all_ms = [r["ms"] for r in signed_in]
    p95 = percentile(all_ms, 0.95)
    baseline_ms = [r["ms"] for r in by_name.get(BASELINE, [])]
    baseline = percentile(baseline_ms, 0.5)
    errors = sum(1 for line in server_log.read_text(encoding="utf-8").splitlines() if '" 5' in line)
    print()
    print(
        f"{len(records)} requests; every signed-in request: p50 {percentile(all_ms, 0.5):.0f} ms, "
        f"p95 {p95:.0f} ms, p99 {percentile(all_ms, 0.99):.0f} ms; sign-in page (baseline) "
        f"p50 {baseline:.0f} ms, p95 {percentile(baseline_ms, 0.95):.0f} ms"
    )
    print(f"Edits: {len(edits)} saved; quiet window {max(0.0, first_edit - quiet_from):.0f} s")
    if worst_page:
        print(f"The minute after an edit: worst {worst_page}, p95 {worst_ratio:.2f}× its quiet p50")
    _over_time(records, edits)
    print(f"Server: {errors} responses with status 5xx in gunicorn's log")
    print(f"Database: {settings.notes[0]}")
    print(f"Processor time: {settings.cpu} in a run of {settings.seconds} s")
    print(
        f"Ran {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores "
        f"({', '.join(settings.notes[1:])}: other work on the machine counts too)"
    )
    print(f"web: p95 {p95:.0f} ms, {len(failed)} failures, {p95 / baseline:.2f}× baseline")
    return len(failed)


def _over_time(records: list[dict[str, Any]], edits: list[float], step: int = 30) -> None:
    """Every signed-in request and the sign-in page, by ``step`` seconds of the run."""
    if not records:
        return
    start = min(r["start"] for r in records)
    windows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record["name"] not in SIGNING_IN:
            windows[int((record["start"] - start) // step)].append(record)
    print()
    print(f"{'seconds':>9} {'requests':>8} {'p50':>7} {'p95':>7} {'sign-in p50':>11} {'edits':>5}")
    for n in sorted(windows):
        pages = [r["ms"] for r in windows[n] if r["name"] != BASELINE]
        probe = [r["ms"] for r in windows[n] if r["name"] == BASELINE]
        saved = sum(1 for end in edits if n * step <= end - start < (n + 1) * step)
        print(
            f"{n * step:>4}–{(n + 1) * step:<4} {len(pages):8} {_ms(percentile(pages, 0.5))} "
            f"{_ms(percentile(pages, 0.95))} {_ms(percentile(probe, 0.5)):>11} {saved:5}"
        )


def _ms(value: float) -> str:
    return f"{value:7.0f}"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
