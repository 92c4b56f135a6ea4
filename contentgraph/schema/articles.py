"""Document types: articles (and reader questions and answers), mentions, passages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from ..graph.results import DocumentSummary
from ..loaders import model
from ..loaders.cleaning import web_url
from .context import graph_of
from .pagination import PageInfo, check_size, encode_cursor, page, page_info

if TYPE_CHECKING:
    from .concepts import Concept


_CONCEPTS = "contentgraph.schema.concepts"


def link_evidence(info: strawberry.Info, source: str, target: str, first: int | None,
                  default: int) -> list[Passage]:
    """The first ``first`` passages (``default`` when null; at most 100) that show how the
    concept ``source`` relates to ``target``."""
    graph = graph_of(info)
    found = graph.relation_evidence(source, target, check_size(first, default=default))
    return [Passage.of(p, graph) for p in found]


def article_or_none(info: strawberry.Info, slug: str) -> Article | None:
    """The Article type for ``slug``, or None when the graph has no such document."""
    found = graph_of(info).summary(slug)
    return Article.of(found) if found is not None else None


@strawberry.type(description="A piece of writing: an article, a reader's question or a "
                             "therapist's answer.")
class Article:
    slug: strawberry.ID = strawberry.field(description="Stable identifier of the document.")
    kind: str = strawberry.field(description="`article`, `question` or `answer`.")
    title: str = strawberry.field(description="Title (for an answer, derived from its question).")
    url: str | None = strawberry.field(
        description="Where the document is published (an http or https address), when known.")
    author: str | None = strawberry.field(description="Author's name, when known.")
    published: str | None = strawberry.field(
        description="Publication date (ISO 8601), when known.")
    tags: list[str] = strawberry.field(
        description="The source's own tags or categories (a blog's tags, a question's topic).")
    parent: strawberry.Private[str | None]

    @classmethod
    def of(cls, doc: model.Document | DocumentSummary) -> Article:
        """The GraphQL view of a document (or of its summary)."""
        return cls(slug=doc.slug, kind=doc.kind, title=doc.title, url=web_url(doc.url),
                   author=doc.author, published=doc.published, tags=list(doc.tags),
                   parent=doc.parent)

    @strawberry.field(description="True when a concept the taxonomy marks sensitive is central "
                                  "to the document: a page showing it should say where to find "
                                  "help.")
    def sensitive(self, info: strawberry.Info) -> bool:
        return bool(graph_of(info).sensitive_concepts(self.slug))

    @strawberry.field(description="For an answer, the reader question it answers; null "
                                  "otherwise.")
    def question(self, info: strawberry.Info) -> Article | None:
        return article_or_none(info, self.parent) if self.parent else None

    @strawberry.field(description="For a reader question, the therapists' answers to it, "
                                  "newest first; empty otherwise.")
    def answers(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="Page size, at most 100.")] = 20,
        after: Annotated[str | None, strawberry.argument(
            description="Cursor of the item after which the page starts.")] = None,
    ) -> ArticleConnection:
        found = graph_of(info).answers(self.slug) if self.kind == "question" else []
        start, items = page(found, first, after, default=20)
        return article_connection(start, items, len(found))

    @strawberry.field(description="Number of words of the cleaned text.")
    def word_count(self, info: strawberry.Info) -> int:
        return graph_of(info).word_count(self.slug)

    @strawberry.field(description="The document's concepts: central ones first, then by weight.")
    def concepts(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many concepts, at most 100.")] = 50,
    ) -> list[Mention]:
        from .concepts import Concept

        first = check_size(first, default=50)
        graph = graph_of(info)
        out = []
        for link in graph.document_concepts(self.slug)[:first]:
            concept = graph.concept(link.concept)
            if concept is not None:
                out.append(Mention(concept=Concept.of(concept), count=link.count,
                                   weight=link.weight, central=link.central, link=link))
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
        for rel in graph.related_documents(self.slug, n=first):
            doc = graph.summary(rel.document)
            if doc is not None:
                out.append(RelatedArticle(article=Article.of(doc), score=rel.score,
                                          shared=rel.shared))
        return out


@strawberry.type(description="A concept's standing in one document.")
class Mention:
    concept: Annotated[Concept, strawberry.lazy(_CONCEPTS)] = strawberry.field(
        description="The concept mentioned.")
    count: int = strawberry.field(description="Number of mentions in the document.")
    weight: float = strawberry.field(
        description="Weight of the concept in the document (tf-idf-like, in [0, 1], comparable "
                    "across documents).")
    central: bool = strawberry.field(
        description="True when the concept is in the title or a heading, or among the "
                    "document's top concepts.")
    link: strawberry.Private[model.DocumentConcept]

    @strawberry.field(description="Sentences of the document that mention the concept.")
    def passages(
        self, info: strawberry.Info,
        first: Annotated[int | None, strawberry.argument(
            description="How many passages, at most 100.")] = 3,
    ) -> list[Passage]:
        first = check_size(first, default=3)
        found = graph_of(info).mention_passages(self.link.document, self.link.concept, n=first)
        return [Passage.of(p, graph_of(info)) for p in found]


@strawberry.type(description="An article close to another one, and the concepts they share.")
class RelatedArticle:
    article: Article = strawberry.field(description="The related article.")
    score: float = strawberry.field(
        description="Closeness in [0, 1] (cosine of weighted concept vectors).")
    shared: strawberry.Private[tuple]

    @strawberry.field(description="The concepts that explain the link, strongest first.")
    def shared_concepts(self, info: strawberry.Info
                        ) -> list[Annotated[Concept, strawberry.lazy(_CONCEPTS)]]:
        from .concepts import concepts_of

        return concepts_of(info, self.shared)


@strawberry.type(description="A sentence that evidences something, and where it is.")
class Passage:
    article: Article = strawberry.field(description="The document the sentence is in.")
    section: str | None = strawberry.field(
        description="Heading of the section the sentence is in, if any.")
    text: str = strawberry.field(description="The sentence.")
    start: int = strawberry.field(
        description="Offset of the sentence in the document's cleaned text.")
    end: int = strawberry.field(
        description="End offset (exclusive) of the sentence in the document's cleaned text.")

    @classmethod
    def of(cls, passage: model.Passage, graph) -> Passage:
        """The GraphQL view of a passage of a document of ``graph``."""
        doc = graph.summary(passage.document)
        if doc is None:
            raise LookupError(f"passage refers to unknown document {passage.document!r}")
        return cls(article=Article.of(doc), section=passage.section, text=passage.text,
                   start=passage.start, end=passage.end)


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
    edges = [ArticleEdge(cursor=encode_cursor(start + i), node=Article.of(d))
             for i, d in enumerate(items)]
    return ArticleConnection(edges=edges, page_info=page_info(start, len(edges), total),
                             total_count=total)
