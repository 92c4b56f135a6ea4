"""Find the taxonomy's concepts in documents: one Aho-Corasick scan per document.

Every label and altLabel of every concept is expanded into its surface forms (inflections,
UK/US spellings; see ``surface``) and put in one automaton. A document's text is turned into
its scan text (lower case, dashes/quotes/slashes read as spaces; see ``searchtext``), scanned
once, and each hit is kept only if it starts and ends on word boundaries. Overlapping hits are
resolved longest first, so "emotional abuse" is one mention, not also one of "abuse". Each
mention carries its block, section, sentence, span and matched text, and whether a negation or
contrast flips it (see ``negation``).

>>> from contentgraph.taxonomy.model import Concept, ConceptKind, Taxonomy
>>> from contentgraph.loaders.model import Document, make_blocks
>>> taxonomy = Taxonomy({"withdrawer": Concept("withdrawer", "withdrawer", ConceptKind.CYCLE_ROLE,
...     alt_labels=["partner who withdraws"])})
>>> doc = Document("d", "article", "T", make_blocks([("heading", "T", 1),
...     ("paragraph", "The partner who withdrew went quiet.", 0)]), "d.txt", "0")
>>> [(m.concept, m.text, m.sentence) for m in Extractor(taxonomy).mentions(doc)]
[('withdrawer', 'partner who withdrew', 'The partner who withdrew went quiet.')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

import ahocorasick

from ..taxonomy.model import GAP, GAP_WORDS, Taxonomy
from ..taxonomy.normalize import WORD_RE, normalize_phrase
from .furniture import TRIGGERS, is_foreign, is_furniture_sentence
from .model import Block, Document, Mention
from .negation import is_hypothetical, is_negated, may_be_hypothetical, may_be_negated
from .searchtext import SearchText
from .sentences import split_sentences
from .surface import phrase_forms


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A label that is more than one plain phrase: in parts (it has gaps), in need of context
    words, or an ``unless`` phrase (``block``) that voids the concept's matches it overlaps."""

    slug: str
    parts: tuple[int, ...]  # part ids, in order; a part is a phrase between gaps
    words: frozenset[str] = frozenset()  # forms of the context words; the sentence needs one
    phrases: tuple[str, ...] = ()  # forms of context phrases of several words (" a b ")
    block: bool = False


class Extractor:
    """Matches one taxonomy's concepts in documents; build once, use for many documents."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        # last part id -> the part before it (None: a pattern of one part) -> patterns
        self._ending: dict[int, dict[int | None, list[_Pattern]]] = {}

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        """Every surface form -> (its length, the concepts it names, the pattern parts it is);
        made on first use (a second or more: a rebuild with nothing to extract never needs it)."""
        concepts_by_form: dict[str, set[str]] = {}
        parts_by_form: dict[str, set[int]] = {}
        part_ids: dict[str, int] = {}

        def add_pattern(slug: str, phrase: str, context: tuple[str, ...] = (),
                        block: bool = False) -> None:
            ids = []
            for part in phrase.split(f" {GAP} "):
                key = normalize_phrase(part)
                if key not in part_ids:
                    part_ids[key] = len(part_ids)
                    for form in phrase_forms(part):
                        parts_by_form.setdefault(form, set()).add(part_ids[key])
                ids.append(part_ids[key])
            words = frozenset(f for w in context if " " not in w for f in phrase_forms(w))
            phrases = tuple(f" {f} " for w in context if " " in w for f in phrase_forms(w))
            pattern = _Pattern(slug, tuple(ids), words, phrases, block)
            previous = ids[-2] if len(ids) > 1 else None
            self._ending.setdefault(ids[-1], {}).setdefault(previous, []).append(pattern)

        for trigger in TRIGGERS:
            parts_by_form.setdefault(trigger, set()).add(FURNITURE)
        for concept in self.taxonomy:
            for label in (concept.label, *concept.alt_labels):
                if GAP in label:
                    add_pattern(concept.slug, label)
                    continue
                for form in phrase_forms(label):
                    concepts_by_form.setdefault(form, set()).add(concept.slug)
            for context in concept.context:
                for label in context.labels:
                    add_pattern(concept.slug, label, context.words)
            for phrase in concept.unless:
                add_pattern(concept.slug, phrase, block=True)
        automaton = ahocorasick.Automaton()
        for form in concepts_by_form.keys() | parts_by_form.keys():
            slugs = tuple(sorted(concepts_by_form.get(form, ())))
            parts = tuple(sorted(parts_by_form[form])) if form in parts_by_form else None
            # keyed with a space before and after: the scan finds whole words only
            automaton.add_word(f" {form} ", (len(form), slugs, parts, " " in form))
        automaton.make_automaton()
        return automaton

    @property
    def surface_forms(self) -> int:
        """Number of distinct surface forms the automaton matches."""
        return len(self._automaton)

    def sentences(self, document: Document) -> list[tuple[int, int]]:
        """Sentence spans in ``document.text``; a sentence never crosses a block."""
        return split_sentences(document.text)

    def mentions(self, document: Document) -> list[Mention]:
        """The document's concept mentions, in text order."""
        if not self.surface_forms or not document.blocks:
            return []
        text = document.text
        scan = SearchText(text)
        hits, parts = _hits(self._automaton, scan.text)
        triggers = [scan.original(start) for start, _ in parts.pop(FURNITURE, ())]
        gaps: list[tuple[int, int]] = []
        if parts:
            hits, gaps = _with_patterns(hits, parts, self._ending, scan.text)
        spans = _longest_first(hits)
        if gaps:
            spans = _with_gap_contents(spans, hits, gaps)
        if not spans:
            return []
        blocks, scan_text, slug = document.blocks, scan.text, document.slug
        shifted = scan.shifted
        cut = _cut_off(blocks[-1])
        b = -1  # the current block; spans come in text order, so blocks and sentences only advance
        sentences = split_sentences(text)  # a sentence never crosses a block
        n = 0  # the current sentence
        current = -1  # the sentence of the previous mention
        mentions: list[Mention] = []
        for start, end, slugs in spans:
            first, last = (scan.original(start), scan.original(end - 1) + 1) if shifted else (start, end)
            if cut and last == len(text):
                break  # the last word of a text cut off mid-word is not a word
            if b < 0 or (b + 1 < len(blocks) and blocks[b + 1].start <= first):
                while b + 1 < len(blocks) and blocks[b + 1].start <= first:
                    b += 1
                block = blocks[b]
            while n < len(sentences) and sentences[n][1] <= first:
                n += 1
            if n < len(sentences) and sentences[n][0] <= first:
                s_start, s_end = sentences[n]
            else:
                s_start, s_end = block.start, block.end
            if s_start != current:  # a new sentence: what may apply to its mentions
                current, sentence = s_start, text[s_start:s_end]
                low = sentence.lower()
                furniture = is_foreign(sentence) or any(
                    s_start <= t < s_end for t in triggers) and is_furniture_sentence(sentence)
                may_negate, may_suppose = may_be_negated(low), may_be_hypothetical(low)
            if furniture:
                continue
            negated = may_negate and is_negated(scan_text, start)
            hypothetical = not negated and may_suppose and is_hypothetical(scan_text, start)
            matched = text[first:last]
            for concept in slugs:
                # in field order: concept, document, block, section, sentence, sentence_start,
                # start, end, text, negated, hypothetical
                mentions.append(Mention(concept, slug, b, block.section, sentence, s_start,
                                        first, last, matched, negated or hypothetical,
                                        hypothetical))
        return mentions


