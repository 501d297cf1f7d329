"""Writing records as YAML the way staff write them by hand.

One writer for every tool that creates or changes record files (the
scaffold, the importers, the synthetic city), so that they all look alike:

* keys in the schema's field order, then the nested lists;
* text with line breaks as a literal block (``description: |``);
* quotes only where a YAML reader could take the text for something else:
  a number with leading zeros (a KRS ``"0000012345"``), ``no``/``yes``,
  a time ``"7:30"`` (YAML 1.1 reads it as 450), a leading ``*`` or ``#``,
  ``: `` inside the text; then double quotes, as in the sample data;
* no tags, anchors or flow collections; lines are never wrapped, so that a
  change to one value is a change to one line in a pull request.

Values may be typed (``bool``, ``int``, ``Decimal``, ``date``, ``time``) or
the text as written; :func:`to_text` turns a typed value into the text a
staff member would type for the field.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from civic.schema import Field, Table

EDITOR_SCHEMAS = Path("schemas") / "editor"
"""Where the editor JSON Schemas live, relative to the data folder."""

INDENT = "  "

# Text that YAML 1.2 (editors, other tools) would read as a number, a boolean
# or null, or that YAML 1.1 would read as a time of day: always quoted.
_NOT_TEXT = re.compile(
    r"[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?"
    r"|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
    r"|\d+(:\d+)+(\.\d*)?"
    r"|(?i:true|false|yes|no|on|off|y|n|null|~)"
)
_TYPED = frozenset({"integer", "number", "year", "boolean", "date", "datetime"})
_EMITTER = yaml.emitter.Emitter(None, allow_unicode=True)
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
# Characters a block scalar cannot hold verbatim.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\ufeff]")


def to_text(field: Field | None, value: Any) -> str:
    """The text staff would type for ``value`` in ``field``."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        descriptor = field.descriptor if field else {}
        true_values = descriptor.get("trueValues", ["true"])
        false_values = descriptor.get("falseValues", ["false"])
        return str(true_values[0] if value else false_values[0])
    if isinstance(value, Decimal | int | float):
        amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if field is not None and field.check == "money":
            return f"{amount:.2f}"
        return format(amount, "f")
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        seconds = f":{value.second:02d}" if value.second else ""
        return f"{value.hour}:{value.minute:02d}{seconds}"
    raise TypeError(f"cannot write a {type(value).__name__} as a YAML value")


def scalar(field: Field | None, value: Any) -> str:
    """One value on one line, quoted where needed (never a block scalar)."""
    text = to_text(field, value)
    if _needs_quotes(text, field):
        return _double_quoted(text)
    return text


def entry_lines(key: str, field: Field | None, value: Any, indent: str = "") -> list[str]:
    """``key: value`` for one scalar field, as one line or a literal block."""
    text = to_text(field, value)
    if "\n" in text and not _UNPRINTABLE.search(text):
        return [f"{indent}{key}: {_block_header(text)}", *_block_body(text, indent + INDENT)]
    return [f"{indent}{key}: {scalar(field, text)}"]


def render_record(table: Table, values: Mapping[str, Any], *, header: Sequence[str] = ()) -> str:
    """A whole record file: optional comment lines, then the fields in schema order."""
    lines = [f"# {line}" if line else "#" for line in header]
    for key in ordered_keys(table, values):
        lines += key_lines(table, key, values[key])
    return "\n".join(lines) + "\n"


def key_lines(table: Table, key: str, value: Any, indent: str = "") -> list[str]:
    """The lines of one key of a row: a field or a nested list."""
    child = table.child_by_key.get(key)
    if child is not None and isinstance(value, list):
        lines = [f"{indent}{key}:"] if value else []
        for item in value:
            lines += item_lines(child, item, indent + INDENT)
        return lines
    if isinstance(value, Mapping | list):  # not what the schema expects: kept as written
        return _foreign_lines(key, value, indent)
    return entry_lines(key, table.fields.get(key), value, indent)


def item_lines(child: Table, item: Any, indent: str) -> list[str]:
    """One list item: ``- value`` for a list of values, ``- key: …`` for rows."""
    if child.scalar and not isinstance(item, Mapping | list):
        return [f"{indent}- {scalar(child.fields[child.scalar], item)}"]
    if child.scalar or not isinstance(item, Mapping):  # not what the schema expects: kept as written
        dumped = yaml.safe_dump([item], allow_unicode=True, sort_keys=False, width=1_000_000)
        return [f"{indent}{line}" for line in dumped.rstrip("\n").split("\n")]
    lines: list[str] = []
    for key in ordered_keys(child, item):
        lines += key_lines(child, key, item[key], indent + INDENT)
    if not lines:
        return [f"{indent}- {{}}"]
    first = lines[0]
    lines[0] = f"{indent}- {first[len(indent) + len(INDENT) :]}"
    return lines


def ordered_keys(table: Table, values: Mapping[str, Any]) -> list[str]:
    """Keys with a value, in the schema's order; unknown keys last, as given."""
    order = key_order(table)
    known = [k for k in order if k in values and _present(values[k])]
    return known + [k for k in values if k not in order and _present(values[k])]


def key_order(table: Table) -> list[str]:
    """The keys staff write in a row: own fields in schema order, then nested lists.

    A list of plain values (districts, areas) comes before lists of rows.
    """
    children = sorted(table.children, key=lambda c: not c.scalar)
    return [*table.own_fields, *(c.key for c in children if c.key)]


def modeline(table: Table, record_path: Path, data_dir: Path) -> str:
    """The comment that tells YAML editors which JSON Schema checks this file."""
    schema = data_dir / EDITOR_SCHEMAS / f"{table.name}.json"
    relative = os.path.relpath(schema, record_path.parent)
    return f"yaml-language-server: $schema={Path(relative).as_posix()}"


def _present(value: Any) -> bool:
    return value is not None and value != [] and value != {}


def _needs_quotes(text: str, field: Field | None) -> bool:
    """Whether ``text`` must be quoted to be read back as this very text.

    A value of a number, date or boolean field is written plain when it
    can be (``cost: 250000.00``, ``opens: 2025-03-14``); a text field's value
    is quoted whenever a YAML reader might take it for something other
    than text, and so is a time (``"7:30"``).
    """
    if text == "" or "\n" in text or _UNPRINTABLE.search(text):
        return True
    if not _EMITTER.analyze_scalar(text).allow_block_plain:
        return True
    if field is not None and field.type in _TYPED:
        return False
    return bool(_NOT_TEXT.fullmatch(text)) or _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) != _STR


def _double_quoted(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _foreign_lines(key: str, value: Any, indent: str) -> list[str]:
    """A list or mapping where the schema expects none (or an unknown key): kept as written."""
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1_000_000)
    return [f"{indent}{line}" for line in dumped.rstrip("\n").split("\n")]


def _block_header(text: str) -> str:
    indicator = "2" if text[:1] in (" ", "\n") else ""
    if not text.endswith("\n"):
        chomp = "-"
    elif text.endswith("\n\n"):
        chomp = "+"
    else:
        chomp = ""
    return f"|{indicator}{chomp}"


def _block_body(text: str, indent: str) -> list[str]:
    body = text[:-1] if text.endswith("\n") else text
    return [f"{indent}{line}" if line else "" for line in body.split("\n")]
