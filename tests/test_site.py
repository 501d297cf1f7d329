"""The public site as residents meet it: Polish text, order, filters, feeds and calendars."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from civic.build import build
from tests.conftest import ROOT

SETTINGS = ROOT / "pelicanconf.py"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "output"
    assert build(SETTINGS, output, {"CIVIC_TODAY": "2026-11-22", "CIVIC_SEARCH": False}) == []
    return output


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_lists_are_in_polish_alphabetical_order(sample_site: Path):
    html = read(sample_site, "dzielnice/index.html")
    names = re.findall(r'<li[^>]*>\s*<a href="/dzielnice/[^"]+/">([^<]+)</a>', html)
    assert names.index("Łęgi") < names.index("Nadrzecze")  # byte order would put Ł after Z
    alphabet = "aąbcćdeęfghijklłmnńoóprsśtuwyzźż "
    assert names == sorted(names, key=lambda n: [alphabet.find(c) for c in n.lower()])


def test_consultation_status_follows_the_build_day(sample_site: Path):
    html = read(sample_site, "index.html")
    assert "Trwające konsultacje" in html
    assert re.search(r'data-status-closes="2026-12-07"', html)
    assert "zostało 15 dni" in html  # 22 Nov → 7 Dec, Polish plural
    listing = read(sample_site, "konsultacje/status/planned/index.html")
    assert "planowane" in listing


def test_filter_pages_work_without_javascript(sample_site: Path):
    html = read(sample_site, "organizacje/forma/fundacja/index.html")
    assert "<h1>Organizacje pozarządowe: fundacja</h1>" in html
    assert 'aria-current="page"' in html
    every = read(sample_site, "organizacje/index.html")
    ngos = len(list((ROOT / "data/ngos").glob("*.yaml")))
    assert every.count('<li data-sfera="') == ngos
    assert 0 < html.count('<li data-sfera="') < ngos


def test_office_hours_read_as_spans(sample_site: Path):
    html = read(sample_site, "urzad/biuro-aktywnosci-obywatelskiej/index.html")
    assert '<th scope="row">wt.–czw.</th><td>7:30–15:30</td>' in html
    assert "Pełnomocnik Prezydenta Miasta ds. Budżetu Obywatelskiego" in html


def test_record_pages_link_to_history_and_edit_form_and_carry_json_ld(sample_site: Path):
    html = read(sample_site, "urzad/biuro-aktywnosci-obywatelskiej/index.html")
    edit = "https://github.com/wierzbin/obywatelski/edit/main/data/office_units/biuro-aktywnosci-obywatelskiej.yaml"
    assert edit in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "GovernmentOrganization"
    assert '<meta property="og:title"' in html
    assert '<meta name="deklaracja-dostępności" content="https://wierzbin.example.pl/deklaracja-dostepnosci/">' in html


def test_every_page_has_the_accessibility_meta_tag_and_no_third_party_requests(sample_site: Path):
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'name="deklaracja-dostępności"' in html, page
        for src in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html):
            assert not src.startswith(("http:", "https:", "//")), (page, src)
        assert "<script>" not in html  # no inline scripts


def test_calendars_and_feeds_parse(sample_site: Path):
    cal = Calendar.from_ical((sample_site / "konsultacje/kalendarz.ics").read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) >= 10
    assert all(e.get("uid") and e.get("dtstart") for e in events)
    single = list(sample_site.glob("konsultacje/*/spotkanie-1.ics"))
    assert single
    start = Calendar.from_ical(single[0].read_bytes()).walk("VEVENT")[0]["dtstart"].dt
    assert start.utcoffset().total_seconds() == 0  # UTC, converted from Warsaw time
    for feed in ("konsultacje/atom.xml", "budzet-obywatelski/atom.xml", "aktualnosci/atom.xml"):
        assert "<feed" in read(sample_site, feed)


def test_site_builds_in_english_by_a_setting(tmp_path: Path, data_dir: Path):
    output = tmp_path / "en"
    overrides = {"DEFAULT_LANG": "en", "CIVIC_DATA_PATH": str(data_dir), "CIVIC_SEARCH": False}
    assert build(SETTINGS, output, overrides) == []
    html = read(output, "index.html")
    assert '<html lang="en">' in html and "Skip to content" in html and "Przejdź do treści" not in html


def test_build_outside_git_still_works(tmp_path: Path, data_dir: Path):
    output = tmp_path / "out"
    assert build(SETTINGS, output, {"CIVIC_DATA_PATH": str(data_dir), "CIVIC_SEARCH": False}) == []
    assert "Ostatnia zmiana" not in read(output, "dzielnice/centrum/index.html")


def test_catalogue_covers_every_ui_message(tmp_path: Path):
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "--no-location",
            "-o",
            str(pot),
            "civic",
            "theme/templates",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    from babel.messages.pofile import read_po

    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot.open("rb")) if m.id}
    for lang in ("pl", "en"):
        po = read_po((ROOT / f"theme/translations/{lang}/LC_MESSAGES/messages.po").open("rb"))
        have = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in po if m.id}
        missing = sorted(w for w in wanted if not have.get(w) or (isinstance(have[w], tuple) and not all(have[w])))
        assert not missing, (lang, missing)


def test_dataset_pages_describe_themselves_as_schema_org_datasets(sample_site: Path):
    html = read(sample_site, "dane/ngos/index.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "Dataset"
    assert any(d["contentUrl"].endswith("/dane/csv/ngos.csv") for d in data["distribution"])
