"""Extraction quality against the gold files, with the floors the product promises.

Runs ``bench/quality.py`` (the report anyone can run) on the hand annotation of the two seed
articles (with its reviewed allow-list) and on the development gold of 32 counsel-chat answers;
skipped when ``../shared/corpus`` is absent. Recall: gold concepts found; precision: found
concepts in the gold (a lower bound); relations: gold relations the graph states with evidence
from their own text, and the share of those whose kind agrees.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "quality.py"
# gold file -> (recall, precision, relation recall, kind agreement) floors
FLOORS = {"seeds.yaml": (0.95, 0.90, 0.80, 0.5), "counsel-chat-dev.yaml": (0.70, 0.85, 0.40, 0.5)}


def _quality():
    spec = importlib.util.spec_from_file_location("quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["quality"] = module
    spec.loader.exec_module(module)
    return module


quality = _quality()


@pytest.mark.parametrize("gold, allowed", quality.DEFAULTS, ids=lambda p: getattr(p, "name", p))
def test_quality_meets_the_floors(gold, allowed):
    if not gold.exists():
        pytest.skip(f"{gold} not available")
    result = quality.score(gold, allowed)
    print("\n" + quality.render(result, details=True))
    recall, precision, relations, kinds = FLOORS[gold.name]
    assert result.concepts.recall >= recall
    assert result.concepts.precision >= precision
    assert result.relation_recall >= relations
    assert result.kind_agreement >= kinds


def test_a_text_the_gold_names_must_exist(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text("articles:\n  - file: missing.md\n    concepts: []\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="missing.md"):
        quality.score(gold)


def test_the_report_scores_a_small_gold_file(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "one.md").write_text(
        "---\ntitle: One\n---\n\nStonewalling can lead to loneliness. Jealousy is common.\n",
        encoding="utf-8")
    (tmp_path / "texts.yaml").write_text(
        "articles:\n  - file: one.md\n    concepts:\n"
        "      - {label: stonewalling, kind: behaviour, surface: [Stonewalling]}\n"
        "      - {label: loneliness, kind: emotion, surface: [loneliness]}\n"
        "      - {label: contempt, kind: behaviour, surface: [eye rolling]}\n"
        "    relations:\n      - {from: stonewalling, to: loneliness, kind: causes}\n",
        encoding="utf-8")
    result = quality.score(tmp_path / "texts.yaml")
    assert (result.concepts.found, result.concepts.gold) == (2, 3)
    assert result.files[0].missed == ["contempt (behaviour)"]
    assert result.files[0].unexpected == ["jealousy (jealousy)"]
    assert (result.relations_found, result.kind_agrees) == (1, 1)
    report = quality.render(result, details=True)
    assert "recall 0.667 (2/3)" in report and "missed     contempt (behaviour)" in report
