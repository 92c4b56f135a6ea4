"""Gapped labels, labels that need context and ``unless`` phrases: the matches the plain forms
of the automaton cannot make on their own.

A pattern is a label in parts (its gaps ``*``), maybe with context words, or an ``unless``
phrase. Each part's surface forms are in the extractor's automaton; ``with_patterns`` joins the
part hits of a document into matches: each earlier part is the nearest one before, across a light
gap (up to ``GAP_WORDS`` words, none that starts a clause or negates); a context label counts
when its sentence holds a form of one of its words; an ``unless`` phrase drops its concept's
matches it overlaps. ``with_gap_contents`` keeps what a gap holds ("seeing a couples therapist"
is seeking help, and couples therapy too).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..taxonomy.model import GAP_WORDS
from ..taxonomy.normalize import WORD_RE

Hit = tuple[int, int, tuple[str, ...]]  # start, end (in the scan text), concept slugs
Parts = dict[int, list[tuple[int, int]]]  # part id -> its spans in the scan text, in text order


@dataclass(frozen=True, slots=True)
class Pattern:
    """A label that is more than one plain phrase: in parts (it has gaps), in need of context
    words, or an ``unless`` phrase (``block``) that voids the concept's matches it overlaps."""

    slug: str
    parts: tuple[int, ...]  # part ids, in order; a part is a phrase between gaps
    words: frozenset[str] = frozenset()  # forms of the context words; the sentence needs one
    phrases: tuple[str, ...] = ()  # forms of context phrases of several words (" a b ")
    block: bool = False


# Between the parts of a gapped label: up to GAP_WORDS words, none of which starts a new clause
# or negates ("feel so rejected", not "feel fine but rejected" or "feel not rejected").
_GAP_TEXT = re.compile(rf" (?:[\w']+ ){{0,{GAP_WORDS}}}")
_GAP_STOPS = frozenset("""and or but because if when while although though unless until since
    whether which who whom whose not never no nor without than then""".split())
_SENTENCE_EDGE = re.compile(r"[.!?\n]")


def with_patterns(hits: list[Hit], parts: Parts,
                   ending: dict[int, dict[int | None, list[Pattern]]],
                   scan: str) -> tuple[list[Hit], list[tuple[int, int]]]:
    """``hits`` with the matches of gapped and contextual labels, less the matches an
    ``unless`` phrase of their concept overlaps; and what follows the first part of each gapped
    match. A label whose context is met takes the span from the plain labels that match it
    ("anxious" beside "avoidant" is anxious attachment, not also anxiety)."""
    found: dict[tuple[int, int], set[str]] = {}
    in_context: dict[tuple[int, int], set[str]] = {}
    blocked: list[tuple[int, int, str]] = []
    contexts: dict[int, tuple[frozenset[str], str]] = {}
    gaps: list[tuple[int, int]] = []
    for part, spans in parts.items():
        for previous, patterns in ending.get(part, {}).items():
            if previous is not None and previous not in parts:
                continue  # "therapist" without "see" before it is no "see * therapist"
            for pattern in patterns:
                for span in spans:
                    if previous is None:
                        start, end, gap = span[0], span[1], None
                    else:
                        match = _joined(span, pattern.parts, parts, scan)
                        if match is None:
                            continue
                        start, end, gap = match
                    if pattern.block:
                        blocked.append((start, end, pattern.slug))
                        continue
                    if gap:
                        gaps.append(gap)
                    if not (pattern.words or pattern.phrases):
                        found.setdefault((start, end), set()).add(pattern.slug)
                    elif _has_context(scan, start, end, pattern, contexts):
                        in_context.setdefault((start, end), set()).add(pattern.slug)
    if not (found or in_context or blocked):
        return hits, gaps
    out = list(hits)
    position = {(h[0], h[1]): i for i, h in enumerate(out)}
    for spans, replace in ((found, False), (in_context, True)):
        for span, slugs in spans.items():
            i = position.get(span)
            if i is None:
                position[span] = len(out)
                out.append((*span, tuple(sorted(slugs))))
            else:
                out[i] = (*span, tuple(sorted(slugs if replace else slugs.union(out[i][2]))))
    if blocked:
        out = [(start, end, kept) for start, end, slugs in out
               if (kept := tuple(s for s in slugs if not any(
                   b_start < end and start < b_end and slug == s
                   for b_start, b_end, slug in blocked)))]
    return out, gaps


def _joined(last: tuple[int, int], ids: tuple[int, ...], parts: Parts,
            scan: str) -> tuple[int, int, tuple[int, int] | None] | None:
    """The match of a pattern whose last part is at ``last``: each earlier part is the nearest
    one before, after a light gap; with what follows the first part when a gap is not empty."""
    start, end = last
    gapped = False
    for part in reversed(ids[:-1]):
        before = [s for s in parts.get(part, ()) if s[1] < start and _is_gap(scan, s[1], start)]
        if not before:
            return None
        gapped = gapped or before[-1][1] + 1 < start
        start, first_end = before[-1]
    return start, end, (first_end, end) if gapped else None


def with_gap_contents(kept: list[Hit], hits: list[Hit], gaps: list[tuple[int, int]]) -> list[Hit]:
    """``kept`` with the hits that lie after the first part of a gapped match, which the match
    does not name: "seeing a couples therapist" is seeking help, and couples therapy too."""
    hits = sorted(hits)
    starts = [h[0] for h in hits]
    inside = sorted({h for a, b in gaps for h in hits[bisect_left(starts, a):bisect_left(starts, b)]
                     if h[1] <= b}, key=lambda h: (h[0] - h[1], h[0]))
    taken = set(kept)
    added: list[Hit] = []
    for hit in inside:
        if hit in taken:
            continue
        clash = [k for k in kept + added if k[0] < hit[1] and hit[0] < k[1]]
        if not all(any(a <= hit[0] and hit[1] <= b and k[0] <= a and b <= k[1] for a, b in gaps)
                   for k in clash):
            continue
        named = {slug for k in clash for slug in k[2]}
        if not named.issuperset(hit[2]):  # "feel so rejected" holds "rejected": one mention
            added.append((hit[0], hit[1], tuple(s for s in hit[2] if s not in named)))
    return sorted(kept + added) if added else kept


def _is_gap(scan: str, end: int, start: int) -> bool:
    gap = _GAP_TEXT.fullmatch(scan, end, start)
    return gap is not None and _GAP_STOPS.isdisjoint(gap.group().split())


def _has_context(scan: str, start: int, end: int, pattern: Pattern,
                 cache: dict[int, tuple[frozenset[str], str]]) -> bool:
    """Whether the sentence around ``scan[start:end]`` (lower case) holds a form of one of the
    pattern's context words or phrases."""
    low = max(0, start - 400)
    edge = max(low, scan.rfind(".", low, start) + 1, scan.rfind("!", low, start) + 1,
               scan.rfind("?", low, start) + 1, scan.rfind("\n", low, start) + 1)
    sentence = cache.get(edge)
    if sentence is None:
        after = _SENTENCE_EDGE.search(scan, end)
        words = WORD_RE.findall(scan, edge, after.start() if after else len(scan))
        sentence = cache[edge] = frozenset(words), f" {' '.join(words)} "
    return not pattern.words.isdisjoint(sentence[0]) or bool(pattern.phrases) and any(
        p in sentence[1] for p in pattern.phrases)
