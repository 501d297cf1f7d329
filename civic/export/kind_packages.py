"""A data package per record kind, for people who want only one subject.

``pakiety/<table>.zip`` holds the kind's tables (the main table and its
child tables) and every table they refer to (districts, vocabularies, the
office units...), as CSV with their own ``datapackage.json``: each ZIP is
a complete package that validates on its own, foreign keys included.
"""

from __future__ import annotations

from civic.export import zipfiles
from civic.export.catalogue import SECTION
from civic.export.datapackage import package, table_resources, to_bytes
from civic.export.job import Distribution, ExportJob
from civic.publication import public_foreign_keys
from civic.schema import Catalog, Table


def export(job: ExportJob) -> list[Distribution]:
    catalog = job.site.dataset.catalog
    csv_files = {d.tables[0]: d for d in job.of_format("csv")}
    out = []
    for table in catalog.main_tables:
        if not table.kind:
            continue
        names = closure(catalog, table)
        meta = job.meta
        descriptor = package(
            job,
            f"{meta.name}-{table.name}",
            f"{table.title} — {meta.title}",
            table.descriptor.get("description", ""),
            f"{meta.site_url}/{SECTION}{table.name}/",
            table_resources(job, names, ("csv",)),
        )
        path = f"pakiety/{table.name}.zip"
        entries = [("datapackage.json", to_bytes(descriptor)), *job.zip_entries(path, [csv_files[n] for n in names])]
        out.append(
            job.write(
                path,
                zipfiles.build_zip(entries, meta.modified),
                "zip",
                f"{table.title}: osobny pakiet danych z tabelami powiązanymi (ZIP)",
                (table.name,),
                resource=False,
            )
        )
    return out


def closure(catalog: Catalog, table: Table) -> list[str]:
    """The kind's tables and, transitively, every table their foreign keys point to (catalog order)."""
    wanted = {table.name} | {t.name for t in catalog.descendants(table)}
    todo = list(wanted)
    while todo:
        for fk in public_foreign_keys(catalog[todo.pop()]):
            if fk.table not in wanted:
                wanted.add(fk.table)
                todo.append(fk.table)
    return [t.name for t in catalog if t.name in wanted]
