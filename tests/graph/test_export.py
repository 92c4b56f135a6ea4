"""Exports of a small hand-made graph in the facade's node/edge layout: every format read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from contentgraph.errors import ExportError
from contentgraph.graph.export import DEFAULT_OUT, export, write_gexf, write_graphml, \
    write_jsonld, write_neo4j_csv
from contentgraph.graph.results import Community
from contentgraph.loaders.model import Passage
from contentgraph.taxonomy.model import ConceptKind, RelationKind

SCHEMA = Namespace("https://schema.org/")


class SmallGraph:
    """Just what the writers use of a ConceptGraph: the read-only graph and two scores."""

    def __init__(self, graph: nx.MultiDiGraph):
        self._graph = nx.freeze(graph)

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self._graph

    def centrality(self) -> dict[str, float]:
        return {"pursuer": 0.5, "withdrawer": 0.3, "pursue-withdraw": 0.2}

    def communities(self) -> list[Community]:
        return [Community(0, ("pursuer", "withdrawer", "pursue-withdraw"))]


def _small_graph() -> SmallGraph:
    g = nx.MultiDiGraph()
    for slug, label, alt, broader in (
        ("pursue-withdraw", "Pursue-withdraw cycle", ["demand-withdraw"], []),
        ("pursuer", "Pursuer", ["pursuing partner", "the chaser"], ["pursue-withdraw"]),
        ("withdrawer", "Withdrawer", [], ["pursue-withdraw"]),
    ):
        g.add_node(f"concept:{slug}", type="concept", label=label, kind=ConceptKind.CYCLE_ROLE,
                   definition=f"A made-up definition of {label.lower()}.", alt_labels=alt,
                   sensitive=False, broader=broader)
    g.add_node("doc:cycles", type="article", label="Cycles we fall into", title="Cycles we fall into",
               url="https://example.org/cycles", author="Sam Rivers", published="2024-03-01",
               word_count=812, tags=["couples", "conflict"])
    g.add_node("doc:quiet", type="article", label="The quiet partner", title="The quiet partner",
               url=None, author=None, published=None, word_count=300, tags=[])
    g.add_node("author:sam-rivers", type="author", label="Sam Rivers")
    g.add_edge("author:sam-rivers", "doc:cycles", key="WROTE")
    g.add_edge("doc:cycles", "doc:quiet", key="LINKS_TO")
    g.add_edge("doc:cycles", "concept:pursue-withdraw", key="MENTIONS", count=4, weight=0.9,
               central=True)
    g.add_edge("doc:cycles", "concept:pursuer", key="MENTIONS", count=1, weight=0.2, central=False)
    g.add_edge("doc:quiet", "concept:withdrawer", key="MENTIONS", count=3, weight=1, central=True)
    evidence = [Passage("cycles", "Roles", "The pursuer; the one who reaches out, first.", 10, 55),
                Passage("quiet", None, "A second, weaker sentence.", 0, 26)]
    g.add_edge("concept:pursuer", "concept:pursue-withdraw", key="PART_OF",
               relation=RelationKind.PART_OF, weight=0.8, evidence=evidence)
    g.add_edge("concept:pursuer", "concept:withdrawer", key="CO_OCCURS",
               relation=RelationKind.CO_OCCURS, weight=0.6, evidence=[])
    g.add_edge("concept:pursuer", "concept:pursue-withdraw", key="BROADER",
               relation=RelationKind.BROADER, weight=1.0, evidence=[])
    return SmallGraph(g)


@pytest.fixture
def small():
    return _small_graph()


def _assert_scalar_attributes(graph: nx.Graph) -> None:
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data
    for *_, data in graph.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data


def test_graphml_reads_back_with_the_same_nodes_edges_and_scalar_attributes(small, tmp_path):
    path = tmp_path / "g.graphml"
    assert write_graphml(small, path) == [path]
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == 6
    assert back.number_of_edges() == 8
    _assert_scalar_attributes(back)
    pursuer = back.nodes["concept:pursuer"]
    assert pursuer["label"] == "Pursuer"
    assert pursuer["alt_labels"] == "pursuing partner; the chaser"
    assert pursuer["kind"] == "CYCLE_ROLE"
    assert pursuer["pagerank"] == 0.5
    assert back.nodes["doc:quiet"]["type"] == "article"
    assert "url" not in back.nodes["doc:quiet"]  # None is dropped
    part_of = [d for u, v, d in back.edges(data=True) if d["relation"] == "PART_OF"]
    assert part_of == [{"relation": "PART_OF", "label": "PART_OF", "weight": 0.8,
                        "evidence_count": 2, "evidence_document": "cycles",
                        "evidence": "The pursuer; the one who reaches out, first."}]
    weights = {d["weight"] for u, v, d in back.edges(data=True) if d["relation"] == "MENTIONS"}
    assert weights == {0.9, 0.2, 1.0}  # one type for the column, though one value was an int


def test_gexf_reads_back_with_labels_types_and_weights(small, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(small, path)
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == 6
    assert back.number_of_edges() == 8
    _assert_scalar_attributes(back)
    assert back.nodes["concept:withdrawer"]["label"] == "Withdrawer"
    assert back.nodes["concept:withdrawer"]["kind"] == "CYCLE_ROLE"
    assert back.nodes["doc:cycles"]["tags"] == "couples; conflict"
    relations = sorted(d["relation"] for *_, d in back.edges(data=True))
    assert relations == ["BROADER", "CO_OCCURS", "LINKS_TO", "MENTIONS", "MENTIONS", "MENTIONS",
                         "PART_OF", "WROTE"]


def test_jsonld_parses_with_rdflib_into_skos_and_schema_org(small, tmp_path):
    path = tmp_path / "g.jsonld"
    write_jsonld(small, path)
    rdf = Graph().parse(data=path.read_text(encoding="utf-8"), format="json-ld")
    pursuer = URIRef("urn:contentgraph:concept:pursuer")
    cycle = URIRef("urn:contentgraph:concept:pursue-withdraw")
    article = URIRef("urn:contentgraph:doc:cycles")
    assert (pursuer, RDF.type, SKOS.Concept) in rdf
    assert (pursuer, SKOS.prefLabel, Literal("Pursuer")) in rdf
    assert (pursuer, SKOS.altLabel, Literal("the chaser")) in rdf
    assert (pursuer, SKOS.broader, cycle) in rdf
    assert (cycle, SKOS.narrower, pursuer) in rdf
    assert (article, RDF.type, SCHEMA.Article) in rdf
    assert (article, SCHEMA.name, Literal("Cycles we fall into")) in rdf
    assert (article, SCHEMA.about, cycle) in rdf
    assert (article, SCHEMA.mentions, pursuer) in rdf
    assert (article, SCHEMA.about, pursuer) not in rdf
    author = URIRef("urn:contentgraph:author:sam-rivers")
    assert (article, SCHEMA.author, author) in rdf
    assert (author, SCHEMA.name, Literal("Sam Rivers")) in rdf
    assert (article, SCHEMA.url, URIRef("https://example.org/cycles")) in rdf


def _read_csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_neo4j_csv_files_have_typed_headers_and_one_row_per_node_or_edge(small, tmp_path):
    written = write_neo4j_csv(small, tmp_path / "neo4j")
    assert sorted(p.name for p in written) == sorted([
        "concepts.csv", "documents.csv", "authors.csv", "mentions.csv",
        "concept_relations.csv", "document_links.csv", "import.sh"])
    folder = tmp_path / "neo4j"
    header, rows = _read_csv(folder / "concepts.csv")
    assert header[:4] == ["id:ID", ":LABEL", "slug", "label"]
    assert {"alt_labels:string[]", "sensitive:boolean", "pagerank:float", "community:int",
            "kind", "definition"} <= set(header)
    assert len(rows) == 3
    pursuer = dict(zip(header, next(r for r in rows if r[0] == "concept:pursuer")))
    assert pursuer["alt_labels:string[]"] == "pursuing partner;the chaser"
    assert pursuer[":LABEL"] == "Concept"
    header, rows = _read_csv(folder / "documents.csv")
    assert {"word_count:int", "tags:string[]"} <= set(header)
    assert sorted(r[1] for r in rows) == ["Document;Article", "Document;Article"]
    header, rows = _read_csv(folder / "mentions.csv")
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"count:int", "weight:float", "central:boolean"} <= set(header)
    assert len(rows) == 3
    header, rows = _read_csv(folder / "concept_relations.csv")
    assert {"weight:float", "evidence_count:int", "evidence"} <= set(header)
    assert sorted(r[2] for r in rows) == ["BROADER", "CO_OCCURS", "PART_OF"]
    header, rows = _read_csv(folder / "document_links.csv")
    assert sorted(r[2] for r in rows) == ["LINKS_TO", "WROTE"]
    assert "neo4j-admin database import full" in (folder / "import.sh").read_text()


def test_export_dispatches_by_format_and_writes_default_names(small, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for fmt in ("graphml", "gexf", "jsonld"):
        assert export(small, fmt) == [Path(DEFAULT_OUT[fmt])]
        assert (tmp_path / DEFAULT_OUT[fmt]).stat().st_size > 0
    json.loads((tmp_path / DEFAULT_OUT["jsonld"]).read_text(encoding="utf-8"))
    written = export(small, "csv")
    assert len(written) == 7
    assert all(p.parent == Path(DEFAULT_OUT["csv"]) for p in written)


def test_unknown_format_is_a_clear_error(small, tmp_path):
    with pytest.raises(ExportError, match="Unknown export format 'dot': use one of graphml"):
        export(small, "dot", tmp_path / "g.dot")


def test_unwritable_paths_are_clear_errors(small, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="Cannot write into '.*a-file': it is a file"):
        export(small, "graphml", blocker / "g.graphml")
    with pytest.raises(ExportError, match="it is a folder"):
        export(small, "gexf", tmp_path)
    with pytest.raises(ExportError, match="it is a file, give a folder"):
        export(small, "csv", blocker)
