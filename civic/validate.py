"""Reading one record's YAML tree into typed rows, reporting every problem.

The table's schema says which keys are allowed, which are lists of child
rows, what type each value has and which constraints hold. Nothing is
dropped silently: a key the schema does not know is a problem, and so is a
value that does not fit.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from decimal import Decimal
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from civic import rules
from civic.checks import CHECKS
from civic.fieldplan import FieldPlan, TablePlan
from civic.identifiers import find_pesel
from civic.load import NULLS, describe, position
from civic.problems import Position, Problems
from civic.rows import Row, place
from civic.schema import SLUG_PATTERN, Catalog, Field, SchemaError, Table
from civic.slugs import slugify
from civic.values import SUPPORTED_TYPES, BadValue

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and line break: invisible, and unusable in exports."""

_FILE_START = place(1, 1)

INVALID = object()
"""Stands for a value that was written but could not be read."""


class RecordReader:
    """Reads YAML nodes into rows of the catalog's tables."""

    def __init__(self, catalog: Catalog, problems: Problems):
        self.catalog = catalog
        self.problems = problems
        self.pesel_possible = True
        """False while reading a file that cannot hold a PESEL
        (:func:`civic.identifiers.may_hold_pesel`): its texts are not searched for one."""
        self._hints = {t.name: _key_hints(t) for t in catalog}
        self._plans: dict[str, TablePlan] = {}
        _check_supported(catalog)

    # -- entry points ---------------------------------------------------

    def read_record(self, table: Table, node: Node, shown: str, record_id: str) -> Row | None:
        """One record file of a main table; its id is the file name."""
        row = self._row(table, node, shown, table.name, {"id": record_id})
        if row is not None:
            row.places.setdefault("id", _FILE_START)  # the id is the file's name
        return row

    def read_list(self, table: Table, node: Node, shown: str) -> list[Row]:
        """A file that lists the records of a table (a vocabulary)."""
        if not isinstance(node, SequenceNode):
            self.problems.add(position(shown, node), table.name, "not-list", key=table.name)
            return []
        rows = []
        for i, item in enumerate(node.value, 1):
            row = self._row(table, item, shown, f"{table.name}[{i}]", {})
            if row is not None:
                rows.append(row)
        return rows

    # -- rows -----------------------------------------------------------

    def _row(self, table: Table, node: Node, shown: str, where: str, inherited: dict[str, Any]) -> Row | None:
        pos = position(shown, node)
        if not isinstance(node, MappingNode):
            self.problems.add(pos, where, "not-mapping", found=describe(node))
            return None
        row = Row(table, pos, where)
        row.update(inherited)
        plan = self._plan(table)
        fields, places = plan.fields, row.places
        invalid: set[str] = set()
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.add(position(shown, key_node), where, "bad-key")
                continue
            key = key_node.value
            if key in first_seen:
                self.problems.add(
                    position(shown, key_node), f"{where}.{key}", "duplicate-key", key=key, first=first_seen[key]
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1  # the line of position(shown, key_node)
            field_plan = fields.get(key)
            if field_plan is not None:
                key = field_plan.name  # the schema's string, one for all rows (the file's own is a copy)
                mark = value_node.start_mark
                places[key] = place(mark.line + 1, mark.column + 1)
                value = self._value(field_plan, value_node, shown, f"{where}.{key}")
                if value is INVALID:
                    invalid.add(key)
                elif value is not None:
                    row[key] = value
            elif key in table.child_by_key:
                child = table.child_by_key[key]
                row[child.key] = self._children(child, row, value_node, shown, f"{where}.{key}")
            elif key in inherited and table.is_main:
                self._same_id(row, key, value_node, shown, where)
            else:
                self._unknown(table, key, position(shown, key_node), where)
        for child_key in plan.child_keys:
            row.setdefault(child_key, [])
        if invalid:  # a row without any keeps the empty set all such rows share
            row.invalid = frozenset(invalid)
        self._required(plan, row, invalid)
        rules.check_row(row, invalid, self.problems)
        return row

    def _children(self, child: Table, parent: Row, node: Node, shown: str, where: str) -> list[Row]:
        if isinstance(node, ScalarNode) and node.value in NULLS and not node.style:
            return []
        if not isinstance(node, SequenceNode):
            self.problems.add(position(shown, node), where, "not-list", key=child.key)
            return []
        link = child.parent_link
        assert link is not None
        base = {mine: parent.get(theirs) for mine, theirs in zip(link.fields, link.ref_fields, strict=True)}
        ordinal = child.ordinal
        # Looked up once for all items (and only if there are any, as before: a bad schema fails alike).
        scalar = self._field_plan(child, child.fields[child.scalar]) if child.scalar and node.value else None
        rows = []
        for i, item in enumerate(node.value, 1):
            inherited = dict(base)
            if ordinal:
                inherited[ordinal] = i
            item_where = f"{where}[{i}]"
            if scalar is not None:
                row = self._scalar_row(child, scalar, item, shown, item_where, inherited)
            else:
                row = self._row(child, item, shown, item_where, inherited)
            if row is not None:
                row.parent = parent
                rows.append(row)
        rules.check_unique_within(child, rows, self.problems)
        return rows

    def _scalar_row(
        self, child: Table, plan: FieldPlan, node: Node, shown: str, where: str, inherited: dict[str, Any]
    ) -> Row | None:
        """A list item that is a plain value, e.g. one district of a consultation."""
        field = plan.field
        row = Row(child, position(shown, node), where)
        row.update(inherited)
        value = self._value(plan, node, shown, where)
        row.places[field.name] = place(row.pos.line, row.pos.column)
        if value is INVALID:
            return None
        if value is None:
            self.problems.add(
                row.pos, where, "empty", field=field.name, title=field.title, description=field.description
            )
            return None
        row[field.name] = value
        return row

    # -- values ---------------------------------------------------------

    def _plan(self, table: Table) -> TablePlan:
        plan = self._plans.get(table.name)
        if plan is None:
            plan = self._plans[table.name] = TablePlan(table)
        return plan

    def _field_plan(self, table: Table, field: Field) -> FieldPlan:
        plan = self._plan(table).fields.get(field.name)
        return plan if plan is not None and plan.field is field else FieldPlan(field)

    def _value(self, plan: FieldPlan, node: Node, shown: str, where: str) -> Any:
        """The typed value of a value node of file ``shown``, None if left empty, or INVALID once reported.

        The node's position is made only for a problem: most values have none."""
        if not isinstance(node, ScalarNode):
            self.problems.add(position(shown, node), where, "not-scalar", found=describe(node))
            return INVALID
        text = node.value
        if not node.style and text in NULLS:
            return None
        field = plan.field
        if text == "":
            if field.type != "string":
                return None
            if not field.required:
                # A table cannot tell an empty text from a missing one: ask for one or the other.
                self.problems.add(position(shown, node), where, "empty-text", field=field.name)
                return INVALID
        control = None if text.isprintable() else _CONTROL.search(text)  # control characters are not printable
        if control:
            self.problems.add(position(shown, node), where, "control-character", char=f"U+{ord(control[0]):04X}")
            return INVALID
        if plan.parse is None:
            value: Any = text
        else:
            try:
                value = plan.parse(field, text)
            except BadValue as bad:
                self.problems.add(position(shown, node), where, bad.code, **bad.params)
                return INVALID
        ok = not plan.constrained or self._constraints(plan, text, value, node, shown, where)
        if plan.check is not None and ok:
            failure = plan.check(text)
            if failure is not None:
                self.problems.add_text(position(shown, node), where, failure.code, failure.message)
                ok = False
        if isinstance(value, str) and self.pesel_possible:
            pesel = find_pesel(value)
            if pesel:
                self.problems.add(position(shown, node), where, "pesel", masked=pesel[:2] + "*" * 9)
                ok = False
        return value if ok else INVALID

    def _constraints(self, plan: FieldPlan, text: str, value: Any, node: Node, shown: str, where: str) -> bool:
        """Whether the value meets the field's constraints; each one it does not is reported."""
        broken = _broken_constraints(plan, text, value)
        if broken:
            pos = position(shown, node)
            for code, params in broken:
                self.problems.add(pos, where, code, **params)
        return not broken

    # -- keys -----------------------------------------------------------

    def _required(self, plan: TablePlan, row: Row, invalid: set[str]) -> None:
        for field in plan.required:
            if field.name in invalid:
                continue
            value = row.get(field.name)
            if value is None or value == "":
                code = "empty" if field.name in row.places else "required"
                self.problems.add(
                    row.position(field.name),
                    row.at(field.name),
                    code,
                    field=field.name,
                    title=field.title,
                    description=field.description,
                )

    def _unknown(self, table: Table, key: str, pos: Position, where: str) -> None:
        hints = self._hints[table.name]
        close = difflib.get_close_matches(_fold(key), list(hints), n=1, cutoff=0.6)
        allowed = ", ".join([*table.own_fields, *table.child_by_key])
        self.problems.add(
            pos,
            f"{where}.{key}",
            "unknown-field",
            key=key,
            suggestion=hints[close[0]] if close else "",
            allowed=allowed,
        )

    def _same_id(self, row: Row, key: str, node: Node, shown: str, where: str) -> None:
        if not isinstance(node, ScalarNode) or node.value != row[key]:
            found = node.value if isinstance(node, ScalarNode) else describe(node)
            self.problems.add(position(shown, node), f"{where}.{key}", "id-mismatch", value=found, id=row[key])


def _broken_constraints(plan: FieldPlan, text: str, value: Any) -> list[tuple[str, dict[str, Any]]]:
    """The constraints of the field the value does not meet, each as a problem's code and parameters."""
    field = plan.field
    c = field.constraints
    broken: list[tuple[str, dict[str, Any]]] = []
    allowed = plan.allowed
    if allowed and text not in allowed:
        broken.append(("enum", _enum(text, allowed)))
    pattern = plan.pattern
    if pattern and not plan.regex.fullmatch(text):
        if pattern == SLUG_PATTERN:
            broken.append(("slug", {"value": text, "suggestion": slugify(text) or "np-nazwa"}))
        else:
            broken.append(("pattern", {"value": text, "pattern": pattern}))
    if plan.limits:
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            if "minimum" in c and value < c["minimum"]:
                broken.append(("minimum", {"value": text, "limit": c["minimum"]}))
            if "maximum" in c and value > c["maximum"]:
                broken.append(("maximum", {"value": text, "limit": c["maximum"]}))
        if isinstance(value, str):
            if "minLength" in c and len(value) < c["minLength"] and not (value == "" and field.required):
                broken.append(("min-length", {"length": len(value), "limit": c["minLength"]}))
            if "maxLength" in c and len(value) > c["maxLength"]:
                broken.append(("max-length", {"length": len(value), "limit": c["maxLength"]}))
    return broken


def _enum(text: str, allowed: dict[str, str]) -> dict[str, Any]:
    """The parameters of a value not among the allowed ones: the closest of them, and all of them."""
    by_label = {_fold(label): value for value, label in allowed.items()}
    by_label.update({_fold(v): v for v in allowed})
    close = difflib.get_close_matches(_fold(text), list(by_label), n=1, cutoff=0.6)
    listing = ", ".join(v if v == label else f"{v} ({label})" for v, label in allowed.items())
    return {"value": text, "suggestion": by_label[close[0]] if close else "", "allowed": listing}


def _check_supported(catalog: Catalog) -> None:
    """Every type and named check a schema uses must be one the reader knows."""
    for table in catalog:
        for field in table.fields.values():
            if field.type not in SUPPORTED_TYPES:
                raise SchemaError(f"{table.path}: field {field.name}: unsupported type {field.type!r}")
            if field.check and field.check not in CHECKS:
                raise SchemaError(f"{table.path}: field {field.name}: unknown x-check {field.check!r}")


def _fold(text: str) -> str:
    """Lower case, no diacritics, words joined by underscores: for suggestions."""
    text = text.replace("ł", "l").replace("Ł", "L")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _key_hints(table: Table) -> dict[str, str]:
    """What staff might type for each key (its name or its Polish title), folded."""
    hints: dict[str, str] = {}
    for field in table.own_fields.values():
        hints[_fold(field.title)] = field.name
    for key, child in table.child_by_key.items():
        hints[_fold(child.title)] = key
    for name in [*table.own_fields, *table.child_by_key]:
        hints[_fold(name)] = name
    return hints
