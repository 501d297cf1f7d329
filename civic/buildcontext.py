"""What every output of the build receives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template

from civic.reuse import Noted, Reuse
from civic.rows import Row
from civic.site import Site


@dataclass
class Build:
    site: Site
    writer: Any  # pelican.writers.Writer
    context: dict[str, Any]
    settings: dict[str, Any]
    output_path: Path
    template: Callable[..., Template]
    reuse: Reuse

    def keep_page(self, url: str) -> bool:
        """Keep the page at ``url`` from the last build if nothing it shows changed; whether it was kept."""
        return self.reuse.keep(url + "index.html")

    def page(self, url: str, template: Template, uses: frozenset[str] = frozenset(), **variables: Any) -> Noted:
        """Write one HTML page at ``url`` (a folder URL ending in ``/``), or take it from the last build
        if nothing it shows changed; ``uses`` are the tokens of what was computed for it beforehand."""
        path = url + "index.html"
        rows = [value for value in variables.values() if isinstance(value, Row)]
        for value in variables.values():
            if isinstance(value, list) and value and isinstance(value[0], Row):
                rows.extend(value)
        return self.reuse.output(
            path, lambda: self.writer.write_file(path, template, self.context, url=url, **variables), uses, rows
        )
