"""``/gaps``: what the content team should write next, each list also as ``/gaps/<list>.csv``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from starlette.requests import Request
from starlette.responses import Response

from ..graph.facade import ConceptGraph
from ..graph.report import csv_cell
from ..taxonomy.model import Concept, ConceptKind
from ._render import facade, not_found, render

EXAMPLES = 3  # example questions per unanswered concept
SHOWN = 100  # rows of a long list on the page; its CSV has them all


def by_kind(graph: ConceptGraph, slugs: tuple[str, ...]) -> list[tuple[ConceptKind, list[Concept]]]:
    """Concepts grouped by kind (enum order), by label within a kind."""
    groups: dict[ConceptKind, list[Concept]] = {}
    for concept in filter(None, map(graph.concept, slugs)):
        groups.setdefault(concept.kind, []).append(concept)
    return [(kind, sorted(groups[kind], key=lambda c: c.label.lower()))
            for kind in ConceptKind if kind in groups]


def _title(graph: ConceptGraph, slug: str) -> str:
    document = graph.document(slug)
    return document.title if document is not None else slug


def _concept_rows(graph: ConceptGraph, slugs: tuple[str, ...]) -> Iterator[list]:
    yield ["slug", "label", "kind", "definition", "article_count", "mention_count"]
    for kind, concepts in by_kind(graph, slugs):
        for c in concepts:
            yield [c.slug, c.label, kind.value, c.definition or "", graph.article_count(c.slug),
                   graph.mention_count(c.slug)]


def _question_rows(graph: ConceptGraph) -> Iterator[list]:
    yield ["concept", "label", "question_count", "article_count", "example_questions"]
    for q in graph.gaps().unanswered_questions:
        concept = graph.concept(q.concept)
        yield [q.concept, concept.label if concept else "", q.question_count, q.article_count,
               " | ".join(_title(graph, s) for s in q.examples[:EXAMPLES])]


def _candidate_rows(graph: ConceptGraph) -> Iterator[list]:
    yield ["phrase", "count", "document_count", "examples"]
    for term in graph.gaps().candidate_terms:
        yield [term.phrase, term.count, term.document_count, " | ".join(term.examples)]


def _link_rows(graph: ConceptGraph) -> Iterator[list]:
    yield ["from", "from_title", "to", "to_title", "via", "score", "sentence"]
    for s in graph.gaps().missing_links:
        yield [s.source, _title(graph, s.source), s.target, _title(graph, s.target),
               " ".join(s.via), f"{s.score:.3f}", s.sentence.text if s.sentence else ""]


LISTS = {
    "uncovered": lambda g: _concept_rows(g, g.gaps().uncovered),
    "thin": lambda g: _concept_rows(g, g.gaps().thin),
    "unanswered-questions": _question_rows,
    "candidate-terms": _candidate_rows,
    "missing-links": _link_rows,
}


def gaps_csv(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in LISTS:
        return not_found(request, "list", f"{name}.csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in LISTS[name](facade(request)):
        writer.writerow([csv_cell(v) for v in row])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def gaps_page(request: Request) -> Response:
    graph = facade(request)
    gaps = graph.gaps()
    questions = [{"gap": q, "concept": graph.concept(q.concept),
                  "examples": [d for d in map(graph.document, q.examples[:EXAMPLES]) if d]}
                 for q in gaps.unanswered_questions[:SHOWN]]
    links = [{"suggestion": s, "source": graph.document(s.source),
              "target": graph.document(s.target),
              "via": [c for c in map(graph.concept, s.via) if c is not None]}
             for s in gaps.missing_links[:SHOWN]]
    return render(request, "gaps.html", {
        "counts": {"uncovered": len(gaps.uncovered), "thin": len(gaps.thin),
                   "questions": len(gaps.unanswered_questions),
                   "candidates": len(gaps.candidate_terms), "links": len(gaps.missing_links)},
        "uncovered": by_kind(graph, gaps.uncovered),
        "thin": by_kind(graph, gaps.thin),
        "questions": [q for q in questions if q["concept"] is not None],
        "candidates": gaps.candidate_terms[:SHOWN],
        "links": [x for x in links if x["source"] is not None and x["target"] is not None],
    })
