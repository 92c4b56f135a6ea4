"""Every gaps list downloads as CSV that parses and matches the page's list."""

from __future__ import annotations

import csv
import io

import pytest


def rows(client, name: str) -> list[dict]:
    response = client.get(f"/gaps/{name}.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert f'filename="{name}.csv"' in response.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(response.text)))


@pytest.mark.parametrize("name, field, first", [
    ("uncovered", "slug", "slug"),
    ("thin", "slug", "slug"),
    ("unanswered-questions", "concept", "concept"),
    ("candidate-terms", "phrase", "phrase"),
    ("missing-links", "from", "from"),
])
def test_each_list_parses_with_a_header(client, example_graph, name, field, first):
    parsed = rows(client, name)
    expected = getattr(example_graph.gaps(), name.replace("-", "_"))
    assert len(parsed) == len(expected)
    if parsed:
        assert list(parsed[0])[0] == first and all(row[field] for row in parsed)


def test_uncovered_csv_names_the_uncovered_concepts(client, example_graph):
    parsed = rows(client, "uncovered")
    assert {row["slug"] for row in parsed} == set(example_graph.gaps().uncovered)
    assert all(row["article_count"] == "0" for row in parsed)


def test_candidate_terms_csv_carries_counts_and_examples(client, example_graph):
    terms = example_graph.gaps().candidate_terms
    if not terms:
        pytest.skip("the example corpus yields no candidate terms")
    parsed = rows(client, "candidate-terms")
    assert parsed[0]["phrase"] == terms[0].phrase
    assert int(parsed[0]["count"]) == terms[0].count
