"""Serving the built site on localhost for a preview."""

from __future__ import annotations

import contextlib
import functools
import http.server
from pathlib import Path


def serve_folder(folder: Path, port: int) -> int:
    if not (folder / "index.html").is_file():
        print(f"W {folder}/ nie ma zbudowanej strony; najpierw uruchom scripts/build.")
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Podgląd strony: http://localhost:{port}/  (Ctrl+C kończy)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0
