"""The sample site built once, served on 127.0.0.1, and looked at in Chromium.

Tools: Debian's Chromium (/usr/bin/chromium) driven by Playwright, the Nu
HTML Checker (npm ``vnu-jar``, on Java) and axe-core (npm), all installed by
``scripts/_browser_deps.sh``. A missing tool skips the tests that need it,
with the reason; with ``CIVIC_REQUIRE_BROWSER=1`` (as in .ci/run) it fails
them instead.

The build happens at collection, because the pages to check are chosen from
it (see ``SiteMap.representative``); it is the same build the fixtures use.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from civic.serve import SiteHandler
from tests.conftest import ROOT, SAMPLE_DATA
from tests.tools.site_map import SiteMap

SETTINGS = ROOT / "pelicanconf.py"
CHROMIUM = Path(os.environ.get("CIVIC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # as root
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
VIEWPORTS = {"390x844": (390, 844), "1280x800": (1280, 800)}
INSTALL_HINT = "install with scripts/_browser_deps.sh (apt chromium, default-jre-headless; npm ci)"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: builds the sample site and checks it with a browser and validators")


def require(available: bool, what: str) -> None:
    """Skip without a tool; fail instead when CI says the tools must be there."""
    if available:
        return
    message = f"{what}: {INSTALL_HINT}"
    if os.environ.get("CIVIC_REQUIRE_BROWSER", "") not in ("", "0"):
        pytest.fail(f"{message} (CIVIC_REQUIRE_BROWSER is set)", pytrace=False)
    pytest.skip(message)


# -- the build ---------------------------------------------------------------


@dataclass
class Built:
    output: Path
    errors: list[str]
    map: SiteMap | None


_BUILT = pytest.StashKey[Built]()


def _scheme() -> tuple[dict[str, dict[str, str]], frozenset[str]]:
    """The URL scheme the generator uses (its defaults and the settings'
    CIVIC_URLS), and the hosts the site is published at (SITEURL,
    CIVIC_PUBLIC_URL): links to them are links inside the site."""
    from pelican.settings import read_settings

    from civic.site import DEFAULT_URLS

    settings = read_settings(str(SETTINGS), override={"CIVIC_DATA_PATH": str(SAMPLE_DATA)})
    hosts = {urlsplit(str(settings.get(name) or "")).netloc.lower() for name in ("SITEURL", "CIVIC_PUBLIC_URL")}
    return {**DEFAULT_URLS, **settings.get("CIVIC_URLS", {})}, frozenset(hosts - {""})


def _record_ids() -> dict[str, set[str]]:
    """Per table, the ids of the sample records (their file names in data/<table>/)."""
    return {d.name: {f.stem for f in d.glob("*.y*ml")} for d in SAMPLE_DATA.iterdir() if d.is_dir()}


def built_site(config: pytest.Config) -> Built:
    """Build the sample site (data/, the repository's pelicanconf.py) once per run."""
    if _BUILT not in config.stash:
        from civic.build import build

        folder = Path(tempfile.mkdtemp(prefix="civic-browser-"))
        config.add_cleanup(functools.partial(shutil.rmtree, folder, ignore_errors=True))
        output = folder / "output"
        try:
            # small search shards, so that searching merges several of them as on a city's site, and
            # short pages of lists, so that lists cut into pages are checked beside lists on one page
            more = {"CIVIC_SEARCH_SHARD_PAGES": 100, "CIVIC_LIST_PAGE_SIZE": 10}
            errors = build(SETTINGS, output, {"CIVIC_DATA_PATH": str(SAMPLE_DATA), **more})
        except Exception as exc:  # reported by the `site` fixture, not at collection
            errors = [f"{type(exc).__name__}: {exc}"]
        site_map = None
        if not errors:
            urls, hosts = _scheme()
            site_map = SiteMap.walk(output, urls, _record_ids(), hosts)
        config.stash[_BUILT] = Built(output, errors, site_map)
    return config.stash[_BUILT]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page_url" in metafunc.fixturenames:
        if "not browser" in (metafunc.config.getoption("markexpr", "") or ""):
            urls = ["(not built: -m 'not browser')"]  # deselected anyway; no build needed
        else:
            built = built_site(metafunc.config)
            urls = built.map.representative() if built.map else ["(build failed)"]
        metafunc.parametrize("page_url", urls)
    if "viewport" in metafunc.fixturenames:
        metafunc.parametrize("viewport", list(VIEWPORTS))


@pytest.fixture(scope="package")
def site(request: pytest.FixtureRequest) -> SiteMap:
    """The built sample site's pages and kinds."""
    built = built_site(request.config)
    if built.errors or built.map is None:
        pytest.fail("The sample site did not build:\n" + "\n".join(built.errors), pytrace=False)
    return built.map


# -- serving it ----------------------------------------------------------------


@pytest.fixture(scope="package")
def base_url(site: SiteMap) -> Iterator[str]:
    """The site served by http.server on 127.0.0.1, on a free port."""
    handler = functools.partial(SiteHandler, directory=str(site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- the browser -----------------------------------------------------------------


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, through Playwright's sync API."""
    require(CHROMIUM.exists(), f"Chromium is not at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the Python package playwright is not installed")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except Exception:
        playwright.stop()
        raise
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


@pytest.fixture(scope="package")
def new_context(browser: Any, base_url: str) -> Iterator[Callable[..., Any]]:
    """Makes browser contexts on the served site (Polish, Warsaw time), closed at the end."""
    made: list[Any] = []

    def make(viewport: str = "1280x800", **options: Any) -> Any:
        width, height = VIEWPORTS[viewport]
        phone = width < 600
        context = browser.new_context(
            base_url=base_url,
            viewport={"width": width, "height": height},
            is_mobile=phone,
            has_touch=phone,
            locale="pl-PL",
            timezone_id="Europe/Warsaw",
            **options,
        )
        context.set_default_timeout(15_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture(scope="package")
def shared_page(new_context: Callable[..., Any]) -> Callable[..., Any]:
    """One reused tab per viewport and setting, so tests don't pay for new ones.

    ``bypass_csp`` is for injecting axe-core, which the site's Content
    Security Policy (scripts from 'self' only) would rightly block; every
    other test sees the site under its own policy.
    """
    pages: dict[tuple[str, bool, bool], Any] = {}

    def get(viewport: str = "1280x800", javascript: bool = True, bypass_csp: bool = False) -> Any:
        key = (viewport, javascript, bypass_csp)
        if key not in pages:
            context = new_context(viewport, java_script_enabled=javascript, bypass_csp=bypass_csp)
            pages[key] = context.new_page()
        return pages[key]

    return get


def open_page(page: Any, url: str) -> Any:
    """Go to a page of the site; it must answer 200 (the 404 page, asked for by name, does)."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    return response


# -- the npm and Java tools --------------------------------------------------------


@pytest.fixture(scope="package")
def axe_script() -> Path:
    require(AXE_JS.is_file(), f"axe-core is missing ({AXE_JS.relative_to(ROOT)})")
    return AXE_JS


@pytest.fixture(scope="package")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    require(java is not None, "Java (java) is not on PATH")
    require(VNU_JAR.is_file(), f"the Nu HTML Checker is missing ({VNU_JAR.relative_to(ROOT)})")
    return [str(java), "-jar", str(VNU_JAR)]
