"""Content-team types: what the writing does not cover yet."""

from __future__ import annotations

from typing import Annotated

import strawberry

from ..graph import results
from .articles import Article, Passage, article_or_none
from .concepts import Concept, ConceptKind, concepts_of
from .context import graph_of
from .pagination import PageInfo, check_size, encode_cursor, page, page_info

GapKind = strawberry.enum(
    results.GapKind, name="GapKind",
    description="Why a concept is worth writing about: UNCOVERED (no article mentions it), THIN "
                "(articles mention it, none is about it), UNANSWERED (readers ask about it and "
                "at most two articles cover it).")


def articles_of(info: strawberry.Info, slugs, first: int | None, default: int) -> list[Article]:
    """The first ``first`` (``default`` when null; at most 100) of ``slugs`` as Articles."""
    first = check_size(first, default=default)
    found = (article_or_none(info, slug) for slug in slugs[:first])
    return [a for a in found if a is not None]


@strawberry.type(description="A phrase of the field that no concept of the taxonomy matches "
                             "yet: a candidate concept.")
class CandidateTerm:
    phrase: str = strawberry.field(description="The phrase.")
    count: int = strawberry.field(description="Number of occurrences across the documents.")
    article_count: int = strawberry.field(description="Number of documents it occurs in.")
    score: float = strawberry.field(
        description="Termhood: how much the phrase reads as a term of the field rather than of "
                    "everyday English (C-value, specificity, nearness to known concepts); "
                    "higher first.")
    kind: ConceptKind | None = strawberry.field(
        description="The kind of concept it would likely be, guessed from its head word and "
                    "the concepts named beside it; null when no guess holds.")
    variants: list[str] = strawberry.field(
        description="Other ways the documents write it (plurals, spellings).")
    examples_all: strawberry.Private[tuple]

    @strawberry.field(description="Sentences that use the phrase.")
    def examples(
        self,
        first: Annotated[int | None, strawberry.argument(
            description="How many sentences, at most 100.")] = 3,
    ) -> list[str]:
        return list(self.examples_all[:check_size(first, default=3)])

    @classmethod
    def of(cls, term: results.CandidateTerm) -> CandidateTerm:
        """The GraphQL view of a candidate term."""
        kind = term.kind if term.kind in ConceptKind.__members__ else None
        return cls(phrase=term.phrase, count=term.count, article_count=term.document_count,
                   score=term.score, kind=ConceptKind[kind] if kind else None,
                   variants=list(term.variants), examples_all=term.examples)


@strawberry.type(description="Two articles that share concepts but do not link to each other.")
class LinkSuggestion:
    source: Article = strawberry.field(name="from", description="The article that should link.")
    target: Article = strawberry.field(name="to", description="The article it should link to.")
    via: list[Concept] = strawberry.field(
        description="The shared concepts that justify the link.")
    score: float = strawberry.field(description="Strength of the suggestion in [0, 1].")
    sentence: Passage | None = strawberry.field(
        description="The sentence of the first article where the link would fit (the one that "
                    "names most of the shared concepts); null when none does.")


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
        return articles_of(info, self.example_slugs, first, default=3)

    @strawberry.field(description="The articles that come closest to answering: those that "
                                  "mention the concept, then those about its closest related "
                                  "concepts.")
    def closest_articles(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many articles, at most 100.")] = 3,
    ) -> list[Article]:
        first = check_size(first, default=3)
        return articles_of(info, graph_of(info).nearest_articles(self.concept.slug, first),
                           first, default=3)


