"""JSON: one file per table, an array of objects keyed by the schema's field names.

Every object has every public field, ``null`` where no value is given.
Numbers are JSON numbers written digit for digit (money keeps its grosze),
booleans are ``true``/``false``, dates and times are ISO text as in CSV.
One object per line, so that the files read well in a diff.
"""

from __future__ import annotations

from civic.export import cells
from civic.export.job import Distribution, ExportJob
from civic.export.jsontext import dumps
from civic.export.records import PublishedTable


def export(job: ExportJob) -> list[Distribution]:
    return [
        job.write_table(path(published.name), published, to_json, "json", f"{published.table.title} (JSON)")
        for published in job.tables.values()
    ]


def path(table: str) -> str:
    return f"json/{table}.json"


def to_json(published: PublishedTable) -> bytes:
    fields = published.fields
    lines = [
        dumps({f.name: cells.json_value(f, v) for f, v in zip(fields, values, strict=True)})
        for values in published.rows
    ]
    body = ",\n".join(lines)
    return (f"[\n{body}\n]\n" if lines else "[]\n").encode("utf-8")
