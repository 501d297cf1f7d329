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
from civic.clock import build_day
from civic.gitdates import last_changes
from civic.outputs import BACKGROUND_OUTPUTS, OUTPUTS, Build
from civic.parallel import Background, workers
from civic.pipeline import check_data
from civic.plural import plural
from civic.report import as_text
from civic.site import DEFAULT_URLS, Site
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

GLOBALS = {"plural": plural}


class RecordsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site: Site | None = None

    def generate_context(self) -> None:
        data_dir = Path(self.settings.get("CIVIC_DATA_PATH", "data"))
        if not (data_dir / "schemas").is_dir():
            raise ValidationFailed(f"Nie ma folderu z danymi i schematami: {data_dir} (ustawienie CIVIC_DATA_PATH).")
        checked = check_data(data_dir)
        if checked.problems:
            raise ValidationFailed(as_text(checked.problems.sorted(), checked.dataset.count()))
        settings = self.settings
        self.site = Site(
            checked.dataset,
            {**DEFAULT_URLS, **settings.get("CIVIC_URLS", {})},
            siteurl=settings.get("SITEURL", ""),
            today=build_day(settings, data_dir),
            changes=last_changes(data_dir),
            repository=settings.get("CIVIC_REPOSITORY_URL", ""),
            branch=settings.get("CIVIC_REPOSITORY_BRANCH", "main"),
            lang=settings.get("DEFAULT_LANG", "pl"),
        )
        self.context["civic"] = self.site
        self.context["views"] = Views(self.site)

    def generate_output(self, writer) -> None:
        assert self.site is not None
        build = Build(self.site, writer, self.context, self.settings, Path(self.output_path), self._template)
        together = workers(self.settings.get("CIVIC_PROCESSES")) > 1
        background = [Background(partial(output, build)) for output in BACKGROUND_OUTPUTS] if together else []
        for output in OUTPUTS if together else [*OUTPUTS, *BACKGROUND_OUTPUTS]:
            output(build)
        for work in background:
            work.join()

    def _template(self, name: str, fallback: str | None = None):
        try:
            return self.env.get_template(name)
        except TemplateNotFound:
            if fallback is None:
                raise
            return self.env.get_template(fallback)
