"""The root Query type: the API's entry points."""

from __future__ import annotations

from typing import Annotated

import strawberry

from ..errors import ConceptNotFound
from .articles import Article, ArticleConnection, article_connection, article_or_none
from .concepts import (Concept, ConceptConnection, ConceptKind, concept_connection,
                       concept_or_none)
from .context import graph_of
from .gaps import Gaps
from .pagination import check_size, clean_search, page, page_bounds
from .paths import EMPTY_SUBGRAPH, Path, Subgraph
from .search import SearchConnection, search_connection
from .stats import Stats

MAX_HOPS = 6
MAX_DEPTH = 3

_FIRST = "Page size, at most 100."
_AFTER = "Cursor of the item after which the page starts (an `endCursor` from a previous page)."


@strawberry.type(description="Entry points of the contentgraph API.")
class Query:
    @strawberry.field(description="The concept with this slug; null when there is none.")
    def concept(
        self, info: strawberry.Info,
        slug: Annotated[str, strawberry.argument(description="The concept's slug.")],
    ) -> Concept | None:
        return concept_or_none(info, slug)

    @strawberry.field(description="Concepts of the taxonomy: by label, or best match first when "
                                  "searching (exact, then prefix and word matches; names "
                                  "spelled alike only when none matches; case-, plural- and "
                                  "spelling-insensitive).")
    def concepts(
        self, info: strawberry.Info,
        kind: Annotated[ConceptKind | None, strawberry.argument(
            description="Only concepts of this kind.")] = None,
        search: Annotated[str | None, strawberry.argument(
            description="Text to find in labels and alternative labels (trimmed, at most 200 "
                        "characters).")] = None,
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = 20,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> ConceptConnection:
        graph = graph_of(info)
        text = clean_search(search)
        found = graph.search_concepts(text, kind=kind) if text else graph.concepts(kind=kind)
        start, items = page(found, first, after, default=20)
        return concept_connection(start, items, len(found))

    @strawberry.field(description="The document with this slug; null when there is none.")
    def article(
        self, info: strawberry.Info,
        slug: Annotated[str, strawberry.argument(description="The document's slug.")],
    ) -> Article | None:
        return article_or_none(info, slug)

    @strawberry.field(description="Articles, optionally about a concept, by an author or "
                                  "matching a text (then best match first).")
    def articles(
        self, info: strawberry.Info,
        concept: Annotated[str | None, strawberry.argument(
            description="Only articles that mention the concept with this slug (none when "
                        "no concept has it).")] = None,
        author: Annotated[str | None, strawberry.argument(
            description="Only articles by this author (name or slug).")] = None,
        search: Annotated[str | None, strawberry.argument(
            description="Words to find in titles and text, as a phrase or all of them "
                        "(trimmed, at most 200 characters).")] = None,
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = 20,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> ArticleConnection:
        text = clean_search(search)
        author = clean_search(author, "author")
        graph = graph_of(info)
        if concept is not None and graph.concept(concept) is None:
            return article_connection(0, [], 0)  # no such concept: no article mentions it
        start, size = page_bounds(first, after, default=20)
        total, items = graph.document_page(concept=concept, author=author, search=text,
                                           start=start, n=size)
        return article_connection(start, items, total)

    @strawberry.field(description="How two concepts connect, with the evidence for each hop; "
                                  "null when either is unknown or no path is short enough.")
    def path(
        self, info: strawberry.Info,
        source: Annotated[str, strawberry.argument(
            name="from", description="Slug of the first concept.")],
        target: Annotated[str, strawberry.argument(
            name="to", description="Slug of the second concept.")],
        max_hops: Annotated[int | None, strawberry.argument(
            description=f"Longest path considered, at most {MAX_HOPS}.")] = 4,
    ) -> Path | None:
        max_hops = check_size(max_hops, "maxHops", MAX_HOPS, default=4)
        graph = graph_of(info)
        try:
            found = graph.path(source, target, max_hops=max_hops, evidence=0)
        except ConceptNotFound:
            return None
        return Path.of(found, graph) if found is not None else None

    @strawberry.field(description="A concept's neighbourhood; empty when the slug is unknown.")
    def neighborhood(
        self, info: strawberry.Info,
        slug: Annotated[str, strawberry.argument(description="Slug of the centre concept.")],
        depth: Annotated[int | None, strawberry.argument(
            description=f"Number of links to follow, at most {MAX_DEPTH}.")] = 1,
        first: Annotated[int | None, strawberry.argument(
            description="Most concepts returned, at most 100.")] = 25,
    ) -> Subgraph:
        depth = check_size(depth, "depth", MAX_DEPTH, default=1)
        first = check_size(first, default=25)
        graph = graph_of(info)
        if graph.concept(slug) is None:
            return EMPTY_SUBGRAPH
        return Subgraph.of(graph.neighborhood(slug, depth=depth, limit=first), graph)

    @strawberry.field(description="One search over concepts and documents: the concepts whose "
                                  "name matches (exact, prefix or word) first, then the "
                                  "articles, reader questions and answers whose title or text "
                                  "holds the words (as a phrase, or all of them), best first; "
                                  "when nothing matches, names and words spelled like the "
                                  "text's.")
    def search(
        self, info: strawberry.Info,
        text: Annotated[str, strawberry.argument(
            description="What to look for (trimmed, at most 200 characters).")],
        first: Annotated[int | None, strawberry.argument(description=_FIRST)] = 20,
        after: Annotated[str | None, strawberry.argument(description=_AFTER)] = None,
    ) -> SearchConnection:
        cleaned = clean_search(text, "text")
        start, size = page_bounds(first, after, default=20)
        if cleaned is None:
            return search_connection(info, start, [], 0)
        total, hits = graph_of(info).search(cleaned, n=size, start=start)
        return search_connection(info, start, hits, total)

    @strawberry.field(description="What the writing does not cover yet.")
    def gaps(self) -> Gaps:
        return Gaps()

    @strawberry.field(description="Size of the graph and when it was built.")
    def stats(self, info: strawberry.Info) -> Stats:
        return Stats.of(graph_of(info).stats())
