"""The programme written back as a programme file: the store's programme, as the file would say it.

``programme_mapping`` turns the core's programme (core/programme.py) into the mapping the file
holds, leaving out every field that says no more than its default, in the order
docs/programme-file.md gives; ``programme_yaml`` writes that mapping as YAML. Loading the written
file gives the same programme again, so a programme edited in the app can be kept, compared and
reloaded as a file, and writing it twice gives the same text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from pydantic import BaseModel

from improvement_board.core.programme import Programme

HEADER = (
    "# The programme {key} as the board holds it, written by `board programme export`.\n"
    "# Load it with `board programme load`; the field reference is docs/programme-file.md.\n"
)
WIDTH = 96
"""Long one-line text is folded at about this column, as the bundled files are written."""


def programme_mapping(programme: Programme) -> dict[str, Any]:
    """The programme as the file's mapping: defaults, absent values and empty lists left out,
    whole numbers written without a decimal point, dates as dates."""
    mapping = _plain(programme)
    mapping.setdefault("programme", {})
    return {"programme": mapping.pop("programme"), **mapping}


def programme_yaml(programme: Programme) -> str:
    """The programme file's text for ``programme``; loading it gives ``programme`` again."""
    body = yaml.dump(
        programme_mapping(programme),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=WIDTH,
    )
    return HEADER.format(key=programme.programme.key) + "\n" + body


def _plain(item: BaseModel) -> dict[str, Any]:
    """One model's fields that differ from their defaults (a required field always), as plain
    values in the model's own field order."""
    mapping: dict[str, Any] = {}
    for name, field in type(item).model_fields.items():
        value = getattr(item, name)
        if not field.is_required() and value == field.get_default(call_default_factory=True):
            continue
        written = _value(value)
        if written is None or written == [] or written == {}:
            if field.is_required():
                mapping[name] = written
            continue
        mapping[name] = written
    return mapping


def _value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return _plain(value)
    if isinstance(value, dict):
        return {_value(k): _value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


class _Dumper(yaml.SafeDumper):
    """The safe dumper, with text of several lines as a block and no anchors or aliases (which
    the programme file refuses)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Lists indented under their key, as the bundled files are written."""
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


def _date(dumper: yaml.SafeDumper, data: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.isoformat())


_Dumper.add_representer(str, _text)
_Dumper.add_representer(dt.date, _date)
