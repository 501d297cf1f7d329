"""The catalogue's Turtle: read back by rdflib, it is the graph written, whatever its texts hold."""

from __future__ import annotations

import random

from rdflib import BNode, Graph, Literal, Namespace, URIRef, namespace
from rdflib.compare import isomorphic

from civic.export.turtle import to_turtle

EX = Namespace("https://miasto.example.pl/dane/")
TEXTS = [
    'Cudzysłów " i ukośnik \\ w opisie',
    "Wiersz pierwszy\nwiersz drugi\r\n\ttabulator",
    "Zażółć gęślą jaźń — „cytat” ✓",
    "",
    "\b\f znaki sterujące",
]


def _statements() -> list[tuple]:
    shared, checksum = BNode("wspolny"), BNode("sha256-abc")
    out: list[tuple] = [
        (EX.zbior, namespace.RDF.type, namespace.DCAT.Dataset),
        (EX.zbior, namespace.DCTERMS.identifier, Literal("id", datatype=namespace.XSD.string)),
        (EX.zbior, namespace.DCAT.byteSize, Literal("353", datatype=namespace.XSD.nonNegativeInteger)),
        (EX.zbior, namespace.DCTERMS.modified, Literal("2026-11-22T08:00:37+01:00", datatype=namespace.XSD.dateTime)),
        (EX.zbior, EX["nazwa.z.kropka"], URIRef("https://inny.example.org/a?b=1#c")),
        (EX.zbior, EX.suma, checksum),
        (checksum, namespace.RDF.type, EX.Suma),
        (checksum, EX.wartosc, Literal("f8f1", datatype=namespace.XSD.hexBinary)),
        (EX.zbior, EX.wspolny, shared),
        (EX.inny, EX.wspolny, shared),
        (shared, namespace.DCTERMS.title, Literal("wspólny", lang="pl")),
    ]
    out += [(EX.zbior, namespace.DCTERMS.description, Literal(text, lang="pl")) for text in TEXTS]
    out += [(EX.inny, namespace.DCTERMS.title, Literal(text)) for text in TEXTS]
    return out


def _graph(statements: list[tuple]) -> Graph:
    graph = Graph()
    for prefix, names in (("dcat", namespace.DCAT), ("dct", namespace.DCTERMS), ("ex", EX)):
        graph.bind(prefix, names)
    for statement in statements:
        graph.add(statement)
    return graph


def test_turtle_read_back_is_the_graph_written():
    graph = _graph(_statements())
    written = to_turtle(graph)
    back = Graph().parse(data=written, format="turtle")
    assert isomorphic(graph, back)
    text = written.decode("utf-8")
    assert "[ a ex:Suma" in text  # a blank node used once is written where it is used
    assert text.count("_:wspolny") == 3  # one used twice is written by its label


def test_the_same_graph_gives_the_same_bytes_whatever_order_it_was_made_in():
    statements = _statements()
    shuffled = statements[:]
    random.Random(7).shuffle(shuffled)
    assert to_turtle(_graph(statements)) == to_turtle(_graph(shuffled))
