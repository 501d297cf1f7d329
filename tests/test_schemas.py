"""The schemas themselves: valid Table Schemas, fully described in Polish, consistent keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from frictionless import Schema

from civic.schema import Catalog
from tests.conftest import ROOT

SCHEMAS = sorted((ROOT / "data/schemas").glob("*.json"))
CATALOG = Catalog.load(ROOT / "data/schemas")


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.stem for p in SCHEMAS])
def test_is_a_valid_table_schema(path: Path):
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    assert list(Schema.metadata_validate(descriptor)) == []


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.stem for p in SCHEMAS])
def test_every_field_has_a_polish_title_and_description(path: Path):
    table = CATALOG[path.stem]
    assert table.title and table.descriptor.get("description")
    for field in table.fields.values():
        assert field.title and field.title != field.name, field.name
        assert len(field.description) > 10, field.name


def test_foreign_keys_point_at_existing_tables_and_their_keys():
    for table in CATALOG:
        for fk in table.foreign_keys:
            target = CATALOG[fk.table]
            assert set(fk.fields) <= set(table.fields), (table.name, fk)
            assert set(fk.ref_fields) <= set(target.fields), (table.name, fk)
            assert fk.ref_fields == target.primary_key or len(fk.ref_fields) == 1, (table.name, fk)


def test_child_tables_are_keyed_by_their_parent():
    children = [t for t in CATALOG if not t.is_main]
    assert len(children) >= 15
    for child in children:
        assert child.parent_link is not None
        assert child.primary_key[: len(child.parent.primary_key)] == child.parent_link.fields
