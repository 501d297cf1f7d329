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
time and replays the records it read (:mod:`civic.deps`) every time. The
build cache keeps the items for the next build, which takes each one whose
tokens the change left alone: a list of 20,000 NGOs is then put together
rather than rendered again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from civic import deps
from civic.reuse import Reuse
from civic.rows import Row

REUSE = "_civic_reuse"
"""Where the build puts its :class:`~civic.reuse.Reuse` on the template environment."""


@pass_context
def once(context: Context, name: str) -> Markup:
    cache: dict[tuple[str, Any], Markup] = context.environment.__dict__.setdefault("_civic_once", {})
    key = (name, context.get("SITEURL"))
    if key not in cache:
        cache[key] = Markup(context.environment.get_template(name).render(context.get_all()))
    return cache[key]


@pass_context
def once_per_record(context: Context, record: Row, caller: Callable[[], str]) -> Markup:
    """The body of the call block, rendered once per record and template (it may read only ``record``).

    The build's :class:`~civic.reuse.Reuse` keeps the item, and takes it from the
    previous build when nothing it was made from changed (the record itself among it)."""
    table = record.table
    if not table.primary_key:  # no lasting name for the item: render it where it is shown
        return Markup(caller())
    reuse: Reuse | None = context.environment.__dict__.get(REUSE)
    if reuse is None:  # a template rendered outside a build: keep items for this environment only
        reuse = context.environment.__dict__[REUSE] = Reuse()
    key = (context.name, table.name, record.key(table.primary_key), context.get("SITEURL"))

    def render() -> str:
        deps.use_record(record)  # the fields it shows are read from the row directly, unnoted
        return str(caller())

    text, tokens = reuse.fragment(key, render)
    deps.use_all(tokens)  # the page depends on what its items were made from
    return Markup(text)
