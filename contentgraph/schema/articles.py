"""Document types: articles (and reader questions and answers), mentions, passages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from ..loaders import model
from .context import graph_of
from .pagination import PageInfo, check_size, encode_cursor, page_info

if TYPE_CHECKING:
    from .concepts import Concept

_CONCEPTS = "contentgraph.schema.concepts"


def article_or_none(info: strawberry.Info, slug: str) -> Article | None:
    """The Article type for ``slug``, or None when the graph has no such document."""
    data = graph_of(info).document(slug)
    return Article(data=data) if data is not None else None


@strawberry.type(description="A piece of writing: an article, a reader's question or a "
                             "therapist's answer.")
class Article:
    data: strawberry.Private[model.Document]

    @strawberry.field(description="Stable identifier of the document.")
    def slug(self) -> strawberry.ID:
        return strawberry.ID(self.data.slug)

    @strawberry.field(description="`article`, `question` or `answer`.")
    def kind(self) -> str:
        return self.data.kind

    @strawberry.field(description="Title (for an answer, derived from its question).")
    def title(self) -> str:
        return self.data.title

    @strawberry.field(description="Where the document is published, when known.")
    def url(self) -> str | None:
        return self.data.url

    @strawberry.field(description="Author's name, when known.")
    def author(self) -> str | None:
        return self.data.author

    @strawberry.field(description="Publication date (ISO 8601), when known.")
    def published(self) -> str | None:
        return self.data.published

    @strawberry.field(description="Number of words of the cleaned text.")
    def word_count(self) -> int:
        return self.data.word_count

    @strawberry.field(description="The document's concepts: central ones first, then by weight.")
    def concepts(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many concepts, at most 100.")] = 50,
    ) -> list[Mention]:
        first = check_size(first, default=50)
        graph = graph_of(info)
        out = []
        for link in graph.document_concepts(self.data.slug)[:first]:
            concept = graph.concept(link.concept)
            if concept is not None:
                out.append(Mention(data=link, target=concept))
        return out

    @strawberry.field(description="Articles about the same concepts, closest first.")
    def related(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many related articles, at most 100.")] = 5,
    ) -> list[RelatedArticle]:
        first = check_size(first, default=5)
        graph = graph_of(info)
        out = []
        for rel in graph.related_documents(self.data.slug, n=first):
            doc = graph.document(rel.document)
            if doc is not None:
                out.append(RelatedArticle(data=rel, target=doc))
        return out


@strawberry.type(description="A concept's standing in one document.")
class Mention:
    data: strawberry.Private[model.DocumentConcept]
    target: strawberry.Private[object]

    @strawberry.field(description="The concept mentioned.")
    def concept(self) -> Annotated[Concept, strawberry.lazy(_CONCEPTS)]:
        from .concepts import Concept

        return Concept(data=self.target)

    @strawberry.field(description="Number of mentions in the document.")
    def count(self) -> int:
        return self.data.count

    @strawberry.field(description="Weight of the concept in the document (tf-idf-like, in "
                                  "[0, 1], comparable across documents).")
    def weight(self) -> float:
        return self.data.weight

    @strawberry.field(description="True when the concept is in the title or a heading, or among "
                                  "the document's top concepts.")
    def central(self) -> bool:
        return self.data.central

    @strawberry.field(description="Sentences of the document that mention the concept.")
    def passages(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many passages, at most 100.")] = 3,
    ) -> list[Passage]:
        first = check_size(first, default=3)
        found = graph_of(info).mention_passages(self.data.document, self.data.concept, n=first)
        return [Passage(data=p) for p in found]


@strawberry.type(description="An article close to another one, and the concepts they share.")
class RelatedArticle:
    data: strawberry.Private[object]
    target: strawberry.Private[model.Document]

    @strawberry.field(description="The related article.")
    def article(self) -> Article:
        return Article(data=self.target)

    @strawberry.field(description="Closeness in [0, 1] (cosine of weighted concept vectors).")
    def score(self) -> float:
        return self.data.score

    @strawberry.field(description="The concepts that explain the link, strongest first.")
    def shared_concepts(self, info: strawberry.Info
                        ) -> list[Annotated[Concept, strawberry.lazy(_CONCEPTS)]]:
        from .concepts import concepts_of

        return concepts_of(info, self.data.shared)


@strawberry.type(description="A sentence that evidences something, and where it is.")
class Passage:
    data: strawberry.Private[model.Passage]

    @strawberry.field(description="The document the sentence is in.")
    def article(self, info: strawberry.Info) -> Article:
        doc = graph_of(info).document(self.data.document)
        if doc is None:
            raise LookupError(f"passage refers to unknown document {self.data.document!r}")
        return Article(data=doc)

    @strawberry.field(description="Heading of the section the sentence is in, if any.")
    def section(self) -> str | None:
        return self.data.section

    @strawberry.field(description="The sentence.")
    def text(self) -> str:
        return self.data.text

    @strawberry.field(description="Offset of the sentence in the document's cleaned text.")
    def start(self) -> int:
        return self.data.start

    @strawberry.field(description="End offset (exclusive) of the sentence in the document's "
                                  "cleaned text.")
    def end(self) -> int:
        return self.data.end


@strawberry.type(description="One article of a page of articles.")
class ArticleEdge:
    cursor: str = strawberry.field(description="Opaque position of this article in the list.")
    node: Article = strawberry.field(description="The article.")


@strawberry.type(description="A page of articles (Relay connection).")
class ArticleConnection:
    edges: list[ArticleEdge] = strawberry.field(description="The articles of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits in the list.")
    total_count: int = strawberry.field(description="Number of articles in the whole list.")


def article_connection(start: int, items, total: int) -> ArticleConnection:
    """An ArticleConnection of documents ``items`` taken from offset ``start``."""
    edges = [ArticleEdge(cursor=encode_cursor(start + i), node=Article(data=d))
             for i, d in enumerate(items)]
    return ArticleConnection(edges=edges, page_info=page_info(start, len(edges), total),
                             total_count=total)
