"""Outputs of the previous build that a change leaves as they were.

Every output the records feed (a page, a calendar file, the open-data
folder) is written through :meth:`Reuse.output`, which notes the tokens
(:mod:`civic.deps`) read while it was rendered. The next build, given the
tokens of what changed since (:mod:`civic.buildcache`), links each output
whose tokens are untouched from the previous site into the new one instead
of rendering it again; everything else is rendered as in a full build, so
the result is the same, byte for byte.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path

from civic import deps
from civic.rows import Row

Noted = tuple[str, frozenset[str], bool]
"""An output's path in the site, the tokens it was made from, and whether it was linked."""
Fragment = tuple[str, frozenset[str]]
"""A part of pages (a record's item in a list) and the tokens it was made from."""


class Reuse:
    def __init__(
        self,
        staging: Path,
        previous: Path | None = None,
        outputs: dict[str, frozenset[str]] | None = None,
        changed: set[str] | None = None,
        fragments: dict[Hashable, Fragment] | None = None,
    ):
        """``previous`` is the last site with the ``outputs`` and ``fragments`` it noted;
        ``changed`` the tokens of the change since, or None when nothing may be reused."""
        self.staging = staging
        self.previous = previous
        self.before = outputs or {}
        self.changed = changed
        self.fragments_before = fragments or {}
        self.fragments: dict[Hashable, Fragment] = {}
        self.noted: dict[str, frozenset[str]] = {}
        self.linked: set[str] = set()
        self._folders: set[str] = set()
        self._writing = 0
        # Linking handles tens of thousands of files: as strings, not Path objects.
        self._old = f"{previous}{os.sep}" if previous is not None else ""
        self._new = f"{staging}{os.sep}"

    def output(
        self, path: str, write: Callable[[], object], uses: Iterable[str] = (), rows: Iterable[Row] = ()
    ) -> Noted:
        """Link ``path`` from the previous site if nothing it read changed, else ``write()`` it.

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

    def adopt(self, noted: Iterable[Noted]) -> None:
        """Take in what outputs written in another process noted."""
        for path, tokens, reused in noted:
            self.noted[path] = tokens
            if reused:
                self.linked.add(path)

    def link_folder(self, folder: str) -> None:
        """Take a folder of the previous site as it is (the search index, when no indexed page changed)."""
        assert self.previous is not None
        self._link_folder(self._old + folder, self._new + folder)
        self.linked.add(folder)

    def _reusable(self, path: str) -> frozenset[str] | None:
        if self.changed is None or self.previous is None:
            return None
        tokens = self.before.get(path)
        if tokens is None or not tokens.isdisjoint(self.changed):
            return None
        try:
            if path.endswith("/"):  # a folder written as a whole
                self._link_folder(self._old + path, self._new + path)
            else:
                self._link(self._old + path, self._new + path)
        except FileNotFoundError:  # the previous site lost a file: render it, never write through a link
            shutil.rmtree(self.staging / path, ignore_errors=True)
            return None
        self.linked.add(path)
        return tokens

    def _link_folder(self, source: str, target: str) -> None:
        source, target = source.rstrip(os.sep), target.rstrip(os.sep)
        if not os.path.isdir(source):
            raise FileNotFoundError(source)
        for folder, _, names in os.walk(source):
            into = target + folder[len(source) :]
            for name in names:
                self._link(f"{folder}{os.sep}{name}", f"{into}{os.sep}{name}")

    def _link(self, source: str, target: str) -> None:
        """Hard-link a file from the previous site (copy it across file systems)."""
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            os.link(source, target)
        except FileNotFoundError:
            raise
        except OSError:
            shutil.copyfile(source, target)
