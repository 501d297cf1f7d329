"""What the record reader needs to know about each field, worked out once.

Reading a record looks up, for every value, the field's type parser, its
format check and its constraints. These depend only on the schema, so they
are gathered per table the first time a row of it is read, instead of on
every value. What may fail on a malformed schema (a category without a
value, a pattern that is not a regular expression) is still worked out
only when a value first needs it, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property
from typing import Any

from civic.checks import CHECKS
from civic.failure import Failure
from civic.schema import Field, Table
from civic.values import parser_for

# Constraints that a value is checked against after its type; "required" is not one of them.
_LIMITS = ("minimum", "maximum", "minLength", "maxLength")


class FieldPlan:
    """One field's parser, format check and whether any constraint applies."""

    def __init__(self, field: Field):
        c = field.constraints
        self.field = field
        self.name = field.name
        self.parse: Callable[[Field, str], Any] | None = parser_for(field.type)
        self.check: Callable[[str], Failure | None] | None = CHECKS[field.check] if field.check else None
        self.pattern: str | None = c.get("pattern")
        self.limits = any(k in c for k in _LIMITS)
        # False when no constraint can reject a value, so checking them can be skipped.
        self.constrained = bool(field.descriptor.get("categories") or "enum" in c or self.pattern or self.limits)

    @cached_property
    def allowed(self) -> dict[str, str]:
        """Allowed values mapped to their labels; empty when any value goes."""
        return self.field.labels or {str(v): str(v) for v in self.field.constraints.get("enum", [])}

    @cached_property
    def regex(self) -> re.Pattern[str]:
        assert self.pattern
        return re.compile(self.pattern)


class TablePlan:
    """The plans of a table's own fields by YAML key, its child lists' keys and its required fields."""

    def __init__(self, table: Table):
        self.table = table
        self.fields = {key: FieldPlan(field) for key, field in table.own_fields.items()}
        self.child_keys = tuple(child.key for child in table.children)

    @cached_property
    def required(self) -> tuple[Field, ...]:
        return tuple(field for field in self.table.own_fields.values() if field.required)
