"""``/console``: a GraphQL query console that needs no internet and no third-party script.

The form sends the query to ``/graphql`` (GET, so it works without JavaScript; the answer is
the JSON itself); ``static/console.js`` runs it in the page instead (POST) and shows the answer
beside it. The examples are the front-end's own queries, filled in with this graph's slugs.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response

from ._render import facade, render

PATH_TRIES = 10  # central concepts tried for an example path of several steps

CONCEPT_PAGE = """query ConceptPage($slug: String!) {
  concept(slug: $slug) {
    label kind definition articleCount
    narrower { slug label }
    related(first: 5) {
      concept { slug label } score relations
      evidence(first: 1) { text article { slug title } }
    }
    articles(first: 5) { totalCount edges { node { slug title } } }
  }
}"""
ARTICLE_PAGE = """query ArticlePage($slug: String!) {
  article(slug: $slug) {
    title author published wordCount
    concepts(first: 10) { concept { slug label sensitive } central weight passages(first: 1) { text } }
    related(first: 3) { article { slug title } score sharedConcepts { label } }
  }
}"""
PATH = """query Path($from: String!, $to: String!) {
  path(from: $from, to: $to) {
    length
    steps { from { label } to { label } relations evidence { text article { title } } }
  }
}"""
GAPS = """{
  stats { articles questions concepts relations builtAt }
  gaps {
    writeNext(first: 5) {
      totalCount
      edges { node { concept { label } gap reason examples(first: 1) { title } } }
    }
    candidateTerms(first: 5) { phrase kind score }
  }
}"""


def examples(request: Request) -> list[dict]:
    """The example queries, with variables naming concepts and an article of this graph."""
    graph = facade(request)
    ranked = [slug for slug, _ in sorted(graph.centrality().items(), key=lambda kv: -kv[1])]
    first, second = _path_pair(graph, ranked[:PATH_TRIES])
    _, articles = graph.document_page(n=1)  # the first article only, whatever the corpus
    found = [("A concept page", CONCEPT_PAGE, {"slug": first})]
    if articles:
        found.append(("An article page", ARTICLE_PAGE, {"slug": articles[0].slug}))
    found += [("How two concepts connect", PATH, {"from": first, "to": second}),
              ("What the content is missing", GAPS, {})]
    return [{"title": title, "query": query, "variables": json.dumps(values, indent=2)}
            for title, query, values in found]


def _path_pair(graph, slugs: list[str]) -> tuple[str, str]:
    """Two of ``slugs`` that an evidenced path of two steps or more connects, else the first two
    (whose path is then null: the example still shows the query)."""
    for source in slugs:
        for target in slugs:
            found = graph.path(source, target, evidence=0) if source != target else None
            if found is not None and found.length >= 2:
                return source, target
    return tuple((slugs + ["", ""])[:2])


def console_page(request: Request) -> Response:
    """The console, opened on the example the ``example`` parameter names (default the first)."""
    shown = examples(request)
    try:
        index = min(max(int(request.query_params.get("example", 0)), 0), len(shown) - 1)
    except ValueError:
        index = 0
    return render(request, "console.html", {"examples": shown, "current": shown[index],
                                            "index": index})
