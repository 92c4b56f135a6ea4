"""Fixtures for the explorer: the app over a graph, an in-memory client, an HTML inspector."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient


class Page(HTMLParser):
    """Elements of an HTML page: ``(tag, attrs)`` pairs, and the visible text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())

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
