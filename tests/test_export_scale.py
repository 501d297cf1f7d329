"""The open-data guarantees on a city of over 10,000 records, built once.

The city is ``python -m civic synth`` made from the sample data, with a
value kept for the office planted in one of its copies. One build, then
every check: a valid package with its foreign keys, every record rebuilt
from CSV, JSON, XLSX and SQLite, nothing private anywhere, the winners of
every ``.pb`` file, and a DCAT catalogue that names every download.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from frictionless import validate
from rdflib import Graph, namespace

from civic.pabulib import read_pb_file
from civic.pipeline import check_data
from civic.selection import Candidate, select
from civic.synthetic import synthesize
from tests.conftest import SAMPLE_DATA
from tests.test_export_readback import (
    build_data,
    canonical,
    leaks,
    nest,
    office_only_values,
    read_csv,
    read_json,
    read_sqlite,
    read_xlsx,
    yaml_records,
)

RECORDS = 10_000
PLANTED = "PLANTED-SCALE-NOTE-4242"


def test_ten_thousand_records_publish_valid_lossless_and_private(tmp_path: Path):
    city = tmp_path / "city"
    assert synthesize(SAMPLE_DATA, city, RECORDS) >= RECORDS
    ngos = sorted((city / "ngos").glob("*.yaml"))
    ngo = next(p for p in ngos[len(ngos) // 2 :] if "internal_note" not in p.read_text(encoding="utf-8"))
    ngo.write_text(ngo.read_text(encoding="utf-8") + f"internal_note: {PLANTED}\n", encoding="utf-8")
    checked = check_data(city)
    assert not checked.problems, [str(p) for p in checked.problems.sorted()[:5]]
    dataset = checked.dataset
    assert dataset.count() >= RECORDS

    dane = build_data(city, tmp_path / "output")

    report = validate(str(dane / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]

    expected = canonical(yaml_records(dataset))
    assert canonical(nest(dataset.catalog, read_csv(dane))) == expected
    assert canonical(nest(dataset.catalog, read_json(dane, dataset.catalog))) == expected
    loose = canonical(yaml_records(dataset), loose=True)
    assert canonical(nest(dataset.catalog, read_xlsx(dane, dataset.catalog)), loose=True) == loose
    assert canonical(nest(dataset.catalog, read_sqlite(dane, dataset.catalog)), loose=True) == loose

    secrets = office_only_values(dataset)
    assert PLANTED in secrets
    assert leaks(dane.parent, secrets) == []

    stated = {p["id"] for p in dataset.rows("budget_projects") if p.get("selected")}
    winners: set[str] = set()
    for path in sorted((dane / "pabulib").glob("*.pb")):
        pb = read_pb_file(path)
        threshold = pb.meta.get("min_project_score_threshold")
        outcomes = select(
            [Candidate(p["project_id"], Decimal(p["cost"]), int(p["votes"])) for p in pb.projects],
            Decimal(pb.meta["budget"]),
            pb.meta["rule"],
            min_votes=int(threshold) if threshold else None,
        )
        selected = {o.id for o in outcomes if o.selected}
        assert selected == {p["project_id"] for p in pb.projects if p["selected"] == "1"}, path.name
        winners |= selected
    assert winners == stated

    graph = Graph().parse(dane / "katalog.ttl", format="turtle")
    named = {str(u).split("/dane/", 1)[1] for u in graph.objects(None, namespace.DCAT.downloadURL)}
    files = {p.relative_to(dane).as_posix() for p in dane.rglob("*") if p.is_file() and p.suffix != ".html"}
    assert files - named == {"katalog.ttl", "katalog.rdf"}
