"""The editor JSON Schemas: current, valid, silent on good records and loud on bad ones."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from civic import editor_schema
from civic.load import Loader
from civic.scaffold import create
from civic.schema import Catalog
from civic.yamlwrite import EDITOR_SCHEMAS
from tests.conftest import FIXTURE_DATA, ROOT, SAMPLE_DATA

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def as_editor_reads(node: Node) -> Any:
    """The value an editor sees: YAML 1.2, where 7:30 and 2025-03-14 stay text."""
    if isinstance(node, MappingNode):
        return {k.value: as_editor_reads(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [as_editor_reads(v) for v in node.value]
    text = node.value
    if node.style:
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def editor_errors(schema: dict[str, Any], text: str) -> list[str]:
    document = as_editor_reads(yaml.compose(text, Loader=Loader))
    return [error.message for error in jsonschema.Draft7Validator(schema).iter_errors(document)]


def test_the_generated_files_are_current():
    stale = editor_schema.stale(SAMPLE_DATA, ROOT)
    assert stale == [], f"Nieaktualne: {stale}. Odśwież je: .venv/bin/python -m civic editor-schemas"


def test_every_editor_schema_is_a_valid_draft_7_schema():
    files = sorted((SAMPLE_DATA / EDITOR_SCHEMAS).glob("*.json"))
    assert len(files) == len(Catalog.load(SAMPLE_DATA / "schemas").main_tables)
    for path in files:
        jsonschema.Draft7Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("data_dir", [SAMPLE_DATA, FIXTURE_DATA], ids=["data", "fixture"])
def test_every_valid_record_passes_its_editor_schema(data_dir: Path):
    schemas = editor_schema.generate(data_dir)
    for table in Catalog.load(data_dir / "schemas").main_tables:
        folder = data_dir / table.folder
        paths = sorted(folder.glob("*.yaml")) if table.layout == "files" else [folder / f"{table.name}.yaml"]
        for path in paths:
            assert editor_errors(schemas[f"{table.name}.json"], path.read_text(encoding="utf-8")) == [], path


def test_mistakes_are_marked_while_typing():
    schema = json.loads((SAMPLE_DATA / EDITOR_SCHEMAS / "ngos.json").read_text(encoding="utf-8"))
    good = (SAMPLE_DATA / "ngos/fundacja-dobry-start.yaml").read_text(encoding="utf-8")
    assert editor_errors(schema, good) == []
    assert editor_errors(schema, good.replace("legal_form: fundacja", "legal_form: fundacjaa"))
    assert editor_errors(schema, good.replace('krs: "0000348642"', "krs: 0000348642"))  # a number loses its zeros
    assert editor_errors(schema, good + "strona: https://example.pl\n")  # an unknown key
    assert editor_errors(schema, good.replace("opp: true", "opp: tak"))
    assert editor_errors(schema, good.replace("registered: 2009-11-24", "registered: 24.11.2009"))


def test_allowed_values_come_with_their_labels_and_vocabularies():
    schema = json.loads((SAMPLE_DATA / EDITOR_SCHEMAS / "budget_projects.json").read_text(encoding="utf-8"))
    verification = schema["properties"]["verification"]
    assert verification["enum"][:2] == ["positive", "negative"]
    assert verification["enumDescriptions"][:2] == ["pozytywna", "negatywna"]
    category = schema["properties"]["category"]
    assert "zielen" in category["enum"] and "zieleń" in category["enumDescriptions"]
    assert schema["properties"]["cost"]["title"] == "Szacunkowy koszt (zł)"


def test_new_files_point_to_their_schema_and_the_settings_map_every_folder(data_dir: Path):
    path = create(data_dir, "consultation")
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (data_dir / EDITOR_SCHEMAS / "consultations.json").resolve()
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert mapping == editor_schema.file_patterns(SAMPLE_DATA, ROOT)
    for schema_file, patterns in mapping.items():
        assert (ROOT / schema_file).is_file()
        for pattern in patterns:
            assert (ROOT / pattern).parent.is_dir(), pattern


def test_writing_them_again_reports_what_was_stale(data_dir: Path, tmp_path: Path):
    (data_dir / EDITOR_SCHEMAS).mkdir(parents=True, exist_ok=True)
    for old in (data_dir / EDITOR_SCHEMAS).glob("*.json"):
        old.unlink()
    (data_dir / EDITOR_SCHEMAS / "stara.json").write_text("{}", encoding="utf-8")
    root = data_dir.parent
    changed = editor_schema.write(data_dir, root)
    assert "ngos.json" in changed and "stara.json" in changed and ".vscode/settings.json" in changed
    assert editor_schema.stale(data_dir, root) == []
    assert not (data_dir / EDITOR_SCHEMAS / "stara.json").exists()
