"""``/``: search concepts and articles, and the graph's headline figures."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ._render import facade, link, render

MAX_QUERY = 200  # characters of a search kept
CENTRAL = 12  # most connected concepts offered when there is no search


def _hits(request: Request, text: str, n: int) -> list[dict]:
    graph = facade(request)
    hits = []
    for hit in graph.search(text, n=n):
        if hit.kind == "concept":
            concept = graph.concept(hit.slug)
            detail = concept.kind if concept else None
            url = link(request, f"/concepts/{quote(hit.slug)}")
        else:
            document = graph.document(hit.slug)
            detail = document.kind if document else None
            url = link(request, f"/articles/{quote(hit.slug)}")
        hits.append({"kind": hit.kind, "slug": hit.slug, "label": hit.label, "detail": detail,
                     "url": url})
    return hits


def index(request: Request) -> Response:
    """The search form (GET ``?q=``), its results and the headline figures."""
    query = request.query_params.get("q", "").strip()[:MAX_QUERY]
    graph = facade(request)
    hits = _hits(request, query, n=30) if query else []
    ranked = sorted(graph.centrality().items(), key=lambda kv: -kv[1])
    central = [c for c in (graph.concept(slug) for slug, _ in ranked[:CENTRAL]) if c is not None]
    return render(request, "home.html", {
        "query": query,
        "central": [] if query else central,
        "concept_hits": [h for h in hits if h["kind"] == "concept"],
        "document_hits": [h for h in hits if h["kind"] != "concept"],
        "stats": graph.stats(),
    })


def search_json(request: Request) -> Response:
    """Suggestions for the search box as you type: ``[{kind, slug, label, url}]``."""
    query = request.query_params.get("q", "").strip()[:MAX_QUERY]
    hits = _hits(request, query, n=8) if query else []
    return JSONResponse([{k: h[k] for k in ("kind", "slug", "label", "url")} for h in hits])
