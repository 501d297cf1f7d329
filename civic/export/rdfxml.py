"""RDF/XML written in a fixed order.

rdflib's own RDF/XML serializer walks its store in hash order, so the same
graph comes out differently from run to run. Here every subject and every
statement is sorted: the same graph, the same bytes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

XML_LANG = "xml:lang"


def to_rdfxml(graph: Graph) -> bytes:
    manager = graph.namespace_manager
    used: dict[str, str] = {"rdf": str(RDF)}
    body: list[str] = []
    for subject in sorted(set(graph.subjects()), key=term_key):
        body.append(f"  <rdf:Description {_node_attr('rdf:about', subject)}>")
        statements = graph.predicate_objects(subject)
        for predicate, obj in sorted(statements, key=lambda po: (term_key(po[0]), term_key(po[1]))):
            prefix, namespace, local = manager.compute_qname_strict(str(predicate))
            used[prefix] = str(namespace)
            body.append(f"    {_statement(f'{prefix}:{local}', obj)}")
        body.append("  </rdf:Description>")
    head = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    head += [f"  xmlns:{prefix}={quoteattr(ns)}" for prefix, ns in sorted(used.items())]
    head[-1] += ">"
    return ("\n".join([*head, *body, "</rdf:RDF>"]) + "\n").encode("utf-8")


def _statement(qname: str, obj: object) -> str:
    if isinstance(obj, Literal):
        attrs = ""
        if obj.language:
            attrs = f" {XML_LANG}={quoteattr(obj.language)}"
        elif obj.datatype:
            attrs = f" rdf:datatype={quoteattr(str(obj.datatype))}"
        return f"<{qname}{attrs}>{escape(str(obj))}</{qname}>"
    return f"<{qname} {_node_attr('rdf:resource', obj)}/>"


def _node_attr(name: str, node: object) -> str:
    if isinstance(node, BNode):
        return f"rdf:nodeID={quoteattr(str(node))}"
    assert isinstance(node, URIRef)
    return f"{name}={quoteattr(str(node))}"


def term_key(node: object) -> tuple[str, str, str]:
    """The order terms are written in: URIs, blank nodes and literals, each by its text."""
    if isinstance(node, Literal):
        return ("literal", str(node), f"{node.language or ''}{node.datatype or ''}")
    return (type(node).__name__, str(node), "")
