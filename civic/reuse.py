"""Outputs of the previous build that a change leaves as they were.

Every output the records feed (a page, a calendar file, the open-data
folder) is written through :meth:`Reuse.output`, which notes the tokens
(:mod:`civic.deps`) read while it was rendered. The next build, given the
tokens of what changed since (:mod:`civic.buildcache`), keeps each output
whose tokens are untouched where it is in the previous site instead of
rendering it again; everything else is rendered into the new build's
folder as in a full build, and :mod:`civic.delta` puts it in place, so the
result is the same, byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path

from civic import deps
from civic.delta import parents
from civic.rows import Row

Noted = tuple[str, frozenset[str], bool]
"""An output's path in the site, the tokens it was made from, and whether it was kept from the last build."""
Fragment = tuple[str, frozenset[str]]
"""A part of pages (a record's item in a list) and the tokens it was made from."""


class Reuse:
    def __init__(
        self,
        previous: Path | None = None,
        outputs: dict[str, frozenset[str]] | None = None,
        changed: set[str] | None = None,
        fragments: dict[Hashable, Fragment] | None = None,
        lists: dict[str, list[str]] | None = None,
        absent: frozenset[str] | None = None,
    ):
        """``previous`` is the last site with the ``outputs``, ``fragments`` and ``lists`` it noted;
        ``changed`` the tokens of the change since, or None when nothing may be reused. ``absent``
        are the outputs ``previous`` was found to lack a moment ago (:mod:`civic.readahead`): then
        an output is not looked for in it before it is kept."""
        self.previous = previous
        self.before = outputs or {}
        self.changed = changed
        self.fragments_before = fragments or {}
        self.fragments: dict[Hashable, Fragment] = {}
        self.noted: dict[str, frozenset[str]] = {}
        self.lists_before = lists or {}
        self.absent = absent
        self.lists: dict[str, list[str]] = {}
        """The list pages of each kind (:func:`civic.pages.list_pages`), by the kind's table, and the grants of
        each year (:func:`civic.pages.grant_year_pages`)."""
        self.kept: set[str] = set()
        """The outputs (files, and folders ending in ``/``) left in place from the last build."""
        self._writing = 0
        # A city's site has tens of thousands of outputs: paths as strings, not Path objects.
        self._old = f"{previous}{os.sep}" if previous is not None else ""

    def output(
        self, path: str, write: Callable[[], object], uses: Iterable[str] = (), rows: Iterable[Row] = ()
    ) -> Noted:
        """Keep ``path`` from the previous site if nothing it read changed, else ``write()`` it.

        A ``path`` ending in ``/`` is a folder written as a whole. ``uses`` are
        tokens of work done before (the sorted list a page shows), ``rows`` the
        records passed to the template."""
        tokens = None if self._writing else self._reusable(path)  # inside a folder being written: write
        reused = tokens is not None
        if tokens is None:
            self._writing += 1
            try:
                with deps.recording() as noted:
                    deps.use_all(uses)
                    for row in rows:
                        deps.use_record(row)
                    write()
            finally:
                self._writing -= 1
            tokens = frozenset(noted)
        self.noted[path] = tokens
        return path, tokens, reused

    def fragment(self, key: Hashable, render: Callable[[], str]) -> Fragment:
        """A part of pages made once per build (``render()``, whose tokens are noted),
        or kept from the previous build when none of the tokens it was made from changed."""
        found = self.fragments.get(key)
        if found is None:
            found = self.fragments_before.get(key)
            if found is None or self.changed is None or not found[1].isdisjoint(self.changed):
                with deps.recording() as noted:
                    text = render()
                found = (text, frozenset(noted))
            self.fragments[key] = found
        return found

    def keep(self, path: str) -> bool:
        """Keep ``path`` from the previous site if nothing it read changed (then it is noted);
        whether it was kept. Deciding this before rendering spares a worker process the outputs
        that need no work."""
        tokens = self._reusable(path)
        if tokens is None:
            return False
        self.noted[path] = tokens
        return True

    def keep_all(self, paths: list[str] | None) -> bool:
        """Keep every one of ``paths`` (of the last build, at least one) if nothing any of them read
        changed; whether they were all kept. Those kept before one that cannot be are noted as kept,
        as :meth:`output` would note them."""
        return bool(paths) and self.changed is not None and all(self.keep(path) for path in paths)

    def lists_to_make(self, name: str) -> list[str] | None:
        """The list pages named ``name`` in :attr:`lists` (a kind's, the grants' of each year): None
        if all of the last build's are kept (:meth:`keep_all`), else the empty list the pages made
        go into."""
        if self.keep_all(self.lists_before.get(name)):
            self.lists[name] = self.lists_before[name]
            return None
        made: list[str] = []
        self.lists[name] = made
        return made

    def adopt(self, noted: Iterable[tuple[str, frozenset[str] | None, bool]]) -> None:
        """Take in what outputs written in another process noted, and the files it left in place."""
        for path, tokens, reused in noted:
            if tokens is not None:
                self.noted[path] = tokens
            if reused:
                self.kept.add(path)

    def adopt_kept(self, paths: list[str]) -> None:
        """Take in the outputs another process kept from the last build (their tokens are the last build's)."""
        self.noted.update(zip(paths, map(self.before.__getitem__, paths), strict=True))
        self.kept.update(paths)

    def leave(self, path: str) -> None:
        """Leave the last build's file ``path`` where it is, in a folder otherwise written again
        (a data file of a table the edit did not touch)."""
        self.kept.add(path)

    def keep_folder(self, folder: str) -> bool:
        """Keep a folder of the previous site as it is (a search shard none of whose pages changed);
        whether it is there to keep."""
        if self.previous is None or not os.path.isdir(self._old + folder):
            return False
        self.kept.add(folder)
        return True

    def is_kept(self, path: str) -> bool:
        """Whether a file of the site is the last build's, kept alone or in its folder."""
        return path in self.kept or any(f"{folder}/" in self.kept for folder in parents(path))

    def _reusable(self, path: str) -> frozenset[str] | None:
        if self.changed is None or self.previous is None:
            return None
        tokens = self.before.get(path)
        if tokens is None or not tokens.isdisjoint(self.changed):
            return None
        if not self._there(path):  # the previous site lost it: render it again
            return None
        self.kept.add(path)
        return tokens

    def _there(self, path: str) -> bool:
        if self.absent is not None:  # looked for when the cache was read ahead
            return path not in self.absent
        return in_site(self._old, path)


def in_site(site: str, path: str) -> bool:
    """Whether the site in the folder ``site`` (a path ending in a separator) has the output ``path``
    (a folder output's ends in ``/``)."""
    there = os.path.isdir if path.endswith("/") else os.path.isfile
    return there(site + path)
