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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import itemgetter

from ..taxonomy.model import GAP_WORDS
from ..taxonomy.normalize import WORD_RE

Hit = tuple[int, int, tuple[str, ...]]  # start, end (in the scan text), concept slugs
Parts = dict[int, list[tuple[int, int]]]  # part id -> its spans in the scan text, by their ends


@dataclass(frozen=True, slots=True)
class Pattern:
    """A label that is more than one plain phrase: in parts (it has gaps), in need of context
    words, or an ``unless`` phrase (``block``) that voids the concept's matches it overlaps."""

    slug: str
    parts: tuple[int, ...]  # part ids, in order; a part is a phrase between gaps
    words: frozenset[str] = frozenset()  # forms of the context words; the sentence needs one
    phrases: tuple[str, ...] = ()  # forms of context phrases of several words (" a b ")
    block: bool = False


# The patterns that end with one part: (the part before it, None for a pattern of one part, and
# the patterns) pairs
Ending = tuple[tuple[int | None, tuple[Pattern, ...]], ...]


# Between the parts of a gapped label: up to GAP_WORDS words, none of which starts a new clause
# or negates ("feel so rejected", not "feel fine but rejected" or "feel not rejected").
_GAP_TEXT = re.compile(rf" (?:[\w']+ ){{0,{GAP_WORDS}}}")
_GAP_STOPS = frozenset("""and or but because if when while although though unless until since
    whether which who whom whose not never no nor without than then""".split())
_SENTENCE_EDGE = re.compile(r"[.!?\n]")
_end = itemgetter(1)  # the end of a span or hit
# ASCII text with each character but ``\w`` and ``'`` made a space
_ASCII_RUNS = bytes(c if c < 128 and (chr(c).isalnum() or chr(c) in "_'") else 32
                    for c in range(256))


def with_patterns(hits: list[Hit], parts: Parts, ending: dict[int, Ending],
                   scan: str) -> tuple[list[Hit], list[tuple[int, int]]]:
    """``hits`` (sorted by their ends) with the matches of gapped and contextual labels, less
    the matches an ``unless`` phrase of their concept overlaps; and what follows the first part
    of each gapped match. A label whose context is met takes the span from the plain labels
    that match it ("anxious" beside "avoidant" is anxious attachment, not also anxiety)."""
    found: dict[tuple[int, int], set[str]] = {}
    in_context: dict[tuple[int, int], set[str]] = {}
    blocked: dict[str, list[tuple[int, int]]] = {}  # concept -> its unless phrases' spans
    contexts: dict[int, list[str]] = {}  # the words of sentences, by where they start
    gaps: list[tuple[int, int]] = []
    for part, spans in parts.items():
        for previous, patterns in ending.get(part, ()):
            if previous is not None and previous not in parts:
                continue  # "therapist" without "see" before it is no "see * therapist"
            for span in spans:
                if previous is not None and _nearest_before(parts[previous], span[0], scan) is None:
                    continue  # no pattern of the list can end here
                sentence = None  # the words of the span's sentence, when a pattern needs them
                for pattern in patterns:
                    if previous is None:
                        start, end, gap = span[0], span[1], None
                    else:
                        match = _joined(span, pattern.parts, parts, scan)
                        if match is None:
                            continue
                        start, end, gap = match
                    if pattern.block:
                        blocked.setdefault(pattern.slug, []).append((start, end))
                        continue
                    if gap:
                        gaps.append(gap)
                    if not (pattern.words or pattern.phrases):
                        found.setdefault((start, end), set()).add(pattern.slug)
                        continue
                    if sentence is None or previous is not None:
                        sentence = _sentence_words(scan, start, end, contexts)
                    if not pattern.words.isdisjoint(sentence) or pattern.phrases and _holds(
                            sentence, pattern.phrases):
                        in_context.setdefault((start, end), set()).add(pattern.slug)
    if not (found or in_context or blocked):
        return hits, gaps
    out = list(hits)
    for span in found.keys() | in_context.keys():  # in any order: the caller sorts the hits
        i = _position(hits, span)
        slugs = in_context.get(span)  # a context label met takes the span, or...
        if slugs is None:  # ...a pattern's concept joins those of the plain labels there
            slugs = found[span] if i is None else found[span].union(hits[i][2])
        hit = (*span, tuple(sorted(slugs)))
        if i is None:
            out.append(hit)
        else:
            out[i] = hit
    return (_unblocked(out, blocked) if blocked else out), gaps


def _unblocked(hits: list[Hit], blocked: dict[str, list[tuple[int, int]]]) -> list[Hit]:
    """``hits`` less each concept that an ``unless`` phrase of it overlaps."""
    concepts = frozenset(blocked)
    kept: list[Hit] = []
    for hit in hits:
        if not concepts.isdisjoint(hit[2]):
            start, end, slugs = hit
            slugs = tuple(s for s in slugs if not any(b_start < end and start < b_end
                                                      for b_start, b_end in blocked.get(s, ())))
            if not slugs:
                continue
            hit = (start, end, slugs)
        kept.append(hit)
    return kept


