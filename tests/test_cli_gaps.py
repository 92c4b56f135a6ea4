"""`contentgraph gaps`, `stats` and `export` end to end on the example graph store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from contentgraph.cli import main

GAP_LISTS = ["write_next", "uncovered", "thin", "candidate_terms", "missing_links", "unanswered_questions"]


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_gaps_json_lists_the_concepts_the_corpus_never_mentions(example_graph, example_store):
    report = json.loads(run("gaps", "--graph", str(example_store), "--format", "json"))
    assert list(report) == GAP_LISTS
    gaps = example_graph.gaps()
    assert [row["concept"] for row in report["uncovered"]] == list(gaps.uncovered)
    assert report["uncovered"], "the example corpus leaves some taxonomy concepts out"
    first = report["uncovered"][0]
    assert first["label"] == example_graph.concept(first["concept"]).label
    assert [row["concept"] for row in report["thin"]] == list(gaps.thin)
    assert len(report["missing_links"]) == len(gaps.missing_links)
    for row in report["missing_links"]:
        assert isinstance(row["via"], list) and row["from"] != row["to"]


def test_gaps_csv_has_a_list_column_naming_each_rows_gap(example_graph, example_store):
    rows = list(csv.DictReader(io.StringIO(run("gaps", "--graph", str(example_store),
                                               "--format", "csv"))))
    gaps = example_graph.gaps()
    by_list = {name: [r for r in rows if r["list"] == name] for name in GAP_LISTS}
    assert {r["list"] for r in rows} <= set(GAP_LISTS)
    assert [r["concept"] for r in by_list["uncovered"]] == list(gaps.uncovered)
    assert len(by_list["candidate_terms"]) == len(gaps.candidate_terms)
    write_next = by_list["write_next"]
    assert [r["concept"] for r in write_next] == [w.concept for w in gaps.write_next]
    assert [r["reason"] for r in write_next] == [w.reason for w in gaps.write_next]
    assert write_next[0]["rank"] == "1" and write_next[0]["examples"]


def test_gaps_markdown_and_table_show_every_list(example_graph, example_store):
    markdown = run("gaps", "--graph", str(example_store), "--format", "markdown")
    assert markdown.count("\n## ") + markdown.startswith("## ") == len(GAP_LISTS)
    assert "| concept | label | kind |" in markdown
    uncovered = example_graph.gaps().uncovered
    label = example_graph.concept(uncovered[0]).label
    assert f"| {uncovered[0]} | {label} |" in markdown
    table = run("gaps", "--graph", str(example_store))
    assert "Uncovered concepts" in table and "Missing links" in table
    assert uncovered[0] in table


def test_stats_prints_counts_central_concepts_and_communities(example_graph, example_store):
    stats = example_graph.stats()
    output = json.loads(run("stats", "--graph", str(example_store), "--format", "json"))
    counts = {row["what"]: row["count"] for row in output["counts"]}
    assert counts["articles"] == stats.articles and counts["concepts"] == stats.concepts
    top = max(example_graph.centrality().items(), key=lambda kv: kv[1])[0]
    assert output["central"][0]["concept"] == top
    assert len(output["communities"]) == len(example_graph.communities())
    table = run("stats", "--graph", str(example_store), "--top", "5")
    assert "Top 5 concepts by PageRank" in table and "Communities" in table
    assert example_graph.concept(top).label in table


@pytest.mark.parametrize("fmt, name", [("graphml", "g.graphml"), ("gexf", "g.gexf"),
                                       ("jsonld", "g.jsonld"), ("csv", "neo4j")])
def test_export_writes_the_file_it_names(example_store, tmp_path, fmt, name):
    out = tmp_path / name
    output = run("export", "--format", fmt, "--graph", str(example_store), "--out", str(out))
    assert f"wrote {out}" in output
    assert out.exists()


def test_export_default_name_and_readable_graphml(example_graph, example_store, tmp_path,
                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)
    output = run("export", "--format", "graphml", "--graph", str(example_store))
    assert "wrote contentgraph.graphml" in output
    back = nx.read_graphml(tmp_path / "contentgraph.graphml")
    assert back.number_of_nodes() == example_graph.graph.number_of_nodes()


def test_missing_graph_files_are_clear_cli_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["gaps"])
    assert result.exit_code == 1
    assert "No graph store at 'contentgraph.graph'" in result.output
    assert "contentgraph build" in result.output
    result = CliRunner().invoke(main, ["stats", "--graph", "nowhere.graph"])
    assert result.exit_code == 1
    assert "Graph file 'nowhere.graph' does not exist" in result.output


def test_export_to_an_unwritable_path_is_a_cli_error(example_store, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--graph",
                                       str(example_store), "--out", str(blocker)])
    assert result.exit_code == 1
    assert "it is a file, give a folder" in result.output


def test_the_installed_command_prints_gaps_as_json(example_graph, example_store):
    script = Path(sys.executable).parent / "contentgraph"
    command = [str(script)] if script.exists() else [sys.executable, "-c",
                                                     "from contentgraph.cli import main; main()"]
    done = subprocess.run([*command, "gaps", "--graph", str(example_store), "--format", "json"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [r["concept"] for r in report["uncovered"]] == list(example_graph.gaps().uncovered)


@pytest.mark.parametrize("width", [80, 200])
def test_gaps_table_keeps_every_slug_whole_at_any_width(example_graph, example_store, width):
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(
        main, ["gaps", "--graph", str(example_store)])
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= width
    words = set(result.output.split())
    gaps = example_graph.gaps()
    assert set(gaps.uncovered) <= words
    assert {link.source for link in gaps.missing_links} <= words
    assert "…" not in result.output


def test_extract_at_80_columns_cuts_no_concept_name(tmp_path):
    page = tmp_path / "cycle.md"
    page.write_text("---\ntitle: When one partner withdraws\n---\n\nIn the pursue-withdraw cycle "
                    "one partner pursues and the other withdraws; emotionally focused therapy "
                    "helps couples step out of it.\n", encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["extract", str(page)])
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert "…" not in result.output
    assert "pursue-withdraw" in result.output.split()
    assert "relationship_cycle" in result.output.split()


@pytest.mark.parametrize("fmt, out", [("gexf", "no/such/folder/map.gexf"),
                                      ("csv", "no/such/neo4j")])
def test_export_never_creates_missing_folders(example_store, tmp_path, fmt, out):
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--graph",
                                       str(example_store), "--out", str(tmp_path / out)])
    assert result.exit_code == 1
    assert "no such folder" in result.output
    assert not (tmp_path / "no").exists()
