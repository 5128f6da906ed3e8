"""Issuing a meeting's pack to the board: each version written once, its bytes' SHA-256 kept, and
its path kept relative to BOARD_HOME so the store can move."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from improvement_board.meetings.models import IssuedPack
from improvement_board.meetings.selectors import issued_pack_check, meeting_get
from improvement_board.meetings.services import pack_issue, write_once
from improvement_board.programmes.services import programme_load
from tests.meetings.signing import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(mini_programme_file: Path, settings: Any, tmp_path: Path) -> Any:
    settings.BOARD_HOME = tmp_path
    programme, _ = programme_load(path=mini_programme_file)
    first = programme.meetings.order_by("period").first()
    assert first is not None
    return meeting_get(programme=programme, period=first.period)


def _issue(meeting: Any, pdf: bool = False) -> list[IssuedPack]:
    return pack_issue(meeting=meeting, user=approved(meeting), pdf=pdf)


def test_each_issue_is_the_next_version_and_keeps_its_bytes_hash(meeting: Any) -> None:
    [first] = _issue(meeting)
    [second] = _issue(meeting)
    assert (first.version, second.version) == (1, 2)
    assert first.path != second.path
    for pack in (first, second):
        data = pack.file.read_bytes()
        assert hashlib.sha256(data).hexdigest() == pack.sha256
        assert issued_pack_check(pack=pack) == "unchanged"
        assert f"-v{pack.version}.html" in pack.path


def test_an_issued_pack_is_recorded_by_its_path_under_board_home(meeting: Any) -> None:
    [pack] = _issue(meeting)
    assert not Path(pack.path).is_absolute()
    assert pack.path == f"packs/{meeting.programme.key}/issued/board-pack-{meeting.period}-v1.html"
    assert pack.file == Path(settings.BOARD_HOME) / pack.path


def test_a_store_moved_to_another_folder_still_finds_its_issued_packs(
    meeting: Any, settings: Any, tmp_path: Path
) -> None:
    [pack] = _issue(meeting)
    moved = tmp_path.parent / f"{tmp_path.name}-moved"
    tmp_path.rename(moved)
    settings.BOARD_HOME = moved
    assert issued_pack_check(pack=pack) == "unchanged"


def test_a_issued_file_that_changes_or_goes_is_found_out(meeting: Any) -> None:
    html, pdf = _issue(meeting, pdf=True)
    assert (html.kind, pdf.kind) == ("html", "pdf")
    assert pdf.file.read_bytes().startswith(b"%PDF")
    html.file.write_bytes(html.file.read_bytes() + b"<!-- edited -->")
    pdf.file.unlink()
    assert issued_pack_check(pack=html) == "changed"
    assert issued_pack_check(pack=pdf) == "missing"


def test_a_version_whose_file_is_already_there_is_passed_over_never_replaced(
    meeting: Any,
) -> None:
    [first] = _issue(meeting)
    # As if an issue had written version 2 and then failed before it was recorded.
    blocker = first.file.with_name(f"board-pack-{meeting.period}-v2.html")
    blocker.write_bytes(b"someone else's file")
    [third] = _issue(meeting)
    assert third.version == 3 and third.path.endswith("-v3.html")
    assert blocker.read_bytes() == b"someone else's file"
    assert [p.version for p in IssuedPack.objects.filter(meeting=meeting)] == [3, 1]


def test_write_once_refuses_to_replace_and_leaves_no_partial_file(tmp_path: Path) -> None:
    path = write_once(tmp_path / "pack.html", b"first")
    with pytest.raises(FileExistsError):
        write_once(path, b"second")
    assert path.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.html"]


def test_issued_paths_recorded_absolute_are_migrated_to_paths_under_board_home() -> None:
    migration = importlib.import_module("improvement_board.meetings.migrations.0003_pack_sign_off")
    home = Path("/srv/board")
    name = "packs/mini/issued/board-pack-2006-11-v1.html"
    assert migration.relative(f"/srv/board/{name}", home) == name
    # A store already moved: the pack's own place under its old BOARD_HOME is kept.
    assert migration.relative(f"/old/place/board-data/{name}", home) == name
    assert migration.relative(name, home) == name
    assert migration.relative("/elsewhere/pack.html", home) == "/elsewhere/pack.html"


def test_the_pdf_is_printed_before_any_write_transaction_begins(
    meeting: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection

    outer = len(connection.atomic_blocks)  # the test's own transaction
    depths: list[int] = []

    def render_pdf(html: str) -> bytes:
        depths.append(len(connection.atomic_blocks))
        return b"%PDF-1.7 issued"

    monkeypatch.setattr("improvement_board.meetings.services.render_pdf", render_pdf)
    _issue(meeting, pdf=True)
    assert depths == [outer]


def test_a_pdf_the_worker_printed_for_the_same_pack_is_issued_without_printing_again(
    meeting: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from improvement_board.meetings.services import content_sha256
    from improvement_board.meetings.services import pack_html as issued_html
    from improvement_board.rendering.selectors import pdf_path

    def never(html: str) -> bytes:
        raise AssertionError("printed again")

    user = approved(meeting)
    printed = pdf_path(content_sha256(issued_html(meeting=meeting)))
    printed.parent.mkdir(parents=True, exist_ok=True)
    printed.write_bytes(b"%PDF-1.7 from the worker")
    monkeypatch.setattr("improvement_board.meetings.services.render_pdf", never)
    files = pack_issue(meeting=meeting, user=user, pdf=True)
    [pdf] = [f for f in files if f.kind == "pdf"]
    assert pdf.file.read_bytes() == b"%PDF-1.7 from the worker"
