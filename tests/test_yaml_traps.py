"""YAML 1.1 would silently change these values; the loader keeps what staff wrote."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from pathlib import Path

from civic.pipeline import check_data


def _write(data_dir: Path, rel: str, text: str) -> None:
    path = data_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_times_numbers_and_registry_numbers_stay_as_written(data_dir: Path):
    _write(
        data_dir,
        "office_units/bao.yaml",
        (data_dir / "office_units/bao.yaml").read_text().replace("closes: 17:00", "closes: 17:05"),
    )
    _write(
        data_dir,
        "ngos/no.yaml",
        """\
name: no
legal_form: fundacja
krs: 0000012345
nip: 9513008773
postal_code: 00-950
opp: false
city: NO
description: yes
""",
    )
    checked = check_data(data_dir)
    assert not checked.problems, checked.problems.sorted()
    unit = checked.dataset.records("office_units")["bao"]
    assert unit["hours"][0]["opens"] == time(7, 30)  # YAML 1.1: the integer 450
    assert unit["hours"][0]["closes"] == time(17, 5)
    ngo = checked.dataset.records("ngos")["no"]
    assert ngo["name"] == "no"  # YAML 1.1: False
    assert ngo["city"] == "NO"
    assert ngo["description"] == "yes"  # YAML 1.1: True
    assert ngo["krs"] == "0000012345"  # YAML 1.1: the octal integer 12345 → leading zeros lost
    assert ngo["nip"] == "9513008773"
    assert ngo["postal_code"] == "00-950"


def test_money_is_exact(data_dir: Path):
    checked = check_data(data_dir)
    grant = checked.dataset.records("grants")["2026-001"]
    assert grant["amount_awarded"] == Decimal("15000.50")
    assert isinstance(grant["amount_awarded"], Decimal)
    project = checked.dataset.records("budget_projects")["2026-c-1"]
    assert project["cost"] == Decimal("80000.50")


def test_impossible_date_is_reported_not_raised(data_dir: Path):
    _write(
        data_dir,
        "grants/2024-002.yaml",
        """\
ngo: fundacja-przyklad
year: 2024
mode: small-grant
task_title: Piknik
area: kultura
amount_awarded: 5000
unit: bao
decision_date: 2024-02-30
settlement: settled
""",
    )
    problems = check_data(data_dir).problems.sorted()
    assert [(p.line, p.where, p.code) for p in problems] == [(8, "grants.decision_date", "date-day")]
    assert problems[0].message == "„2024-02-30” nie jest datą: luty 2024 r. ma 29 dni"


def test_booleans_are_only_true_or_false(data_dir: Path):
    text = (data_dir / "ngos/klub-sportowy-orzel.yaml").read_text().replace("opp: false", "opp: no")
    _write(data_dir, "ngos/klub-sportowy-orzel.yaml", text)
    problems = check_data(data_dir).problems.sorted()
    assert [p.code for p in problems] == ["type-boolean"]
    assert problems[0].message == "„no” nie jest wartością tak/nie; wpisz true (tak) albo false (nie)"


def test_key_given_twice_is_an_error_not_an_overwrite(data_dir: Path):
    _write(data_dir, "districts/gorki.yaml", "name: Górki\ntype: osiedle\nname: Górki Małe\n")
    problems = check_data(data_dir).problems.sorted()
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 1, "duplicate-key")]


def test_quoted_and_block_text_is_kept_exactly(data_dir: Path):
    text = 'name: "Górki: Północ"\ntype: osiedle\ndescription: |\n  Linia 1\n\n  Linia 3\n'
    _write(data_dir, "districts/gorki.yaml", text)
    checked = check_data(data_dir)
    assert not checked.problems
    district = checked.dataset.records("districts")["gorki"]
    assert district["name"] == "Górki: Północ"
    assert district["description"] == "Linia 1\n\nLinia 3\n"


def test_the_loader_gives_the_same_tree_as_pyyaml_base_loader():
    """Tags are resolved in one lookup; the tree must be the one PyYAML's own base loader composes."""
    import yaml

    from civic.load import Loader

    def tree(node: yaml.Node) -> object:
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value, node.style, node.start_mark.line, node.start_mark.column)
        if isinstance(node, yaml.MappingNode):
            items = [(tree(k), tree(v)) for k, v in node.value]
        else:
            items = [tree(item) for item in node.value]
        return (node.tag, node.flow_style, items, node.start_mark.line)

    text = """\
name: "Fundacja: „Ala”"
opp: no
since: 2024-02-30
hours: [7:30, '8:00', !!str 9]
null_ones: [~, null, '', ]
tagged: !!int 12
local: !zielony tak
nested:
  - {a: 1, b: [x, y]}
  - >
    długi tekst
    w dwóch wierszach
anchor: &x {k: v}
again: *x
"""
    base = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    assert tree(yaml.compose(text, Loader=Loader)) == tree(yaml.compose(text, Loader=base))
