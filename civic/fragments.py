"""Parts of a page that are the same on every page, rendered once per build.

The site header, footer and the translated texts the page script reads
take dozens of translation calls; a city's build writes tens of thousands
of pages, so ``{{ once("_site_header.html") }}`` renders such a part the
first time and gives the same markup to every later page. Only for parts
that read nothing of the page itself: they see the page's context, but
keep what the first page made of it (per address of the site root, which
``RELATIVE_URLS`` makes differ from page to page).
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup


@pass_context
def once(context: Context, name: str) -> Markup:
    cache: dict[tuple[str, Any], Markup] = context.environment.__dict__.setdefault("_civic_once", {})
    key = (name, context.get("SITEURL"))
    if key not in cache:
        cache[key] = Markup(context.environment.get_template(name).render(context.get_all()))
    return cache[key]
