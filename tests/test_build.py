"""Real Pelican builds of the fixture data: pages per record and per kind,
and a failed build that leaves the previous site untouched."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from civic import generator, outputs
from civic.build import build
from tests.conftest import ROOT
from tests.test_parallel import idle_until

SETTINGS = ROOT / "pelicanconf.py"


@pytest.fixture
def site(data_dir: Path, tmp_path: Path) -> Path:
    output = tmp_path / "output"
    errors = build(SETTINGS, output, {"CIVIC_DATA_PATH": str(data_dir)})
    assert errors == []
    return output


def test_every_record_and_kind_has_a_page(site: Path):
    expected = [
        "index.html",
        "dzielnice/index.html",
        "dzielnice/centrum/index.html",
        "urzad/bao/index.html",
        "konsultacje/program-wspolpracy-2027/index.html",
        "budzet-obywatelski/index.html",
        "budzet-obywatelski/2026/index.html",
        "budzet-obywatelski/2026/2026-o-3/index.html",
        "budzet-obywatelski/realizacja/index.html",
        "konsultacje/status/results/index.html",
        "szukaj/index.html",
        "404.html",
        "konsultacje/kalendarz.ics",
        "konsultacje/atom.xml",
        "organizacje/fundacja-przyklad/index.html",
        "dotacje/2026-001/index.html",
        "projekty/aktywni-razem/index.html",
        "aktualnosci/nabor-do-rady-pozytku/index.html",
        "o-serwisie/index.html",
    ]
    missing = [p for p in expected if not (site / p).is_file()]
    assert not missing


def test_record_page_shows_values_as_a_resident_reads_them(site: Path):
    html = (site / "urzad/bao/index.html").read_text(encoding="utf-8")
    assert "<h1>Biuro Aktywności Obywatelskiej" in html
    assert "Zastępca Dyrektora, Pełnomocnik Prezydenta ds. Organizacji Pozarządowych" in html
    assert "poniedziałek" in html and "7:30" in html and "17:00" in html
    assert "B. Zadania Zespołu ds. Rozwoju Aktywności Lokalnej" in html
    assert "koordynacja prac zespołu opiniującego projekty" in html
    grant = (site / "dotacje/2026-001/index.html").read_text(encoding="utf-8")
    assert "15\u00a0000,50\u00a0zł" in grant
    assert '<a href="/organizacje/fundacja-przyklad/">Fundacja Przykład</a>' in grant
    assert "14 lutego 2026 r." in grant


def test_markdown_from_staff_cannot_inject_html(data_dir: Path, tmp_path: Path):
    path = data_dir / "districts/zalesie.yaml"
    path.write_text(path.read_text() + "description: |\n  <script>alert(1)</script> [x](javascript:alert(1))\n")
    output = tmp_path / "out"
    assert build(SETTINGS, output, {"CIVIC_DATA_PATH": str(data_dir)}) == []
    html = (output / "dzielnice/zalesie/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


def test_failed_build_keeps_the_previous_site(site: Path, data_dir: Path):
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    (data_dir / "districts/centrum.yaml").write_text("name: Centrum\ntype: miasto\n", encoding="utf-8")

    errors = build(SETTINGS, site, {"CIVIC_DATA_PATH": str(data_dir)})

    assert len(errors) == 1
    assert "districts/centrum.yaml:2:7: districts.type: „miasto” nie jest dozwoloną wartością" in errors[0]
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == [f".{site.name}-cache"]  # the cache of the site that is still in place


@pytest.mark.parametrize("rebuild", [False, True], ids=["full build", "rebuild"])
def test_a_reference_broken_by_an_edit_fails_the_build_with_its_place(
    site: Path, data_dir: Path, tmp_path: Path, rebuild: bool
):
    """The checks across records run beside the pages; what they find still stops the build."""
    record = data_dir / "ngos/fundacja-przyklad.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("district: centrum", "district: centrm"), "utf-8")
    output = site if rebuild else tmp_path / "fresh"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    seen: list[Path] = []

    errors = build(SETTINGS, output, {"CIVIC_DATA_PATH": str(data_dir)}, pages_ready=seen.append)

    assert len(errors) == 1
    assert "ngos/fundacja-przyklad.yaml:12:11: ngos.district: " in errors[0]
    assert "„centrm”" in errors[0] and "centrum" in errors[0]  # what is wrong, and the likely fix
    assert seen == []  # no page of the broken data was shown
    assert not output.exists() or output == site
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    staging = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{output.name}-")]
    assert staging in ([], [f".{output.name}-cache"])  # no half-built site left behind


def test_a_failed_build_stops_the_outputs_beside_its_pages_instead_of_waiting_for_them(
    site: Path, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A mistyped reference is reported as soon as the checks find it: the open data, still being
    made beside the pages, is stopped (it would have been thrown away) and leaves no process behind."""
    release = tmp_path / "release"

    def slow_open_data(build_: object) -> None:
        (tmp_path / "open-data.pid").write_text(f"{os.getpid()}\n")
        idle_until(release)

    monkeypatch.setattr(outputs, "BACKGROUND_OUTPUTS", [slow_open_data])
    monkeypatch.setattr(generator, "BACKGROUND_OUTPUTS", [slow_open_data])
    record = data_dir / "ngos/fundacja-przyklad.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("district: centrum", "district: centrm"), "utf-8")

    errors = build(SETTINGS, site, {"CIVIC_DATA_PATH": str(data_dir)})

    assert len(errors) == 1 and "ngos.district" in errors[0]
    pid = int((tmp_path / "open-data.pid").read_text())
    assert not (tmp_path / f"{pid}.ended").exists()  # stopped, not waited for
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    release.write_text("")


