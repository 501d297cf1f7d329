"""Serving the built site on localhost for a preview.

With ``--watch`` (:mod:`civic.preview`), every HTML page is served with one
more line, a script that asks the server every second whether a newer build
is in place (and reloads the page) or the last build failed (and shows its
report above the page). The files in the output folder stay as the build
wrote them: the line is added as a page is sent. While a build runs, once its
pages are written, a page it wrote is sent from its folder rather than the
site's, so that an edit shows before the open data is made.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import http.server
import os
import threading
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from civic.preview import Changes, PreviewState, ReadingAhead, rebuild, settle, watched

if TYPE_CHECKING:
    from civic.build import PagesReady

PREFIX = "/__podglad/"
STATE = PREFIX + "stan.json"
SCRIPT = PREFIX + "podglad.js"
NOT_BUILT = (
    '<!DOCTYPE html>\n<html lang="pl">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    "<title>Podgląd: strona jeszcze niezbudowana</title>\n</head>\n<body>\n<main>\n"
    "<h1>Tej strony jeszcze nie zbudowano</h1>\n</main>\n</body>\n</html>\n"
).encode()
"""What a page not built yet says while the first build runs or found errors; the script above it
shows which."""


def serve_folder(folder: Path, port: int) -> int:
    if not (folder / "index.html").is_file():
        print(f"W {folder}/ nie ma zbudowanej strony; najpierw uruchom scripts/build.")
        return 1
    handler = functools.partial(SiteHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Podgląd strony: http://localhost:{port}/  (Ctrl+C kończy)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


def serve_and_watch(settings_path: Path, output: Path, port: int, overrides: dict[str, Any]) -> int:
    """Build the site, serve it, and build it again after every change to what it is made from."""
    from pelican.settings import read_settings

    from civic.build import build
    from civic.buildcache import cache_folder

    settings = read_settings(str(settings_path), override=overrides)
    state = PreviewState()
    ahead = ReadingAhead(cache_folder(settings, output.resolve()), Path(settings["CIVIC_DATA_PATH"]) / "schemas")

    def build_once(pages_ready: PagesReady | None) -> list[str]:
        return build(settings_path, output, overrides, ahead.current, pages_ready)

    output.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(PreviewHandler, state, directory=str(output))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        why = "jest zajęty" if exc.errno == errno.EADDRINUSE else exc.strerror
        print(f"Nie można podać strony na porcie {port}: {why}. Wybierz inny, np. --port {port + 1}.")
        return 1
    saved = Changes(watched(settings), settings_path)  # from now on: nothing saved during the first build is missed
    with server:
        # Served from the start: the last site there is, then the first build's pages as soon as they are written.
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        print(f"Podgląd strony: http://localhost:{port}/  — zapisane zmiany pojawią się same (Ctrl+C kończy)")
        with contextlib.suppress(KeyboardInterrupt):
            rebuild(state, build_once)
            settle(state, ahead, saved)
            for batch in saved:
                rebuild(state, build_once, batch)
                settle(state, ahead, saved)
        saved.close()
        server.shutdown()
    return 0


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The site's files as its public server sends them: each with its media type (the search's
    WebAssembly included, which the system's list may not know), a missing page with the site's 404 page."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".wasm": "application/wasm",
        ".svg": "image/svg+xml",
    }

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without its index page is not listed, as on the public server."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        self._send(404, "text/html; charset=utf-8", page.read_bytes())

    def _send(self, status: int, content_type: str, body: bytes, fresh: bool = False) -> None:
        """One whole response; with ``fresh``, one a browser must not keep (it changes with every build)."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if fresh:
            self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the signature http.server calls
        """Requests are not listed: the terminal is for what the builds say."""


class PreviewHandler(SiteHandler):
    """The site's files, each HTML page with the preview's script, and the state of the builds."""

    def __init__(self, state: PreviewState, *args: Any, **kwargs: Any):
        self.state = state
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        path = _bare(self.path)
        if path == STATE:
            self._send(200, "application/json; charset=utf-8", self.state.as_json(), fresh=True)
        elif path == SCRIPT:
            script = resources.files("civic").joinpath("preview.js").read_bytes()
            self._send(200, "text/javascript; charset=utf-8", script, fresh=True)
        else:
            self._page(Path(self.translate_path(self.path)), path)

    def translate_path(self, path: str) -> str:
        """The file asked for. While a build's pages are shown, it is the build's own copy if the
        build wrote one, but in what is still being written alongside the pages (the open data,
        the calendars: :func:`civic.outputs.written_alongside`)."""
        found = super().translate_path(path)
        staged = self.state.staged
        if staged is None:
            return found
        # Imported here: the build (imported by then) needs it, serving a built folder does not.
        from civic.outputs import written_alongside

        try:
            rel = Path(found).relative_to(self.directory)
        except ValueError:
            return found
        page = _named(rel, path)
        if written_alongside(page.as_posix()) or not (staged / page).is_file():
            return found
        return str(staged / rel)

    def _in_site(self, path: str) -> Path:
        """The site's own file for a path, whatever a running build wrote."""
        return _named(Path(super().translate_path(path)), path)

    def _page(self, target: Path, path: str) -> None:
        """The HTML page asked for, with the script added; anything else as it is.

        While no build has succeeded (the first one is running, or found
        errors), a page that is not there yet says so, and shows the errors
        like any other."""
        target = _named(target, path)  # by the path alone: a build's folder may be gone by now
        with self.state.lock:
            version, failed = self.state.version, bool(self.state.errors)
        html = _read(target) if target.suffix == ".html" else None
        if html is None and target.suffix == ".html" and not target.is_relative_to(self.directory):
            html = _read(self._in_site(path))  # the build's copy, moved into the site since
        if html is not None:
            status = 200
        elif (failed or not version) and not target.exists():
            status, html = 503, NOT_BUILT
        else:
            super().do_GET()
            return
        line = f'<script src="{SCRIPT}" data-wersja="{version}" defer></script>\n'.encode()
        end = html.rfind(b"</body>")
        page = html[:end] + line + html[end:] if end >= 0 else html + line
        self._send(status, "text/html; charset=utf-8", page, fresh=True)


def _bare(path: str) -> str:
    """A request's path without its query and fragment."""
    return path.split("?", 1)[0].split("#", 1)[0]


def _named(found: Path, path: str) -> Path:
    """The file a request's path names: a folder's index page where the path ends in "/"."""
    return found / "index.html" if _bare(path).endswith("/") else found


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
