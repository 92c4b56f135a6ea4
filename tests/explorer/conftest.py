"""Fixtures for the explorer: the app over a graph, an in-memory client, an HTML inspector."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient


BLOCKS = {"p", "div", "li", "dt", "dd", "td", "th", "tr", "ul", "ol", "h1", "h2", "h3", "h4",
          "section", "blockquote", "footer", "header", "nav", "br", "title", "desc", "text"}


class Page(HTMLParser):
    """Elements of an HTML page: ``(tag, attrs)`` pairs, and the text as a reader sees it."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in BLOCKS:
            self.chunks.append(" ")

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.chunks.append(" ")

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())

    def links(self) -> list[str]:
        return [a["href"] for tag, a in self.elements if tag == "a" and a.get("href")]


@pytest.fixture(scope="session")
def make_app():
    """``make_app(graph)``: the served app (``server.create_app``) over ``graph``."""
    from contentgraph.server import create_app
    from contentgraph.settings import Settings

    return lambda graph: create_app(graph, Settings())


@pytest.fixture(scope="session")
def client(example_graph, make_app):
    with TestClient(make_app(example_graph)) as test_client:
        yield test_client


@pytest.fixture
def page():
    return Page
