"""``/concepts/{slug}``: a concept, its neighbourhood picture, related concepts, and the
articles, reader questions and answers that mention it, each list a page at a time."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ._render import facade, not_found, pager, render
from .highlight import evidence
from .picture import fan, picture

NEIGHBOURS = 15  # concepts in the picture, the strongest links
RELATED = 6  # related concepts per page (each with its evidence)
# documents per page of each list, by kind
DOCUMENTS = {"article": 10, "question": 10, "answer": 5}


def concept_page(request: Request) -> Response:
    graph = facade(request)
    slug = request.path_params["slug"]
    concept = graph.concept(slug)
    if concept is None:
        return not_found(request, "concept", slug)
    related_pages = pager(request, "related", graph.related_count(slug), RELATED)
    ranked = graph.related_concepts(slug, n=max(NEIGHBOURS, related_pages.stop),  # read: shown
                                    evidence=1)
    drawn = [(c, r) for r in ranked[:NEIGHBOURS] if (c := graph.concept(r.concept)) is not None]
    related = [
        {"concept": graph.concept(r.concept), "score": r.score, "relations": r.relations,
         "evidence": evidence(graph, r.evidence[0] if r.evidence else None)}
        for r in related_pages.slice(ranked)
    ]
    lists = {}
    for kind, size in DOCUMENTS.items():
        pages = pager(request, f"{kind}s", graph.document_count(slug, kind), size)
        standings = graph.concept_documents(slug, kind, pages.start, size)
        lists[kind] = {"pages": pages, "shown": [
            {"standing": dc, "document": d} for dc in standings
            if (d := graph.summary(dc.document)) is not None]}
    return render(request, "concept.html", {
        "concept": concept,
        "sensitive": concept.sensitive,
        "mention_count": graph.mention_count(slug),
        "broader": graph.broader(slug),
        "narrower": graph.narrower(slug),
        "pictures": [layout(concept, drawn, related_pages.total > NEIGHBOURS)
                     for layout in (picture, fan)] if drawn else None,
        "related": [r for r in related if r["concept"] is not None],
        "related_pages": related_pages,
        "lists": lists,
    })
