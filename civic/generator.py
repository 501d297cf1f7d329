"""The Pelican generator that turns checked records into pages.

Pelican runs every generator's ``generate_context`` first, then every
``generate_output``. In the first phase this one reads and checks all
records (a single problem stops the build with every message printed) and
puts them in the shared context; in the second it writes one page per
record (template ``<kind>.html``) and one list page per kind
(``<kind>_index.html``) through Pelican's writer.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import TemplateNotFound
from pelican.generators import Generator

from civic import text
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
        for table in self.site.kinds:
            record_template = self._template(f"{table.kind}.html", "record.html")
            for row in self.site.records(table.name):
                url = self.site.url(row)
                writer.write_file(url + "index.html", record_template, self.context, url=url, record=row, table=table)
            index_url = self.site.index_url(table)
            writer.write_file(
                index_url + "index.html",
                self._template(f"{table.kind}_index.html", "record_index.html"),
                self.context,
                url=index_url,
                table=table,
                records=self.site.records(table.name),
            )

    def _template(self, name: str, fallback: str):
        try:
            return self.env.get_template(name)
        except TemplateNotFound:
            return self.get_template(fallback.removesuffix(".html"))
