"""Counts of the graph and when it was built."""

from __future__ import annotations

import strawberry

from ..graph import results


@strawberry.type(description="Size of the graph and when it was built.")
class Stats:
    articles: int = strawberry.field(description="Number of articles.")
    questions: int = strawberry.field(description="Number of reader questions.")
    answers: int = strawberry.field(description="Number of therapists' answers.")
    authors: int = strawberry.field(description="Number of authors.")
    concepts: int = strawberry.field(description="Number of concepts in the taxonomy.")
    mentions: int = strawberry.field(
        description="Number of concept mentions across all documents.")
    relations: int = strawberry.field(description="Number of concept-to-concept relations.")
    built_at: str = strawberry.field(description="When the graph was built (ISO 8601, UTC).")

    @classmethod
    def of(cls, stats: results.Stats) -> Stats:
        """The GraphQL view of the graph's stats."""
        return cls(articles=stats.articles, questions=stats.questions, answers=stats.answers,
                   authors=stats.authors, concepts=stats.concepts, mentions=stats.mentions,
                   relations=stats.relations, built_at=stats.built_at)
