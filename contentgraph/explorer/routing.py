"""The explorer's routes, mounted by ``server.create_app``."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from ..offload import page
from . import articles, concepts, console, gaps, home, paths


def routes() -> list[BaseRoute]:
    """Every explorer page, its CSV and JSON helpers (each rendered in the app's worker
    threads), and ``/static`` for its CSS and JS."""
    return [
        Route("/", page(home.index), name="explorer:index"),
        Route("/search.json", page(home.search_json), name="explorer:search-json"),
        Route("/concepts/{slug}", page(concepts.concept_page), name="explorer:concept"),
        Route("/articles/{slug}", page(articles.article_page), name="explorer:article"),
        Route("/path", page(paths.path_page), name="explorer:path"),
        Route("/gaps", page(gaps.gaps_page), name="explorer:gaps"),
        Route("/gaps/{name}.csv", page(gaps.gaps_csv), name="explorer:gaps-csv"),
        Route("/gaps/{name}", page(gaps.gap_list_page), name="explorer:gap-list"),
        Route("/console", page(console.console_page), name="explorer:console"),
        Mount("/static", app=StaticFiles(packages=[("contentgraph", "static")]), name="static"),
    ]
