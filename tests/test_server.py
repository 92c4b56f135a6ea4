"""Every query of the API contract over HTTP (Starlette's test client) on the example corpus."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from contentgraph.server import create_app
from contentgraph.settings import Settings

CYCLE = "pursue-withdraw-cycle"

CONCEPT_PAGE = """
query ConceptPage($slug: String!) {
  concept(slug: $slug) {
    slug label kind altLabels definition articleCount mentionCount
    broader { slug } narrower { slug }
    related(first: 20) {
      concept { slug kind } score relations
      evidence(first: 3) { text section start end article { slug title } }
    }
    articles(first: 5) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug title } }
    }
    passages(first: 3) { text article { slug } }
  }
}"""

ARTICLE_PAGE = """
query ArticlePage($slug: String!) {
  article(slug: $slug) {
    slug kind title url author published wordCount
    concepts(first: 50) { concept { slug label } count weight central
                          passages(first: 2) { text section start end } }
    related(first: 3) { article { slug title } score sharedConcepts { slug } }
  }
}"""


@pytest.fixture(scope="module")
def client(example_graph):
    with TestClient(create_app(example_graph, Settings())) as test_client:
        yield test_client


def gql(client, query, **variables):
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


@pytest.fixture(scope="module")
def cycle_article(client):
    """Slug of the example article about the pursue-withdraw cycle."""
    found = gql(client, '{ articles(search: "pursue-withdraw", first: 100) '
                        '{ edges { node { slug title } } } }')["articles"]["edges"]
    slugs = [e["node"]["slug"] for e in found if "Pursue-Withdraw" in e["node"]["title"]]
    assert slugs, found
    return slugs[0]


def test_concept_page_lists_the_roles_of_the_cycle(client, cycle_article):
    concept = gql(client, CONCEPT_PAGE, slug=CYCLE)["concept"]
    assert concept["label"].lower() == "pursue-withdraw cycle"
    assert concept["kind"] == "RELATIONSHIP_CYCLE"
    assert concept["articleCount"] >= 1 and concept["mentionCount"] >= concept["articleCount"]
    roles = {r["concept"]["slug"]: r for r in concept["related"]
             if r["concept"]["kind"] == "CYCLE_ROLE"}
    assert {"pursuer", "withdrawer"} <= set(roles)
    for role in roles.values():
        assert "PART_OF" in role["relations"] and 0 < role["score"] <= 1
        for passage in role["evidence"]:
            assert passage["text"] and passage["end"] > passage["start"] >= 0
    articles = concept["articles"]
    assert cycle_article in [e["node"]["slug"] for e in articles["edges"]]
    assert articles["totalCount"] == concept["articleCount"]
    assert concept["passages"] and all("withdraw" in p["text"].lower() or "pursu" in
                                       p["text"].lower() for p in concept["passages"])


def test_each_role_of_the_cycle_has_evidence_from_the_cycle_article(client, cycle_article):
    concept = gql(client, CONCEPT_PAGE, slug=CYCLE)["concept"]
    roles = {r["concept"]["slug"]: r for r in concept["related"]}
    for slug in ("pursuer", "withdrawer"):
        evidence = roles[slug]["evidence"]
        assert any(p["article"]["slug"] == cycle_article and slug in p["text"].lower()
                   for p in evidence), (slug, evidence)


def test_concept_narrower_and_broader_are_inverse(client):
    cycle = gql(client, CONCEPT_PAGE, slug=CYCLE)["concept"]
    assert "negative-cycle" in [c["slug"] for c in cycle["broader"]]
    parent = gql(client, CONCEPT_PAGE, slug="negative-cycle")["concept"]
    assert CYCLE in [c["slug"] for c in parent["narrower"]]


def test_article_page_has_concepts_passages_and_related_reading(client, cycle_article,
                                                                 example_graph):
    article = gql(client, ARTICLE_PAGE, slug=cycle_article)["article"]
    assert article["kind"] == "article"
    assert article["author"] == "Maya Okafor"
    assert article["published"] == "2025-02-10"
    assert article["url"].endswith("/pursue-withdraw-cycle")
    assert article["wordCount"] == example_graph.document(cycle_article).word_count > 300
    concepts = {m["concept"]["slug"]: m for m in article["concepts"]}
    cycle = concepts[CYCLE]
    assert cycle["central"] and cycle["count"] >= 2 and 0 < cycle["weight"] <= 1
    assert all("withdraw" in p["text"].lower() for p in cycle["passages"])
    assert article["concepts"][0]["central"]
    assert article["related"], "no related reading"
    for rel in article["related"]:
        assert rel["article"]["slug"] != cycle_article
        assert rel["sharedConcepts"] and 0 < rel["score"] <= 1


def test_concepts_search_finds_labels_and_variants_best_first(client):
    query = ('query($q: String, $kind: ConceptKind) { concepts(search: $q, kind: $kind) '
             '{ totalCount edges { node { slug label } } } }')
    for text in ("pursuer", "  Pursuers ", "pursuer-withdrawer", "PURSUE-WITHDRAW CYCLE"):
        found = gql(client, query, q=text)["concepts"]["edges"]
        assert found and found[0]["node"]["slug"] in ("pursuer", CYCLE), (text, found)
    roles = gql(client, query, kind="CYCLE_ROLE")["concepts"]
    assert roles["totalCount"] >= 2
    assert all(e["node"]["slug"] != CYCLE for e in roles["edges"])


def test_articles_by_concept_and_by_author(client, cycle_article):
    query = ('query($c: String, $a: String) { articles(concept: $c, author: $a, first: 100) '
             '{ totalCount edges { node { slug author } } } }')
    by_concept = gql(client, query, c=CYCLE)["articles"]
    assert cycle_article in [e["node"]["slug"] for e in by_concept["edges"]]
    by_author = gql(client, query, a="Maya Okafor")["articles"]["edges"]
    assert by_author and all(e["node"]["author"] == "Maya Okafor" for e in by_author)


def test_paging_through_all_concepts(client):
    query = ('query($after: String) { concepts(first: 40, after: $after) '
             '{ totalCount pageInfo { hasNextPage endCursor } edges { node { slug } } } }')
    seen, after = [], None
    while True:
        page = gql(client, query, after=after)["concepts"]
        seen += [e["node"]["slug"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]
    assert gql(client, "{ stats { concepts } }")["stats"]["concepts"] == len(seen)


def test_path_between_concepts_with_evidence(client):
    query = """query($a: String!, $b: String!) { path(from: $a, to: $b, maxHops: 4) {
      length steps { from { slug } to { slug } relations evidence(first: 1) {
        text article { slug } } } } }"""
    path = gql(client, query, a="pursuer", b=CYCLE)["path"]
    assert path["length"] == len(path["steps"]) >= 1
    assert path["steps"][0]["from"]["slug"] == "pursuer"
    assert path["steps"][-1]["to"]["slug"] == CYCLE
    for a, b in zip(path["steps"], path["steps"][1:]):
        assert a["to"]["slug"] == b["from"]["slug"]
    assert all(step["relations"] for step in path["steps"])
    assert gql(client, query, a="pursuer", b="no-such-concept")["path"] is None
    assert gql(client, query, a="pursuer", b="pursuer")["path"] == {"length": 0, "steps": []}


def test_neighborhood_is_centred_and_its_edges_stay_inside(client):
    query = """query($s: String!) { neighborhood(slug: $s, depth: 1, first: 10) {
      truncated nodes { slug } edges { source { slug } target { slug } relation weight } } }"""
    sub = gql(client, query, s=CYCLE)["neighborhood"]
    nodes = [n["slug"] for n in sub["nodes"]]
    assert nodes[0] == CYCLE and 1 < len(nodes) <= 10
    assert sub["edges"]
    for edge in sub["edges"]:
        assert {edge["source"]["slug"], edge["target"]["slug"]} <= set(nodes)
        assert edge["weight"] > 0


def test_gaps_name_uncovered_thin_candidates_links_and_questions(client):
    data = gql(client, """{ gaps {
      uncovered { slug articleCount } thin { slug articleCount }
      candidateTerms(first: 5) { phrase count articleCount }
      missingLinks(first: 5) { from { slug } to { slug } via { slug } score }
      unansweredQuestions(first: 5) { concept { slug } questionCount articleCount
                                      examples(first: 2) { slug kind title } } } }""")["gaps"]
    assert data["uncovered"] and all(c["articleCount"] == 0 for c in data["uncovered"])
    assert all(c["articleCount"] > 0 for c in data["thin"])
    assert all(t["count"] >= t["articleCount"] >= 1 for t in data["candidateTerms"])
    for link in data["missingLinks"]:
        assert link["from"]["slug"] != link["to"]["slug"] and link["via"]
    for gap in data["unansweredQuestions"]:
        assert gap["questionCount"] >= 1
        assert all(e["kind"] == "question" for e in gap["examples"])


def test_stats_and_readiness_agree(client):
    stats = gql(client, "{ stats { articles questions concepts mentions relations builtAt } }")
    stats = stats["stats"]
    assert stats["articles"] >= 5 and stats["questions"] >= 1 and stats["relations"] > 0
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["builtAt"] == stats["builtAt"]
    assert ready["counts"]["articles"] == stats["articles"]
    assert client.get("/healthz").json() == {"status": "ok"}


def test_get_runs_queries_and_browsers_get_the_console(client):
    response = client.get("/graphql", params={"query": "{ stats { articles } }"})
    assert response.status_code == 200 and response.json()["data"]["stats"]["articles"] >= 5
    page = client.get("/graphql", headers={"accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/console"
    console = client.get("/graphql", headers={"accept": "text/html"})
    assert console.status_code == 200 and "<h1>GraphQL console</h1>" in console.text
    assert "unpkg" not in console.text and "https://" not in console.text


def test_repeated_queries_are_answered_from_the_cache(client):
    query = {"query": "{ concept(slug: \"pursuer\") { label } }"}
    cache = client.app.state.holder.cache
    before = len(cache)
    first = client.post("/graphql", json=query).json()
    assert len(cache) == before  # asked once: not kept
    assert client.post("/graphql", json=query).json() == first
    assert len(cache) == before + 1  # asked again: kept
    assert client.post("/graphql", json=query).json() == first
    assert len(cache) == before + 1


def test_gzip_and_cors(example_graph):
    app = create_app(example_graph, Settings(cors_origins=("https://front.example",)))
    with TestClient(app) as client:
        big = client.post("/graphql", json={"query": "{ concepts(first: 100) { edges { node "
                                                     "{ slug label definition } } } }"},
                          headers={"accept-encoding": "gzip", "origin": "https://front.example"})
        assert big.headers["content-encoding"] == "gzip"
        assert big.headers["access-control-allow-origin"] == "https://front.example"
        other = client.options("/graphql", headers={"origin": "https://evil.example",
                                                    "access-control-request-method": "POST"})
        assert "access-control-allow-origin" not in other.headers


def test_explorer_is_mounted(client):
    assert client.get("/").status_code == 200
