"""A rebuild published in place: only the files it wrote are moved into the site.

A full build writes the whole site into a fresh folder, which then takes the
old site's place (:mod:`civic.build`). A rebuild that keeps outputs of the
last build (:mod:`civic.reuse`) writes only the others into its folder; the
kept ones stay where they are. So the new site is the files written and the
files kept (:func:`listing`), and it is published by :func:`apply`: the
last build's files that the new site has no more are deleted, and the
written ones are moved in, each in one step (a rename).

Nothing is touched before the build has succeeded, so a failed rebuild
leaves the site as it was. While the files are moved in, the cache of the
last build is forgotten first (:meth:`civic.buildcache.BuildCache.forget`):
a rebuild cut short there is followed by a full build.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path


def listing(
    staging: Path, kept: Iterable[str], before: Sequence[str], skip: tuple[str, ...] = (), within: str = ""
) -> list[str]:
    """Every file of the site being built, sorted, relative to it: those written into ``staging``
    and those ``kept`` from the last build (files, and folders ending in ``/``, whose files
    ``before``, the last build's sorted listing, names); none in the top folders ``skip``,
    only those in the top folder ``within``, if given."""
    found = set(written(staging, skip, within))
    for path in kept:
        if path.startswith(skip) or not path.startswith(within):
            continue
        if path.endswith("/"):
            found.update(_under(before, path))
        else:
            found.add(path)
    return sorted(found)


def written(staging: Path, skip: tuple[str, ...] = (), within: str = "") -> list[str]:
    """The files under ``staging`` (in its folder ``within``, if given) but those in its top folders ``skip``."""
    root = str(staging / within) if within else str(staging)
    found = []
    for folder, dirs, names in os.walk(root):  # a city's site has tens of thousands of folders: strings, not Paths
        rel = folder[len(root) + 1 :].replace(os.sep, "/")
        here = f"{within}{rel}/" if rel else within
        if not here:
            dirs[:] = [d for d in dirs if f"{d}/" not in skip]
        found.extend(here + name for name in names)
    return found


def apply(staging: Path, output: Path, before: Sequence[str], after: Sequence[str]) -> None:
    """Make ``output``, the last build's site (whose files ``before`` lists), the new one
    (whose files ``after`` lists): those ``staging`` holds are moved in, the others were kept."""
    gone = set(before).difference(after)
    for path in gone:
        with suppress(FileNotFoundError):
            os.unlink(output / path)
    # Folders the deleted files leave empty go too, the deepest first, as a full build would not make them.
    emptied = {parent for path in gone for parent in parents(path)}
    for folder in sorted(emptied, key=lambda f: f.count("/"), reverse=True):
        with suppress(OSError):  # not empty: it holds files of the new site
            os.rmdir(output / folder)
    source, target = str(staging), str(output)
    for folder, _, names in os.walk(source):
        into = target + folder[len(source) :]
        if names:
            os.makedirs(into, exist_ok=True)
        for name in names:
            os.replace(f"{folder}{os.sep}{name}", f"{into}{os.sep}{name}")


def _under(before: Sequence[str], folder: str) -> list[str]:
    start = bisect_left(before, folder)
    end = start
    while end < len(before) and before[end].startswith(folder):
        end += 1
    return list(before[start:end])


def parents(path: str) -> list[str]:
    """The folders a site file ``path`` is in, outermost first (``a/b/c.html``: ``a``, ``a/b``)."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: n + 1]) for n in range(len(parts))]
