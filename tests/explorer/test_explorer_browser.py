"""The explorer in headless Chromium: search, follow a concept and a related one, open the gaps;
an article carrying a script does not run it; every page at a desktop's and a phone's width
without sideways scrolling, more than six screens of lists or console errors; the query console
with the network blocked.

Screenshots land in ``test-output/explorer/`` (gitignored) for a person to look at.
"""

from __future__ import annotations

import json
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


WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def every_page(graph) -> dict[str, str]:
    """One URL of each kind of page, on this graph's own slugs."""
    busiest = max(graph.concepts(), key=lambda c: len(graph.related_concepts(c.slug, n=500)))
    sensitive = next(c for c in graph.concepts() if c.sensitive)
    article = max(graph.documents(), key=lambda d: len(graph.document_concepts(d.slug)))
    question = max(graph.documents(kind="question"), key=lambda d: len(graph.answers(d.slug)))
    answer = graph.answers(question.slug)[0]
    longest = max(graph.concepts(), key=lambda c: len(c.label))
    return {
        "home": "/", "search": "/?q=anxious+attachment", "no hits": "/?q=zzqxv",
        "concept": f"/concepts/{busiest.slug}", "sensitive concept": f"/concepts/{sensitive.slug}",
        "longest label": f"/concepts/{longest.slug}",
        "concept, later pages": f"/concepts/{busiest.slug}?related=2&questions=2&answers=2",
        "article": f"/articles/{article.slug}",
        "article, all highlights": f"/articles/{article.slug}?highlights=all",
        "question": f"/articles/{question.slug}", "answer": f"/articles/{answer.slug}",
        "path form": "/path", "path": "/path?from=anxious+attachment&to=reassurance",
        "no path": "/path?from=anxious+attachment&to=zzqxv",
        "gaps": "/gaps", **{f"gaps/{name}": f"/gaps/{name}?page=2" for name in (
            "write-next", "unanswered-questions", "uncovered", "thin", "candidate-terms",
            "missing-links")},
        "console": "/console", "not found": "/concepts/no-such-concept",
    }


MISSING = {"no path", "not found"}  # pages answered with 404 on purpose
TEXTS = {"article", "article, all highlights", "question", "answer"}  # as long as their text
SCREENS = 6  # the most screens a page of lists may take: longer lists come a page at a time


@pytest.fixture(scope="module", params=["example", "seeds + counsel-chat"])
def walked_graph(request, example_graph):
    if request.param == "example":
        return example_graph
    return request.getfixturevalue("practice_graph")


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
        assert page.get_by_role("heading", name="What to write next", exact=True).is_visible()
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


def test_every_page_fits_a_desktop_and_a_phone_without_errors(browser, walked_graph, make_app):
    """No page scrolls sideways at 1280 or 390 px, takes more than a few screens (but for the
    text of a document), logs a console error, or draws the neighbourhood's labels over each
    other (measured in the browser's own fonts)."""
    found: list[str] = []
    with serving(make_app(walked_graph)) as base_url:
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            for name, url in every_page(walked_graph).items():
                page.goto(base_url + url)
                wide = page.evaluate("document.documentElement.scrollWidth")
                seen = page.evaluate("document.documentElement.clientWidth")
                if wide > seen:
                    found.append(f"{name} ({url}) at {width} px is {wide} px wide")
                tall = page.evaluate("document.documentElement.scrollHeight")
                if name not in TEXTS and tall > SCREENS * height:
                    found.append(f"{name} ({url}) at {width} px is {tall / height:.1f} screens")
                if page.locator("svg.neighbourhood").count():
                    found += [f"{name} at {width} px: labels {pair} overlap"
                              for pair in page.evaluate(OVERLAPPING_LABELS)]
                found += [f"{name} ({url}) at {width} px: {e}" for e in errors
                          # the browser logs a 404 page's own status, and that is expected
                          if not (name in MISSING and "status of 404" in e)]
                errors.clear()
            page.screenshot(path=OUTPUT / f"6-last-page-{width_name}.png", full_page=True)
            context.close()
    assert found == []


# The labels of the neighbourhood picture on screen whose boxes intersect.
OVERLAPPING_LABELS = """() => {
  const frame = [...document.querySelectorAll('.picture-frame')]
    .find(f => getComputedStyle(f).display !== 'none');
  const boxes = [...frame.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()]);
  const out = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, p] = boxes[i], [b, q] = boxes[j];
      if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height)
        out.push([a, b]);
    }
  return out;
}"""


def test_the_query_console_works_with_the_network_blocked(browser, example_graph, make_app):
    """Every request leaving this server is refused, as offline or behind a strict firewall:
    the console (opened from /graphql too) still runs a query, and asked for nothing else."""
    elsewhere: list[str] = []
    with serving(make_app(example_graph)) as base_url:
        context = browser.new_context(viewport={"width": 390, "height": 844})

        def only_this_server(route):
            if route.request.url.startswith(base_url):
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort("internetdisconnected")

        context.route("**/*", only_this_server)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(base_url + "/graphql")
        page.wait_for_url("**/console")
        assert page.locator("h1").inner_text() == "GraphQL console"
        page.get_by_role("button", name="Run").click()
        page.locator("#answer").filter(has_text='"data"').wait_for()
        answer = json.loads(page.locator("#answer").inner_text())
        assert answer["data"]["concept"]["label"] and "errors" not in answer
        assert page.locator("#status").inner_text().startswith("HTTP 200 in ")
        page.get_by_role("link", name="What the content is missing").click()
        page.get_by_role("button", name="Run").click()
        page.locator("#answer").filter(has_text="writeNext").wait_for()
        page.screenshot(path=OUTPUT / "7-console-offline.png", full_page=True)
        context.close()
    assert elsewhere == [] and problems == []
