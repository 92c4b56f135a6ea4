"""Concept types: a taxonomy concept, its related concepts and the concept connection."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from ..taxonomy import model
from .context import graph_of
from .pagination import PageInfo, check_size, encode_cursor, page_bounds, page_info

if TYPE_CHECKING:
    from .articles import ArticleConnection, Passage

_ARTICLES = "contentgraph.schema.articles"
_FIRST = "Page size, at most 100."
_AFTER = "Cursor of the item after which the page starts."

ConceptKind = strawberry.enum(
    model.ConceptKind, name="ConceptKind",
    description="What a concept is; each value says what it covers.")
KIND_DESCRIPTIONS = {
    "ATTACHMENT_STYLE": "A way of bonding learned early: secure, anxious, avoidant...",
    "RELATIONSHIP_CYCLE": "A loop two partners fall into, such as pursue-withdraw.",
    "CYCLE_ROLE": "The part one partner plays in a cycle (the pursuer, the withdrawer).",
    "WARNING_SIGN": "A pattern that puts a relationship at risk: contempt, control...",
    "THERAPY_MODALITY": "A kind of therapy or a way of working in it.",
    "EMOTION": "A feeling, or a feeling state such as feeling unloved.",
    "NEED": "What a person looks for from a partner: reassurance, closeness...",
    "BEHAVIOR": "Something people do in relationships, helpful or not.",
    "SKILL": "Something that can be learned and practised: listening, repair...",
    "BARRIER": "A reason someone resists therapy or change.",
    "OUTCOME": "Where a relationship or life event leads: a breakup, moving on, a new baby.",
    "RELATIONSHIP_TYPE": "A kind of relationship: dating, marriage, parent and child...",
    "CONDITION": "A clinical condition or diagnosis (ADHD, PTSD...), never a warning sign.",
}
# strawberry takes descriptions of values only from enums written for it; the model's enum is
# shared with the loaders, so its values are described here.
for _value in ConceptKind.__strawberry_definition__.values:
    _value.description = KIND_DESCRIPTIONS[_value.name]

RelationKind = strawberry.enum(
    model.RelationKind, name="RelationKind",
    description="How two concepts are linked: CO_OCCURS is measured from the articles; BROADER, "
                "NARROWER and RELATED come from the taxonomy; PART_OF, ASSOCIATED_WITH, CAUSES, "
                "SIGNALS, TREATED_BY and CONTRASTS_WITH come from the taxonomy or from sentences "
                "that state them.")


def concept_or_none(info: strawberry.Info, slug: str) -> Concept | None:
    """The Concept type for ``slug``, or None when the graph has no such concept."""
    data = graph_of(info).concept(slug)
    return Concept.of(data) if data is not None else None


def concepts_of(info: strawberry.Info, slugs) -> list[Concept]:
    """Concept types for the slugs the graph knows, in order."""
    graph = graph_of(info)
    found = (graph.concept(slug) for slug in slugs)
    return [Concept.of(c) for c in found if c is not None]


@strawberry.type(description="A concept of the taxonomy (SKOS-like) and how the writing uses it.")
class Concept:
    slug: strawberry.ID = strawberry.field(
        description="Stable identifier, e.g. `pursue-withdraw-cycle`.")
    label: str = strawberry.field(description="Preferred label.")
    kind: ConceptKind = strawberry.field(description="What kind of concept this is.")
    alt_labels: list[str] = strawberry.field(
        description="Synonyms and spelling variants the extractor also matches.")
    definition: str | None = strawberry.field(
        description="One-line definition, when the taxonomy gives one.")
    sensitive: bool = strawberry.field(
        description="True for a topic to handle with care (abuse, self-harm, suicidal "
                    "thoughts...): a page about it should show where to find help.")

    @classmethod
    def of(cls, concept: model.Concept) -> Concept:
        """The GraphQL view of a taxonomy concept."""
        return cls(slug=concept.slug, label=concept.label, kind=concept.kind,
                   alt_labels=concept.alt_labels, definition=concept.definition,
                   sensitive=concept.sensitive)

    @strawberry.field(description="Number of articles that mention the concept.")
    def article_count(self, info: strawberry.Info) -> int:
        return graph_of(info).article_count(self.slug)

    @strawberry.field(description="Number of reader questions that mention the concept.")
    def question_count(self, info: strawberry.Info) -> int:
        return graph_of(info).document_count(self.slug, "question")

    @strawberry.field(description="Number of therapists' answers that mention the concept.")
    def answer_count(self, info: strawberry.Info) -> int:
        return graph_of(info).document_count(self.slug, "answer")

    @strawberry.field(description="Number of mentions across all documents.")
    def mention_count(self, info: strawberry.Info) -> int:
        return graph_of(info).mention_count(self.slug)

    @strawberry.field(description="Broader concepts (the taxonomy's parents).")
    def broader(self, info: strawberry.Info) -> list[Concept]:
        return [Concept.of(c) for c in graph_of(info).broader(self.slug)]

    @strawberry.field(description="Narrower concepts (the taxonomy's children), e.g. the roles "
                                  "of a cycle.")
    def narrower(self, info: strawberry.Info) -> list[Concept]:
        return [Concept.of(c) for c in graph_of(info).narrower(self.slug)]

    @strawberry.field(description="Closest concepts, best first, with the relations that link "
                                  "them and the passages that show it.")
    def related(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many related concepts, at most 100.")] = 10,
        kind: Annotated[ConceptKind | None, strawberry.argument(
            description="Only related concepts of this kind.")] = None,
    ) -> list[RelatedConcept]:
        first = check_size(first, default=10)
        graph = graph_of(info)
        out = []
        for rel in graph.related_concepts(self.slug, kind=kind, n=first, evidence=0):
            concept = graph.concept(rel.concept)
            if concept is not None:
                out.append(RelatedConcept(concept=Concept.of(concept), score=rel.score,
                                          relations=list(rel.relations), source=self.slug))
        return out

    @strawberry.field(description="Articles that mention the concept: those where it is central "
                                  "first, then by weight.")
    def articles(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = 20,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Annotated[ArticleConnection, strawberry.lazy(_ARTICLES)]:
        return _documents(info, self.slug, "article", first, after)

    @strawberry.field(description="Reader questions that mention the concept: those it is "
                                  "central to first, then by weight.")
    def questions(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = 20,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Annotated[ArticleConnection, strawberry.lazy(_ARTICLES)]:
        return _documents(info, self.slug, "question", first, after)

    @strawberry.field(description="Therapists' answers that mention the concept: those it is "
                                  "central to first, then by weight.")
    def answers(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = 20,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> Annotated[ArticleConnection, strawberry.lazy(_ARTICLES)]:
        return _documents(info, self.slug, "answer", first, after)

    @strawberry.field(description="The best sentences that mention the concept, one a "
                                  "document: from articles, then therapists' answers, then "
                                  "reader questions, documents it is central to first.")
    def passages(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many passages, at most 100.")] = 5,
    ) -> list[Annotated[Passage, strawberry.lazy(_ARTICLES)]]:
        from .articles import Passage

        first = check_size(first, default=5)
        graph = graph_of(info)
        return [Passage.of(p, graph) for p in graph.passages(self.slug, n=first)]


def _documents(info: strawberry.Info, slug: str, kind: str, first: int | None,
               after: str | None) -> ArticleConnection:
    """One page of the documents of ``kind`` that mention the concept."""
    from .articles import article_connection

    graph = graph_of(info)
    start, size = page_bounds(first, after, default=20)
    links = graph.concept_documents(slug, kind, start, size)
    docs = [graph.summary(link.document) for link in links]
    return article_connection(start, [d for d in docs if d is not None],
                              graph.document_count(slug, kind))


@strawberry.type(description="A concept close to another one, and why.")
class RelatedConcept:
    concept: Concept = strawberry.field(description="The related concept.")
    score: float = strawberry.field(description="Closeness in [0, 1], higher is closer.")
    relations: list[RelationKind] = strawberry.field(
        description="Every kind of relation linking the two, strongest first.")
    source: strawberry.Private[str]  # the concept it is related to

    @strawberry.field(description="Passages that show the link, best first.")
    def evidence(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many passages, at most 100.")] = 3,
    ) -> list[Annotated[Passage, strawberry.lazy(_ARTICLES)]]:
        from .articles import link_evidence

        return link_evidence(info, self.source, self.concept.slug, first, default=3)


@strawberry.type(description="One concept of a page of concepts.")
class ConceptEdge:
    cursor: str = strawberry.field(description="Opaque position of this concept in the list.")
    node: Concept = strawberry.field(description="The concept.")


@strawberry.type(description="A page of concepts (Relay connection).")
class ConceptConnection:
    edges: list[ConceptEdge] = strawberry.field(description="The concepts of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits in the list.")
    total_count: int = strawberry.field(description="Number of concepts in the whole list.")


def concept_connection(start: int, items, total: int) -> ConceptConnection:
    """A ConceptConnection of taxonomy concepts ``items`` taken from offset ``start``."""
    edges = [ConceptEdge(cursor=encode_cursor(start + i), node=Concept.of(c))
             for i, c in enumerate(items)]
    return ConceptConnection(edges=edges, page_info=page_info(start, len(edges), total),
                             total_count=total)
