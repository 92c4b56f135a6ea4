"""Label search keeps its bounded cost whatever the text, and caches its answers."""

from __future__ import annotations

import difflib

from contentgraph.graph import search
from contentgraph.graph.search import FUZZY_CANDIDATES, LabelIndex


def titles(n: int) -> list[tuple[str, str]]:
    """``n`` titles that all share trigrams with a text of repeated short words."""
    return [(f"t{i}", f"a question about a partner and a plan number {i}") for i in range(n)]


def count_ratios(monkeypatch) -> list[int]:
    calls = [0]
    ratio = difflib.SequenceMatcher.ratio

    def counted(self):
        calls[0] += 1
        return ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    return calls


def test_fuzzy_scoring_is_capped_whatever_the_index_and_the_text(monkeypatch):
    calls = count_ratios(monkeypatch)
    index = LabelIndex(titles(3000))
    assert index.search(" ".join(["a"] * 100), fuzzy=True) is not None
    assert index.search("a partner plan question " * 8, fuzzy=True) is not None
    assert calls[0] <= 2 * FUZZY_CANDIDATES


def test_repeated_words_count_once_in_fuzzy_matching():
    index = LabelIndex([("eft", "Emotionally focused therapy")])
    found = index.search("emotionaly emotionaly focussed focussed", fuzzy=True)
    assert [k for k, _ in found] == ["eft"]


def test_fuzzy_matches_are_apart_and_share_a_word_with_the_text():
    index = LabelIndex([("silent", "silent treatment"), ("consent", "parental consent"),
                        ("walls", "stonewalling")])
    assert index.search("stonewaling") == [] and index.search("silent treatmnt") == []
    assert [k for k, _ in index.search("stonewaling", fuzzy=True)] == ["walls"]
    assert [k for k, _ in index.search("silent treatmnt", fuzzy=True)] == ["silent"]
    # letters alike ("ent", "nt"), no word alike: never a match
    assert "consent" not in dict(index.search("silent treatment", fuzzy=True))


def test_answers_are_cached_and_the_cache_is_bounded(monkeypatch):
    calls = count_ratios(monkeypatch)
    index = LabelIndex([("eft", "Emotionally focused therapy"), ("cbt", "Cognitive therapy")])
    first = index.search("emotionaly focussed", fuzzy=True)
    made = calls[0]
    assert index.search("Emotionaly  Focussed", fuzzy=True) == first and calls[0] == made
    monkeypatch.setattr(search, "CACHED_HITS", 3)
    found = [index.search(text) for text in ("therapy", "therap", "thera", "focused", "cognitiv")]
    assert all(found) and sum(map(len, found)) > 3
    assert sum(map(len, index._answers.values())) <= 3
