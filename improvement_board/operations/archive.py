"""The backup file: a gzipped tar whose last member, ``manifest.json``, lists every other member
with its size and SHA-256. A file that is not in the manifest, is missing from the archive, or
does not have the bytes the manifest gives is a damaged archive, and nothing is restored from it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = "improvement-board-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class DamagedArchive(ValueError):
    """The archive cannot be trusted; the message says what is wrong with it."""


@dataclass
class Entry:
    path: str
    bytes: int
    sha256: str


@dataclass
class Manifest:
    created_at: str
    database: dict[str, Any]
    rows: dict[str, int]
    entries: list[Entry] = field(default_factory=list)

    def to_json(self) -> bytes:
        body = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at,
            "database": self.database,
            "rows": self.rows,
            "files": [vars(e) for e in self.entries],
        }
        return json.dumps(body, indent=2, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            body = json.loads(data)
            if body.get("format") != FORMAT:
                raise DamagedArchive("its manifest is not an Improvement Board backup's")
            if body.get("format_version") != FORMAT_VERSION:
                raise DamagedArchive(
                    f"its format version is {body.get('format_version')!r}; "
                    f"this version of the app reads {FORMAT_VERSION}"
                )
            entries = [
                Entry(str(f["path"]), int(f["bytes"]), str(f["sha256"])) for f in body["files"]
            ]
            return cls(
                str(body["created_at"]),
                dict(body["database"]),
                {str(k): int(v) for k, v in body["rows"].items()},
                entries,
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            if isinstance(error, DamagedArchive):
                raise
            raise DamagedArchive(f"its manifest cannot be read ({error})") from None


class _Hashing(io.RawIOBase):
    """Reads a file through, hashing what passes."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source = source
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.digest.update(data)
        return data


class Writer:
    """Adds files to a new archive, recording each in the manifest as it goes."""

    def __init__(self, tar: tarfile.TarFile) -> None:
        self.tar = tar
        self.entries: list[Entry] = []

    def add(self, name: str, source: Path) -> None:
        with source.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = size, 0o600, int(source.stat().st_mtime)
            reader = _Hashing(handle)
            self.tar.addfile(info, reader)
        self.entries.append(Entry(name, size, reader.digest.hexdigest()))

    def finish(self, manifest: Manifest) -> None:
        manifest.entries = self.entries
        data = manifest.to_json()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(data), 0o600
        self.tar.addfile(info, io.BytesIO(data))


@contextmanager
def writing(path: Path) -> Iterator[Writer]:
    """A new archive at ``path``, written beside it and renamed into place only when complete;
    an archive already there is never replaced."""
    if path.exists():
        raise FileExistsError(f"{path} already exists: a backup never replaces a file")
    partial = path.with_name(f".{path.name}.partial")
    try:
        with tarfile.open(partial, "w:gz") as tar:
            writer = Writer(tar)
            yield writer
        os.chmod(partial, 0o600)
        os.link(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def read_checked(path: Path, staging: Path) -> Manifest:
    """Unpack the archive into ``staging`` (an empty folder), checking every member against the
    manifest; raise DamagedArchive, saying what is wrong, at the first thing that is."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            manifest = _manifest(tar)
            expected = {e.path: e for e in manifest.entries}
            seen: set[str] = set()
            for member in tar:
                if member.name == MANIFEST:
                    continue
                entry = expected.get(member.name)
                if entry is None:
                    raise DamagedArchive(
                        f"it holds {member.name!r}, which its manifest does not list"
                    )
                _check_member(member)
                _extract(tar, member, entry, staging)
                seen.add(member.name)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise DamagedArchive(f"it cannot be read as a gzipped tar ({error})") from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise DamagedArchive(
            f"its manifest lists {len(missing)} file(s) it does not hold: {missing[:5]}"
        )
    return manifest


def _manifest(tar: tarfile.TarFile) -> Manifest:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise DamagedArchive("it has no manifest.json") from None
    handle = tar.extractfile(member)
    if handle is None:
        raise DamagedArchive("its manifest.json is not a file")
    return Manifest.from_json(handle.read())


def _check_member(member: tarfile.TarInfo) -> None:
    """Only plain files with plain relative names: no links, devices, absolute paths or '..'."""
    name = PurePosixPath(member.name)
    if not member.isfile():
        raise DamagedArchive(f"{member.name!r} is not a plain file")
    if name.is_absolute() or ".." in name.parts or not name.parts:
        raise DamagedArchive(f"{member.name!r} would be written outside the store")


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, entry: Entry, staging: Path) -> None:
    source = tar.extractfile(member)
    if source is None:
        raise DamagedArchive(f"{member.name!r} cannot be read")
    target = staging.joinpath(*PurePosixPath(member.name).parts)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with open(target, "xb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    if size != entry.bytes or digest.hexdigest() != entry.sha256:
        raise DamagedArchive(
            f"{member.name!r} does not have the bytes its manifest gives (SHA-256 "
            f"{digest.hexdigest()[:16]}…, expected {entry.sha256[:16]}…)"
        )
