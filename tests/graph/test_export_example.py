"""Exports of the bundled example corpus's graph, each read back by the tool a researcher uses."""

from __future__ import annotations

import csv

import networkx as nx
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from contentgraph.graph.export import export

SCHEMA = Namespace("https://schema.org/")


def _counts(graph) -> tuple[int, int]:
    return graph.number_of_nodes(), graph.number_of_edges()


def _assert_scalar(graph) -> None:
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data
    for *_, data in graph.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data


def test_graphml_of_the_example_reads_back_whole(example_graph, tmp_path):
    (path,) = export(example_graph, "graphml", tmp_path / "example.graphml")
    back = nx.read_graphml(path)
    assert _counts(back) == _counts(example_graph.graph)
    _assert_scalar(back)
    concepts = [d for _, d in back.nodes(data=True) if d["type"] == "concept"]
    assert concepts and all(d["label"] and d["kind"] for d in concepts)
    relations = {d["relation"] for *_, d in back.edges(data=True)}
    assert {"MENTIONS", "CO_OCCURS"} <= relations


def test_gexf_of_the_example_reads_back_whole(example_graph, tmp_path):
    (path,) = export(example_graph, "gexf", tmp_path / "example.gexf")
    back = nx.read_gexf(path)
    assert _counts(back) == _counts(example_graph.graph)
    _assert_scalar(back)
    assert all("label" in d and "type" in d for _, d in back.nodes(data=True))


def _central_mention(cg) -> tuple[str, str]:
    for u, v, rel, data in sorted(cg.graph.edges(keys=True, data=True)):
        if rel == "MENTIONS" and data.get("central") and cg.graph.nodes[u]["type"] == "article":
            return u.split(":", 1)[1], v.split(":", 1)[1]
    raise AssertionError("no article has a central concept")


def test_jsonld_of_the_example_has_skos_labels_and_schema_about(example_graph, tmp_path):
    (path,) = export(example_graph, "jsonld", tmp_path / "example.jsonld")
    rdf = Graph().parse(data=path.read_text(encoding="utf-8"), format="json-ld")
    article, concept = _central_mention(example_graph)
    concept_iri = URIRef(f"urn:contentgraph:concept:{concept}")
    article_iri = URIRef(f"urn:contentgraph:doc:{article}")
    label = example_graph.concept(concept).label
    assert (concept_iri, RDF.type, SKOS.Concept) in rdf
    assert (concept_iri, SKOS.prefLabel, Literal(label)) in rdf
    assert (article_iri, RDF.type, SCHEMA.Article) in rdf
    assert (article_iri, SCHEMA.about, concept_iri) in rdf
    assert (article_iri, SCHEMA.name, Literal(example_graph.document(article).title)) in rdf
    concepts = set(rdf.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(example_graph.concepts())


def _rows(path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_neo4j_csv_of_the_example_has_typed_headers_and_every_node_and_edge(example_graph, tmp_path):
    export(example_graph, "csv", tmp_path / "neo4j")
    folder = tmp_path / "neo4j"
    graph = example_graph.graph
    header, concepts = _rows(folder / "concepts.csv")
    assert header[:2] == ["id:ID", ":LABEL"]
    assert "alt_labels:string[]" in header
    assert len(concepts) == sum(1 for _, d in graph.nodes(data=True) if d["type"] == "concept")
    header, documents = _rows(folder / "documents.csv")
    assert "word_count:int" in header
    _, authors = _rows(folder / "authors.csv")
    assert len(concepts) + len(documents) + len(authors) == graph.number_of_nodes()
    header, mentions = _rows(folder / "mentions.csv")
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"count:int", "weight:float", "central:boolean"} <= set(header)
    header, relations = _rows(folder / "concept_relations.csv")
    assert {"weight:float", "evidence_count:int"} <= set(header)
    _, links = _rows(folder / "document_links.csv")
    assert len(mentions) + len(relations) + len(links) == graph.number_of_edges()
    ids = {row[0] for row in concepts + documents + authors}
    assert all(row[0] in ids and row[1] in ids for row in mentions + relations + links)
