"""Fixed UI messages are translated when a template is compiled, and render exactly as gettext renders them."""

from __future__ import annotations

import gettext

import pytest
from jinja2 import DictLoader, Environment

from civic.fixed_messages import code_generator

TEXTS = {
    "Search": "Szukaj",
    "Terms & rules": "Zasady & <b>regulamin</b>",
    "100%% public": "100%% jawne",
    "%(n)s files": "%(n)s plików",
    "Bare percent": "50% budżetu",
}

MACROS = '{% macro box(title) %}<h2>{{ title }}</h2>{% endmacro %}{% macro mark(text) %}"{{ text }}"{% endmacro %}'

TEMPLATES = {
    "plain": "<p>{{ _('Search') }}</p>",
    "markup": "<p>{{ _('Terms & rules') }} {{ gettext('Terms & rules') }}</p>",
    "percent": "{{ _('100%% public') }}",
    "placeholder": "{{ _('%(n)s files', n=3) }}",
    "bare percent": "{{ _('Bare percent') }}",
    "untranslated": "{{ _('No such message') }}",
    "macro argument": "{% from 'macros' import box %}{{ box(_('Terms & rules')) }}",
    "set": "{% set label = _('Terms & rules') %}{{ label }}|{{ label|length }}",
    "joined": "{{ _('Search') ~ ' ' ~ word }}",
    "filter": "{{ _('Terms & rules')|upper }}",
    "no autoescape": "{% autoescape false %}{{ _('Terms & rules') }}{% endautoescape %}",
    "inside a call": "{% from 'macros' import mark %}{% call mark(_('Search')) %}{% endcall %}",
    "rebound by set": "{% set _ = other %}{{ _('Search') }}",
    "rebound by a loop": "{% for _ in ['x'] %}{{ _ }}{% endfor %}{{ _('Search') }}",
    "rebound by a macro": "{% macro _(text) %}[{{ text }}]{% endmacro %}{{ _('Search') }}",
    "ngettext": "{{ ngettext('%(num)d file', '%(num)d files', 3) }}",
}


class Catalogue(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return TEXTS.get(message, message)


def environment(fixed: bool, autoescape: bool) -> Environment:
    env = Environment(
        loader=DictLoader({**TEMPLATES, "macros": MACROS}), extensions=["jinja2.ext.i18n"], autoescape=autoescape
    )
    env.install_gettext_translations(Catalogue(), newstyle=True)
    if fixed:
        env.code_generator_class = code_generator(Catalogue())
    return env


def render(env: Environment, name: str) -> str:
    try:
        return env.get_template(name).render(word="<i>", other=lambda text: f"other:{text}")
    except Exception as error:  # noqa: BLE001 - the same failure must come either way
        return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("autoescape", [True, False], ids=["autoescape", "no autoescape"])
@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_page_reads_the_same_with_messages_translated_at_compile_time(name: str, autoescape: bool) -> None:
    assert render(environment(True, autoescape), name) == render(environment(False, autoescape), name)


def test_the_translation_is_part_of_the_compiled_template() -> None:
    source = environment(True, True).compile(TEMPLATES["plain"], raw=True)
    assert "<p>Szukaj</p>" in source
    assert "gettext" not in source


@pytest.mark.parametrize("name", ["placeholder", "bare percent", "rebound by set", "ngettext"])
def test_a_message_that_varies_is_left_to_gettext(name: str) -> None:
    source = environment(True, True).compile(TEMPLATES[name], raw=True)
    assert "context.call(" in source
