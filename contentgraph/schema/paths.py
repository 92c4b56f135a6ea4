"""Exploring types: a path between two concepts and a concept's neighbourhood."""

from __future__ import annotations

from typing import Annotated

import strawberry

from ..graph import results
from ..graph.facade import ConceptGraph
from .articles import Passage, link_evidence
from .concepts import Concept, RelationKind


@strawberry.type(description="One hop of a path: two concepts and what links them.")
class PathStep:
    source: Concept = strawberry.field(name="from",
                                       description="The concept the hop starts from.")
    target: Concept = strawberry.field(name="to", description="The concept the hop leads to.")
    relations: list[RelationKind] = strawberry.field(
        description="Every kind of relation linking the two, strongest first.")

    @strawberry.field(description="Passages that show the link, best first.")
    def evidence(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many passages, at most 100.")] = 1,
    ) -> list[Passage]:
        return link_evidence(info, self.source.slug, self.target.slug, first, default=1)


@strawberry.type(description="How two concepts connect: the strongest short chain of links.")
class Path:
    length: int = strawberry.field(description="Number of hops.")
    steps: list[PathStep] = strawberry.field(
        description="The hops, in order from the first concept to the second.")

    @classmethod
    def of(cls, path: results.Path, graph: ConceptGraph) -> Path:
        """The GraphQL view of a path found in ``graph``."""
        steps = [PathStep(source=Concept.of(graph.concept(s.source)),
                          target=Concept.of(graph.concept(s.target)),
                          relations=list(s.relations))
                 for s in path.steps]
        return cls(length=path.length, steps=steps)


@strawberry.type(description="A link between two concepts of a subgraph.")
class Edge:
    source: Concept = strawberry.field(description="The concept the link starts from.")
    target: Concept = strawberry.field(description="The concept the link leads to.")
    relation: RelationKind = strawberry.field(description="The kind of link.")
    weight: float = strawberry.field(description="Strength of the link (higher is stronger).")


@strawberry.type(description="A concept's neighbourhood: concepts within a few links, and the "
                             "links among them.")
class Subgraph:
    nodes: list[Concept] = strawberry.field(description="The concepts, the centre first.")
    edges: list[Edge] = strawberry.field(description="The links among the concepts.")
    truncated: bool = strawberry.field(description="True when the size limit left concepts out.")

    @classmethod
    def of(cls, sub: results.Subgraph, graph: ConceptGraph) -> Subgraph:
        """The GraphQL view of a subgraph of ``graph``."""
        concepts = {slug: Concept.of(graph.concept(slug)) for slug in sub.nodes}
        edges = [Edge(source=concepts.get(e.source) or Concept.of(graph.concept(e.source)),
                      target=concepts.get(e.target) or Concept.of(graph.concept(e.target)),
                      relation=e.relation, weight=e.weight) for e in sub.edges]
        return cls(nodes=list(concepts.values()), edges=edges, truncated=sub.truncated)


EMPTY_SUBGRAPH = Subgraph(nodes=[], edges=[], truncated=False)
