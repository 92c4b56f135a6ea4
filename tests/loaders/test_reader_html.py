"""HTML pages: main content, metadata, links; boilerplate dropped."""

from __future__ import annotations

import pytest

from contentgraph.loaders.load import load
from contentgraph.loaders.readers.html import fragment_items

PAGE = """<!DOCTYPE html><html><head><title>Repair Attempts | Site</title>
<meta name="author" content="Ann Lee"><meta name="date" content="2024-05-03">
<link rel="canonical" href="https://a.test/blog/repair-attempts"></head>
<body><nav><a href="/">Home</a><a href="/blog">Blog</a><a href="/contact">Contact</a></nav>
<main><article><h1>Repair Attempts</h1>
<p>A repair attempt is any move that stops a fight from escalating. It can be a joke, a touch,
or a simple apology, and it works when the other partner notices it.</p>
<h2>Why they fail</h2>
<p>Repairs fail when partners are flooded. Read <a href="/blog/flooding">about flooding</a> and
take a break before trying again, then return to the talk when both of you are calm.</p>
<ul><li>Say sorry for your part.</li><li>Ask for a pause.</li><li>Use humour gently.</li></ul>
</article></main>
<footer><p>Copyright 2025 Example Practice. All rights reserved.</p></footer></body></html>"""


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "repair.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = load([path]).documents
    return doc


def test_metadata(doc):
    assert (doc.slug, doc.title, doc.author, doc.published, doc.url) == (
        "repair-attempts", "Repair Attempts", "Ann Lee", "2024-05-03",
        "https://a.test/blog/repair-attempts")


def test_structure_without_boilerplate(doc):
    kinds = [(b.kind, b.section) for b in doc.blocks]
    assert kinds == [("heading", None), ("paragraph", None), ("heading", "Why they fail"),
                     ("paragraph", "Why they fail")] + [("list_item", "Why they fail")] * 3
    assert "Home" not in doc.text and "Copyright" not in doc.text


def test_links_resolved_against_the_canonical_url(doc):
    assert doc.links == ["https://a.test/blog/flooding"]


@pytest.mark.parametrize("fragment, expected", [
    ("<p>One</p><p>Two</p>", [("paragraph", "One"), ("paragraph", "Two")]),
    ("First para\n\nSecond para", [("paragraph", "First para"), ("paragraph", "Second para")]),
    ("<h3>Head</h3>Loose<br>text", [("heading", "Head"), ("paragraph", "Loose text")]),
    ("<ol><li>a<ul><li>b</li></ul></li></ol>", [("list_item", "a"), ("list_item", "b")]),
    ("<p>x<script>bad()</script><!-- note --></p>", [("paragraph", "x")]),
], ids=["paragraphs", "wordpress autop", "heading and br", "nested lists", "script and comment"])
def test_fragments(fragment, expected):
    items, _ = fragment_items(fragment)
    assert [(k, t) for k, t, _ in items] == expected
