"""``/path?from=&to=``: how two concepts connect, each step with its evidence."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..graph.facade import ConceptGraph
from ..taxonomy.model import Concept
from ._render import facade, render
from .highlight import evidence

MAX_HOPS = 4


def resolve(graph: ConceptGraph, text: str) -> Concept | None:
    """The concept a form field names: its slug, else the best label/altLabel match."""
    concept = graph.concept(text)
    if concept is not None:
        return concept
    found = graph.search_concepts(text)
    return found[0] if found else None


def path_page(request: Request) -> Response:
    graph = facade(request)
    source_text = request.query_params.get("from", "").strip()[:200]
    target_text = request.query_params.get("to", "").strip()[:200]
    context = {"source_text": source_text, "target_text": target_text, "source": None,
               "target": None, "steps": None, "problems": [], "concepts": graph.concepts()}
    if not (source_text or target_text):
        return render(request, "path.html", context)
    for field, text in (("source", source_text), ("target", target_text)):
        name = "From" if field == "source" else "To"
        if not text:
            context["problems"].append(f"{name}: enter a concept.")
        elif (concept := resolve(graph, text)) is None:
            context["problems"].append(f"{name}: no concept matches “{text}”.")
        else:
            context[field] = concept
    if context["problems"]:
        return render(request, "path.html", context, status_code=404)
    path = graph.path(context["source"].slug, context["target"].slug, max_hops=MAX_HOPS,
                      evidence=1)
    if path is not None:
        context["steps"] = [{"step": step, "source": graph.concept(step.source),
                             "target": graph.concept(step.target),
                             "evidence": evidence(graph, step.evidence[0] if step.evidence
                                                  else None)}
                            for step in path.steps]
    return render(request, "path.html", context)
