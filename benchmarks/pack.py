"""Benchmark: a board pack built end to end, beside WeasyPrint alone on the same finished HTML.

    python benchmarks/pack.py            # demo pack, large pack (60 × 36), growth to ~200 pages
    python benchmarks/pack.py --quick    # demo pack, a 3 × 12 pack, growth to ~13 pages (CI)

Every pack is built from a store of its own (a SQLite file in a temporary folder, as the demo's
is), through the same paths the web app and ``board pack`` use:

- the demo pack: the seed programme (18 indicators × 12 months) with the demo's synthetic
  figures, state and comparators (``improvement_board.demo``), for the November 2006 meeting;
- the large pack: a SYNTHETIC programme made from the seed's indicators, actions and risks,
  repeated to 60 indicators over 36 months, with synthetic figures and comparators;
- growth: the same generator at sizes up to about 200 pages, for pages against seconds.

Phases, each timed: figures (the store read into the core's inputs), judgement (the pack model:
every indicator judged, milestones, risks, exceptions), charts (drawing each chart's SVG),
HTML, PDF (WeasyPrint, tagged PDF/UA-1, as the product prints it). Then, on the same finished
HTML in the same run: WeasyPrint alone (the same call, outside the product), WeasyPrint with a
minimal print stylesheet in place of the pack's, and headless Chromium's print (Debian's
``chromium`` driven by Playwright, as the browser tests drive it).

Times are wall-clock seconds (the best of ``--repeat`` runs), with the process's CPU seconds
beside the in-process ones: this machine's cores are shared, and the load average is printed.
Nothing is asserted about time; any error stops the run with exit code 1. The last line is the
summary, with the build's ratio to WeasyPrint alone as ``N.NN×``.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from improvement_board.core.demo import (
    DEMO_COMPARATORS,
    DEMO_COUNCIL,
    demo_comparators,
    demo_csv,
    demo_figures,
)
from improvement_board.core.packs import charts
from improvement_board.core.packs.build import PackInputs, build_pack
from improvement_board.core.packs.render import PDF_VARIANT, render_html, render_pdf
from improvement_board.core.periods import Period
from improvement_board.core.programme import load_programme
from improvement_board.demo import DEMO_MEETING, SEED_PROGRAMME

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SYNTHETIC_NOTE = "SYNTHETIC benchmark programme: made-up figures, not any council's"
LAST_PERIOD = Period(2007, 3)
MINIMAL_CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: sans-serif; font-size: 10pt; line-height: 1.3; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #999; padding: 2px 4px; text-align: left; vertical-align: top; }
.skip, nav { display: none; }
"""


@dataclass
class Build:
    """One pack built end to end: seconds (wall) per phase, and CPU seconds of the whole."""

    name: str
    figures: float = 0.0
    judgement: float = 0.0
    charts: float = 0.0
    html: float = 0.0
    pdf: float = 0.0
    cpu: float = 0.0
    pages: int = 0
    html_text: str = field(default="", repr=False)

    @property
    def total(self) -> float:
        return self.figures + self.judgement + self.charts + self.html + self.pdf


@dataclass
class Renders:
    """The same finished HTML printed three other ways: seconds (wall, and CPU in-process)."""

    weasyprint: float
    weasyprint_cpu: float
    minimal: float
    minimal_pages: int
    chromium: float | None
    chromium_pages: int | None


# --- synthetic programmes -------------------------------------------------------------------


