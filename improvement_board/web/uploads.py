"""Monthly returns uploaded through the web: capped in size, held between check and load.

An upload is read twice: first as a dry run (every problem, or what would change), then, once the
officer confirms, for real. Between the two the file waits under BOARD_HOME/uploads/pending in a
folder named by a random token that only the uploader's session knows, so any app process can
finish the load and no one else can. Its type is decided by the returns reader from its content.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SESSION_KEY = "pending_returns"
STALE_SECONDS = 24 * 60 * 60
_SUFFIX = re.compile(r"^\.[a-z0-9]{1,5}$")


class CappedUploadHandler(FileUploadHandler):
    """Stops keeping a file once it passes the cap, so an oversized upload is never held whole;
    the form then says the file is too large."""

    def __init__(self, request: HttpRequest | None = None, limit: int = MAX_UPLOAD_BYTES) -> None:
        super().__init__(request)
        self.limit = limit

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > self.limit:
            if self.request is not None:
                self.request.upload_too_large = True  # type: ignore[attr-defined]
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def cap_uploads(request: HttpRequest) -> None:
    """Put the cap in front of Django's own handlers; call before the request body is read."""
    request.upload_handlers.insert(0, CappedUploadHandler(request))


def too_large(request: HttpRequest) -> bool:
    return bool(getattr(request, "upload_too_large", False))


@dataclass(frozen=True)
class Pending:
    """A checked upload waiting for the officer to confirm it."""

    token: str
    path: Path
    name: str
    reason: str


def _folder() -> Path:
    return Path(settings.BOARD_HOME) / "uploads" / "pending"


def safe_name(name: str) -> str:
    """The uploaded file's name without any folder, kept for history and messages; the suffix
    is kept as the reader checks it against the content."""
    stem = re.sub(r"[^A-Za-z0-9._ -]", "_", PurePath(name).name).strip(" .") or "return"
    return stem[:120]


def pending_save(request: HttpRequest, upload: UploadedFile[bytes], *, reason: str) -> Pending:
    """Store the upload under a new token, remembered in the uploader's session."""
    _discard_stale()
    token = secrets.token_urlsafe(18)
    name = safe_name(upload.name or "return")
    suffix = PurePath(name).suffix.lower()
    folder = _folder() / token
    folder.mkdir(parents=True)
    path = folder / f"return{suffix if _SUFFIX.match(suffix) else ''}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    waiting: dict[str, Any] = request.session.get(SESSION_KEY, {})
    waiting[token] = {"name": name, "reason": reason}
    request.session[SESSION_KEY] = waiting
    return Pending(token, path, name, reason)


def pending_get(request: HttpRequest, token: str) -> Pending:
    """The upload the session holds under ``token``; LookupError if it is not this session's or
    has gone."""
    entry = request.session.get(SESSION_KEY, {}).get(token)
    folder = _folder() / token
    files = sorted(folder.glob("return*")) if entry and folder.is_dir() else []
    if not files:
        raise LookupError("this upload has expired or was already loaded: upload the file again")
    return Pending(token, files[0], entry["name"], entry["reason"])


def pending_discard(request: HttpRequest, token: str) -> None:
    waiting: dict[str, Any] = request.session.get(SESSION_KEY, {})
    if waiting.pop(token, None) is not None:
        request.session[SESSION_KEY] = waiting
    if re.fullmatch(r"[A-Za-z0-9_-]+", token):
        shutil.rmtree(_folder() / token, ignore_errors=True)


def _discard_stale() -> None:
    """Uploads checked but never confirmed are removed after a day."""
    folder = _folder()
    if not folder.is_dir():
        return
    cutoff = time.time() - STALE_SECONDS
    for entry in folder.iterdir():
        if entry.stat().st_mtime < cutoff:
            shutil.rmtree(entry, ignore_errors=True)
