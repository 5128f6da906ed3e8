"""Write the council register (improvement_board/core/councils.yaml) from a folder of DfE files.

    python scripts/councils.py ../shared/data/dfe

The register lists every council (DfE local authority number) that appears in DfE's published
children's social care statistics, with its name, region, ONS codes and the reporting years it
has rows for, and the reorganisations that ended some of them. The DfE files give the codes and
years; the reorganisations (who succeeded whom, and from when) are public record, written below.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

FILES = (
    "b1_children_in_need_2013_to_2025.csv",
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv",
    "cla_number_and_rate_per_10k_children.csv",
    "csww_indicators_2017_to_2025.csv",
)

# Local government reorganisations since the DfE's files begin (structural changes orders).
REORGANISATIONS = (
    (
        "2019-04-01",
        ["835"],
        ["838", "839"],
        "Dorset County Council was replaced by Dorset Council "
        "(838); Christchurch went to Bournemouth, Christchurch and Poole (839)",
    ),
    (
        "2019-04-01",
        ["836", "837"],
        ["839"],
        "Bournemouth and Poole were merged with Christchurch "
        "as Bournemouth, Christchurch and Poole (839)",
    ),
    (
        "2021-04-01",
        ["928"],
        ["940", "941"],
        "Northamptonshire was replaced by North "
        "Northamptonshire (940) and West Northamptonshire (941)",
    ),
    (
        "2023-04-01",
        ["909"],
        ["942", "943"],
        "Cumbria was replaced by Cumberland (942) and Westmorland and Furness (943)",
    ),
)


def main(folder: Path, out: Path) -> None:
    years: dict[str, set[int]] = defaultdict(set)
    names: dict[str, tuple[int, str]] = {}
    regions: dict[str, tuple[str, str]] = {}
    ons: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for name in FILES:
        with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["geographic_level"] != "Local authority":
                    continue
                number, year = row["old_la_code"].strip(), int(row["time_period"][:4])
                if not _has_figures(row):
                    continue  # a council listed in a year it did not exist, every cell a marker
                years[number].add(year)
                if year >= names.get(number, (0, ""))[0]:
                    names[number] = (year, row["la_name"].strip())
                    regions[number] = (row["region_code"].strip(), row["region_name"].strip())
                span = ons[number].setdefault(row["new_la_code"].strip(), [year, year])
                span[0], span[1] = min(span[0], year), max(span[1], year)
    ended = {n: (day, note, after) for day, olds, after, note in REORGANISATIONS for n in olds}
    began = {n: (day, note) for day, _, after, note in REORGANISATIONS for n in after}
    lines = [
        "# The council register: every council in DfE's published children's social care",
        "# statistics, by its DfE local authority number. Written by scripts/councils.py from",
        "# DfE's files (Open Government Licence v3.0); reorganisations as the structural changes",
        "# orders made them. Reporting year Y is the year to 31 March Y (the workforce census:",
        "# 30 September Y).",
        "councils:",
    ]
    for number in sorted(years):
        region, region_name = regions[number]
        seen = sorted(years[number])
        lines += [
            f'  - number: "{number}"',
            f"    name: {_quote(names[number][1])}",
            f'    region: "{region}"',
            f"    region_name: {_quote(region_name)}",
            f"    years: [{seen[0]}, {seen[-1]}]",
            "    ons: {"
            + ", ".join(f'"{c}": [{a}, {b}]' for c, (a, b) in ons[number].items())
            + "}",
        ]
        if " / " in number:
            lines.append(f"    joint: [{', '.join(_quote(p) for p in number.split(' / '))}]")
        if number in ended:
            day, note, after = ended[number]
            lines += [
                f"    ceased: {day}",
                f"    successors: [{', '.join(_quote(a) for a in after)}]",
                f"    change: {_quote(note)}",
            ]
        if number in began:
            day, note = began[number]
            lines += [f"    began: {day}", f"    change: {_quote(note)}"]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


IDENTIFIERS = {
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    "category",
    "population_type",
}


def _has_figures(row: dict[str, str]) -> bool:
    cells = (v.strip() for k, v in row.items() if k and k.strip("\ufeff") not in IDENTIFIERS)
    return any(c.replace(".", "", 1).isdigit() for c in cells if c)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    main(
        Path(sys.argv[1]),
        Path(__file__).resolve().parents[1] / "improvement_board/core/councils.yaml",
    )