def synthetic_programme(indicators: int, months: int) -> dict[str, Any]:
    """The seed programme's indicators, actions and risks repeated to ``indicators`` indicators
    over ``months`` reporting months (ending February 2007, read at the March 2007 meeting): a
    programme file's content, every name saying it is synthetic."""
    seed = load_programme(SEED_PROGRAMME).model_dump(mode="json", exclude_unset=True)
    first = LAST_PERIOD.shift(-months)
    info = seed["programme"]
    info.update(
        key=f"synthetic-{indicators}x{months}",
        name=f"{SYNTHETIC_NOTE} ({indicators} indicators × {months} months)",
        first_period=str(first),
        last_period=str(LAST_PERIOD),
        baseline_date=str(first.shift(-1).last_day),
        population={year: 35798 for year in range(first.year - 1, LAST_PERIOD.year + 1)},
    )
    base = str(first.shift(-1))
    copies = -(-indicators // len(seed["indicators"]))
    rows = []
    for n in range(copies):
        for row in seed["indicators"]:
            row = {**row, "baseline": {**row["baseline"], "period": base}}
            if n:
                row.update(key=f"{row['key']}-{n + 1}", title=f"{row['title']} (copy {n + 1})")
                row.pop("code", None)
                row.pop("measure", None)
            rows.append(row)
    seed["indicators"] = rows[:indicators]
    seed["actions"] = _copies(seed["actions"], copies, {i["key"] for i in seed["indicators"]})
    seed["risks"] = _copies(seed["risks"], copies, set())
    return seed


def _copies(rows: list[dict[str, Any]], copies: int, indicators: set[str]) -> list[dict[str, Any]]:
    """Actions (or risks) repeated, each copy keyed apart; a milestone tied to an indicator's
    figure is tied to the same copy's indicator where the programme has it, else to none."""
    out = []
    for n in range(copies):
        for row in rows:
            copy = dict(row)
            if n:
                copy.update(key=f"{row['key']}-{n + 1}", title=f"{row['title']} (copy {n + 1})")
            if "milestones" in row:
                copy["milestones"] = [_milestone(m, n, indicators) for m in row["milestones"]]
            out.append(copy)
    return out


def _milestone(row: dict[str, Any], n: int, indicators: set[str]) -> dict[str, Any]:
    row = dict(row)
    if row.get("indicator"):
        key = f"{row['indicator']}-{n + 1}" if n else row["indicator"]
        if key in indicators:
            row["indicator"] = key
        else:
            row.pop("indicator")
            row.pop("value", None)
    return row


class _Written(yaml.SafeDumper):
    """Every value written out where it is used: a programme file takes no anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def programme_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Written, sort_keys=False, allow_unicode=True)


# --- the store ------------------------------------------------------------------------------


def store_start(home: Path) -> Any:
    """Django on a SQLite store of its own in ``home``; the user the loads are made as."""
    from improvement_board.cli.runtime import operator, setup

    setup(store=str(home / "board.sqlite3"))
    return operator()


def demo_meeting(home: Path, user: Any) -> Any:
    """The demo's store (seed programme, synthetic figures, state, comparators); its meeting."""
    from improvement_board.demo import demo_run
    from improvement_board.meetings.selectors import meeting_get
    from improvement_board.programmes.models import Programme as StoredProgramme

    demo_run(home=home / "demo", user=user)
    seed = load_programme(SEED_PROGRAMME).programme.key
    return meeting_get(programme=StoredProgramme.objects.get(key=seed), period=DEMO_MEETING)


def synthetic_meeting(home: Path, user: Any, indicators: int, months: int) -> Any:
    """A synthetic programme loaded into the store with its figures and comparators, as files
    are loaded; its March 2007 meeting."""
    from improvement_board.meetings.selectors import meeting_get
    from improvement_board.programmes.comparators import comparator_group_set, comparators_load
    from improvement_board.programmes.measurements import measurements_load
    from improvement_board.programmes.services import programme_load

    folder = home / f"synthetic-{indicators}x{months}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "programme-SYNTHETIC.yaml"
    path.write_text(programme_yaml(synthetic_programme(indicators, months)), encoding="utf-8")
    model = load_programme(path)
    programme, _ = programme_load(path=path, user=user)
    figures = folder / "monthly-SYNTHETIC.csv"
    figures.write_text(demo_csv(demo_figures(model)), encoding="utf-8")
    measurements_load(programme=programme, path=figures, user=user)
    comparators = folder / "comparators-SYNTHETIC.csv"
    comparators.write_text(demo_comparators(model), encoding="utf-8")
    comparator_group_set(
        programme=programme,
        council=DEMO_COUNCIL,
        members=list(DEMO_COMPARATORS),
        label="synthetic comparator councils",
        synthetic=True,
    )
    comparators_load(programme=programme, path=comparators, user=user)
    return meeting_get(programme=programme, period=str(LAST_PERIOD))


# --- building and printing ------------------------------------------------------------------


@contextmanager
def chart_clock() -> Iterator[list[float]]:
    """Seconds spent drawing charts, summed: every chart drawn afresh (the per-process cache of
    drawings is bypassed, as a new process would find it empty)."""
    spent = [0.0]
    cached = charts._svg

    def drawn(spec: str) -> str:
        start = time.perf_counter()
        svg: str = cached.__wrapped__(spec)
        spent[0] += time.perf_counter() - start
        return svg

    charts._svg = drawn  # type: ignore[assignment]
    try:
        yield spent
    finally:
        charts._svg = cached


def build(name: str, inputs: Callable[[], PackInputs]) -> Build:
    """The pack built end to end, each phase timed."""
    result = Build(name)
    cpu = time.process_time()
    start = time.perf_counter()
    read = inputs()
    result.figures = time.perf_counter() - start
    with chart_clock() as drawing:
        start = time.perf_counter()
        pack = build_pack(read)
        modelled = time.perf_counter() - start
    result.charts = drawing[0]
    result.judgement = modelled - result.charts
    start = time.perf_counter()
    result.html_text = render_html(pack)
    result.html = time.perf_counter() - start
    start = time.perf_counter()
    pdf = render_pdf(result.html_text)
    result.pdf = time.perf_counter() - start
    result.cpu = time.process_time() - cpu
    result.pages = pages(pdf)
    return result


def store_inputs(meeting: Any) -> Callable[[], PackInputs]:
    from improvement_board.meetings.selectors import pack_inputs

    period = Period.parse(meeting.period)
    return lambda: pack_inputs(programme=meeting.programme, period=period, meeting=meeting)


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def weasyprint_alone(html: str) -> tuple[float, float, int]:
    """WeasyPrint's own call on the finished HTML, as the product makes it: wall, CPU, pages."""
    from weasyprint import HTML

    cpu, start = time.process_time(), time.perf_counter()
    pdf = HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
    return time.perf_counter() - start, time.process_time() - cpu, pages(pdf)


def minimal_print(html: str) -> str:
    """The same HTML with a minimal print stylesheet in place of every one of the pack's."""
    bare = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return bare.replace("</head>", f"<style>{MINIMAL_CSS}</style>\n</head>", 1)


class Chromium:
    """Headless Chromium (Debian's, through Playwright), started once for the run."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        start = time.perf_counter()
        self._browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS
        )
        self.launch = time.perf_counter() - start

    def print(self, html: str) -> tuple[float, int]:
        """Loading the HTML and printing it to tagged A4 PDF: seconds (wall) and pages."""
        page = self._browser.new_page()
        try:
            start = time.perf_counter()
            page.set_content(html, wait_until="load")
            pdf = page.pdf(format="A4", print_background=True, tagged=True)
            return time.perf_counter() - start, pages(pdf)
        finally:
            page.close()

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()


def renders(html: str, repeat: int) -> Renders:
    """WeasyPrint alone, and with the minimal stylesheet (Chromium's print is added after: its
    driver runs an event loop, inside which the store may not be read)."""
    alone = min((weasyprint_alone(html) for _ in range(repeat)), key=lambda r: r[0])
    minimal = min(
        (weasyprint_alone(minimal_print(html)) for _ in range(repeat)), key=lambda r: r[0]
    )
    return Renders(alone[0], alone[1], minimal[0], minimal[2], None, None)


def chromium_prints(results: list[tuple[Build, Renders]], repeat: int) -> float:
    """Chromium's print of each pack's HTML, into its renders; the browser's start, in seconds."""
    chromium = Chromium()
    try:
        for built, rendered in results:
            best = min((chromium.print(built.html_text) for _ in range(repeat)), key=lambda r: r[0])
            rendered.chromium, rendered.chromium_pages = best
    finally:
        chromium.close()
    return chromium.launch


def best_build(name: str, inputs: Callable[[], PackInputs], repeat: int) -> Build:
    return min((build(name, inputs) for _ in range(repeat)), key=lambda b: b.total)


# --- reporting ------------------------------------------------------------------------------


def ratio(build_seconds: float, alone_seconds: float) -> str:
    """A ratio as the summary writes it: ``1.07×``."""
    return f"{build_seconds / alone_seconds:.2f}×"


def machine() -> str:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; load average {load}"
    )


