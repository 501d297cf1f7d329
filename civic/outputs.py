"""Everything the build writes from the records, listed in one registry.

Each output is a function taking the ``Build`` (the checked records, the
site's URL scheme, Pelican's writer and settings). Adding an output — a
kind of page, an export format, a feed — is one function added to
``OUTPUTS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template

from civic.site import Site


@dataclass
class Build:
    site: Site
    writer: Any  # pelican.writers.Writer
    context: dict[str, Any]
    settings: dict[str, Any]
    output_path: Path
    template: Callable[..., Template]

    def page(self, url: str, template: Template, **variables: Any) -> None:
        """Write one HTML page at ``url`` (a folder URL ending in ``/``)."""
        self.writer.write_file(url + "index.html", template, self.context, url=url, **variables)


def record_pages(build: Build) -> None:
    """One page per record (``<kind>.html``) and one list per kind (``<kind>_index.html``)."""
    site = build.site
    for table in site.kinds:
        record_template = build.template(f"{table.kind}.html", "record.html")
        for row in site.records(table.name):
            build.page(site.url(row), record_template, record=row, table=table)
        build.page(
            site.index_url(table),
            build.template(f"{table.kind}_index.html", "record_index.html"),
            table=table,
            records=site.records(table.name),
        )


OUTPUTS: list[Callable[[Build], None]] = [record_pages]
