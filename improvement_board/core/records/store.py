"""The records store: immutable Parquet per upload, published whole or not at all.

Layout: ``<store>/<dataset>/<upload>/<table>.parquet`` plus ``manifest.json``, where ``upload``
is the SHA-256 of the dataset name, the files' own SHA-256s and the options the load was given
(council, period end, problems kept), so loading the same files the same way again finds the
upload already there and adds nothing, and loading them another way is another upload.

Crash safety: an upload is written in ``<store>/.staging/<upload>-<pid>-<random>``, where
nothing that computes ever looks; its manifest is written last, every file is flushed, and the
folder is published with one rename. A load killed at any moment leaves either nothing in the
store or the whole upload; what it leaves in staging is removed by the next load once the
process that wrote it is gone. Compute reads only published uploads with their manifest
(``published``). Files are made read-only once written; nothing here rewrites an upload.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "manifest.json"
_UPLOAD_ID = re.compile(r"[0-9a-f]{64}")
STAGING = ".staging"
# A hidden folder an earlier version staged beside its upload is stale after this long.
_LEGACY_STALE_SECONDS = 24 * 3600
_CHUNK = 1024 * 1024


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def upload_id(dataset: str, file_hashes: list[str], options: dict[str, str] | None = None) -> str:
    """The same files (in any order) for the same dataset, loaded with the same options, are the
    same upload. Without options the identity is the files' alone, as it always was."""
    lines = [dataset, *sorted(file_hashes)]
    lines += [f"{name}={value}" for name, value in sorted((options or {}).items()) if value]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def upload_folder(store: Path, dataset: str, upload: str) -> Path:
    return store / dataset / upload


def stored_manifest(store: Path, dataset: str, upload: str) -> dict[str, Any] | None:
    """The manifest of an upload already stored, or None."""
    return read_manifest(upload_folder(store, dataset, upload))


def read_manifest(folder: Path) -> dict[str, Any] | None:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def completed_uploads(store: Path) -> list[Path]:
    """Every published upload (a folder with its manifest), never staging or hidden folders."""
    if not store.is_dir():
        return []
    return sorted(
        folder
        for dataset in store.iterdir()
        if dataset.is_dir() and not dataset.name.startswith(".")
        for folder in dataset.iterdir()
        if folder.is_dir() and not folder.name.startswith(".") and (folder / MANIFEST).is_file()
    )


def published(folder: Path) -> bool:
    """Whether compute may read a folder of tables: an upload of the store (named by its id)
    only once published with its manifest; any other folder of tables (such as synthetic
    records written whole by ``synthetic.generate_records``) as it is."""
    return (folder / MANIFEST).is_file() or not _UPLOAD_ID.fullmatch(folder.name)


def uploads_named(store: Path, prefix: str) -> list[Path]:
    """The published uploads whose id starts with ``prefix`` (one, when it names an upload)."""
    prefix = prefix.strip().casefold()
    if not prefix:
        return []
    return [folder for folder in completed_uploads(store) if folder.name.startswith(prefix)]


def clean_stale(store: Path) -> list[Path]:
    """Remove what killed loads left in staging (their process is gone); what was removed."""
    removed = []
    staging = store / STAGING
    if staging.is_dir():
        for folder in staging.iterdir():
            if not _alive(folder.name):
                _remove(folder)
                removed.append(folder)
    if store.is_dir():
        cutoff = time.time() - _LEGACY_STALE_SECONDS
        for dataset in store.iterdir():
            if dataset.is_dir() and not dataset.name.startswith("."):
                for folder in dataset.iterdir():
                    if folder.name.startswith(".") and folder.stat().st_mtime < cutoff:
                        _remove(folder)
                        removed.append(folder)
    return removed


def write_upload(
    store: Path, dataset: str, upload: str, tables: dict[str, pa.Table], manifest: dict[str, Any]
) -> Path:
    """Write every table, then the manifest, in staging; publish the folder in one rename."""
    final = upload_folder(store, dataset, upload)
    final.parent.mkdir(parents=True, exist_ok=True)
    (store / STAGING).mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{upload[:16]}-{os.getpid()}-", dir=store / STAGING))
    try:
        for name, table in tables.items():
            pq.write_table(table, staging / f"{name}.parquet", compression="zstd")
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        _seal(staging)
        os.rename(staging, final)
        _fsync_folder(final.parent)
    except OSError:
        _remove(staging)
        if (final / MANIFEST).is_file():  # another load of the same files won the race
            return final
        raise
    except BaseException:
        _remove(staging)
        raise
    return final


def _seal(folder: Path) -> None:
    """Flush every file to disk and make it read-only, so the upload survives a crash as written."""
    for path in folder.iterdir():
        with path.open("rb") as file:
            os.fsync(file.fileno())
        path.chmod(0o444)
    folder.chmod(0o755)
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _alive(name: str) -> bool:
    """Whether the process named in a staging folder's name (``<upload>-<pid>-<random>``) runs."""
    parts = name.split("-")
    if len(parts) < 3 or not parts[1].isdigit():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(folder: Path) -> None:
    """Remove a folder even where its files were made read-only."""
    if folder.is_dir():
        for path in folder.rglob("*"):
            path.chmod(0o700 if path.is_dir() else 0o600)
        folder.chmod(0o700)
    shutil.rmtree(folder, ignore_errors=True)
