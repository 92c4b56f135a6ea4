"""`contentgraph extract`: concepts with counts, weights, central flags and their sentences."""

import json

from click.testing import CliRunner

from contentgraph.cli import main

ARTICLE = """---
title: When one partner stonewalls
---

# When one partner stonewalls

Stonewalling shuts a conversation down. It is not a sign of contempt every time.

## What helps

- taking a break before you talk again
"""

EXTRA = """concepts:
  - slug: talking-again
    label: talk again
    kind: skill
    definition: Coming back to a paused conversation.
"""


def run(tmp_path, *args):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, ["extract", str(tmp_path / "a.md"), *args])


def test_table_shows_concepts_and_the_sentences_behind_them(tmp_path):
    result = run(tmp_path)
    assert result.exit_code == 0, result.output
    assert "stonewalling" in result.output.lower()
    assert "Stonewalling shuts a conversation down." in result.output
    assert "(negated)" in result.output


def test_json_lists_every_mention_with_its_span_and_negation(tmp_path):
    result = run(tmp_path, "--json")
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.output)["documents"]
    text_concepts = {c["concept"]: c for c in doc["concepts"]}
    stonewalling = next(c for c in doc["concepts"] if "stonewall" in c["label"].lower())
    assert stonewalling["central"] is True  # in the title
    assert stonewalling["count"] >= 2
    assert 0 < stonewalling["weight"] <= 1
    negated = [m for c in text_concepts.values() for m in c["mentions"] if m["negated"]]
    assert negated and all("not a sign of" in m["sentence"] for m in negated)


def test_extra_taxonomy_is_merged(tmp_path):
    (tmp_path / "extra.yaml").write_text(EXTRA, encoding="utf-8")
    result = run(tmp_path, "--json", "--taxonomy", str(tmp_path / "extra.yaml"))
    assert result.exit_code == 0, result.output
    concepts = {c["concept"] for c in json.loads(result.output)["documents"][0]["concepts"]}
    assert "talking-again" in concepts


def test_invalid_taxonomy_and_missing_file_are_clear_errors(tmp_path):
    (tmp_path / "bad.yaml").write_text("concepts:\n  - slug: x\n    label: x\n    kind: nope\n",
                                       encoding="utf-8")
    result = run(tmp_path, "--taxonomy", str(tmp_path / "bad.yaml"))
    assert result.exit_code == 1 and "nope" in result.output
    missing = CliRunner().invoke(main, ["extract", str(tmp_path / "nothing.md")])
    assert missing.exit_code == 1 and "no documents loaded" in missing.output


HYPOTHETICAL = """---
title: Raising a hard topic
---

Anger is normal, and anger passes. This is not abuse. If you raise it tonight, you might end up
in an argument.
"""


def test_negated_and_hypothetical_mentions_are_marked_and_not_counted(tmp_path):
    (tmp_path / "h.md").write_text(HYPOTHETICAL, encoding="utf-8")
    runner = CliRunner(env={"COLUMNS": "200"})
    table = runner.invoke(main, ["extract", str(tmp_path / "h.md")])
    assert table.exit_code == 0, table.output
    assert "(hypothetical)" in table.output and "(negated)" in table.output
    assert "not counted" in table.output
    result = runner.invoke(main, ["extract", str(tmp_path / "h.md"), "--json"])
    concepts = {c["concept"]: c for c in json.loads(result.output)["documents"][0]["concepts"]}
    assert concepts["anger"]["counted"] is True
    assert concepts["abuse"]["counted"] is False and concepts["abuse"]["weight"] == 0
    [argument] = [m for c in concepts.values() if not c["counted"] for m in c["mentions"]
                  if m["hypothetical"]]
    assert argument["text"] == "argument" and argument["negated"] is False
