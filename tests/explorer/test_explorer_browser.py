"""The explorer in headless Chromium: search, follow a concept and a related one, open the gaps;
and an article carrying a script does not run it.

Screenshots land in ``test-output/explorer/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import CHROMIUM_ARGS, chromium, serving

OUTPUT = Path(__file__).resolve().parents[2] / "test-output" / "explorer"
HOSTILE = """Shame and Anxious Attachment <script>alert("title")</script>
By Test Author | 3 March 2025 | 2 min read

When anxious attachment takes over, a partner may feel shame. <script>alert("body")</script>

A pasted image: <img src=x onerror="alert('image')"> and a <svg onload="alert('svg')"></svg>.
"""


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    if executable is None:
        pytest.skip("no Chromium found (install Debian's `chromium` package to run this test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watched(browser):
    """A fresh page and the console errors, page errors and dialogs it produces."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    yield page, problems
    page.close()


def test_search_follow_concepts_and_open_the_gaps(watched, example_graph, make_app):
    page, problems = watched
    with serving(make_app(example_graph)) as base_url:
        page.goto(base_url + "/")
        assert page.locator("h1").inner_text() == "Explore the writing"
        page.get_by_label("Search concepts and articles").fill("anxious attachment")
        page.locator("#suggestions option").first.wait_for(state="attached")  # no eval: CSP
        suggested = page.locator("#suggestions option").first.get_attribute("value")
        assert suggested.lower() == "anxious attachment"  # suggested as you type
        page.get_by_role("button", name="Search").click()
        page.wait_for_url("**/?q=anxious+attachment")
        page.screenshot(path=OUTPUT / "1-search.png", full_page=True)

        page.locator("ul.hits a", has_text="nxious attachment").first.click()
        page.wait_for_url("**/concepts/anxious-attachment")
        assert page.locator("h1").inner_text().lower() == "anxious attachment"
        assert page.locator("svg.neighbourhood a").count() > 1
        page.screenshot(path=OUTPUT / "2-concept.png", full_page=True)

        related = page.locator("ol.related h3 a").first
        label = related.inner_text()
        related.click()
        page.wait_for_url("**/concepts/**")
        assert page.locator("h1").inner_text().lower() == label.lower()
        page.screenshot(path=OUTPUT / "3-related-concept.png", full_page=True)

        page.get_by_role("navigation", name="Explorer").get_by_role("link", name="Gaps").click()
        page.wait_for_url("**/gaps")
        assert page.get_by_role("heading", name="Uncovered concepts").is_visible()
        page.screenshot(path=OUTPUT / "4-gaps.png", full_page=True)
    assert problems == []


def test_a_script_in_an_article_never_runs(watched, make_app, tmp_path):
    from contentgraph.graph.build import build

    (tmp_path / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    graph = build([tmp_path]).graph
    [document] = graph.documents()
    page, problems = watched
    with serving(make_app(graph)) as base_url:
        page.goto(f"{base_url}/articles/{document.slug}")
        page.wait_for_timeout(300)
        assert "<script>" in page.locator("h1").inner_text()
        assert "onerror=" in page.locator("main").inner_text()
        page.screenshot(path=OUTPUT / "5-hostile-article.png", full_page=True)
    assert problems == []