NGO_PAGE = "organizacje/fundacja-przyklad/index.html"


def test_a_rebuild_shows_where_its_pages_are_before_the_site_changes(site: Path, data_dir: Path):
    """For a preview: the edited page is told first, from the build's own folder; the site changes only at the end."""
    record = data_dir / "ngos/fundacja-przyklad.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Fundacja Przykład", "Fundacja Nowa"), "utf-8")
    seen: list[tuple[str, str]] = []

    def ready(folder: Path) -> None:
        assert folder.parent == site.parent and folder != site
        seen.append(((folder / NGO_PAGE).read_text(encoding="utf-8"), (site / NGO_PAGE).read_text(encoding="utf-8")))

    assert build(SETTINGS, site, {"CIVIC_DATA_PATH": str(data_dir)}, pages_ready=ready) == []

    [(shown, published)] = seen
    assert "<h1>Fundacja Nowa" in shown
    assert "<h1>Fundacja Przykład" in published  # not yet put in place when the pages were ready
    assert "<h1>Fundacja Nowa" in (site / NGO_PAGE).read_text(encoding="utf-8")


def test_a_build_that_fails_shows_no_pages(site: Path, data_dir: Path):
    (data_dir / "districts/centrum.yaml").write_text("name: Centrum\ntype: miasto\n", encoding="utf-8")
    seen: list[Path] = []
    assert build(SETTINGS, site, {"CIVIC_DATA_PATH": str(data_dir)}, pages_ready=seen.append)
    assert seen == []


def test_the_replaced_site_is_deleted_after_the_build_and_a_leftover_with_the_next_one(site: Path, data_dir: Path):
    stranded = site.parent / f".{site.name}-old-stranded" / site.name  # a deletion that was cut short
    shutil.copytree(site, stranded)
    first_page = next(site.rglob("*.html")).relative_to(site)
    (data_dir / "districts/centrum.yaml").write_text(
        (data_dir / "districts/centrum.yaml").read_text(encoding="utf-8").replace("Centrum", "Śródmieście", 1),
        encoding="utf-8",
    )
    assert build(SETTINGS, site, {"CIVIC_DATA_PATH": str(data_dir)}) == []
    assert "Śródmieście" in (site / "dzielnice/centrum/index.html").read_text(encoding="utf-8")
    assert (site / first_page).is_file()
    deadline = time.monotonic() + 30
    while _old_sites(site) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _old_sites(site) == []
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".")) == [f".{site.name}-cache"]


def _old_sites(site: Path) -> list[str]:
    return [p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-old-")]


def test_template_error_fails_the_build_without_a_traceback(data_dir: Path, tmp_path: Path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates/district.html").write_text("{% extends 'base.html' %}{% block content %}{{ record.id|nope }}")
    errors = build(SETTINGS, tmp_path / "out", {"CIVIC_DATA_PATH": str(data_dir), "THEME": str(theme)})
    assert len(errors) == 1 and errors[0].startswith("Budowa przerwana: TemplateSyntaxError")
    assert not (tmp_path / "out").exists()


def test_counts_of_ten_thousand_and_more_are_grouped_as_polish_writes_them(site: Path, data_dir: Path):
    """A city's counts: 12 000 voters, 20 000 organisations (digits grouped by a no-break space)."""
    edition = site / "budzet-obywatelski/2026/index.html"
    assert "zagłosowało 12\u00a0000 osób" in edition.read_text(encoding="utf-8")
    project = data_dir / "budget_projects/2026-o-3.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("votes: 500", "votes: 10501"), "utf-8")
    assert build(SETTINGS, site, {"CIVIC_DATA_PATH": str(data_dir)}) == []
    page = (site / "budzet-obywatelski/2026/2026-o-3/index.html").read_text(encoding="utf-8")
    assert "10\u00a0501 głosów" in page and "10501" not in page


def test_vocabulary_codes_read_as_their_names(site: Path):
    html = (site / "konsultacje/program-wspolpracy-2027/index.html").read_text(encoding="utf-8")
    assert "<h3>formularz online</h3>" in html
    assert "formularz-online" not in html


def test_fields_kept_for_the_office_appear_on_no_page(data_dir: Path, tmp_path: Path):
    path = data_dir / "ngos/fundacja-przyklad.yaml"
    path.write_text(path.read_text() + "contact_email: planted.secret@poczta.example.pl\ninternal_note: PLANTED-NOTE\n")
    output = tmp_path / "out"
    assert build(SETTINGS, output, {"CIVIC_DATA_PATH": str(data_dir)}) == []
    leaks = [
        p
        for p in output.rglob("*")
        if p.is_file() and (b"planted.secret" in p.read_bytes() or b"PLANTED-NOTE" in p.read_bytes())
    ]
    assert leaks == []


def test_markup_written_in_a_record_is_shown_as_text_not_read_as_html(data_dir: Path, tmp_path: Path):
    ngo = data_dir / "ngos" / "fundacja-przyklad.yaml"
    text = ngo.read_text(encoding="utf-8")
    ngo.write_text(text.replace("name: ", "name: <script>alert(1)</script> & <i>Kursywa</i> ", 1), encoding="utf-8")
    output = tmp_path / "output"
    assert build(SETTINGS, output, {"CIVIC_DATA_PATH": str(data_dir), "CIVIC_SEARCH": False}) == []
    for page in ("organizacje/fundacja-przyklad/index.html", "organizacje/index.html"):
        html = (output / page).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;i&gt;Kursywa&lt;/i&gt;" in html, page
        assert "<script>alert" not in html and "<i>Kursywa" not in html, page
