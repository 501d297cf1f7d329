"""JSON: one file per table, an array of objects keyed by the schema's field names.

Every object has every public field, ``null`` where no value is given.
Numbers are JSON numbers written digit for digit (money keeps its grosze),
booleans are ``true``/``false``, dates and times are ISO text as in CSV.
One object per line, so that the files read well in a diff. After an edit,
the lines of records it left alone are copied from the last build's file
(:mod:`civic.export.spans`).
"""

from __future__ import annotations

from civic.export import cells, spans
from civic.export.job import Distribution, ExportJob
from civic.export.jsontext import flat_object
from civic.export.records import PublishedTable


def export(job: ExportJob) -> list[Distribution]:
    return [
        spans.write(job, path(published.name), published, shape, "json", f"{published.table.title} (JSON)")
        for published in job.tables.values()
    ]


def path(table: str) -> str:
    return f"json/{table}.json"


def shape(published: PublishedTable) -> spans.TextShape:
    fields = published.fields
    line = flat_object(published.names)
    value = cells.json_value

    def text(rows: list[spans.Values]) -> str:
        return ",\n".join(line([value(f, v) for f, v in zip(fields, values, strict=True)]) for values in rows)

    return spans.TextShape(head="[\n", rows=text, between=",\n", tail="\n]\n", empty="[]\n")
