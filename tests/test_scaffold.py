"""A new record of every kind: every field explained, filled in by hand, and valid."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from civic.dataset import Dataset
from civic.load import Loader
from civic.pipeline import check_data
from civic.scaffold import ScaffoldError, create
from civic.schema import Catalog, Field, Table
from civic.yamlwrite import key_order, scalar
from tests.conftest import FIXTURE_DATA, ROOT

CATALOG = Catalog.load(FIXTURE_DATA / "schemas")
KINDS = [t for t in CATALOG.main_tables if t.layout == "files"]
EXAMPLES = {
    "money": "1250.50",
    "email": "biuro@example.pl",
    "phone": "44 735 22 00",
    "url": "https://www.example.pl/",
    "postal-code": "00-950",
    "krs": "0000012345",
    "nip": "5271234563",
    "regon": "140521331",
}
BY_TYPE = {
    "integer": "12",
    "number": "12.5",
    "boolean": "false",
    "date": "2026-09-01",
    "time": "17:00",
    "datetime": "2026-09-01T17:00",
    "year": "2026",
}
TEMPLATE_LINE = re.compile(r"^#(?=  )", re.MULTILINE)


def uncomment(text: str) -> str:
    """What staff do to use a list's pattern: remove the # at the start of its lines."""
    return TEMPLATE_LINE.sub("", text)


def fill(text: str, table: Table, dataset: Dataset) -> str:
    """Type a valid value after every required field left empty, as staff would."""
    lines = text.split("\n")
    root = yaml.compose(text, Loader=Loader)
    for line, field, value in _required_gaps(root, table, dataset):
        lines[line] = f"{lines[line]} {scalar(field, value)}"
    return "\n".join(lines)


def _required_gaps(node: Node, table: Table, dataset: Dataset) -> list[tuple[int, Field, str]]:
    assert isinstance(node, MappingNode), node
    gaps = []
    values = _references(table, dataset)
    for key_node, value_node in node.value:
        key = key_node.value
        child = table.child_by_key.get(key)
        if child is not None and isinstance(value_node, SequenceNode):
            for item in value_node.value:
                if isinstance(item, MappingNode):
                    gaps += _required_gaps(item, child, dataset)
                elif child.scalar and item.value == "":  # a list of values: type one
                    item_field = child.fields[child.scalar]
                    gaps.append((item.start_mark.line, item_field, _example(item_field)))
            continue
        field = table.fields[key]
        if field.required and isinstance(value_node, ScalarNode) and value_node.value == "":
            gaps.append((key_node.start_mark.line, field, values.get(key) or _example(field)))
    return gaps


def _references(table: Table, dataset: Dataset) -> dict[str, str]:
    """For required references: the values of the first row they may point to."""
    out: dict[str, str] = {}
    for fk in sorted(table.foreign_keys, key=lambda fk: len(fk.fields)):
        if fk is table.parent_link or not any(table.fields[f].required for f in fk.fields):
            continue
        target = dataset.rows(fk.table)[0]
        out.update({mine: str(target[theirs]) for mine, theirs in zip(fk.fields, fk.ref_fields, strict=True)})
    return out


def _example(field: Field) -> str:
    if field.labels:
        return next(iter(field.labels))
    if field.constraints.get("pattern"):
        return "przyklad-1"
    return EXAMPLES.get(field.check or "") or BY_TYPE.get(field.type) or f"Przykładowy tekst: {field.title}"


def _all_keys(table: Table) -> set[tuple[str, str]]:
    keys = {(table.name, k) for k in key_order(table)}
    for child in table.children:
        if not child.scalar:
            keys |= _all_keys(child)
    return keys


def _keys_in(node: Node, table: Table) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    if not isinstance(node, MappingNode):
        return found
    for key_node, value_node in node.value:
        found.add((table.name, key_node.value))
        child = table.child_by_key.get(key_node.value)
        if child is not None and isinstance(value_node, SequenceNode):
            for item in value_node.value:
                found |= _keys_in(item, child)
    return found


@pytest.mark.parametrize("table", KINDS, ids=lambda t: t.kind)
def test_scaffold_of_every_kind_has_every_field_and_validates_once_filled(data_dir: Path, table: Table):
    path = create(data_dir, table.kind)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schemas/editor/{table.name}.json\n")
    used = uncomment(text)
    assert _keys_in(yaml.compose(used, Loader=Loader), table) == _all_keys(table)
    for field in table.own_fields.values():  # each field is explained in Polish
        assert f"# {field.title} — {'wymagane' if field.required else 'nieobowiązkowe'}" in text

    dataset = check_data(data_dir).dataset
    path.write_text(fill(used, table, dataset), encoding="utf-8")
    checked = check_data(data_dir)
    assert [str(p) for p in checked.problems.sorted()] == []
    assert path.stem in checked.dataset.records(table.name)


@pytest.mark.parametrize("table", KINDS, ids=lambda t: t.kind)
def test_an_unfilled_scaffold_only_asks_for_the_required_fields(data_dir: Path, table: Table):
    path = create(data_dir, table.kind)
    problems = [p for p in check_data(data_dir).problems.sorted() if p.path.endswith(path.name)]
    required = {n for n, f in table.own_fields.items() if f.required}
    assert {p.where.split(".", 1)[1] for p in problems} == required
    assert {p.code for p in problems} == {"empty"}


def test_ids_follow_the_title_or_the_numbering(data_dir: Path):
    assert create(data_dir, "consultation", "Park nad Wierzbianką").name == "park-nad-wierzbianka.yaml"
    assert create(data_dir, "consultations", "Park nad Wierzbianką").name == "park-nad-wierzbianka-2.yaml"
    assert create(data_dir, "grant").name == "2026-002.yaml"  # the fixture has 2026-001
    assert create(data_dir, "district").name == "dzielnice-1.yaml"
    assert create(data_dir, "ngo", record_id="nowa-fundacja").name == "nowa-fundacja.yaml"


def test_a_title_fills_the_title_field(data_dir: Path):
    text = create(data_dir, "consultation", "Program: współpraca 2027").read_text(encoding="utf-8")
    assert '\ntitle: "Program: współpraca 2027"\n' in text
    assert yaml.safe_load(text)["title"] == "Program: współpraca 2027"


def test_requests_that_cannot_be_met_are_explained(data_dir: Path):
    with pytest.raises(ScaffoldError, match="Nie ma rodzaju rekordów „konsultacja”. Dostępne: .*consultation"):
        create(data_dir, "konsultacja")
    with pytest.raises(ScaffoldError, match="„Zła Nazwa” nie może być identyfikatorem"):
        create(data_dir, "ngo", record_id="Zła Nazwa")
    with pytest.raises(ScaffoldError, match="Rekord „centrum” już istnieje"):
        create(data_dir, "district", record_id="centrum")


def test_new_command_prints_the_file_and_never_a_traceback(data_dir: Path):
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "civic", "new", *args],
            cwd=data_dir.parent,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )

    ok = run("consultation", "Program współpracy 2028")
    assert ok.returncode == 0
    assert ok.stdout.startswith("Utworzono data/consultations/program-wspolpracy-2028.yaml.")
    bad = run("konsultacja")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("Nie ma rodzaju rekordów „konsultacja”.")
