"""Exploring types: a path between two concepts and a concept's neighbourhood."""

from __future__ import annotations

from typing import Annotated

import strawberry

from ..graph import results
from .articles import Passage
from .concepts import Concept, RelationKind, concepts_of
from .context import graph_of
from .pagination import check_size


@strawberry.type(description="One hop of a path: two concepts and what links them.")
class PathStep:
    data: strawberry.Private[results.PathStep]

    @strawberry.field(name="from", description="The concept the hop starts from.")
    def source(self, info: strawberry.Info) -> Concept:
        return Concept(data=graph_of(info).concept(self.data.source))

    @strawberry.field(name="to", description="The concept the hop leads to.")
    def target(self, info: strawberry.Info) -> Concept:
        return Concept(data=graph_of(info).concept(self.data.target))

    @strawberry.field(description="Every kind of relation linking the two, strongest first.")
    def relations(self) -> list[RelationKind]:
        return list(self.data.relations)

    @strawberry.field(description="Passages that show the link, best first.")
    def evidence(
        self,
        first: Annotated[int | None, strawberry.argument(
            description="How many passages, at most 100.")] = 1,
    ) -> list[Passage]:
        first = check_size(first, default=1)
        return [Passage(data=p) for p in self.data.evidence[:first]]


@strawberry.type(description="How two concepts connect: the strongest short chain of links.")
class Path:
    data: strawberry.Private[results.Path]

    @strawberry.field(description="Number of hops.")
    def length(self) -> int:
        return self.data.length

    @strawberry.field(description="The hops, in order from the first concept to the second.")
    def steps(self) -> list[PathStep]:
        return [PathStep(data=s) for s in self.data.steps]


@strawberry.type(description="A link between two concepts of a subgraph.")
class Edge:
    data: strawberry.Private[results.Edge]

    @strawberry.field(description="The concept the link starts from.")
    def source(self, info: strawberry.Info) -> Concept:
        return Concept(data=graph_of(info).concept(self.data.source))

    @strawberry.field(description="The concept the link leads to.")
    def target(self, info: strawberry.Info) -> Concept:
        return Concept(data=graph_of(info).concept(self.data.target))

    @strawberry.field(description="The kind of link.")
    def relation(self) -> RelationKind:
        return self.data.relation

    @strawberry.field(description="Strength of the link (higher is stronger).")
    def weight(self) -> float:
        return self.data.weight


@strawberry.type(description="A concept's neighbourhood: concepts within a few links, and the "
                             "links among them.")
class Subgraph:
    data: strawberry.Private[results.Subgraph]

    @strawberry.field(description="The concepts, the centre first.")
    def nodes(self, info: strawberry.Info) -> list[Concept]:
        return concepts_of(info, self.data.nodes)

    @strawberry.field(description="The links among the concepts.")
    def edges(self) -> list[Edge]:
        return [Edge(data=e) for e in self.data.edges]

    @strawberry.field(description="True when the size limit left concepts out.")
    def truncated(self) -> bool:
        return self.data.truncated


EMPTY_SUBGRAPH = results.Subgraph(nodes=(), edges=(), truncated=False)
