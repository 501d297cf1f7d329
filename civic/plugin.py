"""Pelican plugin entry point: ``PLUGINS = ["civic.plugin"]``."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from civic.fixed_messages import code_generator
from civic.generator import FILTERS, GLOBALS, RecordsGenerator
from civic.i18n import load_translations


def _generators(pelican):
    return RecordsGenerator


def _configure(pelican) -> None:
    """Our filters, globals and UI catalogue, for every generator's templates."""
    settings = pelican.settings
    settings["JINJA_FILTERS"] = {**FILTERS, **settings.get("JINJA_FILTERS", {})}
    settings["JINJA_GLOBALS"] = {**GLOBALS, **settings.get("JINJA_GLOBALS", {})}
    env = dict(settings.get("JINJA_ENVIRONMENT", {}))
    extensions = list(env.get("extensions", []))
    if "jinja2.ext.i18n" not in extensions:
        extensions.append("jinja2.ext.i18n")
    env["extensions"] = extensions
    env.setdefault("autoescape", True)  # what staff wrote is shown as text, never read as HTML
    settings["JINJA_ENVIRONMENT"] = env
    folder = Path(settings.get("CIVIC_TRANSLATIONS", Path(settings["THEME"]) / "translations"))
    settings["_CIVIC_GETTEXT"] = load_translations(folder, settings.get("DEFAULT_LANG", "pl"))


def _install_translations(generator) -> None:
    translations = generator.settings.get("_CIVIC_GETTEXT")
    if translations is not None:
        generator.env.install_gettext_translations(translations, newstyle=True)
        generator.env.code_generator_class = code_generator(translations)


def register() -> None:
    signals.initialized.connect(_configure)
    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_install_translations)
