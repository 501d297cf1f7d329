"""The benchmark's preview phase: one edit saved while ``civic serve --watch`` waits.

The preview (:mod:`civic.preview`) is started on the benchmark's city and
site, as staff start it (``python -m civic serve --watch``). Once its first
build is over and it waits for a save (``"czeka"`` in its state), one NGO's
description is edited, and two times are taken from the save:

``pages_shown_s``
    until the NGO's page, asked for as a browser asks, holds the edit
    (the running build's pages are served before the build ends);
``wall_s``
    until the build is over and put in place, open data and search index
    included (the state's version raised, no build running).

The CPU time and peak memory are those of the whole preview session (its
first build, the cache read ahead, the rebuild), taken when it is stopped.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from civic.bench import BenchError, Phase, edit_one_record, folder_size

EDIT = "W czasie ferii dyżury odbywają się tylko we wtorki."
"""The sentence the preview phase adds to one NGO's description."""
TIMEOUT_S = 1800.0
"""The longest wait for one step (a city's first build in the preview takes minutes)."""
POLL_S = 0.05


def measure_preview(settings: Path, site: Path, data: Path, env: dict[str, str], logs: Path, records: int) -> Phase:
    """Start the preview, edit one record once it waits, and time the edit's way to the browser."""
    port = _free_port()
    command = [sys.executable, "-m", "civic", "serve", "--watch", "--port", str(port)]
    command += ["--settings", str(settings), "--output", str(site), "--data", str(data)]
    log = logs / "preview.log"
    with log.open("wb") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        server = _Server(port, child, log)
        try:
            waiting = server.wait(lambda state: state["czeka"] and state["wersja"] >= 1, "the first build")
            started = time.perf_counter()
            edited = edit_one_record(data, EDIT)
            page = _record_page(settings, edited)
            server.until(lambda: EDIT in server.page(page), "the edited page")
            shown = time.perf_counter() - started
            server.wait(lambda state: state["wersja"] > waiting["wersja"] and not state["budowa"], "the rebuild")
            wall = time.perf_counter() - started
        finally:
            code, usage = _stop(child)
    phase = Phase("preview", command, code, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
    phase.pages = sum(1 for _ in site.rglob("*.html"))
    phase.bytes = folder_size(site)[1]
    phase.ms_per_record = wall * 1000 / max(records, 1)
    phase.extra = {"edited": edited.relative_to(data).as_posix(), "pages_shown_s": round(shown, 3)}
    return phase


class _Server:
    """The running preview, asked what a browser asks."""

    def __init__(self, port: int, child: subprocess.Popen[bytes], log: Path):
        self.url, self.child, self.log = f"http://127.0.0.1:{port}", child, log

    def state(self) -> dict[str, Any] | None:
        try:
            with urllib.request.urlopen(f"{self.url}/__podglad/stan.json", timeout=30) as response:
                return json.loads(response.read())
        except (urllib.error.URLError, ConnectionError):
            return None  # not listening yet

    def page(self, path: str) -> str:
        try:
            with urllib.request.urlopen(f"{self.url}/{path}", timeout=30) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError:
            return ""

    def wait(self, done: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        """The state, once ``done`` holds for it; a build's errors end the benchmark."""
        found: dict[str, Any] = {}

        def check() -> bool:
            state = self.state()
            if state is not None and state["bledy"]:
                raise BenchError(f"The preview reported errors while waiting for {what}:\n" + "\n".join(state["bledy"]))
            if state is not None and done(state):
                found.update(state)
                return True
            return False

        self.until(check, what)
        return found

    def until(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT_S
        while not done():
            if self.child.poll() is not None:
                raise BenchError(f"The preview stopped while waiting for {what}; see {self.log}.")
            if time.monotonic() > deadline:
                raise BenchError(f"No {what} in the preview within {TIMEOUT_S:.0f} s; see {self.log}.")
            time.sleep(POLL_S)


def _record_page(settings: Path, record: Path) -> str:
    """The address of an NGO's page, as the settings file says pages are addressed."""
    from pelican.settings import read_settings

    from civic.site import DEFAULT_URLS

    urls = {**DEFAULT_URLS, **read_settings(str(settings)).get("CIVIC_URLS", {})}
    return urls["ngos"]["record"].format(id=record.stem)


def _stop(child: subprocess.Popen[bytes]) -> tuple[int, Any]:
    """Stop the preview as Ctrl+C does; its exit code, and what it used as ``os.wait4`` tells."""
    child.send_signal(signal.SIGINT)
    timer = threading.Timer(60, child.kill)  # one that does not stop is stopped
    timer.start()
    try:
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    child.returncode = code = os.waitstatus_to_exitcode(status)
    return code, usage


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
