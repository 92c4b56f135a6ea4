"""A concept's neighbourhood as positioned nodes and edges, ready for the SVG template."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..graph.facade import ConceptGraph
from ..graph.results import Subgraph
from ..taxonomy.model import ConceptKind, RelationKind

WIDTH, HEIGHT, MARGIN = 760, 460, 70
LABEL_ROOM = 130  # half the width of a long label
SEED = 7  # the same graph always gets the same picture
TAXONOMY_RELATIONS = {RelationKind.BROADER, RelationKind.NARROWER, RelationKind.RELATED}


@dataclass(frozen=True, slots=True)
class Node:
    slug: str
    label: str
    kind: ConceptKind
    x: float
    y: float
    radius: float
    centre: bool

    @property
    def anchor(self) -> str:
        """Where the label hangs from, so labels near the sides stay inside the picture."""
        if self.x < LABEL_ROOM:
            return "start"
        if self.x > WIDTH - LABEL_ROOM:
            return "end"
        return "middle"

    @property
    def label_x(self) -> float:
        return {"start": self.x - self.radius, "end": self.x + self.radius}.get(self.anchor,
                                                                                self.x)


@dataclass(frozen=True, slots=True)
class Line:
    source: Node
    target: Node
    relations: tuple[RelationKind, ...]
    width: float
    dashed: bool  # only taxonomy relations, no evidence from the text


@dataclass(frozen=True, slots=True)
class Picture:
    width: int
    height: int
    nodes: tuple[Node, ...]
    lines: tuple[Line, ...]
    kinds: tuple[ConceptKind, ...]  # for the legend, in enum order
    truncated: bool


def picture(graph: ConceptGraph, subgraph: Subgraph) -> Picture:
    """Lay out ``subgraph`` (centre first) with a seeded spring layout scaled to the canvas."""
    pairs: dict[frozenset, dict] = {}
    for edge in subgraph.edges:
        if edge.source == edge.target:
            continue
        pair = pairs.setdefault(frozenset((edge.source, edge.target)),
                                {"ends": (edge.source, edge.target), "weight": 0.0, "rel": []})
        pair["weight"] = max(pair["weight"], edge.weight)
        if edge.relation not in pair["rel"]:
            pair["rel"].append(edge.relation)
    layout_graph = nx.Graph()
    layout_graph.add_nodes_from(subgraph.nodes)
    for pair in pairs.values():
        layout_graph.add_edge(*pair["ends"], weight=0.2 + pair["weight"])
    positions = _positions(layout_graph, subgraph.nodes[0] if subgraph.nodes else None)

    nodes: dict[str, Node] = {}
    for index, slug in enumerate(subgraph.nodes):
        concept = graph.concept(slug)
        if concept is None:
            continue
        x, y = positions[slug]
        nodes[slug] = Node(slug, concept.label, concept.kind, x, y, 14 if index == 0 else 9,
                           index == 0)
    top = max((p["weight"] for p in pairs.values()), default=0.0) or 1.0
    lines = tuple(
        Line(nodes[a], nodes[b], tuple(p["rel"]), round(1 + 5 * p["weight"] / top, 2),
             all(r in TAXONOMY_RELATIONS for r in p["rel"]))
        for p in pairs.values() for a, b in [p["ends"]] if a in nodes and b in nodes)
    present = {n.kind for n in nodes.values()}
    return Picture(WIDTH, HEIGHT, tuple(nodes.values()), lines,
                   tuple(k for k in ConceptKind if k in present), subgraph.truncated)


def _positions(layout_graph: nx.Graph, centre: str | None) -> dict[str, tuple[float, float]]:
    if not layout_graph:
        return {}
    if len(layout_graph) == 1:
        return {centre: (WIDTH / 2, HEIGHT / 2)}
    raw = nx.spring_layout(layout_graph, seed=SEED, weight="weight",
                           k=1.5 / len(layout_graph) ** 0.5, iterations=100)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x = max(max(xs) - min(xs), 1e-9)
    span_y = max(max(ys) - min(ys), 1e-9)
    return {slug: (round(MARGIN + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN), 1),
                   round(MARGIN / 2 + (y - min(ys)) / span_y * (HEIGHT - MARGIN), 1))
            for slug, (x, y) in raw.items()}
