"""Shared by the pages: the Jinja2 environment (autoescaped), the facade lookup, 404s."""

from __future__ import annotations

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..graph.facade import ConceptGraph
from ..loaders.cleaning import web_url
from ..taxonomy.model import ConceptKind

# Every kind gets a colour; all are dark enough for white text and distinct on white paper.
KIND_COLOURS: dict[ConceptKind, str] = {
    ConceptKind.ATTACHMENT_STYLE: "#1f5fa8",
    ConceptKind.RELATIONSHIP_CYCLE: "#b2361f",
    ConceptKind.CYCLE_ROLE: "#8a4b08",
    ConceptKind.WARNING_SIGN: "#a3154f",
    ConceptKind.THERAPY_MODALITY: "#1c7a4a",
    ConceptKind.EMOTION: "#6b3fa0",
    ConceptKind.NEED: "#0f6e78",
    ConceptKind.BEHAVIOR: "#5a6b12",
    ConceptKind.SKILL: "#2b4c7e",
    ConceptKind.BARRIER: "#7a2f2f",
    ConceptKind.OUTCOME: "#3d6b2b",
    ConceptKind.RELATIONSHIP_TYPE: "#55585e",
    ConceptKind.CONDITION: "#6e4a1f",
}


def kind_label(kind: ConceptKind | str) -> str:
    """``ATTACHMENT_STYLE`` -> ``Attachment style``."""
    value = kind.value if isinstance(kind, ConceptKind) else str(kind)
    return value.replace("_", " ").capitalize()


def sentence_case(label: str) -> str:
    """Labels are lower case in the taxonomy; a heading starts with a capital (``EFT`` stays)."""
    return label[:1].upper() + label[1:]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("contentgraph", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["kind_label"] = kind_label
    env.filters["web_url"] = web_url
    env.filters["sentence_case"] = sentence_case
    env.globals["kind_colour"] = lambda kind: KIND_COLOURS.get(kind, "#55585e")
    return env


templates = Jinja2Templates(env=_environment())


def facade(request: Request) -> ConceptGraph:
    """The graph the app serves now (reloads swap it in the holder)."""
    return request.app.state.holder.current


def link(request: Request, path: str) -> str:
    """``path`` under the prefix the explorer is mounted at."""
    return request.scope.get("root_path", "").rstrip("/") + path


def render(request: Request, name: str, context: dict, status_code: int = 200) -> Response:
    context = {"link": lambda path: link(request, path), **context}
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def not_found(request: Request, what: str, slug: str) -> Response:
    """The 404 page for an unknown concept or article slug."""
    return render(request, "not_found.html", {"what": what, "slug": slug}, status_code=404)
