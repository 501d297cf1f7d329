"""With JavaScript off, every template still shows its heading and content."""

from __future__ import annotations

import pytest

from tests.browser.conftest import open_page

pytestmark = pytest.mark.browser


def test_key_content_is_there_without_javascript(page_url: str, shared_page):
    page = shared_page("1280x800", javascript=False)
    open_page(page, page_url)
    headings = page.locator("h1")
    assert headings.count() >= 1, f"{page_url}: no <h1>"
    assert headings.first.inner_text().strip(), f"{page_url}: the <h1> is empty"
    main = page.locator("main")
    assert main.count() == 1, f"{page_url}: {main.count()} <main> elements, not one"
    text = main.inner_text().strip()
    assert text and text != headings.first.inner_text().strip(), f"{page_url}: <main> has nothing but the heading"
