"""The datasets as the catalogue shows them: one per table, plus the whole package.

The data section's pages and the DCAT-AP catalogue both list these entries,
each with its description, row count, last change and downloads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from civic.export.job import Distribution, ExportJob
from civic.schema import Table

SECTION = "dane/"
"""The data section's address on the site, and the folder its files are written to."""


@dataclass
class DatasetEntry:
    name: str  # the table's name; "" for the whole package
    title: str
    description: str
    rows: int
    modified: datetime
    url: str  # the dataset's page, relative to the site's root
    table: Table | None = None
    downloads: list[Distribution] = field(default_factory=list)


def whole_package(job: ExportJob) -> DatasetEntry:
    meta = job.meta
    return DatasetEntry(
        name="",
        title=meta.title,
        description=meta.description,
        rows=sum(len(p.rows) for p in job.tables.values()),
        modified=meta.modified,
        url=SECTION,
        downloads=[d for d in job.distributions if not d.tables],
    )


def table_entries(job: ExportJob) -> list[DatasetEntry]:
    """Every table, each record kind followed by its child tables, vocabularies last."""
    catalog = job.site.dataset.catalog
    mains = sorted(catalog.main_tables, key=lambda t: t.kind is None)
    ordered = [t for main in mains for t in (main, *catalog.descendants(main))]
    return [
        DatasetEntry(
            name=table.name,
            title=table.title,
            description=table.descriptor.get("description", ""),
            rows=len(job.tables[table.name].rows),
            modified=job.meta.table_dates[table.name],
            url=f"{SECTION}{table.name}/",
            table=table,
            downloads=[d for d in job.distributions if table.name in d.tables],
        )
        for table in ordered
    ]
