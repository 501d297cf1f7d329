"""The DCAT-AP catalogue of the datasets, for the national open-data portal.

``katalog.ttl`` (Turtle) and ``katalog.rdf`` (RDF/XML) describe the same
graph: the catalogue, its publisher, one ``dcat:Dataset`` per table and one
for the whole package (title, description, keywords, theme, update
frequency, last change, landing page) and every download as a
``dcat:Distribution`` (format, media type, URL, size, SHA-256, licence).
Vocabularies are the EU's authority tables that DCAT-AP and DCAT-AP-PL use.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from civic.export.catalogue import DatasetEntry, table_entries, whole_package
from civic.export.job import Distribution, ExportJob
from civic.export.rdfxml import to_rdfxml
from civic.export.turtle import to_turtle

SPDX = Namespace("http://spdx.org/rdf/terms#")
EU = "http://publications.europa.eu/resource/authority/"
LANGUAGE = URIRef(EU + "language/POL")
THEME = URIRef(EU + "data-theme/GOVE")  # government and public sector
IANA = "https://www.iana.org/assignments/media-types/"
TURTLE, RDFXML = "katalog.ttl", "katalog.rdf"


def export(job: ExportJob) -> list[Distribution]:
    graph = catalogue_graph(job)
    return [
        job.write(TURTLE, to_turtle(graph), "turtle", "Katalog DCAT-AP (Turtle)", resource=False),
        job.write(RDFXML, to_rdfxml(graph), "rdfxml", "Katalog DCAT-AP (RDF/XML)", resource=False),
    ]


def catalogue_graph(job: ExportJob) -> Graph:
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("spdx", SPDX)):
        graph.bind(prefix, namespace)
    meta = job.meta
    catalog = URIRef(job.url)
    publisher = URIRef(f"{meta.site_url}/#wydawca")
    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, Literal(meta.publisher, lang="pl")))
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal(meta.title, lang="pl")))
    graph.add((catalog, DCTERMS.description, Literal(meta.description, lang="pl")))
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.language, LANGUAGE))
    graph.add((catalog, DCTERMS.license, URIRef(meta.license.uri)))
    graph.add((catalog, DCTERMS.modified, _when(meta.modified)))
    graph.add((catalog, FOAF.homepage, URIRef(job.url)))
    whole = whole_package(job)
    for entry in [whole, *table_entries(job)]:
        dataset = URIRef(f"{meta.site_url}/{entry.url}" + ("#pakiet" if entry is whole else ""))
        graph.add((catalog, DCAT.dataset, dataset))
        _dataset(graph, job, dataset, entry, publisher)
    return graph


def _dataset(graph: Graph, job: ExportJob, dataset: URIRef, entry: DatasetEntry, publisher: URIRef) -> None:
    meta = job.meta
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal(entry.title, lang="pl")))
    graph.add((dataset, DCTERMS.description, Literal(entry.description or entry.title, lang="pl")))
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCTERMS.language, LANGUAGE))
    graph.add((dataset, DCTERMS.modified, _when(entry.modified)))
    graph.add((dataset, DCTERMS.accrualPeriodicity, URIRef(meta.frequency_uri)))
    graph.add((dataset, DCAT.theme, THEME))
    graph.add((dataset, DCAT.landingPage, URIRef(f"{meta.site_url}/{entry.url}")))
    keywords = [*meta.keywords, entry.table.main.title.lower()] if entry.table else list(meta.keywords)
    for keyword in dict.fromkeys(keywords):
        graph.add((dataset, DCAT.keyword, Literal(keyword, lang="pl")))
    for download in entry.downloads:
        distribution = URIRef(f"{job.url}{download.path}#dystrybucja")
        graph.add((dataset, DCAT.distribution, distribution))
        _distribution(graph, job, distribution, download, entry)


def _distribution(graph: Graph, job: ExportJob, node: URIRef, download: Distribution, entry: DatasetEntry) -> None:
    url = URIRef(f"{job.url}{download.path}")
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCTERMS.title, Literal(download.title, lang="pl")))
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCAT.mediaType, URIRef(IANA + download.format.media_type)))
    if download.format.file_type_uri:
        graph.add((node, DCTERMS["format"], URIRef(download.format.file_type_uri)))
    graph.add((node, DCAT.byteSize, Literal(download.bytes, datatype=XSD.nonNegativeInteger)))
    graph.add((node, DCTERMS.license, URIRef(job.meta.license.uri)))
    graph.add((node, DCTERMS.modified, _when(entry.modified)))
    checksum = BNode(f"sha256-{download.sha256[:20]}")
    graph.add((node, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(download.sha256, datatype=XSD.hexBinary)))


def _when(moment) -> Literal:
    return Literal(moment.isoformat(), datatype=XSD.dateTime)
