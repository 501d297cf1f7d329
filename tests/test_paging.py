"""Long lists are cut into pages a phone and a screen reader can take.

The sample data are built twice: with the default page size, where every
list fits on one page as before, and with five records a page, where the
lists of organisations, consultations, districts, their filtered lists and
a year's grants run over several pages.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from civic.build import build
from civic.paging import page_size, paginate
from tests.conftest import ROOT

SETTINGS = ROOT / "pelicanconf.py"
SIZE = 5


def _build(output: Path, **more: object) -> Path:
    assert build(SETTINGS, output, {"CIVIC_TODAY": "2026-11-22", "CIVIC_SEARCH": False, **more}) == []
    return output


@pytest.fixture(scope="module")
def whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("whole") / "site")


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("paged") / "site", CIVIC_LIST_PAGE_SIZE=SIZE)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def listed(html: str, prefix: str) -> list[str]:
    """The records a list page shows, by address, in order."""
    items = html.split('<ul class="record-list" id="lista">', 1)[1].split("</ul>", 1)[0]
    return re.findall(rf'<a href="/{prefix}([^"/]+)/">', items)


def all_pages(site: Path, url: str) -> list[str]:
    """The addresses of every page of the list at ``url``, following its "next" links."""
    pages = [url]
    while match := re.search(r'<a href="/([^"]+)" rel="next">', read(site, pages[-1])):
        pages.append(match[1])
        assert len(pages) < 100, pages
    return pages


# -- cutting a list -----------------------------------------------------------


def test_a_list_is_cut_into_pages_of_the_size_and_keeps_its_order():
    pages = paginate(list(range(1, 13)), 5, "organizacje/")
    assert [list(p.items) for p in pages] == [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]
    assert [p.url for p in pages] == ["organizacje/", "organizacje/strona/2/", "organizacje/strona/3/"]
    assert [(p.first, p.last, p.total, p.count) for p in pages] == [(1, 5, 12, 3), (6, 10, 12, 3), (11, 12, 12, 3)]


def test_a_list_that_fits_and_an_empty_list_are_one_page():
    (one,) = paginate([1, 2], 5, "x/")
    assert not one.split and one.url == "x/" and list(one.items) == [1, 2]
    (empty,) = paginate([], 5, "x/")
    assert not empty.split and empty.count == 1 and empty.total == 0


def test_the_page_links_show_the_ends_and_the_pages_around_this_one():
    pages = paginate(list(range(2000)), 10, "x/")
    assert pages[5].numbers() == [1, None, 4, 5, 6, 7, 8, None, 200]
    assert pages[0].numbers() == [1, 2, 3, None, 200]
    assert pages[199].numbers() == [1, None, 198, 199, 200]
    # a gap of one page shows that page: "…" would hide no more than the number itself
    assert pages[3].numbers() == [1, 2, 3, 4, 5, 6, None, 200]


@pytest.mark.parametrize("wrong", [0, -5, "100", 2.5, True, None])
def test_a_page_size_that_is_not_a_positive_whole_number_is_refused_by_name(wrong: object):
    with pytest.raises(ValueError, match="CIVIC_LIST_PAGE_SIZE"):
        page_size({"CIVIC_LIST_PAGE_SIZE": wrong})
    assert page_size({}) == 100


# -- the built site -----------------------------------------------------------


@pytest.mark.parametrize("url", ["organizacje/", "konsultacje/", "dzielnice/"])
def test_the_pages_of_a_list_show_every_record_once_in_the_order_of_the_whole_list(whole: Path, paged: Path, url: str):
    prefix = url
    everything = listed(read(whole, url), prefix)
    pages = all_pages(paged, url)
    assert len(pages) == -(-len(everything) // SIZE) > 1
    shown = [record for page in pages for record in listed(read(paged, page), prefix)]
    assert shown == everything
    assert all(len(listed(read(paged, page), prefix)) == SIZE for page in pages[:-1])


def test_a_filtered_list_is_cut_into_pages_too(whole: Path, paged: Path):
    everything = listed(read(whole, "organizacje/opp/nie/"), "organizacje/")
    pages = all_pages(paged, "organizacje/opp/nie/")
    assert pages[1] == "organizacje/opp/nie/strona/2/"
    assert [r for page in pages for r in listed(read(paged, page), "organizacje/")] == everything


def test_a_page_says_where_it_stands_and_links_to_its_neighbours(paged: Path):
    html = read(paged, "organizacje/strona/2/")
    count = len(list((paged / "organizacje" / "strona").iterdir())) + 1
    assert f"<title>Organizacje pozarządowe — strona 2 z {count} — " in html
    assert f'<span aria-current="page">Strona 2 z {count}</span>' in html  # the breadcrumb's last step
    assert '<p class="result-count">41 wpisów; na tej stronie 6–10</p>' in html
    assert '<nav class="pager" aria-label="Strony listy">' in html
    assert '<a href="/organizacje/" rel="prev">Poprzednia strona</a>' in html
    assert '<a href="/organizacje/strona/3/" rel="next">Następna strona</a>' in html
    current = '<a href="/organizacje/strona/2/" aria-current="page"><span class="visually-hidden">Strona </span>2</a>'
    assert current in html
    first, last = read(paged, "organizacje/"), read(paged, f"organizacje/strona/{count}/")
    assert 'rel="prev"' not in first and 'rel="next"' not in last
    assert "strona 1 z" in first.split("</title>")[0]  # the first page of a split list says so in its title


def test_a_split_list_leaves_filtering_to_the_filtered_pages(whole: Path, paged: Path):
    """Filtering in place would filter one page of the list: the per-value pages do it for the whole."""
    one_page = read(whole, "organizacje/")
    assert "data-filter-for" in one_page and 'data-sfera="' in one_page
    html = read(paged, "organizacje/")
    assert "data-filter-for" not in html and 'data-sfera="' not in html
    assert '<a href="/organizacje/opp/nie/">' in html  # "browse by" links to the filtered lists


def test_a_list_that_fits_on_one_page_has_no_page_links(whole: Path):
    assert not (whole / "organizacje" / "strona").exists()
    html = read(whole, "organizacje/")
    assert 'class="pager"' not in html and "na tej stronie" not in html and "strona 1 z" not in html


def test_a_long_year_of_grants_gets_a_list_of_its_own_in_pages_largest_first(whole: Path, paged: Path):
    index = read(paged, "dotacje/")
    assert '<a href="/dotacje/rok/2025/">Dotacje z roku 2025: pełna lista (14)</a>' in index
    assert "<table" not in index  # the year's table is on its own pages
    pages = all_pages(paged, "dotacje/rok/2025/")
    assert pages == ["dotacje/rok/2025/", "dotacje/rok/2025/strona/2/", "dotacje/rok/2025/strona/3/"]
    rows = [
        row
        for page in pages
        for row in re.findall(r'<a href="/dotacje/([^"/]+)/">.*?<td class="num">([^<]+)</td>', read(paged, page), re.S)
    ]
    assert len({grant for grant, _ in rows}) == len(rows) == 14
    assert all(grant.startswith("2025-") for grant, _ in rows)
    amounts = [Decimal(re.sub(r"[^\d,]", "", amount).replace(",", ".")) for _, amount in rows]
    assert amounts == sorted(amounts, reverse=True)
    heading = r'<h1 id="rok">Dotacje w roku 2025: 725\s418,75\szł</h1>'
    assert re.search(heading, read(paged, "dotacje/rok/2025/strona/3/"))
    # with the default size the year's table stays on the grant list, and there is no page of its own
    assert "<table" in read(whole, "dotacje/") and not (whole / "dotacje" / "rok").exists()


def test_every_page_of_a_list_is_in_the_sitemap(paged: Path):
    sitemap = (paged / "sitemap.xml").read_text(encoding="utf-8")
    assert "/organizacje/strona/2/</loc>" in sitemap
    assert "/dotacje/rok/2025/strona/3/</loc>" in sitemap
