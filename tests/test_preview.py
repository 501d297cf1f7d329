"""The preview (``civic serve --watch``): a saved edit is built and served, a failed build is shown.

Each test runs the real command in a process of its own, serving a copy of
the fixture data on a free port, edits the files as staff do, and reads
what a browser would: the pages and the state their script asks for.
"""

from __future__ import annotations

import functools
import http.server
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from civic.preview import Changes, PreviewState, _lasting, build_in_child
from civic.serve import PreviewHandler
from tests.conftest import ROOT

NGO_PAGE = "/organizacje/fundacja-przyklad/"
SCRIPT_TAG = '<script src="/__podglad/podglad.js"'


class Preview:
    def __init__(self, port: int, process: subprocess.Popen[str]):
        self.url = f"http://127.0.0.1:{port}"
        self.process = process

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def state(self) -> dict[str, Any]:
        return json.loads(self.get("/__podglad/stan.json")[1])

    def wait(self, done: Callable[[dict[str, Any]], bool], what: str, timeout: float = 90) -> dict[str, Any]:
        """The state once ``done`` holds for it (the server may not listen yet at first)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the preview stopped while waiting for {what}: {self.process.stdout.read()}")
            try:
                state = self.state()
            except (urllib.error.URLError, ConnectionError):
                state = None
            if state is not None and done(state):
                return state
            time.sleep(0.2)
        pytest.fail(f"no {what} within {timeout} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def preview(data: Path, output: Path) -> Iterator[Preview]:
    port = _free_port()
    command = [sys.executable, "-m", "civic", "serve", "--watch", "--port", str(port)]
    command += ["--settings", str(ROOT / "pelicanconf.py"), "--output", str(output), "--data", str(data)]
    env = {**os.environ, "CIVIC_TODAY": "2026-11-22"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield Preview(port, process)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def settled_after(version: int) -> Callable[[dict[str, Any]], bool]:
    """A state a build after ``version`` has ended in (a build raises the version when its pages are
    ready, and again when it ends)."""
    return lambda state: state["wersja"] > version and not state["budowa"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_edit_is_built_and_the_page_served_again(data_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "output"
    with preview(data_dir, output) as site:
        first = site.wait(settled_after(0), "first build")
        assert first["bledy"] == []
        site.wait(lambda s: s["czeka"], "the cache read ahead")
        status, page = site.get(NGO_PAGE)
        assert status == 200 and "Fundacja Przykład" in page
        assert f'{SCRIPT_TAG} data-wersja="{first["wersja"]}"' in page
        assert "podglad" not in (output / "organizacje/fundacja-przyklad/index.html").read_text(encoding="utf-8")

        _edit(data_dir / "ngos/fundacja-przyklad.yaml", "name: Fundacja Przykład", "name: Fundacja Przykład Nowa")
        after = site.wait(settled_after(first["wersja"]), "a build after the edit")
        assert after["bledy"] == []
        status, page = site.get(NGO_PAGE)
        assert "Fundacja Przykład Nowa" in page
        assert f'data-wersja="{after["wersja"]}"' in page

        status, script = site.get("/__podglad/podglad.js")
        assert status == 200 and "stan.json" in script
        status, page = site.get("/dane/csv/")  # a folder without an index page: not listed
        assert status == 404 and "csv/ngos.csv" not in page


def test_a_failed_build_is_reported_and_the_last_site_stays(data_dir: Path, tmp_path: Path) -> None:
    with preview(data_dir, tmp_path / "output") as site:
        first = site.wait(settled_after(0), "first build")
        record = data_dir / "ngos/fundacja-przyklad.yaml"
        good = record.read_text(encoding="utf-8")
        record.write_text(good.replace("name: Fundacja Przykład", "name: [Fundacja Przykład", 1), encoding="utf-8")

        failed = site.wait(lambda s: bool(s["bledy"]), "the report of the failed build")
        report = "\n".join(failed["bledy"])
        assert "ngos/fundacja-przyklad.yaml:" in report and "[yaml-syntax]" in report
        assert failed["wersja"] == first["wersja"] and "popraw" in failed["komunikat"]
        status, page = site.get(NGO_PAGE)
        assert status == 200 and "Fundacja Przykład" in page  # the last good site, still served

        record.write_text(good, encoding="utf-8")
        mended = site.wait(settled_after(first["wersja"]), "a build after the fix")
        assert mended["bledy"] == [] and mended["komunikat"] == ""


def test_before_any_build_succeeds_a_page_says_it_is_not_built(data_dir: Path, tmp_path: Path) -> None:
    record = data_dir / "ngos/fundacja-przyklad.yaml"
    good = record.read_text(encoding="utf-8")
    record.write_text(good + "nieznane_pole: 1\n", encoding="utf-8")
    with preview(data_dir, tmp_path / "output") as site:
        failed = site.wait(lambda s: bool(s["bledy"]), "the report of the first build")
        assert failed["wersja"] == 0 and "unknown-field" in "\n".join(failed["bledy"])
        status, page = site.get("/")
        assert status == 503 and '<html lang="pl">' in page and SCRIPT_TAG in page

        record.write_text(good, encoding="utf-8")
        site.wait(settled_after(0), "the first good build")
        status, page = site.get("/")
        assert status == 200 and SCRIPT_TAG in page


def test_an_editors_temporary_file_is_not_named_as_a_change() -> None:
    from watchfiles import Change

    batch = {
        (Change.added, "/data/ngos/.x.yaml.swp"),
        (Change.deleted, "/data/ngos/.x.yaml.swp"),
        (Change.modified, "/data/ngos/x.yaml"),
    }
    assert _lasting(batch) == {"/data/ngos/x.yaml"}


def test_the_state_a_page_asks_for() -> None:
    state = PreviewState()
    state.started()
    assert json.loads(state.as_json()) == {
        "wersja": 0,
        "budowa": True,
        "czeka": False,
        "bledy": [],
        "komunikat": "",
        "postep": "Przebudowuję stronę po zapisanych zmianach…",
    }
    state.finished(["data/ngos/x.yaml:3:1: …"])
    failed = json.loads(state.as_json())
    assert failed["wersja"] == 0 and failed["bledy"] == ["data/ngos/x.yaml:3:1: …"] and failed["komunikat"]
    state.finished([])
    assert json.loads(state.as_json())["wersja"] == 1
    state.idle()
    assert json.loads(state.as_json())["czeka"] is True

    state.started()
    state.pages_ready(Path("/tmp/.output-x"))
    assert json.loads(state.as_json())["wersja"] == 2 and state.staged == Path("/tmp/.output-x")
    state.finished(["…"])  # failed after its pages were shown: the pages go back to the site's
    assert json.loads(state.as_json())["wersja"] == 3 and state.staged is None
    state.started()
    state.pages_ready(Path("/tmp/.output-y"))  # the records were mended: the report goes with the new pages
    assert json.loads(state.as_json())["bledy"] == []


def test_a_busy_port_is_named_before_anything_is_built(data_dir: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "civic", "serve", "--watch", "--port", str(port), "--data", str(data_dir)]
        command += ["--output", str(tmp_path / "output")]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert f"porcie {port}: jest zajęty" in done.stdout and "--port" in done.stdout
    assert not (tmp_path / "output" / "index.html").exists()


def test_the_running_builds_pages_are_shown_before_the_site_has_them(tmp_path: Path) -> None:
    """All but what is written alongside them, and may be unfinished: the open data, the calendars."""
    site, staged = tmp_path / "output", tmp_path / ".output-x"
    files = {
        site / "organizacje/a/index.html": "stara",
        site / "theme/css/site.css": "stary styl",
        site / "dane/index.html": "dane gotowe",
        site / "konsultacje/kalendarz.ics": "kalendarz gotowy",
        site / "dotacje/index.html": "bez zmian",
        staged / "organizacje/a/index.html": "nowa",
        staged / "theme/css/site.css": "nowy styl",
        staged / "dane/index.html": "dane w toku",
        staged / "konsultacje/kalendarz.ics": "kalendarz w toku",
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body><p>{text}</p></body></html>", encoding="utf-8")
    state = PreviewState()
    handler = functools.partial(PreviewHandler, state, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        served = Preview(server.server_address[1], None)  # type: ignore[arg-type]
        status, page = served.get("/nowa-strona/")  # the first build is running
        assert status == 503 and SCRIPT_TAG in page

        state.pages_ready(staged)
        status, page = served.get("/organizacje/a/")
        assert status == 200 and "nowa" in page and f'{SCRIPT_TAG} data-wersja="1"' in page
        assert "nowy styl" in served.get("/theme/css/site.css")[1]
        assert "dane gotowe" in served.get("/dane/")[1]
        assert "kalendarz gotowy" in served.get("/konsultacje/kalendarz.ics")[1]
        assert "bez zmian" in served.get("/dotacje/")[1]

        state.finished([])
        assert "stara" in served.get("/organizacje/a/")[1]  # the build has ended: the site's own
        server.shutdown()


def test_a_build_in_a_child_tells_this_process_when_its_pages_are_ready(tmp_path: Path) -> None:
    told: list[Path] = []

    def ready_then_done(pages_ready: Callable[[Path], None] | None) -> list[str]:
        assert pages_ready is not None
        pages_ready(tmp_path / "zażółć")
        return []

    assert build_in_child(ready_then_done, told.append) == []
    assert told == [tmp_path / "zażółć"]


def test_a_build_that_fails_or_dies_before_its_pages_tells_nothing(tmp_path: Path) -> None:
    told: list[Path] = []
    assert build_in_child(lambda pages_ready: ["błąd w danych"], told.append) == ["błąd w danych"]

    def dies(pages_ready: Callable[[Path], None] | None) -> list[str]:
        raise RuntimeError("awaria")

    [error] = build_in_child(dies, told.append)
    assert error.startswith("Budowa przerwana") and "awaria" in error
    assert told == []


def test_a_save_while_a_build_settles_is_kept_for_the_next_build(tmp_path: Path) -> None:
    """While the preview waits for the reloads before reading its cache ahead, a save cuts the wait short."""
    folder, settings = tmp_path / "data", tmp_path / "pelicanconf.py"
    folder.mkdir()
    settings.write_text("", encoding="utf-8")
    saved = Changes([folder], settings)
    try:
        assert saved.quiet_for(0.2)
        for attempt in range(10):  # the watching may take a moment to begin
            (folder / "a.yaml").write_text(f"name: {attempt}\n", encoding="utf-8")
            if not saved.quiet_for(5):
                break
        else:
            pytest.fail("the save was not seen")
        assert any(name.endswith("/a.yaml") for name in next(iter(saved)))
    finally:
        saved.close()
