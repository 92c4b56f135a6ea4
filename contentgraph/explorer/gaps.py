"""``/gaps``: what the content team should write next, and the lists behind it; each list also
a page at a time (``/gaps/<list>``) and whole as CSV (``/gaps/<list>.csv``)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from ..graph.facade import ConceptGraph
from ..graph.report import concept_label, csv_cell, document_title
from ..taxonomy.model import ConceptKind
from ._render import facade, not_found, pager, render
from .highlight import evidence

EXAMPLES = 3  # example questions (and nearest articles) per entry
SUMMARY = 5  # entries of what to write next on the overview


@dataclass(frozen=True, slots=True)
class GapList:
    """One list of the gaps: its page, its rows for the templates, its CSV."""

    name: str  # in URLs, and the template macro that draws its table
    title: str
    intro: str
    per_page: int
    count: Callable[[ConceptGraph], int]
    items: Callable[[ConceptGraph, int, int], list[dict]]  # (graph, start, stop) -> rows
    csv: Callable[[ConceptGraph], Iterator[list]]


def _titled(graph: ConceptGraph, slugs) -> list:
    return [d for d in map(graph.summary, slugs) if d is not None]


# --- what to write next -----------------------------------------------------------------------

def _write_next(graph: ConceptGraph, start: int, stop: int) -> list[dict]:
    entries = graph.gaps().write_next
    return [{"rank": start + i + 1, "entry": w, "concept": graph.concept(w.concept),
             "examples": _titled(graph, w.examples[:EXAMPLES]),
             "nearest": _titled(graph, w.nearest[:EXAMPLES])}
            for i, w in enumerate(entries[start:stop])]


def _write_next_csv(graph: ConceptGraph) -> Iterator[list]:
    yield ["rank", "concept", "label", "kind", "gap", "score", "question_count", "views",
           "upvotes", "article_count", "central_count", "importance", "reason",
           "example_questions", "nearest_articles"]
    for rank, w in enumerate(graph.gaps().write_next, 1):
        concept = graph.concept(w.concept)
        yield [rank, w.concept, concept_label(graph, w.concept),
               concept.kind.value if concept else "", w.gap.value, w.score, w.questions,
               w.views, w.upvotes, w.articles, w.central, w.importance, w.reason,
               " | ".join(document_title(graph, s) for s in w.examples),
               " | ".join(document_title(graph, s) for s in w.nearest)]


# --- uncovered and thin concepts --------------------------------------------------------------

def _by_kind(graph: ConceptGraph, slugs) -> list:
    """The concepts of ``slugs``, by kind (enum order), then label."""
    order = {kind: i for i, kind in enumerate(ConceptKind)}
    found = [c for c in map(graph.concept, slugs) if c is not None]
    return sorted(found, key=lambda c: (order.get(c.kind, len(order)), c.label.lower()))


def _concepts(which: str) -> Callable[[ConceptGraph, int, int], list[dict]]:
    def items(graph: ConceptGraph, start: int, stop: int) -> list[dict]:
        return [{"concept": c, "questions": graph.document_count(c.slug, "question"),
                 "articles": graph.article_count(c.slug), "mentions": graph.mention_count(c.slug)}
                for c in _by_kind(graph, getattr(graph.gaps(), which))[start:stop]]
    return items


def _concepts_csv(which: str) -> Callable[[ConceptGraph], Iterator[list]]:
    def rows(graph: ConceptGraph) -> Iterator[list]:
        yield ["slug", "label", "kind", "definition", "article_count", "mention_count",
               "question_count"]
        for c in _by_kind(graph, getattr(graph.gaps(), which)):
            yield [c.slug, c.label, c.kind.value, c.definition or "", graph.article_count(c.slug),
                   graph.mention_count(c.slug), graph.document_count(c.slug, "question")]
    return rows


def kinds_summary(graph: ConceptGraph, slugs) -> list[tuple[ConceptKind, int]]:
    """How many of ``slugs`` are of each kind, most first."""
    counts = Counter(c.kind for c in map(graph.concept, slugs) if c is not None)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].value))


# --- questions, candidate terms, missing links -----------------------------------------------

def _questions(graph: ConceptGraph, start: int, stop: int) -> list[dict]:
    return [{"gap": q, "concept": graph.concept(q.concept),
             "examples": _titled(graph, q.examples[:EXAMPLES]),
             "closest": _titled(graph, graph.nearest_articles(q.concept, 1))}
            for q in graph.gaps().unanswered_questions[start:stop]]


def _questions_csv(graph: ConceptGraph) -> Iterator[list]:
    yield ["concept", "label", "question_count", "article_count", "example_questions",
           "closest_article"]
    for q in graph.gaps().unanswered_questions:
        yield [q.concept, concept_label(graph, q.concept), q.question_count, q.article_count,
               " | ".join(document_title(graph, s) for s in q.examples[:EXAMPLES]),
               " | ".join(document_title(graph, s) for s in graph.nearest_articles(q.concept, 1))]


def _candidates(graph: ConceptGraph, start: int, stop: int) -> list[dict]:
    return [{"term": t, "kind": ConceptKind[t.kind] if t.kind in ConceptKind.__members__
             else None} for t in graph.gaps().candidate_terms[start:stop]]


def _candidates_csv(graph: ConceptGraph) -> Iterator[list]:
    yield ["phrase", "count", "document_count", "examples", "kind", "score", "variants"]
    for t in graph.gaps().candidate_terms:
        yield [t.phrase, t.count, t.document_count, " | ".join(t.examples), t.kind or "",
               t.score, " | ".join(t.variants)]


def _links(graph: ConceptGraph, start: int, stop: int) -> list[dict]:
    return [{"suggestion": s, "source": source, "target": target,
             "via": [c for c in map(graph.concept, s.via) if c is not None],
             "sentence": evidence(graph, s.sentence)}
            for s in graph.gaps().missing_links[start:stop]
            if (source := graph.summary(s.source)) and (target := graph.summary(s.target))]


def _links_csv(graph: ConceptGraph) -> Iterator[list]:
    yield ["from", "from_title", "to", "to_title", "via", "score", "sentence"]
    for s in graph.gaps().missing_links:
        yield [s.source, document_title(graph, s.source), s.target, document_title(graph, s.target),
               " ".join(s.via), f"{s.score:.3f}", s.sentence.text if s.sentence else ""]


LISTS = {gap.name: gap for gap in (
    GapList("write-next", "What to write next",
            "Concepts no article covers, covers only in passing, or covers in at most two "
            "articles while readers ask about them: ranked by readers' demand (their questions, "
            "weighed by views and upvotes), by how little is written, and by the concept's "
            "weight in the field. Concepts nobody asked about come last.",
            8, lambda g: len(g.gaps().write_next), _write_next, _write_next_csv),
    GapList("unanswered-questions", "Questions readers ask that no article answers",
            "Concepts of reader questions that at most two articles mention, most asked first, "
            "with the article that comes closest.",
            10, lambda g: len(g.gaps().unanswered_questions), _questions, _questions_csv),
    GapList("uncovered", "Uncovered concepts", "In the taxonomy, but no article mentions them.",
            25, lambda g: len(g.gaps().uncovered), _concepts("uncovered"),
            _concepts_csv("uncovered")),
    GapList("thin", "Thin concepts", "Mentioned in passing, but no article is about them.",
            25, lambda g: len(g.gaps().thin), _concepts("thin"), _concepts_csv("thin")),
    GapList("candidate-terms", "Candidate terms",
            "Phrases of the field the taxonomy does not know yet, most worth a concept first "
            "(contentgraph taxonomy suggest writes them as a taxonomy file to review).",
            15, lambda g: len(g.gaps().candidate_terms), _candidates, _candidates_csv),
    GapList("missing-links", "Missing links",
            "Articles that share concepts but do not link to each other, with the sentence "
            "where the link fits.",
            10, lambda g: len(g.gaps().missing_links), _links, _links_csv),
)}


def gaps_csv(request: Request) -> Response:
    gap = LISTS.get(request.path_params["name"])
    if gap is None:
        return not_found(request, "list", f"{request.path_params['name']}.csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in gap.csv(facade(request)):
        writer.writerow([csv_cell(v) for v in row])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{gap.name}.csv"'})


def gap_list_page(request: Request) -> Response:
    """One list, a page at a time (``?page=N``)."""
    gap = LISTS.get(request.path_params["name"])
    if gap is None:
        return not_found(request, "list", request.path_params["name"])
    graph = facade(request)
    pages = pager(request, "page", gap.count(graph), gap.per_page)
    return render(request, "gap_list.html", {
        "gap": gap, "pages": pages, "items": gap.items(graph, pages.start, pages.stop)})


def gaps_page(request: Request) -> Response:
    """The overview: the head of what to write next, then each list behind it with its size."""
    graph = facade(request)
    gaps = graph.gaps()
    first, *others = LISTS.values()
    return render(request, "gaps.html", {
        "first": {"gap": first, "total": first.count(graph),
                  "rows": first.items(graph, 0, SUMMARY)},
        "others": [{"gap": gap, "total": gap.count(graph),
                    "kinds": kinds_summary(graph, getattr(gaps, gap.name))
                    if gap.name in ("uncovered", "thin") else []} for gap in others],
    })
