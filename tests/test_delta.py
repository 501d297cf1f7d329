"""A rebuild's files go into the site in place: what the new site no longer has goes, folders it empties too."""

from __future__ import annotations

from pathlib import Path

from civic.delta import apply, listing


def _tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def _contents(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file()}


def test_the_written_files_replace_the_old_ones_and_what_the_new_site_lacks_is_deleted(tmp_path: Path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    _tree(
        site,
        {
            "index.html": "stara",
            "a/index.html": "kept",
            "b/index.html": "zmieniona-stara",
            "gone/deep/index.html": "usunięta",
            "becomes-folder": "plik",
            "becomes-file/x.html": "w folderze",
        },
    )
    kept_inode = (site / "a" / "index.html").stat().st_ino
    _tree(
        staging,
        {"index.html": "nowa", "b/index.html": "zmieniona", "becomes-folder/index.html": "f", "becomes-file": "p"},
    )
    before = sorted(_contents(site))
    after = listing(staging, {"a/index.html"}, before)
    assert after == ["a/index.html", "b/index.html", "becomes-file", "becomes-folder/index.html", "index.html"]

    apply(staging, site, before, after)

    assert _contents(site) == {
        "index.html": "nowa",
        "a/index.html": "kept",
        "b/index.html": "zmieniona",
        "becomes-folder/index.html": "f",
        "becomes-file": "p",
    }
    assert not (site / "gone").exists()  # no empty folder left where a page was
    assert (site / "a" / "index.html").stat().st_ino == kept_inode  # a kept page is not touched


def test_a_kept_folder_brings_every_file_the_last_build_had_in_it_and_skipped_folders_are_left_out(tmp_path: Path):
    staging = tmp_path / "staging"
    _tree(staging, {"pagefind/2/entry.json": "n", "dane/index.html": "d", "index.html": "i"})
    before = ["index.html", "pagefind/1/a", "pagefind/1/b/c", "pagefind/10/z", "pagefind/2/entry.json", "x/index.html"]
    kept = {"pagefind/1/", "x/index.html"}
    assert listing(staging, kept, before) == [
        "dane/index.html",
        "index.html",
        "pagefind/1/a",
        "pagefind/1/b/c",
        "pagefind/2/entry.json",
        "x/index.html",
    ]
    assert listing(staging, kept, before, skip=("pagefind/", "dane/")) == ["index.html", "x/index.html"]
    assert listing(staging, kept, before, within="pagefind/") == [
        "pagefind/1/a",
        "pagefind/1/b/c",
        "pagefind/2/entry.json",
    ]
