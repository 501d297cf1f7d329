"""The Pelican generator that turns checked records into pages.

Pelican runs every generator's ``generate_context`` first, then every
``generate_output``. In the first phase this one reads and checks all
records (a single problem stops the build with every message printed) and
puts them in the shared context; in the second it writes one page per
record, one list page per kind and every other output listed in
``civic.outputs`` through Pelican's writer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import TemplateNotFound
from pelican.generators import Generator

from civic import text
from civic.outputs import OUTPUTS, Build
from civic.pipeline import check_data
from civic.report import as_text
from civic.site import DEFAULT_URLS, Site

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
}


class RecordsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.site: Site | None = None

    def generate_context(self) -> None:
        data_dir = Path(self.settings.get("CIVIC_DATA_PATH", "data"))
        checked = check_data(data_dir)
        if checked.problems:
            raise ValidationFailed(as_text(checked.problems.sorted(), checked.dataset.count()))
        urls = {**DEFAULT_URLS, **self.settings.get("CIVIC_URLS", {})}
        self.site = Site(checked.dataset, urls, self.settings.get("SITEURL", ""))
        self.context["civic"] = self.site

    def generate_output(self, writer) -> None:
        assert self.site is not None
        build = Build(self.site, writer, self.context, self.settings, Path(self.output_path), self._template)
        for output in OUTPUTS:
            output(build)

    def _template(self, name: str, fallback: str | None = None):
        try:
            return self.env.get_template(name)
        except TemplateNotFound:
            if fallback is None:
                raise
            return self.env.get_template(fallback)
