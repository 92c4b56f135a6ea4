"""The explorer's routes, mounted by ``server.create_app``."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from . import articles, concepts, console, gaps, home, paths


def routes() -> list[BaseRoute]:
    """Every explorer page, its CSV and JSON helpers, and ``/static`` for its CSS and JS."""
    return [
        Route("/", home.index, name="explorer:index"),
        Route("/search.json", home.search_json, name="explorer:search-json"),
        Route("/concepts/{slug}", concepts.concept_page, name="explorer:concept"),
        Route("/articles/{slug}", articles.article_page, name="explorer:article"),
        Route("/path", paths.path_page, name="explorer:path"),
        Route("/gaps", gaps.gaps_page, name="explorer:gaps"),
        Route("/gaps/{name}.csv", gaps.gaps_csv, name="explorer:gaps-csv"),
        Route("/console", console.console_page, name="explorer:console"),
        Mount("/static", app=StaticFiles(packages=[("contentgraph", "static")]), name="static"),
    ]
