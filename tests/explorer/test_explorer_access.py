"""Accessibility basics on every page: one h1, no skipped heading levels, labelled inputs, a
skip link, a described picture."""

from __future__ import annotations

import pytest

URLS = ["/", "/?q=attachment", "/concepts/anxious-attachment",
        "/articles/pursue-withdraw-cycle", "/articles/pursue-withdraw-cycle?highlights=all",
        "/articles/my-husband-refuses-to-go-to-couples-counseling",
        "/articles/warning-signs-emotional-abuse", "/path",
        "/path?from=anxious-attachment&to=reassurance", "/gaps", "/gaps/write-next",
        "/gaps/uncovered", "/gaps/candidate-terms", "/gaps/missing-links",
        "/gaps/unanswered-questions", "/console", "/concepts/no-such-concept"]


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


@pytest.mark.parametrize("layout", ["ring", "fan"])
def test_the_neighbourhood_pictures_have_a_title_and_description(client, layout):
    html = client.get("/concepts/anxious-attachment").text
    start = html.index(f'<div class="picture-frame {layout}">')
    svg = html[start:html.index("</svg>", start)]
    assert 'role="img"' in svg
    assert f'aria-labelledby="nb-title-{layout} nb-desc-{layout}"' in svg
    assert f'<title id="nb-title-{layout}">' in svg and f'<desc id="nb-desc-{layout}">' in svg


def test_article_sections_start_at_h2_whatever_their_source_level():
    from contentgraph.explorer.articles import body
    from contentgraph.loaders.model import Document, make_blocks

    blocks = make_blocks([("heading", "Title", 1), ("heading", "Deep", 3), ("paragraph", "p", 0),
                          ("heading", "Deeper", 4), ("list_item", "a", 0), ("list_item", "b", 0)])
    document = Document("d", "article", "Title", blocks, "d.md", "h")
    assert [(part.tag, len(part.items)) for part in body(document, [])] == [
        ("h2", 1), ("p", 1), ("h3", 1), ("ul", 2)]
