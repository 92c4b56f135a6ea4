"""`contentgraph load`: summary, JSON, errors and exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from contentgraph.cli import main
from contentgraph.examples import corpus_path


def test_summary_lists_files_and_totals():
    result = CliRunner().invoke(main, ["load", str(corpus_path())])
    assert result.exit_code == 0, result.output
    assert "qa.csv: 12 questions, 20 answers" in result.output
    assert result.output.rstrip().endswith("total: 10 articles, 12 questions, 20 answers from "
                                           "11 files; 0 errors")


def test_json_has_documents_with_blocks_and_errors(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["load", "--json", str(corpus_path() / "four-horsemen.md"),
                                       str(tmp_path / "empty.txt")])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    [doc] = data["documents"]
    assert doc["slug"] == "four-horsemen" and doc["blocks"][0]["level"] == 1
    assert doc["word_count"] > 300
    assert data["errors"][0]["reason"] == "empty file"


def test_errors_and_exit_code_when_nothing_loads(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Big\n\n" + "word " * 300_000, encoding="utf-8")
    result = CliRunner().invoke(main, ["load", "--max-mb", "1", str(big)])
    assert result.exit_code == 1
    assert "over the 1 MB limit" in result.output and "no documents loaded" in result.output


def test_qa_preset_choices_come_from_the_presets():
    result = CliRunner().invoke(main, ["load", "--qa-preset", "nope", "x.csv"])
    assert result.exit_code == 2
    assert "'counsel-chat'" in result.output and "'generic'" in result.output
