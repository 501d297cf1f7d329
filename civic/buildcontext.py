"""What every output of the build receives."""

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
