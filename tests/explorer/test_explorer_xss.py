"""Article text is untrusted: markup in it is shown as text and never runs."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

SCRIPT = '<script>alert("boom")</script>'
IMAGE = '<img src=x onerror="alert(1)">'

ARTICLE = f"""Anxious Attachment {SCRIPT} and Shame
By Test Author | 3 March 2025 | 2 min read

When anxious attachment takes over, a partner may feel shame. {SCRIPT}

Some readers paste markup into comments: {IMAGE} and <a href="javascript:alert(2)">click</a>.

Anxious attachment and avoidant attachment often meet in the pursue-withdraw cycle. {IMAGE}
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, make_app):
    from contentgraph.graph.build import build

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile-article.txt").write_text(ARTICLE, encoding="utf-8")
    graph = build([folder]).graph
    documents = graph.documents()
    assert len(documents) == 1, "the hostile article was loaded"
    with TestClient(make_app(graph)) as client:
        yield graph, documents[0], client


def test_the_markup_survives_loading(hostile):
    _, document, _ = hostile
    assert "<script>" in document.text and "onerror=" in document.text


def urls(graph, document):
    yield f"/articles/{document.slug}"
    yield f"/?q={document.title[:20]}"
    for concept in graph.document_concepts(document.slug):
        yield f"/concepts/{concept.concept}"
    yield "/gaps"


def test_pages_show_markup_from_articles_as_text(hostile, page):
    graph, document, client = hostile
    for url in urls(graph, document):
        response = client.get(url)
        assert response.status_code == 200, url
        shown = page(response.text)
        scripts = [attrs for tag, attrs in shown.elements if tag == "script"]
        assert all(attrs.get("src", "").startswith("/static/") for attrs in scripts), url
        handlers = [(tag, name) for tag, attrs in shown.elements for name in attrs
                    if name.lower().startswith("on")]
        assert handlers == [], url
        assert not any(tag == "img" for tag, _ in shown.elements), url
        assert not any(value and value.strip().lower().startswith("javascript:")
                       for _, attrs in shown.elements for value in attrs.values()), url


def test_the_article_shows_the_markup_as_visible_text(hostile, page):
    _, document, client = hostile
    response = client.get(f"/articles/{document.slug}")
    assert "&lt;script&gt;alert(&#34;boom&#34;)&lt;/script&gt;" in response.text
    assert "onerror=" in page(response.text).text
