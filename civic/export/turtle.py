"""Turtle written in a fixed order, quickly.

rdflib's Turtle serializer works out a prefixed name for every term again
and again: a city's catalogue (about ten thousand statements, one
distribution per Pabulib file) took it about a second, on every build.
Here, as in :mod:`civic.export.rdfxml`, every subject, statement and object
is sorted, so the same graph gives the same bytes. A blank node that is the
object of exactly one statement is written inside it (``[ ... ]``), as the
checksums are; any other blank node is written by its label.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from civic.export.rdfxml import term_key

Node = URIRef | BNode | Literal

INDENT = "    "
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_BAD_TEXT = re.compile(r'[\\"\n\r\t\b\f]')
_LABEL = re.compile(r"[A-Za-z0-9_-]+\Z")


def to_turtle(graph: Graph) -> bytes:
    prefixes = {str(namespace): prefix for prefix, namespace in graph.namespaces() if prefix}
    prefixes.setdefault(str(XSD), "xsd")
    writer = _Writer(graph, prefixes)
    subjects = sorted({s for s in graph.subjects() if s not in writer.inline}, key=term_key)
    blocks = [writer.block(subject) for subject in subjects]
    head = [f"@prefix {prefix}: <{namespace}> ." for namespace, prefix in sorted(writer.used.items(), key=_by_value)]
    return ("\n".join(head) + "\n\n" + "\n\n".join(blocks) + "\n").encode("utf-8")


class _Writer:
    def __init__(self, graph: Graph, prefixes: dict[str, str]):
        self.graph, self.prefixes = graph, prefixes
        self.used: dict[str, str] = {}
        counts = Counter(o for o in graph.objects() if isinstance(o, BNode))
        self.inline = {node for node, count in counts.items() if count == 1 and (node, None, None) in graph}

    def block(self, subject: Node) -> str:
        return f"{self.term(subject)} {self.statements(subject, 1)} ."

    def statements(self, subject: Node, depth: int) -> str:
        by_predicate: dict[Node, list[Node]] = {}
        for predicate, obj in self.graph.predicate_objects(subject):
            by_predicate.setdefault(predicate, []).append(obj)
        lines = []
        pad = INDENT * (depth + 1)
        for predicate in sorted(by_predicate, key=lambda p: (p != RDF.type, term_key(p))):
            verb = "a" if predicate == RDF.type else self.term(predicate)
            objects = [self.object(o, depth + 1) for o in sorted(by_predicate[predicate], key=term_key)]
            lines.append(f"{verb} " + f",\n{pad}".join(objects))
        return f" ;\n{INDENT * depth}".join(lines)

    def object(self, node: Node, depth: int) -> str:
        if node in self.inline:
            return f"[ {self.statements(node, depth + 1)} ]"
        return self.term(node)

    def term(self, node: Node) -> str:
        if isinstance(node, Literal):
            return self.literal(node)
        if isinstance(node, BNode):
            label = str(node)
            return (
                f"_:{label}"
                if _LABEL.match(label)
                else f"_:b{hashlib.blake2b(label.encode(), digest_size=8).hexdigest()}"
            )
        return self.iri(str(node))

    def iri(self, iri: str) -> str:
        for namespace, prefix in self.prefixes.items():
            if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
                self.used[namespace] = prefix
                return f"{prefix}:{iri[len(namespace) :]}"
        return "<" + _BAD_IRI.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"

    def literal(self, literal: Literal) -> str:
        text = '"' + _BAD_TEXT.sub(lambda m: _ESCAPES[m.group()], str(literal)) + '"'
        if literal.language:
            return f"{text}@{literal.language}"
        if literal.datatype is not None:
            return f"{text}^^{self.iri(str(literal.datatype))}"
        return text


def _by_value(item: tuple[str, str]) -> str:
    return item[1]
