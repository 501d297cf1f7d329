"""The Pelican generator that turns checked records into pages.

Pelican runs every generator's ``generate_context`` first, then every
``generate_output``. In the first phase this one reads and checks all
records (a single problem stops the build with every message printed) and
puts them in the shared context; in the second it writes every output
listed in ``civic.outputs`` through Pelican's writer.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from jinja2 import TemplateNotFound
from pelican.generators import Generator

from civic import hours, text
from civic.buildcache import render_key
from civic.clock import build_day
from civic.export.dates import data_commit
from civic.fragments import REUSE, once, once_per_record
from civic.gitdates import last_changes
from civic.outputs import BACKGROUND_OUTPUTS, OUTPUTS, Build
from civic.parallel import Background, WorkerFailed, workers
from civic.pipeline import Checked, check_data
from civic.plural import plural
from civic.postbuild import SEARCH, begin_search
from civic.report import as_text
from civic.reuse import Reuse
from civic.site import DEFAULT_URLS, Site
from civic.statement import statement_path
from civic.views import Views

log = logging.getLogger(__name__)


class ValidationFailed(Exception):
    """The records have problems; the site must not be built."""

    def __init__(self, report: str):
        super().__init__(report)
        self.report = report


FILTERS = {
    "markdown": text.markdown,
    "polish_date": text.polish_date,
    "polish_time": text.polish_time,
    "money": text.money,
    "number": text.number,
    "iso": text.iso,
    "hours": hours.spans,
}

GLOBALS = {"plural": plural, "once": once, "once_per_record": once_per_record}


class RecordsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site: Site | None = None
        self.reuse = Reuse()

    def generate_context(self) -> None:
        data_dir = Path(self.settings.get("CIVIC_DATA_PATH", "data"))
        if not (data_dir / "schemas").is_dir():
            raise ValidationFailed(f"Nie ma folderu z danymi i schematami: {data_dir} (ustawienie CIVIC_DATA_PATH).")
        settings = self.settings
        cache = settings.get("_CIVIC_CACHE")
        checked = check_data(data_dir, cache=cache, processes=settings.get("CIVIC_PROCESSES"), alongside=True)
        if checked.problems:
            raise invalid(checked)
        settings[CROSSCHECK] = checked  # the checks across records may still run: see generate_output
        today = build_day(settings, data_dir)
        changes = last_changes(data_dir)
        self.site = Site(
            checked.dataset,
            {**DEFAULT_URLS, **settings.get("CIVIC_URLS", {})},
            siteurl=settings.get("SITEURL", ""),
            today=today,
            changes=changes,
            repository=settings.get("CIVIC_REPOSITORY_URL", ""),
            branch=settings.get("CIVIC_REPOSITORY_BRANCH", "main"),
            lang=settings.get("DEFAULT_LANG", "pl"),
        )
        self.context["civic"] = self.site
        self.context["views"] = Views(self.site)
        if cache is not None:
            folders = [Path(settings["THEME"]), Path(settings["PATH"]), statement_path(settings)]
            key = render_key(cache.parse_key, settings, folders, today)
            changed = cache.change(changes, key, self.site, data_commit(data_dir))
            self.reuse = Reuse(cache.output, cache.outputs, changed, cache.fragments, cache.lists, cache.absent)
            cache.reuse = self.reuse
        self.env.__dict__[REUSE] = self.reuse  # list items (civic.fragments) are kept with the outputs

    def generate_output(self, writer) -> None:
        """Every output; the checks across records, if they run alongside, are waited for first in a
        full build (a broken reference is reported before minutes of pages), and last in a rebuild,
        which renders little beside them. A failure is reported as the records' problems if they have any."""
        if self.reuse.changed is None:
            crosschecked(self.settings)
        try:
            self._outputs(writer)
        except Exception:
            crosschecked(self.settings)
            raise
        crosschecked(self.settings)

    def _outputs(self, writer) -> None:
        assert self.site is not None
        build = Build(
            self.site, writer, self.context, self.settings, Path(self.output_path), self._template, self.reuse
        )
        together = workers(self.settings.get("CIVIC_PROCESSES")) > 1
        background = (
            [Background(partial(_noted, output, build), nice=BACKGROUND_NICE) for output in BACKGROUND_OUTPUTS]
            if together
            else []
        )
        self.settings[ALONGSIDE] = Alongside(background, self.reuse)
        for output in OUTPUTS if together else [*OUTPUTS, *BACKGROUND_OUTPUTS]:
            output(build)

    def _template(self, name: str, fallback: str | None = None):
        try:
            return self.env.get_template(name)
        except TemplateNotFound:
            if fallback is None:
                raise
            return self.env.get_template(fallback)


CROSSCHECK = "_CIVIC_CROSSCHECK"
"""The setting that carries the checked records (:class:`civic.pipeline.Checked`) while the checks
across them may still run in a child."""


def crosschecked(settings: dict) -> None:
    """Wait for the checks across records if they still run; raise :class:`ValidationFailed` with
    every problem they found."""
    checked = settings.pop(CROSSCHECK, None)
    if checked is not None and checked.complete():
        raise invalid(checked)


def invalid(checked: Checked) -> ValidationFailed:
    """The failure that reports every problem of the checked records."""
    return ValidationFailed(as_text(checked.problems.sorted(), checked.dataset.count()))


BACKGROUND_NICE = 10
"""How much lower the outputs alongside the pages run: the pages, which a preview shows as soon
as they are written, and the checks across records, which they wait for, come first."""

ALONGSIDE = "_CIVIC_ALONGSIDE"
"""The setting that carries the outputs running alongside the pages (:class:`Alongside`) to the end of the build."""


class Alongside:
    """The outputs that run in forked children while the pages are written (``BACKGROUND_OUTPUTS``).

    They are waited for once Pelican is done (:func:`civic.build.build`), so
    that the pages, Pelican's own included, are complete before the open
    data is: a preview shows them first. Meanwhile the search shards of the
    pages outside the data section are begun (:meth:`begin_search`)."""

    def __init__(self, children: list[Background], reuse: Reuse):
        self.children, self.reuse = children, reuse

    def begin_search(self, site_dir: Path, settings: dict) -> None:
        """While they run, every page outside the data section is written: its search shards need not wait."""
        if self.children:
            settings[SEARCH] = begin_search(site_dir, settings, settings.get("_CIVIC_CACHE"))

    def join(self) -> None:
        """Wait for every child and take in what its files were made from; a child's failure
        is raised once all have ended."""
        failure: WorkerFailed | None = None
        children, self.children = self.children, []
        for child in children:
            try:
                self.reuse.adopt(child.join())
            except WorkerFailed as exc:
                failure = failure or exc
        if failure is not None:
            raise failure

    def cancel(self) -> None:
        """Stop every child still running: the build failed, and what they make is not wanted."""
        children, self.children = self.children, []
        for child in children:
            child.cancel()


def _noted(output, build: Build) -> list:
    """Run an output in a forked process and send back what its files were made from,
    and the files it left in place without noting them (``Reuse.leave``)."""
    output(build)
    reuse = build.reuse
    noted = [(path, tokens, path in reuse.kept) for path, tokens in reuse.noted.items()]
    return noted + [(path, None, True) for path in sorted(reuse.kept.difference(reuse.noted))]
