"""The backup file: every member listed in the manifest with its SHA-256, and a restore that
refuses a damaged archive or a target that is not empty, leaving nothing behind."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest

from improvement_board.operations.archive import MANIFEST, DamagedArchive
from improvement_board.operations.backup import NotEmpty, backup, restore, store_files
from improvement_board.operations.database import sqlite_rows


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "packs" / "p" / "issued").mkdir(parents=True)
    (home / "packs" / "p" / "issued" / "board-pack-2006-11-v1.html").write_text("<h1>pack</h1>")
    (home / "packs" / "p" / "issued" / ".board-pack-2006-11-v2.html.x.partial").write_text("half")
    (home / "records" / "cin-census" / "abc").mkdir(parents=True)
    (home / "records" / "cin-census" / "abc" / "children.parquet").write_bytes(b"PAR1\x00PAR1")
    (home / "records" / ".abc-staging").mkdir()
    (home / "records" / ".abc-staging" / "children.parquet").write_bytes(b"being written")
    (home / "cache" / "packs").mkdir(parents=True)
    (home / "cache" / "packs" / "x.pdf").write_bytes(b"%PDF cached")
    return home


@pytest.fixture
def source() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE figure (id INTEGER PRIMARY KEY, value REAL)")
    db.executemany("INSERT INTO figure (value) VALUES (?)", [(1.5,), (2.5,), (3.5,)])
    db.commit()
    return db


@pytest.fixture
def archive(tmp_path: Path, home: Path, source: sqlite3.Connection) -> Path:
    path = tmp_path / "store.tgz"
    backup(archive=path, home=home, source=source)
    return path


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar}  # type: ignore[union-attr]


def _rewrite(archive: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_a_backup_keeps_the_store_files_not_caches_nor_files_being_written(home: Path) -> None:
    kept = [p.relative_to(home).as_posix() for p in store_files(home)]
    assert kept == [
        "packs/p/issued/board-pack-2006-11-v1.html",
        "records/cin-census/abc/children.parquet",
    ]


def test_the_manifest_lists_every_member_with_its_sha256_and_the_row_counts(
    archive: Path,
) -> None:
    members = _members(archive)
    manifest = json.loads(members.pop(MANIFEST))
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(members)
    for name, data in members.items():
        assert listed[name]["sha256"] == hashlib.sha256(data).hexdigest()
        assert listed[name]["bytes"] == len(data)
    assert manifest["rows"] == {"figure": 3} and manifest["database"]["engine"] == "sqlite"
    assert archive.stat().st_mode & 0o777 == 0o600


def test_a_backup_never_replaces_a_file(archive: Path, home: Path, source: sqlite3.Connection):
    before = archive.read_bytes()
    with pytest.raises(FileExistsError, match="never replaces"):
        backup(archive=archive, home=home, source=source)
    assert archive.read_bytes() == before


def test_a_restore_puts_back_every_file_and_the_database(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "restored"
    done = restore(archive=archive, home=target, sqlite=target / "board.sqlite3")
    assert done.rows == {"figure": 3} == sqlite_rows(target / "board.sqlite3")
    issued = target / "packs" / "p" / "issued" / "board-pack-2006-11-v1.html"
    assert issued.read_text() == "<h1>pack</h1>"
    assert not (target / "cache").exists() and not list(target.rglob(".*"))
    assert {p.stat().st_mode & 0o777 for p in target.rglob("*")} <= {0o600, 0o700}


def test_a_restore_into_a_folder_that_is_not_empty_is_refused(
    archive: Path, tmp_path: Path
) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(NotEmpty, match=r"is not empty \(it holds notes.txt\)"):
        restore(archive=archive, home=target, sqlite=target / "board.sqlite3")
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_a_restore_never_replaces_an_existing_sqlite_store(archive: Path, tmp_path: Path) -> None:
    store = tmp_path / "elsewhere.sqlite3"
    store.write_bytes(b"a real store")
    with pytest.raises(NotEmpty, match="never replaces one"):
        restore(archive=archive, home=tmp_path / "new", sqlite=store)
    assert store.read_bytes() == b"a real store" and not (tmp_path / "new").exists()


def _damaged(archive: Path, tmp_path: Path, match: str) -> None:
    target = tmp_path / "restored"
    with pytest.raises(DamagedArchive, match=match):
        restore(archive=archive, home=target, sqlite=target / "board.sqlite3")
    assert not target.exists()  # nothing left behind


def test_a_file_whose_bytes_changed_is_a_damaged_archive(archive: Path, tmp_path: Path) -> None:
    members = _members(archive)
    members["home/packs/p/issued/board-pack-2006-11-v1.html"] = b"<h1>edited</h1>"
    _rewrite(archive, members)
    _damaged(archive, tmp_path, "does not have the bytes its manifest gives")


def test_a_file_missing_or_not_listed_is_a_damaged_archive(archive: Path, tmp_path: Path) -> None:
    members = _members(archive)
    del members["home/records/cin-census/abc/children.parquet"]
    _rewrite(archive, members)
    _damaged(archive, tmp_path, "lists 1 file")
    members["home/secrets/extra"] = b"slipped in"
    _rewrite(archive, members)
    _damaged(archive, tmp_path, "which its manifest does not list")


def test_a_path_leaving_the_store_is_a_damaged_archive(archive: Path, tmp_path: Path) -> None:
    members = _members(archive)
    manifest = json.loads(members[MANIFEST])
    manifest["files"].append({"path": "../escape", "bytes": 3, "sha256": "0" * 64})
    members[MANIFEST] = json.dumps(manifest).encode()
    members["../escape"] = b"bad"
    _rewrite(archive, {k: members[k] for k in ["../escape", MANIFEST]})
    _damaged(archive, tmp_path, "outside the store")
    assert not (tmp_path / "escape").exists()


def test_a_file_that_is_not_an_archive_or_has_no_manifest_is_refused(
    tmp_path: Path, archive: Path
) -> None:
    truncated = tmp_path / "truncated.tgz"
    truncated.write_bytes(archive.read_bytes()[:200])
    _damaged(truncated, tmp_path, "cannot be read|no manifest")
    members = _members(archive)
    del members[MANIFEST]
    _rewrite(archive, members)
    _damaged(archive, tmp_path, "no manifest.json")


def test_row_counts_unlike_the_manifests_are_a_damaged_archive(
    archive: Path, tmp_path: Path
) -> None:
    members = _members(archive)
    manifest = json.loads(members[MANIFEST])
    manifest["rows"] = {"figure": 4}
    members[MANIFEST] = json.dumps(manifest).encode()
    _rewrite(archive, members)
    _damaged(archive, tmp_path, r"row counts differ from the manifest's in \['figure'\]")
