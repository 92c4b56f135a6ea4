"""The CLI's `query` and `schema` commands."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from contentgraph.cli import main

SDL = Path(__file__).resolve().parents[1] / "schema.graphql"


def test_query_runs_on_a_store_with_variables(example_store):
    result = CliRunner().invoke(main, [
        "query", "query($s: String!, $n: Int) { concept(slug: $s) { label "
                 "related(first: $n) { concept { slug } } } }",
        "--graph", str(example_store), "--var", "s=pursue-withdraw-cycle", "--var", "n=2"])
    assert result.exit_code == 0, result.output
    concept = json.loads(result.output)["data"]["concept"]
    assert concept["label"].lower() == "pursue-withdraw cycle"
    assert len(concept["related"]) == 2


def test_query_without_a_graph_uses_the_example_corpus():
    result = CliRunner().invoke(main, ["query", "{ stats { articles questions } }"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["data"]["stats"]["articles"] >= 5


def test_query_errors_are_printed_as_json_and_exit_1(example_store):
    result = CliRunner().invoke(main, ["query", "{ concepts(first: 500) { totalCount } }",
                                       "--graph", str(example_store)])
    assert result.exit_code == 1
    assert json.loads(result.output)["errors"][0]["message"] == (
        "Argument 'first' must be between 0 and 100; got 500")


def test_query_on_a_missing_store_names_it(tmp_path):
    missing = tmp_path / "none.graph"
    result = CliRunner().invoke(main, ["query", "{ stats { articles } }", "--graph",
                                       str(missing)])
    assert result.exit_code == 1 and "none.graph" in result.output


def test_schema_prints_the_committed_sdl():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == SDL.read_text(encoding="utf-8")
