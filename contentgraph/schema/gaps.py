"""Content-team types: what the writing does not cover yet."""

from __future__ import annotations

from typing import Annotated

import strawberry

from ..graph import results
from .articles import Article, article_or_none
from .concepts import Concept, concept_or_none, concepts_of
from .context import graph_of
from .pagination import check_size


@strawberry.type(description="A frequent phrase that no concept of the taxonomy matches.")
class CandidateTerm:
    data: strawberry.Private[results.CandidateTerm]

    @strawberry.field(description="The phrase.")
    def phrase(self) -> str:
        return self.data.phrase

    @strawberry.field(description="Number of occurrences across the documents.")
    def count(self) -> int:
        return self.data.count

    @strawberry.field(description="Number of documents it occurs in.")
    def article_count(self) -> int:
        return self.data.document_count


@strawberry.type(description="Two articles that share concepts but do not link to each other.")
class LinkSuggestion:
    data: strawberry.Private[results.LinkSuggestion]

    @strawberry.field(name="from", description="The article that should link.")
    def source(self, info: strawberry.Info) -> Article:
        return article_or_none(info, self.data.source)

    @strawberry.field(name="to", description="The article it should link to.")
    def target(self, info: strawberry.Info) -> Article:
        return article_or_none(info, self.data.target)

    @strawberry.field(description="The shared concepts that justify the link.")
    def via(self, info: strawberry.Info) -> list[Concept]:
        return concepts_of(info, self.data.via)

    @strawberry.field(description="Strength of the suggestion in [0, 1].")
    def score(self) -> float:
        return self.data.score


@strawberry.type(description="A concept readers ask about more than the articles cover.")
class QuestionGap:
    data: strawberry.Private[results.QuestionGap]

    @strawberry.field(description="The concept asked about.")
    def concept(self, info: strawberry.Info) -> Concept:
        return concept_or_none(info, self.data.concept)

    @strawberry.field(description="Number of reader questions about it.")
    def question_count(self) -> int:
        return self.data.question_count

    @strawberry.field(description="Number of articles about it.")
    def article_count(self) -> int:
        return self.data.article_count

    @strawberry.field(description="Example questions.")
    def examples(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many examples, at most 100.")] = 3,
    ) -> list[Article]:
        first = check_size(first, default=3)
        found = (article_or_none(info, slug) for slug in self.data.examples[:first])
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
        return [CandidateTerm(data=t) for t in graph_of(info).gaps().candidate_terms[:first]]

    @strawberry.field(description="Articles that should link to each other, best first.")
    def missing_links(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many suggestions, at most 100.")] = 50,
    ) -> list[LinkSuggestion]:
        first = check_size(first, default=50)
        return [LinkSuggestion(data=s) for s in graph_of(info).gaps().missing_links[:first]]

    @strawberry.field(description="Concepts readers ask about that no article answers, most "
                                  "asked first.")
    def unanswered_questions(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many concepts, at most 100.")] = 50,
    ) -> list[QuestionGap]:
        first = check_size(first, default=50)
        found = graph_of(info).gaps().unanswered_questions[:first]
        return [QuestionGap(data=q) for q in found]
