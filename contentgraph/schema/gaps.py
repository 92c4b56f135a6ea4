"""Content-team types: what the writing does not cover yet."""

from __future__ import annotations

from typing import Annotated

import strawberry

from .articles import Article, article_or_none
from .concepts import Concept, concepts_of
from .context import graph_of
from .pagination import check_size


@strawberry.type(description="A frequent phrase that no concept of the taxonomy matches.")
class CandidateTerm:
    phrase: str = strawberry.field(description="The phrase.")
    count: int = strawberry.field(description="Number of occurrences across the documents.")
    article_count: int = strawberry.field(description="Number of documents it occurs in.")


@strawberry.type(description="Two articles that share concepts but do not link to each other.")
class LinkSuggestion:
    source: Article = strawberry.field(name="from", description="The article that should link.")
    target: Article = strawberry.field(name="to", description="The article it should link to.")
    via: list[Concept] = strawberry.field(
        description="The shared concepts that justify the link.")
    score: float = strawberry.field(description="Strength of the suggestion in [0, 1].")


@strawberry.type(description="A concept readers ask about more than the articles cover.")
class QuestionGap:
    concept: Concept = strawberry.field(description="The concept asked about.")
    question_count: int = strawberry.field(description="Number of reader questions about it.")
    article_count: int = strawberry.field(description="Number of articles about it.")
    example_slugs: strawberry.Private[tuple]

    @strawberry.field(description="Example questions.")
    def examples(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many examples, at most 100.")] = 3,
    ) -> list[Article]:
        first = check_size(first, default=3)
        found = (article_or_none(info, slug) for slug in self.example_slugs[:first])
        return [a for a in found if a is not None]


@strawberry.type(description="What the practice has not written about yet.")
class Gaps:
    @strawberry.field(description="Concepts of the taxonomy that no article mentions.")
    def uncovered(self, info: strawberry.Info) -> list[Concept]:
        return concepts_of(info, graph_of(info).gaps().uncovered)

    @strawberry.field(description="Concepts that articles mention but none is about "
                                  "(never central).")
    def thin(self, info: strawberry.Info) -> list[Concept]:
        return concepts_of(info, graph_of(info).gaps().thin)

    @strawberry.field(description="Frequent phrases the taxonomy does not know, most frequent "
                                  "first.")
    def candidate_terms(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many terms, at most 100.")] = 50,
    ) -> list[CandidateTerm]:
        first = check_size(first, default=50)
        return [CandidateTerm(phrase=t.phrase, count=t.count, article_count=t.document_count)
                for t in graph_of(info).gaps().candidate_terms[:first]]

    @strawberry.field(description="Articles that should link to each other, best first.")
    def missing_links(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many suggestions, at most 100.")] = 50,
    ) -> list[LinkSuggestion]:
        first = check_size(first, default=50)
        out = []
        for link in graph_of(info).gaps().missing_links[:first]:
            source, target = article_or_none(info, link.source), article_or_none(info, link.target)
            if source is not None and target is not None:
                out.append(LinkSuggestion(source=source, target=target,
                                          via=concepts_of(info, link.via), score=link.score))
        return out

    @strawberry.field(description="Concepts readers ask about that no article answers, most "
                                  "asked first.")
    def unanswered_questions(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many concepts, at most 100.")] = 50,
    ) -> list[QuestionGap]:
        first = check_size(first, default=50)
        graph = graph_of(info)
        out = []
        for gap in graph.gaps().unanswered_questions[:first]:
            concept = graph.concept(gap.concept)
            if concept is not None:
                out.append(QuestionGap(concept=Concept.of(concept),
                                       question_count=gap.question_count,
                                       article_count=gap.article_count,
                                       example_slugs=gap.examples))
        return out
