"""Accessibility basics on every page: one h1, no skipped heading levels, labelled inputs, a
skip link, a described picture."""

from __future__ import annotations

import pytest

URLS = ["/", "/?q=attachment", "/concepts/anxious-attachment",
        "/articles/pursue-withdraw-cycle", "/path", "/path?from=anxious-attachment&to=reassurance",
        "/gaps", "/concepts/no-such-concept"]


@pytest.mark.parametrize("url", URLS)
def test_headings_labels_and_skip_link(client, page, url):
    shown = page(client.get(url).text)
    levels = [int(tag[1]) for tag, _ in shown.elements if tag in {"h1", "h2", "h3", "h4"}]
    assert levels[0] == 1 and levels.count(1) == 1, url
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (url, levels)
    labelled = {attrs.get("for") for tag, attrs in shown.elements if tag == "label"}
    inputs = [attrs for tag, attrs in shown.elements if tag == "input"]
    assert all(attrs.get("id") in labelled for attrs in inputs), url
    assert ("a", {"class": "skip", "href": "#main"}) in shown.elements
    assert any(tag == "main" and attrs.get("id") == "main" for tag, attrs in shown.elements)


def test_the_neighbourhood_picture_has_a_title_and_description(client):
    html = client.get("/concepts/anxious-attachment").text
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="nb-title nb-desc"' in svg
    assert '<title id="nb-title">' in svg and '<desc id="nb-desc">' in svg


def test_article_sections_start_at_h2_whatever_their_source_level():
    from contentgraph.explorer.articles import body
    from contentgraph.loaders.model import Document, make_blocks

    blocks = make_blocks([("heading", "Title", 1), ("heading", "Deep", 3), ("paragraph", "p", 0),
                          ("heading", "Deeper", 4), ("list_item", "a", 0), ("list_item", "b", 0)])
    document = Document("d", "article", "Title", blocks, "d.md", "h")
    assert [(part.tag, len(part.items)) for part in body(document, [])] == [
        ("h2", 1), ("p", 1), ("h3", 1), ("ul", 2)]
