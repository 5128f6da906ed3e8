"""The records store: immutable Parquet per upload, written whole or not at all.

Layout: ``<store>/<dataset>/<upload>/<table>.parquet`` plus ``manifest.json``, where ``upload``
is the SHA-256 of the dataset name and the files' own SHA-256s, so loading the same files again
finds the upload already there and adds nothing. An upload is written into a hidden temporary
folder beside its final place and renamed into place in one step: a reader (or a crash) never
sees half an upload. Files are made read-only once written; nothing here rewrites an upload.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "manifest.json"
_CHUNK = 1024 * 1024


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def upload_id(dataset: str, file_hashes: list[str]) -> str:
    """The same files (in any order) for the same dataset are the same upload."""
    text = "\n".join([dataset, *sorted(file_hashes)])
    return hashlib.sha256(text.encode()).hexdigest()


def upload_folder(store: Path, dataset: str, upload: str) -> Path:
    return store / dataset / upload


def stored_manifest(store: Path, dataset: str, upload: str) -> dict[str, Any] | None:
    """The manifest of an upload already stored, or None."""
    path = upload_folder(store, dataset, upload) / MANIFEST
    if not path.is_file():
        return None
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return manifest


def write_upload(
    store: Path, dataset: str, upload: str, tables: dict[str, pa.Table], manifest: dict[str, Any]
) -> Path:
    """Write every table and the manifest, then move the folder into place in one rename."""
    final = upload_folder(store, dataset, upload)
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{upload[:16]}-", dir=final.parent))
    try:
        for name, table in tables.items():
            pq.write_table(table, staging / f"{name}.parquet", compression="zstd")
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        _seal(staging)
        os.rename(staging, final)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if (final / MANIFEST).is_file():  # another load of the same files won the race
            return final
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def _seal(folder: Path) -> None:
    """Flush every file to disk and make it read-only, so the upload survives a crash as written."""
    for path in folder.iterdir():
        with path.open("rb") as file:
            os.fsync(file.fileno())
        path.chmod(0o444)
    folder.chmod(0o755)
