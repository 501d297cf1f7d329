"""Pelican plugin entry point: ``PLUGINS = ["civic.plugin"]``."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from civic.fixed_messages import code_generator
from civic.generator import FILTERS, GLOBALS, RecordsGenerator
from civic.i18n import load_translations
from civic.template_cache import template_cache


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
    settings["_CIVIC_GETTEXT"] = load_translations(_translations(settings), settings.get("DEFAULT_LANG", "pl"))


def _translations(settings: dict) -> Path:
    return Path(settings.get("CIVIC_TRANSLATIONS", Path(settings["THEME"]) / "translations"))


def _prepare_templates(generator) -> None:
    """The UI catalogue for the generator's templates, which are compiled with their fixed messages,
    and kept compiled in the build's cache folder, if it has one."""
    settings, env = generator.settings, generator.env
    translations = settings.get("_CIVIC_GETTEXT")
    if translations is not None:
        env.install_gettext_translations(translations, newstyle=True)
        env.code_generator_class = code_generator(translations)
    cache = settings.get("_CIVIC_CACHE")
    if cache is not None and cache.folder is not None:
        lang = settings.get("DEFAULT_LANG", "pl")
        env.bytecode_cache = template_cache(cache.folder, env, _translations(settings), lang, cache.program)


def register() -> None:
    signals.initialized.connect(_configure)
    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_prepare_templates)
