"""A consultation's status follows the visitor's clock, not only the build day.

The contract with the templates: an element with ``data-status-opens`` and
``data-status-closes`` (and optionally ``data-status-report``), dates as
YYYY-MM-DD, whose text is the status; a script refreshes that text from the
browser's clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser

import pytest

from tests.browser.conftest import open_page
from tests.tools.site_map import SiteMap

pytestmark = pytest.mark.browser

ATTR = "data-status-closes"
OPEN_WORDS = ("otwarte", "trwają")


class _FirstStatus(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.attrs is None and any(name == ATTR for name, _ in attrs):
            self.attrs = {name: value or "" for name, value in attrs}


def first_status(site: SiteMap) -> tuple[str, dict[str, str]] | None:
    """The first page (record pages first) with a status element, and its attributes."""
    for url in site.record_pages + site.pages:
        html = site.file(url).read_text(encoding="utf-8")
        if ATTR in html:
            parser = _FirstStatus()
            parser.feed(html)
            if parser.attrs is not None:
                return url, parser.attrs
    return None


def noon(day: date) -> datetime:
    """Midday UTC: the same calendar day in Warsaw, summer or winter."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def is_open(text: str) -> bool:
    return any(word in text.lower() for word in OPEN_WORDS)


def test_consultation_status_follows_the_browsers_clock(site: SiteMap, new_context):
    found = first_status(site)
    if found is None:
        pytest.xfail("consultation status script not in the templates yet")
    url, attrs = found
    opens = date.fromisoformat(attrs["data-status-opens"])
    closes = date.fromisoformat(attrs[ATTR])
    during = max(opens, closes - timedelta(days=1))
    after = closes + timedelta(days=1)

    page = new_context().new_page()
    page.clock.install(time=noon(during))
    open_page(page, url)
    status = page.locator(f"[{ATTR}]").first
    text_during = status.inner_text().strip()
    assert is_open(text_during), f"{url} on {during} (open {opens}–{closes}): status reads {text_during!r}"

    page.clock.set_fixed_time(noon(after))
    page.reload()
    text_after = status.inner_text().strip()
    assert text_after and not is_open(text_after), f"{url} on {after}, after closing: status reads {text_after!r}"
    page.close()
