"""Issuing a meeting's pack to the board: each version written once, its bytes' SHA-256 kept."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from improvement_board.meetings.models import IssuedPack
from improvement_board.meetings.selectors import issued_pack_check, meeting_get
from improvement_board.meetings.services import pack_issue, write_once
from improvement_board.programmes.services import programme_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(mini_programme_file: Path, settings: Any, tmp_path: Path) -> Any:
    settings.BOARD_HOME = tmp_path
    programme, _ = programme_load(path=mini_programme_file)
    first = programme.meetings.order_by("period").first()
    assert first is not None
    return meeting_get(programme=programme, period=first.period)


def test_each_issue_is_the_next_version_and_keeps_its_bytes_hash(meeting: Any) -> None:
    [first] = pack_issue(meeting=meeting, pdf=False)
    [second] = pack_issue(meeting=meeting, pdf=False)
    assert (first.version, second.version) == (1, 2)
    assert first.path != second.path
    for pack in (first, second):
        data = Path(pack.path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == pack.sha256
        assert issued_pack_check(pack=pack) == "unchanged"
        assert f"-v{pack.version}.html" in pack.path


def test_a_issued_file_that_changes_or_goes_is_found_out(meeting: Any) -> None:
    html, pdf = pack_issue(meeting=meeting, pdf=True)
    assert (html.kind, pdf.kind) == ("html", "pdf")
    assert Path(pdf.path).read_bytes().startswith(b"%PDF")
    Path(html.path).write_bytes(Path(html.path).read_bytes() + b"<!-- edited -->")
    Path(pdf.path).unlink()
    assert issued_pack_check(pack=html) == "changed"
    assert issued_pack_check(pack=pdf) == "missing"


def test_a_version_whose_file_is_already_there_is_passed_over_never_replaced(
    meeting: Any,
) -> None:
    [first] = pack_issue(meeting=meeting, pdf=False)
    # As if an issue had written version 2 and then failed before it was recorded.
    blocker = Path(first.path).with_name(f"board-pack-{meeting.period}-v2.html")
    blocker.write_bytes(b"someone else's file")
    [third] = pack_issue(meeting=meeting, pdf=False)
    assert third.version == 3 and third.path.endswith("-v3.html")
    assert blocker.read_bytes() == b"someone else's file"
    assert [p.version for p in IssuedPack.objects.filter(meeting=meeting)] == [3, 1]


def test_write_once_refuses_to_replace_and_leaves_no_partial_file(tmp_path: Path) -> None:
    path = write_once(tmp_path / "pack.html", b"first")
    with pytest.raises(FileExistsError):
        write_once(path, b"second")
    assert path.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.html"]
