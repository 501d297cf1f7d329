"""The data section of the site: the catalogue and a page per dataset.

``dane/`` lists every dataset with its description, row count, last change,
licence and downloads; ``dane/<table>/`` documents one table: its data
dictionary (from the schema), a preview of its first rows and how to cite
it. Only public fields appear (``civic.publication``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from civic.export import cells
from civic.export.catalogue import SECTION, DatasetEntry, table_entries, whole_package
from civic.export.dictionary import field_docs
from civic.export.job import ExportJob
from civic.export.metadata import package_meta
from civic.export.records import PublishedTable, publish
from civic.export.spans import spans_folder
from civic.plural import plural

if TYPE_CHECKING:
    from civic.buildcontext import Build

PREVIEW_ROWS = 10
PREVIEW_LENGTH = 120


def export_job(build: Build) -> ExportJob:
    dataset = build.site.dataset
    meta = package_meta(dataset, build.site.changes, build.settings)
    reuse = build.reuse
    return ExportJob(
        folder=build.output_path / SECTION,
        url=f"{meta.site_url}/{SECTION}",
        tables=publish(dataset),
        meta=meta,
        site=build.site,
        earlier=reuse.previous / SECTION if reuse.previous is not None and reuse.changed is not None else None,
        changed=reuse.changed or set(),
        spans=spans_folder(build.settings),
    )


def data_pages(build: Build, job: ExportJob) -> None:
    package = whole_package(job)
    datasets = table_entries(job)
    helpers = {"size": size, "plural": plural, "meta": job.meta, "package": package}
    build.page(SECTION, build.template("data_index.html"), datasets=datasets, **helpers)
    template = build.template("data_table.html")
    for entry in datasets:
        published = job.tables[entry.name]
        build.page(
            entry.url,
            template,
            dataset=entry,
            fields=field_docs(published),
            preview=preview(published),
            citation=citation(job, entry),
            records_url=build.site.index_href(entry.name) if entry.name in build.site.urls else "",
            **helpers,
        )


def preview(published: PublishedTable, rows: int = PREVIEW_ROWS) -> list[list[str]]:
    """The first rows as their CSV text, long texts shortened."""
    return [
        [_shorten(cells.text(f, v)) for f, v in zip(published.fields, values, strict=True)]
        for values in published.rows[:rows]
    ]


def citation(job: ExportJob, entry: DatasetEntry) -> str:
    meta = job.meta
    return (
        f"{meta.publisher} ({entry.modified.year}). {entry.title} [zbiór danych], wersja {meta.version}. "
        f"{meta.site_url}/{entry.url}. Licencja {meta.license.name}."
    )


def size(count: int) -> str:
    """A file size as Polish readers write it: 512 B, 12,3 kB, 4,1 MB."""
    if count < 1000:
        return f"{count} B"
    value, unit = (count / 1e3, "kB") if count < 1e6 else (count / 1e6, "MB")
    return f"{value:.1f} {unit}".replace(".", ",")


def _shorten(text: str) -> str:
    return text if len(text) <= PREVIEW_LENGTH else text[: PREVIEW_LENGTH - 1].rstrip() + "…"
