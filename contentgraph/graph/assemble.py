"""A graph store -> the networkx MultiDiGraph researchers and exports use, and its node names.

Node keys: ``concept:<slug>``, ``doc:<slug>``, ``author:<slug>``. Edges are keyed by relation:
``MENTIONS`` (document -> concept: ``count``, ``weight``, ``central``), ``WROTE``, ``ANSWERS``,
``LINKS_TO`` (``url``), and concept-to-concept edges keyed by their RelationKind value, with
``relation``, ``weight`` (in [0, 1]) and ``evidence`` (up to 20 Passages, best first). The whole
graph is in memory: what a notebook or an export needs, never what the server needs.
"""

from __future__ import annotations

from itertools import islice

import networkx as nx

from . import rows
from .keys import slugify


EVIDENCE_BATCH = 100  # relations whose quoted documents are read at once


def concept_node(slug: str) -> str:
    return f"concept:{slug}"


def doc_node(slug: str) -> str:
    return f"doc:{slug}"


def author_node(name: str) -> str:
    return f"author:{slugify(name)}"


def graph_from_store(store) -> nx.MultiDiGraph:
    """The whole graph of the store ``store`` (a ``store.Store``)."""
    graph = nx.MultiDiGraph()
    for row in store.rows("SELECT slug, label, kind, definition, alt_labels, broader, sensitive "
                          "FROM concepts ORDER BY position"):
        slug, label, kind, definition, alt_labels, broader, sensitive = row
        graph.add_node(concept_node(slug), type="concept", label=label, kind=kind,
                       definition=definition or "", alt_labels=rows.loads(alt_labels),
                       sensitive=bool(sensitive), broader=rows.loads(broader))
    slugs = {}
    for doc_id, slug, kind, title, url, author, published, words, tags, parent in store.rows(
            "SELECT d.id, d.slug, d.kind, d.title, d.url, d.author, d.published, d.word_count, "
            "d.tags, d.parent FROM documents d JOIN files f ON f.id = d.file "
            "ORDER BY f.position, d.position"):
        node = doc_node(slug)
        slugs[doc_id] = slug
        graph.add_node(node, type=kind, label=title, title=title, url=url or "",
                       author=author or "", published=published or "", word_count=words,
                       tags=rows.loads(tags))
        if author:
            writer = author_node(author)
            if writer not in graph:
                graph.add_node(writer, type="author", label=author)
            graph.add_edge(writer, node, key="WROTE", relation="WROTE")
        if parent:
            graph.add_edge(node, doc_node(parent), key="ANSWERS", relation="ANSWERS")
    for source, target, url in store.rows("SELECT document, target, url FROM document_links"):
        graph.add_edge(doc_node(slugs[source]), doc_node(slugs[target]), key="LINKS_TO",
                       relation="LINKS_TO", url=url)
    # an answer whose question is not in the build points nowhere
    graph.remove_nodes_from([n for n, data in graph.nodes(data=True) if not data])
    relations = store.iterate("SELECT source, target, kind, weight, stated_by, support, cues, "
                              "evidence FROM relations")
    while batch := list(islice(relations, EVIDENCE_BATCH)):
        evidence = rows.read_evidence(store.rows, [row[-1] for row in batch])
        for (source, target, kind, weight, stated_by, support, cues, _), passages \
                in zip(batch, evidence):
            extra = {k: v for k, v in (("stated_by", stated_by), ("support", support),
                                       ("cues", cues)) if v is not None}
            graph.add_edge(concept_node(source), concept_node(target), key=kind, relation=kind,
                           weight=weight, evidence=list(passages), **extra)
    for doc_id, concept, count, weight, central in store.rows(
            "SELECT document, concept, count, weight, central FROM document_concepts "
            "ORDER BY document, rank"):
        graph.add_edge(doc_node(slugs[doc_id]), concept_node(concept), key="MENTIONS",
                       relation="MENTIONS", count=count, weight=weight, central=bool(central))
    return graph
