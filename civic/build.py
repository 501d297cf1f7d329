"""Building the site all or nothing: into a fresh folder, put in place on success.

A full build's folder takes the old site's place; a rebuild's holds only the
files that changed, which are moved into the site (:mod:`civic.delta`).
A failed build (bad records, a template error, an error logged by Pelican)
leaves the previous ``output/`` exactly as it was.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from civic import heap
from civic.buildcache import BuildCache, cache_folder
from civic.delta import apply
from civic.generator import ALONGSIDE, CROSSCHECK, ValidationFailed
from civic.parallel import WorkerFailed
from civic.postbuild import SEARCH, finish
from civic.readahead import ReadAhead
from civic.settings_check import SettingsInvalid, check_settings


class _ErrorCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


PagesReady = Callable[[Path], None]
"""Told the folder of the build's pages once they are written, while the open data is still being made."""


def build(
    settings_path: Path,
    output: Path,
    overrides: dict | None = None,
    ahead: ReadAhead | None = None,
    pages_ready: PagesReady | None = None,
) -> list[str]:
    """Build the site into ``output``; the errors, if any, and then nothing changed.

    What the last build left in its cache (:mod:`civic.buildcache`) is reused:
    only the outputs that depend on what changed are rendered again. ``ahead``
    is that cache already read (:mod:`civic.readahead`). ``pages_ready`` is
    told where the new pages are as soon as they are written, before the open
    data and the search index are, and before anything is put in place: for a
    preview (:mod:`civic.preview`), whose server shows them from there."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    counter = _ErrorCounter()
    root = logging.getLogger()
    root.addHandler(counter)
    cache: BuildCache | None = None
    settings: dict = {}
    try:
        settings = read_settings(str(settings_path), override={**(overrides or {}), "OUTPUT_PATH": str(staging)})
        problems = check_settings(settings, settings_path, overrides)
        if problems:
            raise SettingsInvalid(problems)
        with heap.build_session():
            cache = BuildCache(cache_folder(settings, output), output, ahead)
            settings["_CIVIC_CACHE"] = cache
            Pelican(settings).run()
            if pages_ready is not None and not counter.messages:
                pages_ready(staging)
            alongside = settings.get(ALONGSIDE)
            if alongside is not None:
                if not counter.messages:
                    alongside.begin_search(staging, settings)
                alongside.join()
            if not counter.messages:
                counter.messages.extend(finish(staging, settings, cache, settings.pop(SEARCH, None)))
    except ValidationFailed as exc:
        counter.messages.append(exc.report)
    except SettingsInvalid as exc:
        counter.messages.extend(exc.problems)
    except Exception as exc:  # a template or settings error: report it, keep the old site
        counter.messages.append(f"Budowa przerwana: {type(exc).__name__}: {exc}")
    finally:
        root.removeHandler(counter)
        checked = settings.pop(CROSSCHECK, None)
        if checked is not None:  # the build failed before the checks across records were waited for
            with suppress(WorkerFailed):
                checked.complete()
        alongside = settings.pop(ALONGSIDE, None)
        if alongside is not None:  # the build failed while they ran: stop them before their folder is deleted
            alongside.cancel()
        search = settings.pop(SEARCH, None)
        if search is not None:  # the build failed after the search index was begun
            search.close()
    if counter.messages:
        shutil.rmtree(staging, ignore_errors=True)
        return counter.messages
    if cache is not None and cache.in_place:
        cache.forget()
        try:
            apply(staging, output, cache.site, cache.site_now)
        except OSError as exc:
            return [f"Nie udało się przenieść nowych plików do {output}: {exc}. Następna budowa zbuduje całą stronę."]
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # what is left: the folders emptied by the move
        _delete_leftovers(output)
    else:
        _swap(staging, output)
    warning = cache.save() if cache is not None else None
    if warning:
        logging.getLogger(__name__).warning(warning)
    return []


def _swap(staging: Path, output: Path) -> None:
    """Put the new site in place of the old one, which is then deleted in the background.

    Deleting a site takes a while on a slow disk (tens of seconds for a city's
    70,000 pages) and the new site is complete without waiting for it, so the
    old one (moved to ``.<output>-old-<random>/``) goes in a process of its own
    that outlives the build. One that a deletion left behind (the machine
    stopped) goes with the next build's."""
    prefix = f".{output.name}-old-"
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=prefix, dir=output.parent))
        output.rename(old / output.name)
    staging.rename(output)
    _delete_leftovers(output)


def _delete_leftovers(output: Path) -> None:
    """Delete, in the background, the old sites that a full build moved aside (and any a deletion left)."""
    leftovers = [str(path) for path in sorted(output.parent.glob(f".{output.name}-old-*"))]
    if not leftovers:
        return
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", *leftovers],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:  # no rm: delete it now
        for path in leftovers:
            shutil.rmtree(path, ignore_errors=True)


def run_build(settings_path: Path, output: Path, overrides: dict | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    errors = build(settings_path, output, overrides)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print("Strona NIE została zbudowana; poprzednia wersja w output/ pozostała bez zmian.", file=sys.stderr)
        return 1
    print(f"Strona zbudowana w {output}/.")
    return 0