def _cut_off(block: Block) -> bool:
    """Whether a text ends in the middle of a sentence, and maybe of a word: its last block is a
    paragraph of some length that ends on a letter."""
    return block.kind in ("paragraph", "answer") and block.text[-1:].isalpha() \
        and block.text.count(" ") >= 8


FURNITURE = -1  # the part id of furniture triggers in the automaton
Hit = tuple[int, int, tuple[str, ...]]  # start, end (in the scan text), concept slugs
Parts = dict[int, list[tuple[int, int]]]  # part id -> its spans in the scan text, in text order


# The automaton reads the scan text with a space before and after it and with line breaks and
# punctuation as spaces (one character for one: the same offsets, plus one), so that a form keyed
# with spaces around it matches whole words only. In the scan text an apostrophe is always inside
# a word (edge quotes and a final "'s" became spaces): a hit never ends inside "don't".
_PUNCTUATION = "\n.,;:!?()[]{}<>*#$%=|~^@\\\u2026\u00a1\u00bf"
_WORD_EDGES = str.maketrans(_PUNCTUATION, " " * len(_PUNCTUATION))
_BREAK = re.compile("[" + re.escape(_PUNCTUATION) + "]")


def _hits(automaton: ahocorasick.Automaton, scan: str) -> tuple[list[Hit], Parts]:
    """The automaton hits, whole words: plain ``(start, end, concept slugs)``, and the spans of
    pattern parts. A phrase never crosses punctuation or a line break."""
    hits: list[Hit] = []
    parts: Parts = {}
    for end, (length, slugs, part_ids, phrase) in automaton.iter(
            f" {scan.translate(_WORD_EDGES)} "):
        end -= 1  # the closing space's index in the spaced text is the end offset in ``scan`` + 1
        start = end - length
        if phrase and _BREAK.search(scan, start, end):
            continue
        if slugs:
            hits.append((start, end, slugs))
        if part_ids:
            for part in part_ids:
                parts.setdefault(part, []).append((start, end))
    return hits, parts


# Between the parts of a gapped label: up to GAP_WORDS words, none of which starts a new clause
# or negates ("feel so rejected", not "feel fine but rejected" or "feel not rejected").
_GAP_TEXT = re.compile(rf" (?:[\w']+ ){{0,{GAP_WORDS}}}")
_GAP_STOPS = frozenset("""and or but because if when while although though unless until since
    whether which who whom whose not never no nor without than then""".split())
_SENTENCE_EDGE = re.compile(r"[.!?\n]")


def _with_patterns(hits: list[Hit], parts: Parts,
                   ending: dict[int, dict[int | None, list[_Pattern]]],
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


def _with_gap_contents(kept: list[Hit], hits: list[Hit], gaps: list[tuple[int, int]]) -> list[Hit]:
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


def _has_context(scan: str, start: int, end: int, pattern: _Pattern,
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


def _longest_first(hits: list[Hit]) -> list[Hit]:
    """Keep the longest hits, dropping any that overlaps a longer (or earlier equal) one.

    Hits are grouped into runs of overlapping ones; a hit alone is kept as it is, and only runs
    of several are resolved longest first. The result is in text order.
    """
    hits.sort()
    kept: list[Hit] = []
    group: list[Hit] = []
    reach = -1
    for hit in hits:
        if hit[0] >= reach and group:
            kept.extend(group if len(group) == 1 else _resolve(group))
            group = []
        group.append(hit)
        reach = max(reach, hit[1]) if len(group) > 1 else hit[1]
    if group:
        kept.extend(group if len(group) == 1 else _resolve(group))
    return kept


def _resolve(group: list[Hit]) -> list[Hit]:
    """Longest first among overlapping hits, in text order."""
    chosen: list[Hit] = []
    for hit in sorted(group, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= c[0] or c[1] <= hit[0] for c in chosen):
            chosen.append(hit)
    return sorted(chosen)
