"""The server's safety limits and its answers to bad requests, over HTTP on the example corpus."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from contentgraph.server import create_app
from contentgraph.settings import Settings


@pytest.fixture(scope="module")
def client(example_graph):
    with TestClient(create_app(example_graph, Settings())) as test_client:
        yield test_client


def errors(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["message"] for e in response.json()["errors"]]


def post(client, query, **variables):
    return client.post("/graphql", json={"query": query, "variables": variables})


def test_depth_limit_names_the_limit(client):
    nested = "{ concept(slug: \"pursuer\") " + "{ broader " * 10 + "{ slug" + " }" * 12
    assert "exceeds maximum operation depth of 10" in errors(post(client, nested))[0]


def test_alias_limit_names_the_limit_and_the_count(client):
    query = "{ " + " ".join(f"a{i}: stats {{ articles }}" for i in range(16)) + " }"
    assert errors(post(client, query)) == ["16 aliases found. Allowed: 15"]


def test_token_limit_names_the_limit(client):
    query = "{ stats { " + " ".join(["articles"] * 1000) + " } }"
    message = errors(post(client, query))[0]
    assert "more than 1000 tokens" in message


def test_cost_limit_gives_the_computed_cost(client):
    query = ("{ concepts(first: 100) { edges { node { related(first: 100) { concept "
             "{ slug } } } } } }")
    message = errors(post(client, query))[0]
    # the connection, 100 edges, 100 nodes, 100 x 100 related concepts and their concepts
    assert message.startswith("Query cost 20201 exceeds the cost limit of 10000")


def test_first_above_the_cap_names_argument_and_limit(client):
    response = post(client, "{ concepts(first: 101) { totalCount } }")
    assert errors(response) == ["Argument 'first' must be between 0 and 100; got 101"]


def test_bad_cursors_are_errors_that_say_so(client):
    query = "query($a: String) { concepts(after: $a) { totalCount } }"
    for bad in ("not-a-cursor", "Y2cxOng=", "\u00e9\u00e9"):
        message = errors(post(client, query, a=bad))[0]
        assert message.startswith("Malformed cursor in argument 'after'")


def test_unknown_fields_are_named(client):
    message = errors(post(client, "{ concept(slug: \"pursuer\") { labl } }"))[0]
    assert message.startswith("Cannot query field 'labl' on type 'Concept'.")
    assert "Did you mean 'label'" in message


def test_oversized_body_is_refused_with_413(client):
    body = {"query": "{ stats { articles } }", "variables": {"pad": "x" * 110_000}}
    response = client.post("/graphql", json=body)
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"] == (
        "Request body is larger than the limit of 102400 bytes (setting max_body)")


def test_malformed_json_is_a_400_that_says_so(client):
    response = client.post("/graphql", content=b'{"query": ',
                           headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Request body is not valid JSON")


def test_wrong_content_type_is_a_415(client):
    response = client.post("/graphql", content=b"{ stats { articles } }",
                           headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert "must be application/json" in response.json()["errors"][0]["message"]


def test_get_cannot_run_a_mutation(client):
    response = client.get("/graphql", params={"query": "mutation { stats { articles } }"})
    assert response.status_code in (400, 405)
    assert "mutations are not allowed" in response.text
    posted = post(client, "mutation { stats { articles } }")
    assert errors(posted) == ["The mutation operation is not supported by the schema."]


def test_batches_run_up_to_the_limit(client):
    one = {"query": "{ stats { articles } }"}
    response = client.post("/graphql", json=[one, one])
    assert response.status_code == 200 and len(response.json()) == 2
    odd = client.post("/graphql", json=[one, 2])
    assert odd.status_code == 400 and "must be a JSON object" in odd.json()["errors"][0]["message"]
    refused = client.post("/graphql", json=[one] * 11)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["message"] == (
        "Batch of 11 operations exceeds the limit of 10 (setting max_batch)")


def test_introspection_can_be_switched_off_and_suggestions_go_with_it(example_graph):
    app = create_app(example_graph, Settings(introspection=False))
    with TestClient(app) as client:
        message = errors(post(client, "{ __schema { types { name } } }"))[0]
        assert "introspection" in message.lower()
        unknown = errors(post(client, "{ concept(slug: \"pursuer\") { labl } }"))[0]
        assert "Did you mean" not in unknown
        assert post(client, "{ stats { articles } }").json()["data"]["stats"]["articles"] > 0


class _Broken:
    """A facade whose stats fail the way a bug would, with a file path in the message."""

    def __init__(self, graph):
        self._graph = graph

    def __getattr__(self, name):
        return getattr(self._graph, name)

    def stats(self):
        raise OSError("/srv/private/snapshots/secret.graph: unreadable")


def test_errors_never_leak_tracebacks_or_paths(example_graph, caplog):
    app = create_app(_Broken(example_graph), Settings())
    with TestClient(app, raise_server_exceptions=False) as client:
        response = post(client, "{ stats { articles } }")
        assert errors(response) == ["Internal error: the server logged it"]
        assert "/srv/private" not in response.text and "Traceback" not in response.text
        assert client.get("/readyz").status_code == 500
        assert "/srv/private" not in client.get("/readyz").text
    assert "secret.graph" in caplog.text


def test_limits_come_from_settings(example_graph):
    app = create_app(example_graph, Settings(max_aliases=2, max_cost=50, max_body=100))
    with TestClient(app) as client:
        three = "{ a: stats { articles } b: stats { articles } c: stats { articles } }"
        assert errors(post(client, three)) == ["3 aliases found. Allowed: 2"]
        big = errors(post(client, "{ concepts(first: 30) { edges { node { slug } } } }"))[0]
        assert big.startswith("Query cost 61 exceeds the cost limit of 50")
        assert client.post("/graphql", content=json.dumps({"query": "x" * 200}),
                           headers={"content-type": "application/json"}).status_code == 413
