"""Explorer pages in Chromium at a desktop's and a phone's width: how tall each page is and
whether it scrolls sideways, on the two seed articles plus counsel-chat.

Prints, per page and width, the page height in CSS pixels, in screens of that viewport, and the
widest element when the page is wider than the viewport. Needs Debian's ``chromium`` and
``../shared/corpus``.

    .venv/bin/python bench/pages.py [--graph GRAPH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_ARGS, chromium, serving  # noqa: E402

from contentgraph.graph.build import build  # noqa: E402
from contentgraph.graph.facade import ConceptGraph  # noqa: E402
from contentgraph.server import create_app  # noqa: E402
from contentgraph.settings import Settings  # noqa: E402

SHARED = ROOT / ".." / "shared" / "corpus"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
# The widest element of a page that scrolls sideways, to know what to fix.
WIDEST = """() => {
  let best = null, right = 0;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect().right;
    if (r > right) { right = r; best = el; }
  }
  return best ? best.tagName.toLowerCase() + (best.className ? '.' + best.className : '')
         + ' ' + Math.round(right) + 'px' : '';
}"""


def urls(graph: ConceptGraph) -> dict[str, str]:
    busiest = max(graph.concepts(), key=lambda c: graph.mention_count(c.slug)).slug
    article = graph.documents()[0].slug
    question = max(graph.documents(kind="question"),
                   key=lambda d: len(graph.document_concepts(d.slug))).slug
    answer = graph.documents(kind="answer")[0].slug
    return {"home": "/", "search": "/?q=anxious+attachment", "concept": f"/concepts/{busiest}",
            "article": f"/articles/{article}", "question": f"/articles/{question}",
            "answer": f"/articles/{answer}",
            "path": "/path?from=anxious+attachment&to=reassurance", "gaps": "/gaps",
            **{f"gaps/{name}": f"/gaps/{name}" for name in (
                "write-next", "unanswered-questions", "uncovered", "thin", "candidate-terms",
                "missing-links")},
            "console": "/console"}


def measure(graph: ConceptGraph) -> None:
    from playwright.sync_api import sync_playwright

    with serving(create_app(graph, Settings())) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        print(f"{'page':<27} {'width':>5} {'height px':>10} {'screens':>8} {'sideways':>9}")
        for name, url in urls(graph).items():
            for width, height in WIDTHS.values():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + url)
                tall = page.evaluate("document.documentElement.scrollHeight")
                wide = page.evaluate("document.documentElement.scrollWidth")
                sideways = f"{wide - width} px" if wide > width else "none"
                print(f"{name:<27} {width:>5} {tall:>10,} {tall / height:>8.1f} {sideways:>9}"
                      + (f"  widest: {page.evaluate(WIDEST)}" if wide > width else ""))
                page.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", help="a graph to serve (default: build the seeds and "
                                        "counsel-chat)")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if chromium() is None:
        sys.exit("no Chromium found: install Debian's chromium package")
    if args.graph:
        graph = ConceptGraph.load(args.graph)
    else:
        if not SHARED.is_dir():
            sys.exit(f"{SHARED} is absent")
        graph = build([SHARED / "seeds", *sorted((SHARED / "counsel-chat").glob("*.csv"))]).graph
    measure(graph)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        main()
