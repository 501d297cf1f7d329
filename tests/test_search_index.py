"""Pagefind indexes exactly the pages of a shard, whatever characters their paths hold."""

from __future__ import annotations

import json
from pathlib import Path

from civic.search_index import _index_shard

NAMES = ["zwykla", "a,b", "c!d", "e:f", "g{h}", "p[q]", "s*t", "u?v", "x<y>", "w\\z"]


def test_a_shard_indexes_its_pages_and_no_other_even_with_glob_characters_in_their_paths(tmp_path: Path):
    site = tmp_path / "site"
    for name in [*NAMES, "poza-shardem"]:
        page = site / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="pl"><body data-pagefind-body><p>Strona {name}</p></body></html>', "utf-8")
    members = sorted(f"{name}/index.html" for name in NAMES)

    assert _index_shard(site, 0, members) is None

    entry = json.loads((site / "pagefind" / "0" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(NAMES)
