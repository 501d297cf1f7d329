"""Open data from a real build of the fixture data: a valid package, every file
documented and hashed, nothing private anywhere, the same bytes every time."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import validate
from openpyxl import load_workbook
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.compare import isomorphic

from civic.build import build
from civic.pabulib import read_pb_file
from civic.pipeline import check_data
from civic.publication import public_fields
from civic.schema import Catalog
from civic.selection import Candidate, select
from tests.conftest import ROOT
from tests.test_export_readback import build_data, leaks

SETTINGS = ROOT / "pelicanconf.py"
PLANTED = ("planted.secret@poczta.example.pl", "PLANTED-NOTE-7731", "PLANTED-AUTHOR-MAIL", "+48 600 000 731")
BLANK_NOTE = "planted-blank"


def _plant(data_dir: Path) -> None:
    """Values the schema keeps for the office, and a text that must stay text in a spreadsheet."""
    ngo = data_dir / "ngos/fundacja-przyklad.yaml"
    ngo.write_text(ngo.read_text() + f"contact_email: {PLANTED[0]}\ninternal_note: |\n  {PLANTED[1]}\n  druga linia\n")
    project = data_dir / "budget_projects/2026-o-1.yaml"
    project.write_text(
        project.read_text() + f"author_email: {PLANTED[2].lower()}@example.pl\nauthor_phone: {PLANTED[3]}\n"
        'location: "=HYPERLINK(\\"http://zlo.example\\")"\n'
    )


@pytest.fixture(scope="module")
def fixture_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import FIXTURE_DATA

    target = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURE_DATA, target)
    _plant(target)
    return target


@pytest.fixture(scope="module")
def site(fixture_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_data(fixture_data, tmp_path_factory.mktemp("site") / "output").parent


@pytest.fixture(scope="module")
def dane(site: Path) -> Path:
    return site / "dane"


@pytest.fixture(scope="module")
def catalog(fixture_data: Path) -> Catalog:
    return Catalog.load(fixture_data / "schemas")


def _descriptor(dane: Path) -> dict:
    return json.loads((dane / "datapackage.json").read_text(encoding="utf-8"))


# -- the package ------------------------------------------------------------


def test_frictionless_finds_the_package_valid_foreign_keys_included(dane: Path):
    report = validate(str(dane / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(_descriptor(dane)["resources"])


def test_frictionless_notices_a_broken_foreign_key(dane: Path, tmp_path: Path):
    """The validation above does check keys: a project pointing at no district fails it."""
    copy = tmp_path / "dane"
    copy.mkdir()
    descriptor = _descriptor(dane)
    resources = [r for r in descriptor["resources"] if r.get("type") == "table"]
    for resource in resources:
        (copy / resource["path"]).parent.mkdir(parents=True, exist_ok=True)
        text = (dane / resource["path"]).read_text(encoding="utf-8")
        if resource["name"] == "budget_projects":
            text = text.replace(",zielen,", ",nie-ma-takiej,", 1)
        (copy / resource["path"]).write_text(text, encoding="utf-8", newline="")
        resource.pop("hash"), resource.pop("bytes")
    (copy / "datapackage.json").write_text(json.dumps({**descriptor, "resources": resources}), encoding="utf-8")
    report = validate(str(copy / "datapackage.json"))
    assert [e.type for e in report.tasks[[t.name for t in report.tasks].index("budget_projects")].errors] == [
        "foreign-key"
    ]


def test_every_table_is_a_resource_with_its_schema_and_keys(dane: Path, catalog: Catalog):
    resources = {r["name"]: r for r in _descriptor(dane)["resources"]}
    for table in catalog:
        for resource in (resources[table.name], resources[f"json-{table.name}.json"]):
            schema = resource["schema"]
            assert [f["name"] for f in schema["fields"]] == [f.name for f in public_fields(table)]
            assert schema["primaryKey"] == list(table.primary_key)
            assert len(schema.get("foreignKeys", [])) == len(table.foreign_keys)
            assert not [k for f in schema["fields"] for k in f if k.startswith("x-")]
            assert all(f["title"] and f["description"] for f in schema["fields"])


def test_every_file_has_its_size_and_hash(dane: Path):
    descriptor = _descriptor(dane)
    for resource in descriptor["resources"]:
        data = (dane / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    listed = {r["path"] for r in descriptor["resources"]}
    assert {"dane.xlsx", "dane.sqlite", "geo/budget_projects.geojson"} <= listed


def test_licence_sources_contributors_version_and_date(dane: Path):
    descriptor = _descriptor(dane)
    assert descriptor["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Uznanie autorstwa 4.0 Międzynarodowe",
        }
    ]
    assert descriptor["contributors"][0]["role"] == "publisher"
    assert descriptor["sources"][0]["path"]
    assert descriptor["version"] and descriptor["created"]


def test_the_licence_and_dates_are_settings(fixture_data: Path, tmp_path: Path):
    dane = build_data(
        fixture_data,
        tmp_path / "out",
        CIVIC_LICENSE="CC0-1.0",
        CIVIC_BUILD_DATE="2025-03-14",
        CIVIC_PUBLISHER="Gmina Testowa",
    )
    descriptor = _descriptor(dane)
    assert descriptor["licenses"][0]["name"] == "CC0-1.0"
    assert descriptor["created"].startswith("2025-03-14")  # not in git: the stated date
    assert descriptor["contributors"][0]["title"] == "Gmina Testowa"
    assert "14 marca 2025 r." in (dane / "index.html").read_text(encoding="utf-8")


# -- CSV ----------------------------------------------------------------------


def test_csv_is_rfc_4180_utf8_with_field_names_as_header(dane: Path, catalog: Catalog):
    for table in catalog:
        raw = (dane / "csv" / f"{table.name}.csv").read_bytes()
        text = raw.decode("utf-8")
        assert not text.startswith("\ufeff")
        assert text.endswith("\r\n")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == [f.name for f in public_fields(table)]
        assert all(len(r) == len(rows[0]) for r in rows)
    ngos = (dane / "csv/ngos.csv").read_text(encoding="utf-8")
    assert '"Wspieramy seniorów i rodziny w trudnej sytuacji.\n"' in ngos  # a line break stays inside quotes


def test_money_keeps_its_grosze_in_every_text_format(dane: Path):
    assert ",15000.50," in (dane / "csv/grants.csv").read_text(encoding="utf-8")
    grants = json.loads((dane / "json/grants.json").read_text(encoding="utf-8"), parse_float=Decimal)
    assert Decimal("15000.50") in [g["amount_awarded"] for g in grants]
    assert '"amount_awarded":15000.50' in (dane / "json/grants.json").read_text(encoding="utf-8")


# -- nothing private --------------------------------------------------------


def test_values_kept_for_the_office_appear_in_no_output(site: Path):
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite" for p in files) and any(p.suffix == ".xlsx" for p in files)
    assert leaks(site, [*PLANTED, PLANTED[2].lower()]) == []


def test_fields_kept_for_the_office_are_not_even_named(dane: Path, catalog: Catalog):
    resources = {r["name"]: r for r in _descriptor(dane)["resources"]}
    for table in catalog:
        hidden = [f.name for f in table.fields.values() if not f.public]
        header = (dane / "csv" / f"{table.name}.csv").read_text(encoding="utf-8").split("\r\n", 1)[0].split(",")
        listed = [f["name"] for f in resources[table.name]["schema"]["fields"]]
        page = (dane / table.name / "index.html").read_text(encoding="utf-8")
        assert not [n for n in hidden if n in header or n in listed or f"<code>{n}</code>" in page]
    assert "author_email" not in (dane / "budget_projects/index.html").read_text(encoding="utf-8")


# -- the same bytes every time ----------------------------------------------------


def test_two_builds_write_byte_identical_data_files(fixture_data: Path, dane: Path, tmp_path: Path):
    """The second build runs in another process with another hash seed: no set or dict order leaks in."""
    script = (
        "import sys; from pathlib import Path; from civic.build import build; "
        "sys.exit(1 if build(Path(sys.argv[1]), Path(sys.argv[2]), {'CIVIC_DATA_PATH': sys.argv[3]}) else 0)"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    second = tmp_path / "second"
    subprocess.run(
        [sys.executable, "-c", script, str(ROOT / "pelicanconf.py"), str(second), str(fixture_data)],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    first_files = sorted(p.relative_to(dane) for p in dane.rglob("*") if p.is_file())
    second_files = sorted(p.relative_to(second / "dane") for p in (second / "dane").rglob("*") if p.is_file())
    assert first_files == second_files
    different = [p for p in first_files if (dane / p).read_bytes() != (second / "dane" / p).read_bytes()]
    assert different == []


# -- formats --------------------------------------------------------------------


def test_workbook_has_typed_cells_polish_titles_and_no_formula(dane: Path, catalog: Catalog):
    workbook = load_workbook(dane / "dane.xlsx")
    assert workbook.sheetnames == ["informacje", *(t.name for t in catalog)]
    sheet = workbook["grants"]
    titles = [c.value for c in sheet[1]]
    assert titles == [f.title for f in public_fields(catalog["grants"])]
    amount = sheet.cell(2, titles.index("Kwota przyznana (zł)") + 1)
    assert amount.data_type == "n" and amount.value == 15000.5 and amount.number_format == "#,##0.00"
    projects = workbook["budget_projects"]
    location = [c for row in projects.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert [c.data_type for c in location] == ["s"]
    with zipfile.ZipFile(dane / "dane.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not [n for n in sheets if b"<f>" in archive.read(n) or b"<f " in archive.read(n)]


def test_a_text_longer_than_an_excel_cell_is_whole_in_csv_and_cut_in_xlsx_with_a_warning(
    data_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    long_text = "Bardzo długi opis działalności. " * 1300  # 41,600 characters; a cell holds 32,767
    ngo = data_dir / "ngos/fundacja-przyklad.yaml"
    ngo.write_text(ngo.read_text(encoding="utf-8").replace("description: |\n", f"description: |\n  {long_text}\n", 1))
    dane = build_data(data_dir, tmp_path / "output", CIVIC_SEARCH=False, CIVIC_PROCESSES=1)  # the log in this process
    with open(dane / "csv/ngos.csv", encoding="utf-8", newline="") as handle:
        described = [row["description"] for row in csv.DictReader(handle) if row["id"] == "fundacja-przyklad"]
    assert described[0].startswith(long_text.strip())
    sheet = load_workbook(dane / "dane.xlsx", read_only=True)["ngos"]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index(
        next(f.title for f in public_fields(Catalog.load(data_dir / "schemas")["ngos"]) if f.name == "description")
    )
    cell = next(row[column] for row in rows[1:] if "fundacja-przyklad" in row)
    assert len(cell) == 32_767 and described[0].startswith(cell)
    assert "ngos, wiersz" in caplog.text and "description" in caplog.text and "32767" in caplog.text


def test_sqlite_has_the_tables_keys_and_foreign_keys(dane: Path, catalog: Catalog):
    connection = sqlite3.connect(dane / "dane.sqlite")
    for table in catalog:
        info = connection.execute(f'PRAGMA table_info("{table.name}")').fetchall()
        assert [c[1] for c in info] == [f.name for f in public_fields(table)]
        keyed = sorted((c[5], c[1]) for c in info if c[5])
        assert [name for _, name in keyed] == list(table.primary_key)
        declared = connection.execute(f'PRAGMA foreign_key_list("{table.name}")').fetchall()
        assert {row[2] for row in declared} == {fk.table for fk in table.foreign_keys}
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    total = connection.execute("SELECT sum(amount_awarded) FROM grants").fetchone()[0]
    assert total == 15000.5


def test_geojson_has_the_points_that_have_coordinates(dane: Path):
    meetings = json.loads((dane / "geo/consultation_meetings.geojson").read_text(encoding="utf-8"))
    assert meetings["type"] == "FeatureCollection"
    for feature in meetings["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == (feature["properties"]["latitude"], feature["properties"]["longitude"])
        assert feature["properties"]["url"].endswith("/konsultacje/program-wspolpracy-2027/")


def test_pabulib_files_give_the_same_winners_under_the_editions_rule(dane: Path, fixture_data: Path):
    dataset = check_data(fixture_data).dataset
    stated = {p["id"] for p in dataset.rows("budget_projects") if p.get("selected")}
    files = sorted((dane / "pabulib").glob("*.pb"))
    assert files
    winners: set[str] = set()
    for path in files:
        pb = read_pb_file(path)
        threshold = pb.meta.get("min_project_score_threshold")
        candidates = [Candidate(p["project_id"], Decimal(p["cost"]), int(p["votes"])) for p in pb.projects]
        outcomes = select(
            candidates, Decimal(pb.meta["budget"]), pb.meta["rule"], min_votes=int(threshold) if threshold else None
        )
        selected = {o.id for o in outcomes if o.selected}
        assert selected == {p["project_id"] for p in pb.projects if p["selected"] == "1"}, path.name
        assert pb.meta["num_projects"] == str(len(pb.projects))
        winners |= selected
    assert winners == stated


def test_a_package_per_kind_validates_on_its_own(dane: Path, catalog: Catalog, tmp_path: Path):
    kinds = [t.name for t in catalog.main_tables if t.kind]
    assert sorted(p.stem for p in (dane / "pakiety").glob("*.zip")) == sorted(kinds)
    for kind in kinds:
        target = tmp_path / kind
        with zipfile.ZipFile(dane / "pakiety" / f"{kind}.zip") as archive:
            archive.extractall(target)
        report = validate(str(target / "datapackage.json"))
        assert report.valid, (kind, report.flatten(["resourceName", "type", "note"]))


def test_the_zip_holds_the_whole_package(dane: Path):
    descriptor = _descriptor(dane)
    with zipfile.ZipFile(dane / "dane.zip") as archive:
        assert archive.namelist() == ["datapackage.json", *(r["path"] for r in descriptor["resources"])]
        assert archive.read("csv/grants.csv") == (dane / "csv/grants.csv").read_bytes()
        assert {i.date_time for i in archive.infolist()} == {archive.infolist()[0].date_time}


def test_dcat_catalogue_parses_and_names_every_dataset_and_distribution(dane: Path, catalog: Catalog):
    DCAT, DCTERMS, RDF = namespace.DCAT, namespace.DCTERMS, namespace.RDF  # noqa: N806
    turtle = Graph().parse(dane / "katalog.ttl", format="turtle")
    rdfxml = Graph().parse(dane / "katalog.rdf", format="xml")
    assert isomorphic(turtle, rdfxml)
    datasets = set(turtle.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == len(list(catalog)) + 1
    for table in catalog:
        node = next(d for d in datasets if str(d).endswith(f"/dane/{table.name}/"))
        assert (node, DCTERMS.title, Literal(table.title, lang="pl")) in turtle
        assert turtle.value(node, DCTERMS.accrualPeriodicity) is not None
        assert list(turtle.objects(node, DCAT.keyword))
    urls = {str(u) for u in turtle.objects(None, DCAT.downloadURL)}
    files = {p.relative_to(dane).as_posix() for p in dane.rglob("*") if p.is_file() and p.suffix != ".html"}
    named = {u.split("/dane/", 1)[1] for u in urls}
    assert files - named == {"katalog.ttl", "katalog.rdf"}
    for distribution in turtle.subjects(RDF.type, DCAT.Distribution):
        url = str(turtle.value(distribution, DCAT.downloadURL))
        size = int(turtle.value(distribution, DCAT.byteSize))
        assert size == (dane / url.split("/dane/", 1)[1]).stat().st_size
        assert isinstance(turtle.value(distribution, DCTERMS.license), URIRef)


# -- the data section of the site ----------------------------------------------------


def test_the_catalogue_page_lists_every_dataset(dane: Path, catalog: Catalog):
    html = (dane / "index.html").read_text(encoding="utf-8")
    for table in catalog:
        assert f'href="/dane/{table.name}/"' in html
        assert f'href="/dane/csv/{table.name}.csv"' in html
    assert "<caption" in html and '<th scope="col">Liczba wierszy</th>' in html
    assert "CC BY 4.0" in html and 'href="/dane/dane.zip"' in html


def test_a_dataset_page_documents_the_table_from_its_schema(dane: Path, catalog: Catalog):
    html = (dane / "budget_projects/index.html").read_text(encoding="utf-8")
    table = catalog["budget_projects"]
    for field in public_fields(table):
        assert f'<th scope="row"><code>{field.name}</code></th>' in html
    assert "Zielone przystanki" in html  # the preview
    assert "Jak cytować" in html and "[zbiór danych]" in html
    headings = [line.strip()[:3] for line in html.splitlines() if line.strip().startswith(("<h1", "<h2", "<h3"))]
    assert headings[0] == "<h1" and "<h3" not in headings


def test_an_empty_text_is_refused_rather_than_published_as_absent(data_dir: Path, tmp_path: Path):
    """CSV and spreadsheets cannot tell ``key: ""`` from a key left out, so validation refuses the former."""
    path = data_dir / "districts/zalesie.yaml"
    path.write_text(path.read_text() + 'description: ""\n')
    errors = build(SETTINGS, tmp_path / "out", {"CIVIC_DATA_PATH": str(data_dir)})
    assert len(errors) == 1 and "[empty-text]" in errors[0]
