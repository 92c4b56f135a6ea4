"""Split text into plain and marked pieces, so templates escape every piece on its own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..graph.facade import ConceptGraph
from ..loaders.model import Block, Mention, Passage


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    concept: str | None = None  # slug of the concept a marked piece links to
    marked: bool = False


def pieces(text: str, spans: Iterable[tuple[int, int, str | None]]) -> list[Piece]:
    """Cut ``text`` at ``(start, end, concept)`` spans (offsets into ``text``).

    Overlapping or out-of-range spans are dropped (the earliest, then longest, wins).

    >>> [(p.text, p.marked) for p in pieces("I feel anxious.", [(7, 14, None)])]
    [('I feel ', False), ('anxious', True), ('.', False)]
    """
    out: list[Piece] = []
    cursor = 0
    for start, end, concept in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < cursor or start >= end or end > len(text):
            continue
        if start > cursor:
            out.append(Piece(text[cursor:start]))
        out.append(Piece(text[start:end], concept, True))
        cursor = end
    if cursor < len(text) or not out:
        out.append(Piece(text[cursor:]))
    return out


def passage_pieces(passage: Passage) -> list[Piece]:
    """The passage's sentence with its matched concept words marked."""
    return pieces(passage.text, ((s, e, None) for s, e in passage.highlights))


def block_pieces(block: Block, mentions: Iterable[Mention]) -> list[Piece]:
    """The block's text with the mentions inside it marked and linked to their concepts."""
    spans = ((m.start - block.start, m.end - block.start, m.concept) for m in mentions
             if block.start <= m.start and m.end <= block.end)
    return pieces(block.text, spans)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage ready to show: its marked pieces and the title of the document it is from."""

    passage: Passage
    pieces: list[Piece]
    title: str


def evidence(graph: ConceptGraph, passage: Passage | None) -> Evidence | None:
    """Shape ``passage`` for a template; ``None`` stays ``None``."""
    if passage is None:
        return None
    document = graph.summary(passage.document)
    title = document.title if document is not None else passage.document
    return Evidence(passage, passage_pieces(passage), title)