def _position(hits: list[Hit], span: tuple[int, int]) -> int | None:
    """The index of the hit with ``span`` in ``hits`` (sorted by their ends), if there is one."""
    i = bisect_left(hits, span[1], key=_end)
    while i < len(hits) and hits[i][1] == span[1]:
        if hits[i][0] == span[0]:
            return i
        i += 1
    return None


def _joined(last: tuple[int, int], ids: tuple[int, ...], parts: Parts,
            scan: str) -> tuple[int, int, tuple[int, int] | None] | None:
    """The match of a pattern whose last part is at ``last``: each earlier part is the nearest
    one before, after a light gap; with what follows the first part when a gap is not empty."""
    start, end = last
    gapped = False
    for part in reversed(ids[:-1]):
        before = _nearest_before(parts.get(part, []), start, scan)
        if before is None:
            return None
        gapped = gapped or before[1] + 1 < start
        start, first_end = before
    return start, end, (first_end, end) if gapped else None


def _nearest_before(spans: list[tuple[int, int]], start: int,
                    scan: str) -> tuple[int, int] | None:
    """The last of ``spans`` (sorted by their ends) that ends a light gap before ``start``.

    Only the nearest span before ``start`` can: the gap from an earlier one holds the gap from
    the nearest as its tail, so it fails whenever that one does."""
    i = bisect_left(spans, start, key=_end) - 1
    return spans[i] if i >= 0 and _is_gap(scan, spans[i][1], start) else None


def with_gap_contents(kept: list[Hit], hits: list[Hit], gaps: list[tuple[int, int]]) -> list[Hit]:
    """``kept`` (in text order, no two overlapping) with the hits that lie after the first part
    of a gapped match, which the match does not name: "seeing a couples therapist" is seeking
    help, and couples therapy too."""
    hits = sorted(hits)
    starts = [h[0] for h in hits]
    inside = sorted({h for a, b in gaps for h in hits[bisect_left(starts, a):bisect_left(starts, b)]
                     if h[1] <= b}, key=lambda h: (h[0] - h[1], h[0]))
    taken = set(kept)
    kept_starts = [k[0] for k in kept]
    kept_ends = [k[1] for k in kept]  # in order too: no two kept hits overlap
    added: list[Hit] = []
    for hit in inside:
        if hit in taken:
            continue
        clash = kept[bisect_right(kept_ends, hit[0]):bisect_left(kept_starts, hit[1])] + [
            k for k in added if k[0] < hit[1] and hit[0] < k[1]]
        if not all(any(a <= hit[0] and hit[1] <= b and k[0] <= a and b <= k[1] for a, b in gaps)
                   for k in clash):
            continue
        named = {slug for k in clash for slug in k[2]}
        if not named.issuperset(hit[2]):  # "feel so rejected" holds "rejected": one mention
            added.append((hit[0], hit[1], tuple(s for s in hit[2] if s not in named)))
    return sorted(kept + added) if added else kept


def _is_gap(scan: str, end: int, start: int) -> bool:
    if scan.count(" ", end, start) > GAP_WORDS + 1:
        return False  # too many words: the quick answer for most
    gap = _GAP_TEXT.fullmatch(scan, end, start)
    return gap is not None and _GAP_STOPS.isdisjoint(gap.group().split())


def _sentence_words(scan: str, start: int, end: int, cache: dict[int, list[str]]) -> list[str]:
    """The words of the sentence around ``scan[start:end]`` (lower case); ``cache`` keeps them by
    where the sentence starts."""
    low = max(0, start - 400)
    edge = max(low, scan.rfind(".", low, start) + 1, scan.rfind("!", low, start) + 1,
               scan.rfind("?", low, start) + 1, scan.rfind("\n", low, start) + 1)
    words = cache.get(edge)
    if words is None:
        after = _SENTENCE_EDGE.search(scan, end)
        words = cache[edge] = _words(scan[edge:after.start() if after else len(scan)])
    return words


def _holds(words: list[str], phrases: tuple[str, ...]) -> bool:
    """Whether ``words`` hold one of ``phrases`` (each with a space before and after)."""
    text = f" {' '.join(words)} "
    return any(p in text for p in phrases)


def _words(text: str) -> list[str]:
    """``WORD_RE``'s words of ``text`` (lower case); for ASCII text at C speed, as the runs of
    characters other than ``\\w`` and ``'``, when no run starts or ends with ``'``."""
    if text.isascii():
        runs = text.encode().translate(_ASCII_RUNS).decode()
        if "'" not in runs or not ("''" in runs or " '" in runs or "' " in runs
                                   or runs.startswith("'") or runs.endswith("'")):
            return runs.split()
    return WORD_RE.findall(text)
