"""``/concepts/{slug}``: a concept, its neighbourhood picture, related concepts and articles."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ._render import facade, not_found, render
from .highlight import evidence
from .picture import picture

NEIGHBOURS = 25  # nodes in the picture
RELATED = 12
ARTICLES = 50  # listed; the rest are counted


def concept_page(request: Request) -> Response:
    graph = facade(request)
    slug = request.path_params["slug"]
    concept = graph.concept(slug)
    if concept is None:
        return not_found(request, "concept", slug)
    related = [
        {"concept": graph.concept(r.concept), "score": r.score, "relations": r.relations,
         "evidence": evidence(graph, r.evidence[0] if r.evidence else None)}
        for r in graph.related_concepts(slug, n=RELATED)
    ]
    standings = graph.concept_documents(slug, kind="article", n=ARTICLES)
    articles = [{"standing": dc, "document": graph.document(dc.document)} for dc in standings]
    return render(request, "concept.html", {
        "concept": concept,
        "article_count": graph.article_count(slug),
        "mention_count": graph.mention_count(slug),
        "broader": graph.broader(slug),
        "narrower": graph.narrower(slug),
        "picture": picture(graph, graph.neighborhood(slug, depth=1, limit=NEIGHBOURS)),
        "related": [r for r in related if r["concept"] is not None],
        "articles": [a for a in articles if a["document"] is not None],
        "more_articles": max(0, graph.article_count(slug) - len(standings)),
    })
