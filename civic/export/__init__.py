"""Open data: every table published in every format, listed in one registry.

An exporter is a module with one function, ``export(job) -> list[Distribution]``
(see ``civic.export.job``). The data files come first (``DATA_FILES``, which
read only the tables), then the files that describe or bundle them
(``DESCRIPTIONS``: the package descriptor reads the data files' hashes, the
ZIPs their bytes, the DCAT catalogue every download). Adding a format is one
module and one line here.

``open_data`` is the build's output (``civic.outputs``): it runs the
exporters into ``output/dane/`` and writes the data section's pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from civic.export import (
    archive,
    csv_tables,
    datapackage,
    dcat,
    geojson_points,
    json_tables,
    kind_packages,
    pabulib_results,
    sqlite_db,
    xlsx_workbook,
)
from civic.export.catalogue import SECTION
from civic.export.job import Distribution, ExportJob
from civic.export.pages import data_pages, export_job
from civic.parallel import Background, workers

if TYPE_CHECKING:
    from civic.buildcontext import Build

Exporter = Callable[[ExportJob], list[Distribution]]

DATA_FILES: list[Exporter] = [
    csv_tables.export,
    json_tables.export,
    xlsx_workbook.export,
    sqlite_db.export,
    geojson_points.export,
    pabulib_results.export,
]
"""Exporters of the tables' data: they read only the tables."""

DESCRIPTIONS: list[Exporter] = [
    datapackage.export,
    kind_packages.export,
    archive.export,
    dcat.export,
]
"""Exporters of files that describe or bundle the data files: they read what came before."""

ALONGSIDE: list[Exporter] = [xlsx_workbook.export]
"""The slowest data exporters: with a core to spare, they run in another process
while the other data exporters run here."""

BEFORE_JOINING: list[Exporter] = [kind_packages.export]
"""Descriptions that read only the data files made here (not those alongside):
they are made while those alongside still run."""


def run_exporters(job: ExportJob, processes: int = 1) -> None:
    """Run every exporter; the distributions are listed in the registry's order.

    The data exporters here do not wait for those alongside, which are joined only
    once the files that describe the data need them."""
    aside = {exporter: Background(partial(exporter, job)) for exporter in ALONGSIDE} if processes > 1 else {}
    early: dict[Exporter, list[Distribution]] = {}
    try:
        done = {exporter: exporter(job) for exporter in DATA_FILES if exporter not in aside}
        if aside:  # they see the data files made so far, here
            made_here = [d for exporter in DATA_FILES for d in done.get(exporter, ())]
            so_far = replace(job, distributions=[*job.distributions, *made_here])
            early = {exporter: exporter(so_far) for exporter in BEFORE_JOINING}
        for exporter in DATA_FILES:
            job.distributions.extend(done[exporter] if exporter in done else aside.pop(exporter).join())
    finally:
        for work in aside.values():  # an exporter here failed: leave no child behind
            work.join()
    for exporter in DESCRIPTIONS:
        job.distributions.extend(early[exporter] if exporter in early else exporter(job))


def open_data(build: Build) -> None:
    """Every data file under ``dane/`` and the pages that list and document them,
    written as a whole: all of it depends on every table."""

    def write() -> None:
        job = export_job(build)
        run_exporters(job, workers(build.settings.get("CIVIC_PROCESSES")))
        data_pages(build, job)
        for path in sorted(job.reused):
            build.reuse.leave(f"{SECTION}{path}")

    build.reuse.output(SECTION, write)
