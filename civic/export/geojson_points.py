"""GeoJSON: the rows that have coordinates, as points on a map.

Every table with public ``latitude`` and ``longitude`` fields (budget
projects, consultation meetings) gets one FeatureCollection (RFC 7946,
WGS 84, ``[longitude, latitude]``) of its rows that have both. A feature's
properties are the row's public values, as in the JSON files, plus the
address of the record's page.
"""

from __future__ import annotations

from functools import partial

from civic.export import cells
from civic.export.job import Distribution, ExportJob
from civic.export.jsontext import dumps
from civic.export.records import PublishedTable

LATITUDE, LONGITUDE = "latitude", "longitude"


def export(job: ExportJob) -> list[Distribution]:
    out = []
    for published in job.tables.values():
        if {LATITUDE, LONGITUDE} <= set(published.names):
            title = f"{published.table.title}: punkty na mapie (GeoJSON)"
            out.append(job.write_table(path(published.name), published, partial(_collection, job), "geojson", title))
    return out


def path(table: str) -> str:
    return f"geo/{table}.geojson"


def _collection(job: ExportJob, published: PublishedTable) -> bytes:
    names = published.names
    lat, lon = names.index(LATITUDE), names.index(LONGITUDE)
    features = []
    for values, record in zip(published.rows, published.records, strict=True):
        if values[lat] is None or values[lon] is None:
            continue
        properties = {f.name: cells.json_value(f, v) for f, v in zip(published.fields, values, strict=True)}
        if record.table.name in job.site.urls:
            properties["url"] = f"{job.meta.site_url}/{job.site.url(record)}"
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [values[lon], values[lat]]},
            "properties": properties,
        }
        features.append(dumps(feature))
    head = '{"type":"FeatureCollection","name":' + dumps(published.name) + ',"features":['
    return (head + "\n" + ",\n".join(features) + "\n]}\n").encode()
