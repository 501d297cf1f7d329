"""Rules within one row that the schema declares: order, requires, together,
consent for personal data, and values unique among a parent's children."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from civic.problems import Problems
from civic.rows import Row
from civic.schema import Table


def check_row(row: Row, invalid: set[str], problems: Problems) -> None:
    table = row.table
    meta = table.meta
    for earlier, later in meta.get("order", []):
        _order(row, earlier, later, problems)
    for rule in meta.get("requires", []):
        _requires(row, rule, invalid, problems)
    for group in meta.get("together", []):
        _together(row, group, invalid, problems)
    for field in table.personal_fields:
        consent = field.consent_field
        if _given(row.get(field.name)) and row.get(consent) is not True:
            problems.add(
                row.position(field.name),
                row.at(field.name),
                "consent",
                field=field.name,
                title=field.title,
                consent=consent,
            )


def check_unique_within(table: Table, rows: list[Row], problems: Problems) -> None:
    """Values that must not repeat among the rows of one parent."""
    for group in table.meta.get("unique", []):
        seen: dict[tuple[Any, ...], Row] = {}
        for row in rows:
            key = row.key(tuple(group))
            if any(v is None for v in key):
                continue
            if key in seen:
                first = seen[key]
                problems.add(
                    row.position(group[0]),
                    row.at(group[0]),
                    "duplicate-value",
                    value=_show(key[0]),
                    field=group[0],
                    other=f"{first.where} (wiersz {first.pos.line})",
                )
            else:
                seen[key] = row


def _given(value: Any) -> bool:
    return value is not None and value != "" and value is not False


def _order(row: Row, earlier: str, later: str, problems: Problems) -> None:
    a, b = row.get(earlier), row.get(later)
    if a is None or b is None or not a > b:
        return
    fields = row.table.fields
    if isinstance(a, time):
        noun, relation, allowed = "Godzina", "wcześniejsza", "późniejsza"
    elif isinstance(a, (date, datetime)):
        noun, relation, allowed = "Data", "wcześniejsza", "późniejsza"
    else:
        noun, relation, allowed = "Wartość", "mniejsza", "większa"
    problems.add(
        row.position(later),
        row.at(later),
        "order",
        later_title=fields[later].title,
        later=_show(b),
        earlier_title=fields[earlier].title,
        earlier=_show(a),
        relation=relation,
        noun=noun,
        allowed=allowed,
    )


def _holds(row: Row, condition: str | dict[str, str]) -> bool:
    if isinstance(condition, str):
        return _given(row.get(condition))
    return all(_text(row.get(name)) == value for name, value in condition.items())


def _describe(row: Row, condition: str | dict[str, str]) -> str:
    fields = row.table.fields
    if isinstance(condition, str):
        return f"podano pole „{condition}” ({fields[condition].title})"
    return " i ".join(f"„{name}” ma wartość {value}" for name, value in condition.items())


def _requires(row: Row, rule: dict[str, Any], invalid: set[str], problems: Problems) -> None:
    condition = rule["if"]
    names = [condition] if isinstance(condition, str) else list(condition)
    if not invalid.isdisjoint(names) or not _holds(row, condition):
        return
    fields = row.table.fields
    then = rule["then"]
    if isinstance(then, dict):
        for name, value in then.items():
            if name not in invalid and _text(row.get(name)) != value:
                problems.add(
                    row.position(name),
                    row.at(name),
                    "value-if",
                    field=name,
                    title=fields[name].title,
                    expected=value,
                    condition=_describe(row, condition),
                )
        return
    for name in then:
        if name not in invalid and not _given(row.get(name)) and row.get(name) is not False:
            problems.add(
                row.position(names[0]),
                row.at(name),
                "required-if",
                field=name,
                title=fields[name].title,
                condition=_describe(row, condition),
            )


def _together(row: Row, group: list[str], invalid: set[str], problems: Problems) -> None:
    if not invalid.isdisjoint(group):
        return
    present = [n for n in group if row.get(n) is not None]
    if present and len(present) < len(group):
        missing = [n for n in group if n not in present]
        problems.add(
            row.position(present[0]),
            row.at(missing[0]),
            "together",
            fields=", ".join(group),
            missing=", ".join(missing),
        )


def _text(value: Any) -> str | None:
    """A value as it would be written in YAML, to compare with a rule's value."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)
