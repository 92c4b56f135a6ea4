"""``/``: search concepts and documents, and the graph's headline figures."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..graph.fulltext import MARK_END, MARK_START
from ._render import facade, link, pager, render
from .highlight import Piece

MAX_QUERY = 200  # characters of a search kept
CENTRAL = 12  # most connected concepts offered when there is no search
CONCEPT_HITS = 10  # concepts shown for a search
DOCUMENT_HITS = 10  # documents per page of a search's results


def snippet_pieces(snippet: str) -> list[Piece]:
    """A search snippet's text as pieces, the matched words marked.

    >>> [(p.text, p.marked) for p in snippet_pieces("a \\ue000calm\\ue001 talk")]
    [('a ', False), ('calm', True), (' talk', False)]
    """
    pieces = []
    for i, part in enumerate(snippet.replace(MARK_END, MARK_START).split(MARK_START)):
        if part:
            pieces.append(Piece(part, marked=i % 2 == 1))
    return pieces


def _document_hit(request: Request, graph, hit) -> dict:
    document = graph.summary(hit.slug)
    return {"kind": "document", "slug": hit.slug, "label": hit.label,
            "url": link(request, f"/articles/{quote(hit.slug)}"),
            "detail": document.kind if document else None,
            "author": document.author if document else None,
            "snippet": snippet_pieces(hit.snippet)}


def _concept_hit(request: Request, graph, hit) -> dict:
    concept = graph.concept(hit.slug)
    return {"kind": "concept", "slug": hit.slug, "label": hit.label,
            "url": link(request, f"/concepts/{quote(hit.slug)}"),
            "detail": concept.kind if concept else None}


def index(request: Request) -> Response:
    """The search form (GET ``?q=``), its results (concepts first, then documents a page at a
    time, ``?page=N``) and the headline figures."""
    query = request.query_params.get("q", "").strip()[:MAX_QUERY]
    graph = facade(request)
    concepts, documents, pages = [], [], None
    if query:
        fuzzy = graph.spelled_alike(query)
        concepts = [_concept_hit(request, graph, h)
                    for h in graph.concept_hits(query, fuzzy=fuzzy)[:CONCEPT_HITS]]
        total, _ = graph.search_documents(query, 0, 0, fuzzy=fuzzy)
        pages = pager(request, "page", total, DOCUMENT_HITS)
        _, hits = graph.search_documents(query, pages.start, DOCUMENT_HITS, fuzzy=fuzzy)
        documents = [_document_hit(request, graph, h) for h in hits]
    ranked = sorted(graph.centrality().items(), key=lambda kv: -kv[1])
    central = [c for c in (graph.concept(slug) for slug, _ in ranked[:CENTRAL]) if c is not None]
    return render(request, "home.html", {
        "query": query,
        "central": [] if query else central,
        "concept_hits": concepts,
        "document_hits": documents,
        "pages": pages,
        "stats": graph.stats(),
    })


def search_json(request: Request) -> Response:
    """Suggestions for the search box as you type: ``[{kind, slug, label, url}]``."""
    query = request.query_params.get("q", "").strip()[:MAX_QUERY]
    graph = facade(request)
    hits = graph.search(query, n=8)[1] if query else []
    return JSONResponse([{"kind": h.kind, "slug": h.slug, "label": h.label,
                          "url": link(request, f"/{'concepts' if h.kind == 'concept' else 'articles'}"
                                               f"/{quote(h.slug)}")} for h in hits])
