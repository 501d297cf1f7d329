"""CSV: one file per table.

UTF-8 without a byte-order mark, RFC 4180 (comma, CRLF between records,
double quotes around a value holding a comma, a quote or a line break),
a header of the schema's field names, one line per row. An absent value is
an empty cell; every other value is written as its schema reads it back.
After an edit, the rows of records it left alone are copied from the last
build's file (:mod:`civic.export.spans`).
"""

from __future__ import annotations

import csv
import io

from civic.export import cells, spans
from civic.export.job import Distribution, ExportJob
from civic.export.records import PublishedTable

DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}
"""How the files are written, as a Frictionless CSV dialect."""


def export(job: ExportJob) -> list[Distribution]:
    return [
        spans.write(job, path(published.name), published, shape, "csv", f"{published.table.title} (CSV)")
        for published in job.tables.values()
    ]


def path(table: str) -> str:
    return f"csv/{table}.csv"


def shape(published: PublishedTable) -> spans.TextShape:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=",", quotechar='"', lineterminator="\r\n")
    fields = published.fields
    writer.writerow(published.names)
    head = buffer.getvalue()

    def text(rows: list[spans.Values]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([cells.text(f, v) for f, v in zip(fields, values, strict=True)] for values in rows)
        return buffer.getvalue()

    return spans.TextShape(head=head, rows=text, between="", tail="", empty=head)
