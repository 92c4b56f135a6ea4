"""``/articles/{slug}``: a document, its concepts, its text with its main concepts highlighted
and linked (``?highlights=all``: every concept), related reading, missing links; a question's
answers and an answer's question."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from ..loaders.model import Document, DocumentConcept, Mention
from ._render import facade, not_found, pager, render
from .highlight import Piece, block_pieces, evidence

RELATED = 8
ANSWERS = 3  # answers per page of a question, each shown whole
HIGHLIGHTED = 8  # concepts highlighted in the text by default, the document's main ones
STRONG = 0.4  # the least weight of a highlighted concept


@dataclass(frozen=True, slots=True)
class Part:
    """One element of the article body: a heading, a paragraph, or a run of list items."""

    tag: str  # "h2", "h3", "p", "ul"
    kind: str  # the block kind, for styling questions and answers
    items: tuple[list[Piece], ...]  # one entry, or one per list item


def body(document: Document, mentions: list[Mention]) -> list[Part]:
    """The blocks after the title as parts, consecutive list items grouped into one list.

    The document's top section level becomes ``h2`` and anything deeper ``h3``, so no heading
    level is skipped below the page's ``h1``.
    """
    parts: list[Part] = []
    blocks = document.blocks
    if blocks and blocks[0].kind == "heading" and blocks[0].level == 1:
        blocks = blocks[1:]
    top = min((b.level for b in blocks if b.kind == "heading"), default=2)
    for block in blocks:
        marked = block_pieces(block, mentions)
        if block.kind == "list_item":
            if parts and parts[-1].tag == "ul":
                parts[-1] = Part("ul", "list_item", parts[-1].items + (marked,))
            else:
                parts.append(Part("ul", "list_item", (marked,)))
        elif block.kind == "heading":
            parts.append(Part("h2" if block.level <= top else "h3", block.kind, (marked,)))
        else:
            parts.append(Part("p", block.kind, (marked,)))
    return parts


def main_concepts(concepts: list[DocumentConcept]) -> list[str]:
    """The concepts highlighted by default: central first, then by weight, at most
    HIGHLIGHTED of them, none weighing less than STRONG."""
    return [dc.concept for dc in concepts if dc.weight >= STRONG][:HIGHLIGHTED]


def article_page(request: Request) -> Response:
    graph = facade(request)
    slug = request.path_params["slug"]
    document = graph.document(slug)
    if document is None:
        return not_found(request, "article", slug)
    standings = graph.document_concepts(slug)
    main = main_concepts(standings)
    every = request.query_params.get("highlights") == "all"
    marked = {dc.concept for dc in standings} if every else set(main)
    concepts = [{"standing": dc, "concept": c, "main": dc.concept in main} for dc in standings
                if (c := graph.concept(dc.concept)) is not None]
    related = [{"related": r, "document": graph.summary(r.document),
                "shared": [c for c in map(graph.concept, r.shared) if c is not None]}
               for r in graph.related_documents(slug, n=RELATED)]
    links = [{"suggestion": s, "target": graph.summary(s.target),
              "via": [c for c in map(graph.concept, s.via) if c is not None],
              "sentence": evidence(graph, s.sentence)}
             for s in graph.gaps().missing_links if s.source == slug]
    answers = graph.answers(slug) if document.kind == "question" else []
    answer_pages = pager(request, "answers", len(answers), ANSWERS)
    return render(request, "article.html", {
        "document": document,
        "sensitive": bool(graph.sensitive_concepts(slug)),
        "parent": graph.summary(document.parent) if document.parent else None,
        "answers": [{"document": a, "parts": body(a, [])} for a in answer_pages.slice(answers)],
        "answer_pages": answer_pages,
        "concepts": concepts,
        "every": every,
        "highlighted": len(marked),
        "parts": body(document, [m for m in graph.mentions(slug) if m.concept in marked]),
        "related": [r for r in related if r["document"] is not None],
        "links": [link for link in links if link["target"] is not None],
    })
