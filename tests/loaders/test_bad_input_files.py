"""Bad input files stay small problems: YAML aliases are bounded (front matter and taxonomy
files), error messages are capped, and one bad JSON line loses that line only."""

from __future__ import annotations

import json

import pytest
import yaml

from contentgraph.errors import MAX_MESSAGE
from contentgraph.graph.build import build
from contentgraph.loaders.load import load
from contentgraph.taxonomy.load import check_files
from contentgraph.yamlsafe import ALIAS_ALLOWANCE, load_yaml


def laughs(levels: int = 9) -> str:
    """YAML of nine values aliased nine times over ``levels`` levels: 9**levels values."""
    lines = ['l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines)


def test_front_matter_whose_aliases_explode_loses_that_file_only(tmp_path):
    front = "---\ntitle: Laughs\n" + laughs() + "\n---\n# Laughs\n\nA partner withdraws.\n"
    assert len(front.encode()) < 600
    (tmp_path / "laughs.md").write_text(front, encoding="utf-8")
    (tmp_path / "fine.md").write_text("# Fine\n\nThe pursuer asks for reassurance.\n",
                                      encoding="utf-8")
    report = build([tmp_path])
    assert [d.slug for d in report.graph.documents()] == ["fine"]
    [error] = report.errors
    assert "laughs.md" in error.path and "aliases expand" in error.reason


def test_a_taxonomy_file_whose_aliases_explode_gets_a_short_error(tmp_path):
    path = tmp_path / "laughs.yaml"
    anchors = "\n".join("  " + line for line in laughs().splitlines())
    path.write_text(f"laughs:\n{anchors}\nconcepts:\n  - [*l8]\n", encoding="utf-8")
    problems = check_files([path])
    assert problems and all(len(p) <= MAX_MESSAGE for p in problems)
    assert any("aliases expand" in p for p in problems)


def test_a_few_aliases_still_read():
    text = "base: &base {kind: emotion}\none: *base\ntwo: {<<: *base, label: two}\n"
    assert load_yaml(text)["two"] == {"kind": "emotion", "label": "two"}


def test_a_value_that_contains_itself_is_refused():
    with pytest.raises(yaml.YAMLError, match="contains it"):
        load_yaml("loop: &loop [1, *loop]\n")


def test_aliases_may_add_up_to_the_allowance():
    block = "[" + ", ".join(["1"] * 99) + "]"
    copies = ALIAS_ALLOWANCE // 100
    ok = f"b: &b {block}\n" + "".join(f"c{i}: *b\n" for i in range(copies - 1))
    assert len(load_yaml(ok)) == copies
    with pytest.raises(yaml.YAMLError, match="aliases expand"):
        load_yaml(ok + "".join(f"d{i}: *b\n" for i in range(3)))


def test_a_taxonomy_item_of_any_size_gives_a_capped_message(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text("concepts:\n  - " + "x" * 100_000 + "\n", encoding="utf-8")
    [problem] = check_files([path])
    assert "each item of 'concepts' must be a mapping" in problem
    assert len(problem) <= MAX_MESSAGE


def test_one_deeply_nested_jsonl_line_loses_that_line_only(tmp_path):
    good = {"questionID": "q1", "questionTitle": "Why do we fight about chores?",
            "questionText": "We keep fighting.", "questionLink": "", "topic": "relationships",
            "therapistInfo": "Ann Lee", "therapistURL": "", "answerText": "Talk about it.",
            "upvotes": 1, "views": 2}
    nested = '{"questionTitle": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = tmp_path / "qa.jsonl"
    path.write_text("\n".join([json.dumps(good), nested, json.dumps(dict(good, questionID="q2",
                    questionTitle="Is it normal to argue?"))]) + "\n", encoding="utf-8")
    result = load([path])
    assert [d.kind for d in result.documents] == ["question", "answer", "question", "answer"]
    [error] = result.errors
    assert error.line == 2 and "nests too deeply" in error.reason
