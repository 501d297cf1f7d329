"""What every exporter receives and what it hands back.

An exporter is a function ``export(job) -> list[Distribution]``: it reads
the published tables and the package's metadata from the job, writes its
files with ``job.write`` (which records their size and SHA-256 hash) and
returns what it wrote. After an edit, a file made from tables the edit did
not touch is taken from the last build (``job.kept``) instead of being made
again. Exporters later in the registry see the
distributions of the earlier ones in ``job.distributions``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from civic import deps
from civic.export.metadata import PackageMeta
from civic.export.records import PublishedTable
from civic.export.zipfiles import Stored, stored_members
from civic.site import Site

EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"


@dataclass(frozen=True)
class Format:
    name: str  # as people call it: "CSV"
    media_type: str
    file_type: str  # code in the EU file-type vocabulary (DCAT-AP); "" when it has none

    @property
    def file_type_uri(self) -> str | None:
        return EU_FILE_TYPE + self.file_type if self.file_type else None


FORMATS = {
    "csv": Format("CSV", "text/csv", "CSV"),
    "json": Format("JSON", "application/json", "JSON"),
    "xlsx": Format("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "sqlite": Format("SQLite", "application/vnd.sqlite3", ""),
    "geojson": Format("GeoJSON", "application/geo+json", "GEOJSON"),
    "pb": Format("Pabulib .pb", "text/plain", "TXT"),
    "zip": Format("ZIP", "application/zip", "ZIP"),
    "datapackage": Format("Data Package", "application/json", "JSON"),
    "turtle": Format("Turtle", "text/turtle", "RDF_TURTLE"),
    "rdfxml": Format("RDF/XML", "application/rdf+xml", "RDF_XML"),
}


@dataclass(frozen=True)
class Distribution:
    """One written file: where it is, what it holds and its fingerprint."""

    path: str  # relative to the data folder, with forward slashes
    format: Format
    title: str  # in Polish, for people
    tables: tuple[str, ...]  # the tables (datasets) it is a download of; () for the whole package
    bytes: int
    sha256: str
    resource: bool  # a resource of datapackage.json, and so part of the package's ZIP

    @property
    def name(self) -> str:
        """A resource name for ``datapackage.json``, unique like the path."""
        return self.path.lower().replace("/", "-")


@dataclass
class ExportJob:
    folder: Path  # output/dane
    url: str  # the public address of that folder, ending in "/"
    tables: dict[str, PublishedTable]
    meta: PackageMeta
    site: Site
    distributions: list[Distribution] = field(default_factory=list)
    earlier: Path | None = None
    """The last build's data folder, when outputs of the last build may be kept."""
    changed: set[str] = field(default_factory=set)
    """The tokens (:mod:`civic.deps`) of what changed since the last build."""
    reused: set[str] = field(default_factory=set)
    """The last build's files left where they are in the site (``write_kept``), not written into ``folder``."""
    spans: Path | None = None
    """Where the tables' text files say, for the next build, where each record's rows lie
    (:mod:`civic.export.spans`); None without a build cache."""

    def unchanged(self, tables: tuple[str, ...]) -> bool:
        """Whether there is a last build and the rows of none of ``tables`` changed since."""
        return self.earlier is not None and not any(deps.rows_token(name) in self.changed for name in tables)

    def kept(self, path: str, tables: tuple[str, ...]) -> bytes | None:
        """The last build's file ``path``, made from the rows of ``tables`` alone, if none of them changed."""
        if self.earlier is None or not self.unchanged(tables):
            return None
        try:
            return (self.earlier / path).read_bytes()
        except OSError:  # the last build had no such file: make it
            return None

    def stored(self, archive: str, names: Collection[str]) -> dict[str, Stored]:
        """Members of the last build's ZIP file ``archive``, as it stores them (those it has)."""
        return {} if self.earlier is None else stored_members(self.earlier / archive, names)

    def zip_entries(self, archive: str, files: list[Distribution]) -> Iterator[tuple[str, bytes | Stored]]:
        """The entries of the ZIP file ``archive`` that holds ``files`` under their paths.

        A file written with the last build's bytes is taken as the last build's
        ``archive`` stores it, not compressed again."""
        kept = self.stored(archive, self.reused.intersection(d.path for d in files))
        return ((d.path, kept[d.path] if d.path in kept else self.read(d)) for d in files)

    def write(
        self, path: str, data: bytes, kind: str, title: str, tables: tuple[str, ...] = (), resource: bool = True
    ) -> Distribution:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return self._distribution(path, data, kind, title, tables, resource)

    def _distribution(
        self, path: str, data: bytes, kind: str, title: str, tables: tuple[str, ...], resource: bool = True
    ) -> Distribution:
        return Distribution(
            path=path,
            format=FORMATS[kind],
            title=title,
            tables=tables,
            bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            resource=resource,
        )

    def write_kept(
        self,
        path: str,
        make: Callable[[], bytes],
        kind: str,
        title: str,
        tables: tuple[str, ...],
        reads: tuple[str, ...] = (),
    ) -> Distribution:
        """Write a file of ``tables`` made from the rows of ``reads`` (by default ``tables``) alone,
        made by ``make``; or, if the last build's may be kept, leave that one where it is in the site."""
        data = self.kept(path, reads or tables)
        if data is None:
            return self.write(path, make(), kind, title, tables)
        self.reused.add(path)
        return self._distribution(path, data, kind, title, tables)

    def write_table(
        self, path: str, published: PublishedTable, make: Callable[[PublishedTable], bytes], kind: str, title: str
    ) -> Distribution:
        """Write one table's file, made by ``make`` unless the last build's may be kept."""
        return self.write_kept(path, partial(make, published), kind, title, (published.name,))

    def of_format(self, kind: str) -> list[Distribution]:
        return [d for d in self.distributions if d.format == FORMATS[kind]]

    def read(self, distribution: Distribution) -> bytes:
        kept = distribution.path in self.reused and self.earlier is not None
        return ((self.earlier if kept else self.folder) / distribution.path).read_bytes()
