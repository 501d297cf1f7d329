"""Pelican plugin entry point: ``PLUGINS = ["civic.plugin"]``."""

from __future__ import annotations

from pelican import signals

from civic.generator import FILTERS, RecordsGenerator


def _generators(pelican):
    return RecordsGenerator


def _filters(pelican) -> None:
    """Our template filters, for every generator's templates (news and pages too)."""
    pelican.settings["JINJA_FILTERS"] = {**FILTERS, **pelican.settings.get("JINJA_FILTERS", {})}


def register() -> None:
    signals.initialized.connect(_filters)
    signals.get_generators.connect(_generators)