def report(b: Build, r: Renders) -> list[str]:
    chromium = (
        f"{r.chromium:6.2f} s ({r.chromium_pages} pages)" if r.chromium is not None else "not run"
    )
    return [
        f"{b.name}: {b.pages} pages, HTML {len(b.html_text) / 1e6:.2f} MB",
        f"  figures {b.figures:6.2f} s   judgement {b.judgement:6.2f} s   charts {b.charts:6.2f} s"
        f"   HTML {b.html:6.2f} s   PDF {b.pdf:6.2f} s",
        f"  build end to end          {b.total:6.2f} s  (CPU {b.cpu:6.2f} s)",
        f"  WeasyPrint alone          {r.weasyprint:6.2f} s  (CPU {r.weasyprint_cpu:6.2f} s)"
        f"   build / WeasyPrint alone {ratio(b.total, r.weasyprint)}",
        f"  minimal print stylesheet  {r.minimal:6.2f} s  ({r.minimal_pages} pages)",
        f"  Chromium print            {chromium}",
    ]


def growth(home: Path, user: Any, sizes: list[int], months: int) -> list[tuple[int, int, float]]:
    """(indicators, pages, CPU seconds end to end) at each size: CPU seconds, since the wall
    clock of a shared machine moves with its other work while one size runs."""
    rows = []
    for size in sizes:
        built = build(f"growth {size}", store_inputs(synthetic_meeting(home, user, size, months)))
        rows.append((size, built.pages, built.cpu))
        print(f"  {size:3d} indicators  {built.pages:4d} pages  {built.total:7.2f} s  "
              f"CPU {built.cpu:7.2f} s  {built.cpu / built.pages:5.3f} CPU s/page",
              flush=True)  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    parser.add_argument("--no-chromium", action="store_true", help="leave Chromium's print out")
    args = parser.parse_args(argv)
    large, months = (3, 12) if args.quick else (60, 36)
    sizes = [1, 2] if args.quick else [10, 20, 40, 80]
    print(f"Board pack benchmark on {machine()}", flush=True)
    print(f"Large pack and growth: {SYNTHETIC_NOTE}.", flush=True)
    with tempfile.TemporaryDirectory(prefix="board-pack-bench-") as folder:
        home = Path(folder)
        user = store_start(home)
        results = []
        for name, meeting in (
            ("Demo pack (seed programme, 18 × 12, synthetic figures)", demo_meeting(home, user)),
            (f"Large pack (SYNTHETIC, {large} × {months})",
             synthetic_meeting(home, user, large, months)),
        ):  # fmt: skip
            built = best_build(name, store_inputs(meeting), args.repeat)
            results.append((built, renders(built.html_text, args.repeat)))
        print("Growth (12 months each), end to end:", flush=True)
        rows = growth(home, user, sizes, 12)
    launch = None if args.no_chromium else chromium_prints(results, args.repeat)
    for built, rendered in results:
        print("\n".join(report(built, rendered)), flush=True)
    if launch is not None:
        print(f"(Chromium started once in {launch:.2f} s, not counted above)")
    print(f"Load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    (demo, demo_r), (big, big_r) = results
    first, last = rows[0], rows[-1]
    per_page = f"{first[2] / first[1]:.3f} → {last[2] / last[1]:.3f} CPU s/page"
    print(
        f"pack: build / WeasyPrint alone {ratio(demo.total, demo_r.weasyprint)} demo "
        f"({demo.total:.2f} s, {demo.pages} pages; PDF {demo.pdf:.2f} s; CPU "
        f"{ratio(demo.cpu, demo_r.weasyprint_cpu)}), {ratio(big.total, big_r.weasyprint)} large "
        f"({big.total:.2f} s, {big.pages} pages); growth {first[1]} → {last[1]} pages: {per_page}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
