"""Pagefind indexes exactly the pages of a shard, whatever characters their paths hold; the data section
has a shard of its own, indexed after the others began."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from civic.search_index import Indexing, _index_shard, search_index, shards

NAMES = ["zwykla", "a,b", "c!d", "e:f", "g{h}", "p[q]", "s*t", "u?v", "x<y>", "w\\z"]


def test_a_shard_indexes_its_pages_and_no_other_even_with_glob_characters_in_their_paths(tmp_path: Path):
    site = tmp_path / "site"
    for name in [*NAMES, "poza-shardem"]:
        page = site / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="pl"><body data-pagefind-body><p>Strona {name}</p></body></html>', "utf-8")
    members = sorted(f"{name}/index.html" for name in NAMES)

    assert _index_shard(site, site / "pagefind" / "0", members) is None

    entry = json.loads((site / "pagefind" / "0" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(NAMES)


def _page(site: Path, rel: str) -> str:
    page = site / rel / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'<html lang="pl"><body data-pagefind-body><p>Strona {rel}</p></body></html>', "utf-8")
    return f"{rel}/index.html"


def _count(site: Path, shard: str) -> int:
    entry = json.loads((site / "pagefind" / shard / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def test_with_several_shards_the_data_section_has_its_own_and_does_not_count_towards_the_others():
    pages = [f"organizacje/o{n}/index.html" for n in range(5)] + [f"dane/t{n}/index.html" for n in range(9)]
    split = shards(pages, 2)
    assert list(split) == ["0", "1", "dane"]
    assert sorted(split["0"] + split["1"]) == sorted(pages[:5])
    assert split["dane"] == sorted(pages[5:])
    assert shards(pages, 1) == {"0": sorted(pages)}  # a town's site: one shard, its data pages in it


SETTINGS = {"CIVIC_PROCESSES": 2, "CIVIC_SEARCH_SHARD_PAGES": 3}


@pytest.mark.parametrize("late", [False, True], ids=["all pages there", "a page came later"])
def test_an_index_begun_before_the_data_section_is_written_covers_every_page(tmp_path: Path, late: bool):
    """Begun with the pages outside the data section; if a page came after it began, it is made again."""
    site = tmp_path / "site"
    outside = [_page(site, f"organizacje/o{n}") for n in range(4)]
    begun = Indexing(site, SETTINGS, None)
    begun.begin(outside)
    data = [_page(site, "dane/ngos")]
    if late:
        outside.append(_page(site, "aktualnosci/c"))
    assert search_index(site, SETTINGS, sorted(outside + data), None, begun) is None
    assert json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8")) == ["0/", "1/", "dane/"]
    assert _count(site, "0") + _count(site, "1") == len(outside)
    assert _count(site, "dane") == 1


def test_a_site_of_one_shard_keeps_its_data_pages_in_it(tmp_path: Path):
    site = tmp_path / "site"
    pages = [_page(site, "organizacje/a"), _page(site, "dane/ngos")]
    assert search_index(site, {"CIVIC_PROCESSES": 2}, pages) is None
    assert json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8")) == ["0/"]
    assert _count(site, "0") == 2
