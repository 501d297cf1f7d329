"""CSV: one file per table.

UTF-8 without a byte-order mark, RFC 4180 (comma, CRLF between records,
double quotes around a value holding a comma, a quote or a line break),
a header of the schema's field names, one line per row. An absent value is
an empty cell; every other value is written as its schema reads it back.
"""

from __future__ import annotations

import csv
import io

from civic.export import cells
from civic.export.job import Distribution, ExportJob
from civic.export.records import PublishedTable

DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}
"""How the files are written, as a Frictionless CSV dialect."""


def export(job: ExportJob) -> list[Distribution]:
    return [
        job.write_table(path(published.name), published, to_csv, "csv", f"{published.table.title} (CSV)")
        for published in job.tables.values()
    ]


def path(table: str) -> str:
    return f"csv/{table}.csv"


def to_csv(published: PublishedTable) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=",", quotechar='"', lineterminator="\r\n")
    writer.writerow(published.names)
    fields = published.fields
    writer.writerows([cells.text(f, v) for f, v in zip(fields, values, strict=True)] for values in published.rows)
    return buffer.getvalue().encode("utf-8")
