"""The search type: concepts and documents matching a text, concepts first."""

from __future__ import annotations

import strawberry

from ..graph.fulltext import MARK_END, MARK_START
from .articles import Article, article_or_none
from .concepts import Concept, concept_or_none
from .pagination import PageInfo, encode_cursor, page_info


@strawberry.type(description="A concept or a document matching a search.")
class SearchHit:
    kind: str = strawberry.field(description="`concept` or `document`.")
    score: float = strawberry.field(
        description="How well it matches: in (0, 1] for a concept (1: its name), BM25 for a "
                    "document (higher is better; comparable within one search).")
    concept: Concept | None = strawberry.field(description="The concept, for a concept hit.")
    article: Article | None = strawberry.field(description="The document, for a document hit.")
    snippet: str | None = strawberry.field(
        description="For a document, the words of its text around the match.")
    highlights: list[list[int]] = strawberry.field(
        description="[start, end) offsets of the matched words in `snippet`.")

    @classmethod
    def of(cls, info: strawberry.Info, hit) -> SearchHit:
        """The GraphQL view of a facade SearchHit."""
        if hit.kind == "concept":
            return cls(kind="concept", score=hit.score, concept=concept_or_none(info, hit.slug),
                       article=None, snippet=None, highlights=[])
        text, spans = unmark(hit.snippet)
        return cls(kind="document", score=hit.score, concept=None,
                   article=article_or_none(info, hit.slug), snippet=text or None,
                   highlights=spans)


def unmark(snippet: str) -> tuple[str, list[list[int]]]:
    """A marked snippet as its plain text and the [start, end) spans that were marked.

    >>> unmark("a \\ue000calm\\ue001 talk")
    ('a calm talk', [[2, 6]])
    """
    text, spans, start = [], [], None
    at = 0
    for char in snippet:
        if char == MARK_START:
            start = at
        elif char == MARK_END and start is not None:
            spans.append([start, at])
            start = None
        else:
            text.append(char)
            at += 1
    return "".join(text), spans


@strawberry.type(description="One hit of a page of search results.")
class SearchEdge:
    cursor: str = strawberry.field(description="Opaque position of this hit in the results.")
    node: SearchHit = strawberry.field(description="The hit.")


@strawberry.type(description="A page of search results (Relay connection): the matching "
                             "concepts first, then the documents.")
class SearchConnection:
    edges: list[SearchEdge] = strawberry.field(description="The hits of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page sits in the results.")
    total_count: int = strawberry.field(description="Number of hits in all.")


def search_connection(info: strawberry.Info, start: int, hits, total: int) -> SearchConnection:
    """A SearchConnection of facade hits taken from offset ``start`` of ``total``."""
    edges = [SearchEdge(cursor=encode_cursor(start + i), node=SearchHit.of(info, hit))
             for i, hit in enumerate(hits)]
    return SearchConnection(edges=edges, page_info=page_info(start, len(edges), total),
                            total_count=total)
