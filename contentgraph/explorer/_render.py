"""Shared by the pages: the Jinja2 environment (autoescaped), the facade lookup, pagination,
the help notice, 404s."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..dates import readable_date, readable_time
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
    env.filters["readable_time"] = readable_time
    env.filters["readable_date"] = readable_date
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
    """The template ``name`` with ``context``, the ``link`` helper and the practice's help
    notice (shown by pages whose ``sensitive`` is true)."""
    settings = request.app.state.settings
    context = {"link": lambda path: link(request, path), "sensitive": False,
               "help_notice": settings.help_notice, "help_links": settings.help_links,
               **context}
    return templates.TemplateResponse(request, name, context, status_code=status_code)


@dataclass(frozen=True, slots=True)
class Pager:
    """One page of a long list: which items it shows and the links to its neighbours."""

    number: int  # from 1
    pages: int
    size: int
    total: int
    previous_url: str | None
    next_url: str | None

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size

    @property
    def stop(self) -> int:
        return min(self.start + self.size, self.total)

    def slice(self, items):
        return items[self.start:self.stop]


def pager(request: Request, param: str, total: int, size: int) -> Pager:
    """The page of a list of ``total`` items that the query parameter ``param`` asks for
    (1 when absent or not a page number; the last page when past it); its neighbours' URLs
    keep the other parameters and jump to the list (the element whose id is ``param``)."""
    pages = max(1, -(-total // size))
    try:
        number = min(max(int(request.query_params.get(param, "1")), 1), pages)
    except ValueError:
        number = 1

    def url(n: int) -> str:  # relative: the same page, whatever prefix it is mounted at
        params = {k: v for k, v in request.query_params.items() if k != param}
        if n > 1:
            params[param] = str(n)
        return f"?{urlencode(params)}#{param}"

    return Pager(number, pages, size, total, url(number - 1) if number > 1 else None,
                 url(number + 1) if number < pages else None)


def not_found(request: Request, what: str, slug: str) -> Response:
    """The 404 page for an unknown concept or article slug."""
    return render(request, "not_found.html", {"what": what, "slug": slug}, status_code=404)
