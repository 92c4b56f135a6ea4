"""The graph as a JSON-LD document: SKOS concepts, schema.org articles, questions and answers.

Pure: builds the JSON-able dict; ``export.write_jsonld`` writes it.
"""

from __future__ import annotations

from ..taxonomy.model import RelationKind
from ._flatten import DOCUMENT_TYPES, node_label, node_type

BASE = "urn:contentgraph:"
VOCAB = BASE + "vocab#"

# Concept-to-concept relations besides SKOS broader/narrower/related, as contentgraph terms.
_TYPED_TERMS = {
    RelationKind.CO_OCCURS.value: "coOccurs",
    RelationKind.PART_OF.value: "partOf",
    RelationKind.ASSOCIATED_WITH.value: "associatedWith",
    RelationKind.CAUSES.value: "causes",
    RelationKind.SIGNALS.value: "signals",
    RelationKind.TREATED_BY.value: "treatedBy",
    RelationKind.CONTRASTS_WITH.value: "contrastsWith",
}
_SCHEMA_TYPES = {"article": "Article", "question": "Question", "answer": "Answer"}


def _ref(name: str) -> dict:
    return {"@id": name, "@type": "@id"}


CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "cg": VOCAB,
    "Concept": "skos:Concept",
    "Article": "schema:Article",
    "Question": "schema:Question",
    "Answer": "schema:Answer",
    "Person": "schema:Person",
    "prefLabel": "skos:prefLabel",
    "altLabel": "skos:altLabel",
    "definition": "skos:definition",
    "broader": _ref("skos:broader"),
    "narrower": _ref("skos:narrower"),
    "related": _ref("skos:related"),
    "name": "schema:name",
    "url": _ref("schema:url"),
    "author": _ref("schema:author"),
    "datePublished": "schema:datePublished",
    "wordCount": "schema:wordCount",
    "keywords": "schema:keywords",
    "about": _ref("schema:about"),
    "mentions": _ref("schema:mentions"),
    "parentItem": _ref("schema:parentItem"),
    "kind": "cg:kind",
    "sensitive": "cg:sensitive",
    **{term: _ref(f"cg:{term}") for term in _TYPED_TERMS.values()},
}


def node_iri(key: str) -> str:
    """``concept:anxious-attachment`` -> ``urn:contentgraph:concept:anxious-attachment``."""
    return BASE + key


def jsonld_document(graph) -> dict:
    """``{"@context": ..., "@graph": [...]}`` for every concept, document and author node."""
    items = []
    for key, data in sorted(graph.nodes(data=True)):
        kind = node_type(key, data)
        if kind == "concept":
            items.append(_concept(graph, key, data))
        elif kind in DOCUMENT_TYPES:
            items.append(_document(graph, key, data, kind))
        elif kind == "author":
            items.append({"@id": node_iri(key), "@type": "Person", "name": node_label(key, data)})
    return {"@context": CONTEXT, "@graph": items}


def _concept(graph, key: str, data: dict) -> dict:
    item: dict = {"@id": node_iri(key), "@type": "Concept", "prefLabel": node_label(key, data)}
    if data.get("alt_labels"):
        item["altLabel"] = list(data["alt_labels"])
    if data.get("definition"):
        item["definition"] = data["definition"]
    if data.get("kind"):
        item["kind"] = getattr(data["kind"], "value", data["kind"])
    if data.get("sensitive"):
        item["sensitive"] = True
    links: dict[str, set[str]] = {"broader": {node_iri(f"concept:{b}") for b in data.get("broader") or ()}}
    for direction, edges in (("out", graph.out_edges(key, keys=True)),
                             ("in", graph.in_edges(key, keys=True))):
        for u, v, rel in edges:
            other = v if direction == "out" else u
            if node_type(other, graph.nodes[other]) != "concept":
                continue
            term = _concept_term(str(getattr(rel, "value", rel)), direction)
            if term:
                links.setdefault(term, set()).add(node_iri(other))
    for term, targets in sorted(links.items()):
        if targets:
            item[term] = sorted(targets)
    return item


def _concept_term(relation: str, direction: str) -> str | None:
    """The JSON-LD term for a relation seen from one end; typed relations only outgoing."""
    if relation == "RELATED":
        return "related"
    if relation == "BROADER":
        return "broader" if direction == "out" else "narrower"
    if relation == "NARROWER":
        return "narrower" if direction == "out" else "broader"
    if direction == "out":
        return _TYPED_TERMS.get(relation)
    return None


def _document(graph, key: str, data: dict, kind: str) -> dict:
    item: dict = {"@id": node_iri(key), "@type": _SCHEMA_TYPES[kind], "name": node_label(key, data)}
    for field, term in (("url", "url"), ("published", "datePublished"), ("word_count", "wordCount")):
        if data.get(field) is not None:
            item[term] = data[field]
    if data.get("tags"):
        item["keywords"] = list(data["tags"])
    about, mentions, parents = [], [], []
    for _, target, rel, edge in graph.out_edges(key, keys=True, data=True):
        rel = str(getattr(rel, "value", rel))
        if rel == "MENTIONS":
            (about if edge.get("central") else mentions).append(node_iri(target))
        elif rel == "ANSWERS":
            parents.append(node_iri(target))
    authors = [node_iri(u) for u, _, rel in graph.in_edges(key, keys=True) if rel == "WROTE"]
    if authors:
        item["author"] = sorted(authors)
    elif data.get("author"):
        item["author"] = {"@type": "Person", "name": data["author"]}
    for term, values in (("about", about), ("mentions", mentions), ("parentItem", parents)):
        if values:
            item[term] = sorted(values)
    return item
