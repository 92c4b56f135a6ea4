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
from dataclasses import dataclass
from functools import cached_property

import ahocorasick

from ..taxonomy.model import GAP, GAP_WORDS, Taxonomy
from ..taxonomy.normalize import normalize_phrase
from .furniture import is_furniture_sentence
from .model import Block, Document, Mention
from .negation import is_hypothetical, is_negated
from .searchtext import SearchText
from .sentences import iter_sentences, split_sentences
from .surface import phrase_forms


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A label that is more than one plain phrase: in parts (it has gaps), in need of context
    words, or an ``unless`` phrase (``block``) that voids the concept's matches it overlaps."""

    slug: str
    parts: int
    words: tuple[str, ...] = ()  # normalised context words, one of which the sentence must hold
    block: bool = False


class Extractor:
    """Matches one taxonomy's concepts in documents; build once, use for many documents."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self._patterns: list[_Pattern] = []

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        """Every surface form -> (its length, the concepts it names, its roles in patterns);
        made on first use (a second or more: a rebuild with nothing to extract never needs it)."""
        concepts_by_form: dict[str, set[str]] = {}
        roles_by_form: dict[str, list[tuple[int, int]]] = {}

        def add_pattern(pattern: _Pattern, phrase: str) -> None:
            self._patterns.append(pattern)
            for index, part in enumerate(phrase.split(f" {GAP} ")):
                for form in phrase_forms(part):
                    roles_by_form.setdefault(form, []).append((len(self._patterns) - 1, index))

        for concept in self.taxonomy:
            for label in (concept.label, *concept.alt_labels):
                if GAP in label:
                    add_pattern(_Pattern(concept.slug, label.count(f" {GAP} ") + 1), label)
                    continue
                for form in phrase_forms(label):
                    concepts_by_form.setdefault(form, set()).add(concept.slug)
            for context in concept.context:
                words = tuple(normalize_phrase(w) for w in context.words)
                for label in context.labels:
                    add_pattern(_Pattern(concept.slug, label.count(f" {GAP} ") + 1, words), label)
            for phrase in concept.unless:
                add_pattern(_Pattern(concept.slug, phrase.count(f" {GAP} ") + 1, block=True),
                            phrase)
        automaton = ahocorasick.Automaton()
        for form in concepts_by_form.keys() | roles_by_form.keys():
            slugs = tuple(sorted(concepts_by_form.get(form, ())))
            roles = tuple(roles_by_form[form]) if form in roles_by_form else None
            automaton.add_word(form, (len(form), slugs, roles))
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
        hits, roles = _hits(self._automaton, scan.text)
        gaps: list[tuple[int, int]] = []
        if roles:
            hits, gaps = _with_patterns(hits, roles, self._patterns, scan.text)
        spans = _longest_first(hits)
        if gaps:
            spans = _with_gap_contents(spans, hits, gaps)
        if not spans:
            return []
        blocks, scan_text, slug = document.blocks, scan.text, document.slug
        shifted = scan.shifted
        cut = _cut_off(blocks[-1])
        b = -1  # the current block; spans come in text order, so blocks and sentences only advance
        sentence_span: tuple[int, int] | None = None
        furniture: dict[int, bool] = {}
        mentions: list[Mention] = []
        for start, end, slugs in spans:
            first, last = (scan.original(start), scan.original(end - 1) + 1) if shifted else (start, end)
            if cut and last == len(text):
                break  # the last word of a text cut off mid-word is not a word
            if b < 0 or (b + 1 < len(blocks) and blocks[b + 1].start <= first):
                while b + 1 < len(blocks) and blocks[b + 1].start <= first:
                    b += 1
                block = blocks[b]
                sentences, texts = iter_sentences(text, block.start, block.end), {}
                sentence_span = next(sentences, None)
            while sentence_span is not None and sentence_span[1] <= first:
                sentence_span = next(sentences, None)
            if sentence_span is not None and sentence_span[0] <= first:
                s_start, s_end = sentence_span
            else:
                s_start, s_end = block.start, block.end
            sentence = texts.get(s_start)
            if sentence is None:
                sentence = texts[s_start] = text[s_start:s_end]
                furniture[s_start] = is_furniture_sentence(sentence)
            if furniture[s_start]:
                continue
            negated = is_negated(scan_text, start)
            hypothetical = not negated and is_hypothetical(scan_text, start)
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


Hit = tuple[int, int, tuple[str, ...]]  # start, end (in the scan text), concept slugs
Role = tuple[int, int, tuple[tuple[int, int], ...]]  # start, end, (pattern, part index) pairs


def _hits(automaton: ahocorasick.Automaton, scan: str) -> tuple[list[Hit], list[Role]]:
    """The automaton hits that sit on word boundaries: plain ``(start, end, concept slugs)``,
    and the hits of pattern parts.

    In the scan text an apostrophe is always inside a word (edge quotes and a final "'s" became
    spaces): a hit never ends inside "don't".
    """
    size = len(scan)
    hits: list[Hit] = []
    roles: list[Role] = []
    for last, (length, slugs, parts) in automaton.iter(scan):
        start, end = last - length + 1, last + 1
        if start and (scan[start - 1].isalnum() or scan[start - 1] in "_'"):
            continue
        if end < size:
            after = scan[end]
            if after.isalnum() or after in "_'":
                continue
        if slugs:
            hits.append((start, end, slugs))
        if parts:
            roles.append((start, end, parts))
    return hits, roles


# Between the parts of a gapped label: up to GAP_WORDS words, none of which starts a new clause
# or negates ("feel so rejected", not "feel fine but rejected" or "feel not rejected").
_GAP_TEXT = re.compile(rf" (?:[\w']+ ){{0,{GAP_WORDS}}}")
_GAP_STOPS = frozenset("""and or but because if when while although though unless until since
    whether which who whom whose not never no nor without than then""".split())
_SENTENCE_EDGE = re.compile(r"[.!?\n]")


def _with_patterns(hits: list[Hit], roles: list[Role], patterns: list[_Pattern],
                   scan: str) -> tuple[list[Hit], list[tuple[int, int]]]:
    """``hits`` with the matches of gapped and contextual labels, less the matches an
    ``unless`` phrase of their concept overlaps; and the gaps of the gapped matches. A label
    whose context is met takes the span from the plain labels that match it ("anxious" beside
    "avoidant" is anxious attachment, not also anxiety)."""
    by_pattern: dict[int, list[tuple[int, int, int]]] = {}
    for start, end, parts in roles:
        for pattern, index in parts:
            by_pattern.setdefault(pattern, []).append((start, end, index))
    found: dict[tuple[int, int], set[str]] = {}
    in_context: dict[tuple[int, int], set[str]] = {}
    blocked: list[tuple[int, int, str]] = []
    contexts: dict[int, str] = {}
    gaps: list[tuple[int, int]] = []
    for number, parts in by_pattern.items():
        pattern = patterns[number]
        for start, end, gap in _joined(parts, pattern.parts, scan):
            if gap and not pattern.block:
                gaps.append(gap)
            if pattern.block:
                blocked.append((start, end, pattern.slug))
            elif not pattern.words:
                found.setdefault((start, end), set()).add(pattern.slug)
            elif _has_context(scan, start, end, pattern.words, contexts):
                in_context.setdefault((start, end), set()).add(pattern.slug)
    merged: dict[tuple[int, int], set[str]] = {}
    for start, end, slugs in hits:
        merged.setdefault((start, end), set()).update(slugs)
    for span, slugs in found.items():
        merged.setdefault(span, set()).update(slugs)
    merged.update(in_context)
    out = []
    for (start, end), slugs in merged.items():
        slugs -= {slug for b_start, b_end, slug in blocked if b_start < end and start < b_end}
        if slugs:
            out.append((start, end, tuple(sorted(slugs))))
    return out, gaps


def _joined(parts: list[tuple[int, int, int]], count: int,
            scan: str) -> list[tuple[int, int, tuple[int, int] | None]]:
    """Spans where the ``count`` parts of a pattern follow each other, each after a light gap,
    with what follows the first part when a gap is not empty (from the end of the first part to
    the end of the match)."""
    if count == 1:
        return [(start, end, None) for start, end, _ in parts]
    parts.sort()
    spans = []
    for start, end, index in parts:
        if index:
            continue
        first_end = end
        for want in range(1, count):
            following = next((p for p in parts if p[2] == want and p[0] > end
                              and _is_gap(scan, end, p[0])), None)
            if following is None:
                break
            last_start, end = following[0], following[1]
        else:
            spans.append((start, end, (first_end, end) if last_start > first_end + 1 else None))
    return spans


def _with_gap_contents(kept: list[Hit], hits: list[Hit], gaps: list[tuple[int, int]]) -> list[Hit]:
    """``kept`` with the hits that lie after the first part of a gapped match, which the match
    does not name: "seeing a couples therapist" is seeking help, and couples therapy too."""
    inside = sorted((h for h in hits if any(a <= h[0] and h[1] <= b for a, b in gaps)),
                    key=lambda h: (h[0] - h[1], h[0]))
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


def _has_context(scan: str, start: int, end: int, words: tuple[str, ...],
                 cache: dict[int, str]) -> bool:
    """Whether the sentence around ``scan[start:end]`` holds one of ``words`` (normalised)."""
    edge = max((m.end() for m in _SENTENCE_EDGE.finditer(scan, max(0, start - 400), start)),
               default=max(0, start - 400))
    sentence = cache.get(edge)
    if sentence is None:
        after = _SENTENCE_EDGE.search(scan, end)
        stop = after.start() if after else len(scan)
        sentence = cache[edge] = f" {normalize_phrase(scan[edge:stop])} "
    return any(f" {word} " in sentence for word in words)


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
