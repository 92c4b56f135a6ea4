"""Cutting text at spans for highlighting: overlaps and strays never break the text."""

from __future__ import annotations

from contentgraph.explorer.highlight import pieces


def test_pieces_rebuild_the_text_and_mark_the_spans():
    text = "Shame and anxious attachment."
    cut = pieces(text, [(10, 28, "anxious-attachment"), (0, 5, "shame")])
    assert "".join(p.text for p in cut) == text
    assert [(p.text, p.concept) for p in cut if p.marked] == [
        ("Shame", "shame"), ("anxious attachment", "anxious-attachment")]


def test_overlapping_and_out_of_range_spans_are_dropped():
    text = "anxious attachment"
    cut = pieces(text, [(0, 18, "a"), (8, 18, "b"), (5, 99, "c"), (3, 3, "d")])
    assert [(p.text, p.concept) for p in cut] == [("anxious attachment", "a")]


def test_text_without_spans_is_one_plain_piece():
    assert [(p.text, p.marked) for p in pieces("", [])] == [("", False)]


def test_a_span_past_the_end_is_ignored():
    assert [(p.text, p.marked) for p in pieces("abc", [(1, 9, "x")])] == [("abc", False)]
