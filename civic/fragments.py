"""Parts of pages that are the same wherever they appear, rendered once per build.

The site header, footer and the translated texts the page script reads
take dozens of translation calls; a city's build writes tens of thousands
of pages, so ``{{ once("_site_header.html") }}`` renders such a part the
first time and gives the same markup to every later page. Only for parts
that read nothing of the page itself: they see the page's context, but
keep what the first page made of it (per address of the site root, which
``RELATIVE_URLS`` makes differ from page to page).

A record's item in a list is the same on the kind's list and on every
filtered list that shows it (an NGO is on five or six), so
``{% call once_per_record(record) %}…{% endcall %}`` renders it the first
time and replays the records it read (:mod:`civic.deps`) every time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from civic import deps
from civic.rows import Row


@pass_context
def once(context: Context, name: str) -> Markup:
    cache: dict[tuple[str, Any], Markup] = context.environment.__dict__.setdefault("_civic_once", {})
    key = (name, context.get("SITEURL"))
    if key not in cache:
        cache[key] = Markup(context.environment.get_template(name).render(context.get_all()))
    return cache[key]


@pass_context
def once_per_record(context: Context, record: Row, caller: Callable[[], str]) -> Markup:
    """The body of the call block, rendered once per record and template (it may read only ``record``)."""
    cache: dict[tuple[str | None, int, Any], tuple[Markup, frozenset[str]]]
    cache = context.environment.__dict__.setdefault("_civic_once_per_record", {})
    key = (context.name, id(record), context.get("SITEURL"))
    if key in cache:
        markup, tokens = cache[key]
        deps.use_all(tokens)
        return markup
    with deps.recording() as noted:
        markup = Markup(caller())
    cache[key] = (markup, frozenset(noted))
    return markup