@strawberry.type(description="A concept worth writing about next, and why.")
class WriteNext:
    concept: Concept = strawberry.field(description="The concept.")
    gap: GapKind = strawberry.field(description="What is missing.")
    score: float = strawberry.field(
        description="Readers' demand x how little is written x the concept's weight in the "
                    "field; comparable within one graph, higher first.")
    reason: str = strawberry.field(
        description="Why, in words: \"42 reader questions, 3,100 views; mentioned in 2 "
                    "articles, central in none\".")
    question_count: int = strawberry.field(description="Reader questions about it.")
    views: int = strawberry.field(
        description="Views of those questions (and their answers), where the source counts "
                    "them; 0 otherwise.")
    upvotes: int = strawberry.field(description="Upvotes of their answers, where counted.")
    article_count: int = strawberry.field(description="Articles that mention it.")
    central_count: int = strawberry.field(description="Articles it is central to.")
    importance: float = strawberry.field(
        description="Weight in the field in [0, 1]: PageRank percentile and taxonomy links.")
    entry: strawberry.Private[results.WriteNext]

    @strawberry.field(description="Reader questions about it, those most about it first.")
    def examples(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many questions, at most 100.")] = 3,
    ) -> list[Article]:
        return articles_of(info, self.entry.examples, first, default=3)

    @strawberry.field(description="The existing articles closest to it, to extend or link "
                                  "from.")
    def nearest_articles(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many articles, at most 100.")] = 3,
    ) -> list[Article]:
        return articles_of(info, self.entry.nearest, first, default=3)

    @classmethod
    def of(cls, entry: results.WriteNext, concept: Concept) -> WriteNext:
        """The GraphQL view of an entry."""
        return cls(concept=concept, gap=entry.gap, score=entry.score, reason=entry.reason,
                   question_count=entry.questions, views=entry.views, upvotes=entry.upvotes,
                   article_count=entry.articles, central_count=entry.central,
                   importance=entry.importance, entry=entry)


@strawberry.type(description="One entry of a page of what to write next.")
class WriteNextEdge:
    cursor: str = strawberry.field(description="Opaque position of this entry in the list.")
    node: WriteNext = strawberry.field(description="The entry.")


@strawberry.type(description="A page of what to write next (Relay connection).")
class WriteNextConnection:
    edges: list[WriteNextEdge] = strawberry.field(description="The entries of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits in the list.")
    total_count: int = strawberry.field(description="Number of entries in the whole list.")


@strawberry.type(description="What the practice has not written about yet.")
class Gaps:
    @strawberry.field(description="What to write next: uncovered, thin and unanswered concepts "
                                  "in one list, ranked by readers' demand (questions, their "
                                  "views and upvotes), how little is written, and the concept's "
                                  "weight in the field; those nobody asked about last.")
    def write_next(
        self, info: strawberry.Info,
        gap: Annotated[results.GapKind | None, strawberry.argument(
            description="Only entries with this gap.")] = None,
        kind: Annotated[ConceptKind | None, strawberry.argument(
            description="Only concepts of this kind.")] = None,
        first: Annotated[int | None, strawberry.argument(
            description="Page size, at most 100.")] = 20,
        after: Annotated[str | None, strawberry.argument(
            description="Cursor of the item after which the page starts.")] = None,
    ) -> WriteNextConnection:
        graph = graph_of(info)
        found = graph.write_next(gap=gap, kind=kind)
        start, items = page(found, first, after, default=20)
        edges = [WriteNextEdge(cursor=encode_cursor(start + i),
                               node=WriteNext.of(entry, Concept.of(graph.concept(entry.concept))))
                 for i, entry in enumerate(items)]
        return WriteNextConnection(edges=edges, page_info=page_info(start, len(edges),
                                                                    len(found)),
                                   total_count=len(found))

    @strawberry.field(description="Concepts of the taxonomy that no article mentions.")
    def uncovered(self, info: strawberry.Info) -> list[Concept]:
        return concepts_of(info, graph_of(info).gaps().uncovered)

    @strawberry.field(description="Concepts that articles mention but none is about "
                                  "(never central).")
    def thin(self, info: strawberry.Info) -> list[Concept]:
        return concepts_of(info, graph_of(info).gaps().thin)

    @strawberry.field(description="Phrases of the field the taxonomy does not know, most worth "
                                  "a concept first.")
    def candidate_terms(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many terms, at most 100.")] = 50,
    ) -> list[CandidateTerm]:
        first = check_size(first, default=50)
        return [CandidateTerm.of(t) for t in graph_of(info).gaps().candidate_terms[:first]]

    @strawberry.field(description="Articles that should link to each other, best first.")
    def missing_links(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many suggestions, at most 100.")] = 50,
    ) -> list[LinkSuggestion]:
        first = check_size(first, default=50)
        graph = graph_of(info)
        out = []
        for link in graph.gaps().missing_links[:first]:
            source, target = article_or_none(info, link.source), article_or_none(info, link.target)
            if source is not None and target is not None:
                out.append(LinkSuggestion(
                    source=source, target=target, via=concepts_of(info, link.via),
                    score=link.score,
                    sentence=Passage.of(link.sentence, graph) if link.sentence else None))
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
