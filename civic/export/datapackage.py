"""``datapackage.json``: the Frictionless Data Package describing every file.

Each table appears twice, both with the table's schema (its public fields,
primary key and foreign keys): as its CSV, a tabular resource named after
the table, and as its JSON, a ``json`` resource (Frictionless reads JSON as
a table only with the optional ``ijson`` library, so it checks that file as
JSON, with its size and hash). The other files (workbook, database,
GeoJSON, ``.pb``) are listed as plain files. Every resource states its size
and SHA-256 hash, so ``frictionless validate`` checks the data, the keys
and every file at once.
"""

from __future__ import annotations

from typing import Any

from civic.export.csv_tables import DIALECT
from civic.export.job import FORMATS, Distribution, ExportJob
from civic.export.jsontext import dumps
from civic.export.records import PublishedTable
from civic.publication import public_foreign_keys

PATH = "datapackage.json"


TABLE_FORMATS = ("csv", "json")


def export(job: ExportJob) -> list[Distribution]:
    meta = job.meta
    files = [d for d in job.distributions if d.resource and d.format not in [FORMATS[f] for f in TABLE_FORMATS]]
    descriptor = package(
        job,
        meta.name,
        meta.title,
        meta.description,
        job.url,
        table_resources(job, list(job.tables), TABLE_FORMATS) + [file_resource(d) for d in files],
    )
    title = "Opis pakietu danych (Frictionless Data Package)"
    return [job.write(PATH, to_bytes(descriptor), "datapackage", title, resource=False)]


def table_resources(job: ExportJob, tables: list[str], formats: tuple[str, ...]) -> list[dict[str, Any]]:
    """The tables' files in each of the formats; a CSV resource is named after its table."""
    out = []
    for kind in formats:
        files = {d.tables[0]: d for d in job.of_format(kind)}
        out.extend(table_resource(job.tables[n], files[n], n if kind == "csv" else files[n].name) for n in tables)
    return out


def package(
    job: ExportJob, name: str, title: str, description: str, homepage: str, resources: list[dict[str, Any]]
) -> dict[str, Any]:
    meta = job.meta
    lic = meta.license
    return {
        "name": name,
        "id": homepage,
        "title": title,
        "description": description,
        "homepage": homepage,
        "version": meta.version,
        "created": meta.modified.isoformat(),
        "keywords": list(meta.keywords),
        "licenses": [{"name": lic.id, "path": lic.url, "title": lic.title}],
        "sources": [{"title": f"Rejestry prowadzone przez: {meta.publisher}", "path": meta.repository or job.url}],
        "contributors": [{"title": meta.publisher, "path": meta.site_url, "role": "publisher"}],
        "resources": resources,
    }


def table_resource(published: PublishedTable, distribution: Distribution, name: str) -> dict[str, Any]:
    table = published.table
    resource = {
        "name": name,
        "path": distribution.path,
        "title": table.title,
        "description": table.descriptor.get("description", ""),
        "type": "table" if distribution.format == FORMATS["csv"] else "json",
        **_file(distribution),
        "encoding": "utf-8",
    }
    if distribution.format == FORMATS["csv"]:
        resource["dialect"] = DIALECT
    resource["schema"] = table_schema(published)
    return resource


def table_schema(published: PublishedTable) -> dict[str, Any]:
    """The table's Table Schema as published: public fields only, no internal ``x-`` properties."""
    table = published.table
    schema: dict[str, Any] = {
        "fields": [{k: v for k, v in f.descriptor.items() if not k.startswith("x-")} for f in published.fields],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    keys = public_foreign_keys(table)
    if keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields), "reference": {"resource": fk.table, "fields": list(fk.ref_fields)}}
            for fk in keys
        ]
    return schema


def file_resource(distribution: Distribution) -> dict[str, Any]:
    return {
        "name": distribution.name,
        "path": distribution.path,
        "title": distribution.title,
        "type": "file",
        **_file(distribution),
    }


def to_bytes(descriptor: dict[str, Any]) -> bytes:
    return (dumps(descriptor, indent=2) + "\n").encode("utf-8")


def _file(distribution: Distribution) -> dict[str, Any]:
    return {
        "format": distribution.path.rsplit(".", 1)[-1],
        "mediatype": distribution.format.media_type,
        "bytes": distribution.bytes,
        "hash": f"sha256:{distribution.sha256}",
    }
