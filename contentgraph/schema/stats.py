"""Counts of the graph and when it was built."""

from __future__ import annotations

import strawberry

from ..graph import results


@strawberry.type(description="Size of the graph and when it was built.")
class Stats:
    data: strawberry.Private[results.Stats]

    @strawberry.field(description="Number of articles.")
    def articles(self) -> int:
        return self.data.articles

    @strawberry.field(description="Number of reader questions.")
    def questions(self) -> int:
        return self.data.questions

    @strawberry.field(description="Number of therapists' answers.")
    def answers(self) -> int:
        return self.data.answers

    @strawberry.field(description="Number of authors.")
    def authors(self) -> int:
        return self.data.authors

    @strawberry.field(description="Number of concepts in the taxonomy.")
    def concepts(self) -> int:
        return self.data.concepts

    @strawberry.field(description="Number of concept mentions across all documents.")
    def mentions(self) -> int:
        return self.data.mentions

    @strawberry.field(description="Number of concept-to-concept relations.")
    def relations(self) -> int:
        return self.data.relations

    @strawberry.field(description="When the graph was built (ISO 8601, UTC).")
    def built_at(self) -> str:
        return self.data.built_at
