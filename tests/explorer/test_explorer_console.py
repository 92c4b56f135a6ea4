"""/console: a GraphQL console served whole by this server, whose examples answer."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest


def page(client, example=None):
    response = client.get("/console", params={} if example is None else {"example": example})
    assert response.status_code == 200
    return response.text


def fields(html):
    query = unescape(re.search(r'<textarea id="query"[^>]*>(.*?)</textarea>', html, re.S).group(1))
    values = unescape(re.search(r'<textarea id="variables"[^>]*>(.*?)</textarea>', html,
                                re.S).group(1))
    return query, json.loads(values)


def test_the_console_loads_nothing_from_elsewhere(client):
    html = page(client)
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert 'src="/static/console.js"' in html
    script = client.get("/static/console.js")
    assert script.status_code == 200 and "fetch(" in script.text
    assert 'action="/graphql"' in html and 'method="get"' in html  # works without the script


@pytest.mark.parametrize("example", range(4))
def test_every_example_answers_on_this_graph(client, example):
    query, variables = fields(page(client, example))
    answer = client.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in answer, answer
    assert all(value is not None for value in answer["data"].values()), answer


def test_the_form_without_script_gets_the_answer_from_graphql(client):
    query, variables = fields(page(client, 0))
    answer = client.get("/graphql", params={"query": query, "variables": json.dumps(variables)},
                        headers={"Accept": "application/json"}).json()
    assert answer["data"]["concept"]["label"]


def test_an_unknown_example_number_opens_the_first(client):
    assert fields(page(client, "nine"))[0] == fields(page(client, 0))[0]
    assert "aria-current" in page(client, 99)


def test_the_nav_leads_to_the_console(client):
    assert 'href="/console">GraphQL</a>' in client.get("/").text


def test_the_console_reads_one_article_for_its_example(client, monkeypatch):
    from contentgraph.graph.facade import ConceptGraph

    read = []
    for method in ("document", "summary"):
        original = getattr(ConceptGraph, method)
        monkeypatch.setattr(ConceptGraph, method, lambda self, slug, original=original:
                            read.append(slug) or original(self, slug))
    query, variables = fields(page(client, 1))
    assert "article(slug: $slug)" in query
    assert read == [variables["slug"]]  # not every article of the graph
