"""Nothing in a CSV table is dropped or misread silently: a quote left open, an empty header
table, a column the table does not have, a column not read, are all in the load's report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from improvement_board.core.records.load import load_records, read_dataset
from tests.core.records.builders import (
    COUNCIL,
    EPISODES_903,
    HEADER_903,
    KEY,
    episodes_903,
    header_903,
    write_csv,
)

END = date(2018, 3, 31)
EPISODE = ["03/04/2017", "S", "C2", "U1", "", ""]


def episodes(folder: Path, count: int) -> Path:
    return episodes_903(folder, [[str(1000 + i), *EPISODE] for i in range(count)])


def test_a_quote_left_open_is_an_error_at_the_row_it_opens(tmp_path: Path) -> None:
    path = episodes(tmp_path, 7)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace("03/04/2017", '"03/04/2017', 1)  # the third record, line 4
    path.write_text("".join(lines), encoding="utf-8")

    result = load_records(
        "ssda903", [path], store=tmp_path / "store", key=KEY, council=COUNCIL, period_end=END
    )

    assert result.stored is None and not (tmp_path / "store" / "ssda903").exists()
    [problem] = result.problems
    assert (problem.rule, problem.where.file, problem.where.row) == ("csv", "episodes.csv", 4)
    assert "quote opened in this row is not closed" in problem.message


def test_a_value_running_over_lines_is_refused_with_its_column(tmp_path: Path) -> None:
    path = tmp_path / "episodes.csv"
    path.write_text(
        ",".join(EPISODES_903) + '\n1,03/04/2017,S,C2,N1,U1,PR1,,,,"AB1\n2CD",EF3 4GH,1\n',
        encoding="utf-8",
    )

    reading = read_dataset("ssda903", [path], council=COUNCIL, period_end=END)

    [problem] = reading.problems
    assert (problem.rule, problem.where.row, problem.field) == ("csv", 2, "HOME_POST")


def test_an_ssda903_header_with_no_rows_beside_episodes_is_an_error(tmp_path: Path) -> None:
    header = header_903(tmp_path, [])
    paths = [header, episodes(tmp_path, 24)]

    result = load_records(
        "ssda903", paths, store=tmp_path / "store", key=KEY, council=COUNCIL, period_end=END
    )

    assert result.stored is None
    [problem] = result.problems
    assert (problem.rule, problem.where.file) == ("empty-table", "header.csv")
    assert "24" in problem.message


def test_an_unknown_column_is_a_warning_naming_the_likely_spelling(tmp_path: Path) -> None:
    header = [name if name != "PL_POST" else "PL_POSTT" for name in EPISODES_903]
    path = write_csv(tmp_path / "episodes.csv", header, [["1", *EPISODE[:3], "N1", "U1", "PR1",
                                                           "", "", "", "", "", "1"]])  # fmt: skip

    reading = read_dataset("ssda903", [path], council=COUNCIL, period_end=END)

    assert reading.problems == ()
    [warning] = reading.warnings
    assert (warning.rule, warning.field, warning.where.row) == ("unknown-column", "PL_POSTT", 1)
    assert "perhaps PL_POST" in warning.message


def test_a_misspelt_required_column_is_an_error_that_names_the_misspelling(
    tmp_path: Path,
) -> None:
    header = [name if name != "PLACE" else "PLACES" for name in EPISODES_903]
    path = write_csv(tmp_path / "episodes.csv", header, [["1", *EPISODE[:3], "N1", "U1", "PR1",
                                                           "", "", "", "", "", "1"]])  # fmt: skip

    reading = read_dataset("ssda903", [path], council=COUNCIL, period_end=END)

    [problem] = reading.problems
    assert (problem.rule, problem.field) == ("missing-column", "PLACE")
    assert "the file has PLACES: misspelt?" in problem.message


def test_every_column_not_read_is_named_in_the_report(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "header.csv", [*HEADER_903, "NOTES"],
                     [["1", "1", "01/02/2010", "WBRI", "", "", "", "x"]])  # fmt: skip

    reading = read_dataset("ssda903", [path], council=COUNCIL, period_end=END)

    assert reading.notes == ("header.csv: columns not read: ETHNIC, UPN, MOTHER, MC_DOB, NOTES",)
    assert [w.field for w in reading.warnings] == ["NOTES"]


def test_a_column_given_twice_is_a_warning_and_the_first_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "header.csv", [*HEADER_903, "SEX"],
                     [["1", "1", "01/02/2010", "WBRI", "", "", "", "2"]])  # fmt: skip

    reading = read_dataset("ssda903", [path], council=COUNCIL, period_end=END)

    assert reading.rows("children")[0]["sex"] == "male"
    assert [(w.rule, w.field) for w in reading.warnings] == [("unknown-column", "SEX")]


def test_an_unknown_column_in_the_plain_layout_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "referrals.csv"
    path.write_text(
        "child_id,referral_id,referral_date,sourse\nC1,R1,2021-05-01,6\n", encoding="utf-8"
    )

    reading = read_dataset("plain", [path], council=COUNCIL, period_end=date(2022, 3, 31))

    assert reading.problems == ()
    [warning] = reading.warnings
    assert warning.field == "sourse" and "perhaps source" in warning.message


def test_a_file_without_its_header_row_is_refused_without_quoting_its_first_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "referrals.csv"
    path.write_text("K123456789012,R77,2021-05-01,6\n", encoding="utf-8")

    reading = read_dataset("plain", [path], council=COUNCIL, period_end=date(2022, 3, 31))

    assert {p.rule for p in reading.problems} == {"missing-column"}
    said = " ".join(str(item) for item in (*reading.problems, *reading.warnings, *reading.notes))
    assert "K123456789012" not in said and "R77" not in said
