"""The store publishes an upload whole or not at all: staged where compute never looks, published
with one rename, its manifest written last; a load's identity is its files and its options."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

from improvement_board.core.periods import Period
from improvement_board.core.records.compute import compute_measures, find_upload_dirs
from improvement_board.core.records.load import LoadResult, load_records
from improvement_board.core.records.store import STAGING, clean_stale, completed_uploads, published
from tests.core.records.builders import COUNCIL, KEY, episodes_903, header_903

END = date(2018, 3, 31)
OTHER = "E06000020"


def returns(folder: Path, first_child: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    ids = [str(first_child + i) for i in range(3)]
    header = header_903(folder, [[i, "1", "01/02/2010", "WBRI", ""] for i in ids])
    episodes = episodes_903(folder, [[i, "03/04/2017", "S", "C2", "U1", "", ""] for i in ids])
    return [header, episodes]


def load(
    store: Path, paths: list[Path], *, council: str = COUNCIL, period_end: date = END
) -> LoadResult:
    return load_records(
        "ssda903", paths, store=store, key=KEY, council=council, period_end=period_end
    )


def looked_after(store: Path) -> list[tuple[str, float]]:
    results = compute_measures(
        completed_uploads(store), periods=[Period(2018, 3)],
        population={(COUNCIL, 2017): 10_000, (OTHER, 2017): 10_000},
        measures=["looked_after_per_10k"],
    )  # fmt: skip
    return sorted((r.council, r.numerator) for r in results)


def test_reloading_with_another_council_is_another_upload_that_names_the_first(
    tmp_path: Path,
) -> None:
    paths = returns(tmp_path / "in")
    first = load(tmp_path / "store", paths)
    again = load(tmp_path / "store", paths)
    other = load(tmp_path / "store", paths, council=OTHER)

    assert again.already_loaded and again.upload == first.upload
    assert not other.already_loaded and other.upload != first.upload
    assert any("loaded before with council E06000019" in n for n in other.notes)
    assert looked_after(tmp_path / "store") == [(COUNCIL, 3.0), (OTHER, 3.0)]


def test_reloading_with_another_period_end_is_another_upload(tmp_path: Path) -> None:
    paths = returns(tmp_path / "in")
    first = load(tmp_path / "store", paths)
    later = load(tmp_path / "store", paths, period_end=date(2019, 3, 31))

    assert not later.already_loaded
    assert later.upload != first.upload
    assert len(completed_uploads(tmp_path / "store")) == 2


def test_compute_never_reads_a_staging_or_hidden_folder(tmp_path: Path) -> None:
    store = tmp_path / "store"
    published = load(store, returns(tmp_path / "a")).stored
    staged = load(tmp_path / "other", returns(tmp_path / "b", first_child=10)).stored
    assert staged is not None
    (store / STAGING).mkdir(exist_ok=True)
    os.rename(staged, store / STAGING / "half-written")
    hidden = store / "ssda903" / ".left-by-an-older-version"
    os.rename(store / STAGING / "half-written", hidden)

    assert find_upload_dirs(store) == [published]
    assert completed_uploads(store) == [published]
    assert looked_after(store) == [(COUNCIL, 3.0)]


def test_staging_left_by_a_process_that_is_gone_is_removed_and_a_live_ones_kept(
    tmp_path: Path,
) -> None:
    staging = tmp_path / STAGING
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = staging / f"abc-{gone.pid}-x1"
    live = staging / f"abc-{os.getpid()}-x2"
    for folder in (stale, live):
        folder.mkdir(parents=True)
        (folder / "children.parquet").write_bytes(b"part")
        (folder / "children.parquet").chmod(0o444)

    removed = clean_stale(tmp_path)

    assert removed == [stale] and not stale.exists() and live.exists()


KILLED_LOAD = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from pathlib import Path
    from improvement_board.core.records import store
    from improvement_board.core.records.load import LoadResult, load_records

    store_folder, marker, *paths = sys.argv[1:]
    sealed = store._seal

    def seal_then_wait(folder):
        sealed(folder)  # every table and the manifest are written: the last moment before publish
        Path(marker).write_text(str(folder))
        time.sleep(120)

    store._seal = seal_then_wait
    load_records("ssda903", [Path(p) for p in paths], store=Path(store_folder),
                 key=b"test-key-of-thirty-two-bytes-min", council="E06000019",
                 period_end=date(2018, 3, 31))
    """
)


def test_a_load_killed_while_staging_leaves_compute_unaffected_and_the_retry_succeeds(
    tmp_path: Path,
) -> None:
    store, marker = tmp_path / "store", tmp_path / "staged"
    load(store, returns(tmp_path / "a"))
    before = looked_after(store)
    paths = returns(tmp_path / "b", first_child=10)
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_LOAD, str(store), str(marker), *map(str, paths)]
    )
    for _ in range(600):  # wait for the load to reach its staging window
        if marker.exists() or process.poll() is not None:
            break
        time.sleep(0.1)
    assert marker.exists(), "the load reached its staging window"
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert Path(marker.read_text()).parent == store / STAGING
    assert Path(marker.read_text()).exists(), "the killed load left its staging behind"
    assert len(completed_uploads(store)) == 1
    assert looked_after(store) == before

    retry = load(store, paths)

    assert retry.stored is not None
    assert not Path(marker.read_text()).exists(), "the next load removed the stale staging"
    assert len(completed_uploads(store)) == 2
    assert looked_after(store) == [(COUNCIL, 6.0)]


def test_an_upload_without_its_manifest_is_never_computed_but_other_tables_are(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store"
    stored = load(store, returns(tmp_path / "a")).stored
    assert stored is not None
    unfinished = store / "ssda903" / ("f" * 64)
    unfinished.mkdir()
    (unfinished / "children.parquet").write_bytes((stored / "children.parquet").read_bytes())
    synthetic = store / "synthetic" / "example"
    synthetic.mkdir(parents=True)
    (synthetic / "children.parquet").write_bytes((stored / "children.parquet").read_bytes())

    assert [published(folder) for folder in (stored, unfinished, synthetic)] == [True, False, True]
