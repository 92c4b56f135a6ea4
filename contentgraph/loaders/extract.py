"""Find the taxonomy's concepts in documents: one Aho-Corasick scan per document.

Every label and altLabel of every concept is expanded into its surface forms (inflections,
UK/US spellings; see ``surface``) and put in one automaton, with the parts of gapped and
context labels and ``unless`` phrases (see ``patterns``), the trigger words of page furniture
(see ``furniture``) and the words that negate or set a condition (see ``negation``). A
document's text is turned into its scan text (lower case, dashes/quotes/slashes read as spaces;
see ``searchtext``) and scanned once for whole words.
Overlapping hits are resolved longest first, so "emotional abuse" is one mention, not also one
of "abuse". Each mention carries its block, section, sentence, span and matched text, and
whether a negation, contrast or hypothetical flips it (see ``negation``); mentions in page
furniture and a last word cut off at the end of a text are dropped.

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

from bisect import bisect_left

import ahocorasick

from ..taxonomy.model import GAP, Taxonomy
from ..taxonomy.normalize import normalize_phrase
from .furniture import TRIGGERS, is_foreign, is_furniture_sentence
from .model import Block, Document, Mention
from .negation import (CONDITIONS, CUE_PHRASES, WINDOW, is_hypothetical, is_negated,
                       last_in_reach, may_be_hypothetical, may_be_negated, negation_ends)
from .patterns import Ending, Hit, Parts, Pattern, with_gap_contents, with_patterns
from .searchtext import SearchText
from .sentences import split_sentences
from .surface import phrase_forms


# Part ids in the automaton of words that are no concept's but tell about the sentence: furniture
# triggers, negation and contrast cues, the words that set a condition.
FURNITURE, NEGATION, CONDITION = -1, -2, -3
# What the automaton holds for a surface form: its length, the concepts it names, the pattern
# parts it is, and the form itself if it has several words
Form = tuple[int, tuple[str, ...], tuple[int, ...] | None, str | None]


class Extractor:
    """Matches one taxonomy's concepts in documents; build once, use for many documents."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self._made: ahocorasick.Automaton | None = None
        # last part id -> (the part before it (None: a pattern of one part), patterns) pairs
        self._ending: dict[int, Ending] = {}

    @property
    def _automaton(self) -> ahocorasick.Automaton:
        """Every surface form -> (its length, the concepts it names, the pattern parts it is);
        made on first use (a second or more: a rebuild with nothing to extract never needs it)."""
        if self._made is None:
            self._made = self._make_automaton()
        return self._made

    def _make_automaton(self) -> ahocorasick.Automaton:
        concepts_by_form: dict[str, set[str]] = {}
        parts_by_form: dict[str, set[int]] = {}
        part_ids: dict[str, int] = {}
        ending: dict[int, dict[int | None, list[Pattern]]] = {}

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
            pattern = Pattern(slug, tuple(ids), words, phrases, block)
            previous = ids[-2] if len(ids) > 1 else None
            ending.setdefault(ids[-1], {}).setdefault(previous, []).append(pattern)

        signals = ((FURNITURE, TRIGGERS), (NEGATION, CUE_PHRASES), (CONDITION, CONDITIONS))
        for part, words in signals:
            for word in words:
                parts_by_form.setdefault(word, set()).add(part)
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
            phrase = form if " " in form else None  # a phrase must not cross punctuation
            automaton.add_word(f" {form} ", (len(form), slugs, parts, phrase))
        automaton.make_automaton()
        self._ending = {part: tuple((previous, tuple(patterns))
                                    for previous, patterns in by_previous.items())
                        for part, by_previous in ending.items()}
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
        triggers = sorted(scan.original(start) for start, _ in parts.pop(FURNITURE, ()))
        # where the cues end that may make a mention negated or hypothetical
        negations = negation_ends(scan.text, [end for _, end in parts.pop(NEGATION, ())])
        conditions = [end for _, end in parts.pop(CONDITION, ())]
        gaps: list[tuple[int, int]] = []
        if parts:
            hits, gaps = with_patterns(hits, parts, self._ending, scan.text)
        spans = _longest_first(hits)
        if gaps:
            spans = with_gap_contents(spans, hits, gaps)
        if not spans:
            return []
        blocks, scan_text, slug = document.blocks, scan.text, document.slug
        end_of_text = len(text) + 1
        cut = len(text) if _cut_off(blocks[-1]) else -1  # the end of a text cut off mid-word
        # spans come in text order, so the block and the sentence only advance
        b, block, next_block = -1, blocks[0], blocks[0].start
        sentences = split_sentences(text)  # a sentence never crosses a block
        sentences.append((end_of_text, end_of_text))
        n, (s_from, s_to) = 0, sentences[0]  # the sentence at or after the mention
        current = -1  # where the sentence of the previous mention starts
        cues = sorted(negations + conditions)  # where a negation or condition word ends...
        cues.append(len(scan_text) + WINDOW)  # (one past the end, so that the pointer stops)
        c = 0  # ...the first after the mention (most mentions have none within reach)
        mentions: list[Mention] = []
        for (start, _, _), (first, last, slugs) in zip(spans, scan.originals(spans)):
            if last == cut:
                break  # the last word of a text cut off mid-word is not a word
            if first >= next_block:
                while b + 1 < len(blocks) and blocks[b + 1].start <= first:
                    b += 1
                block = blocks[b]
                next_block = blocks[b + 1].start if b + 1 < len(blocks) else end_of_text
            while s_to <= first:
                n += 1
                s_from, s_to = sentences[n]
            if s_from <= first:
                s_start, s_end = s_from, s_to
            else:  # a mention outside every sentence has its block as its sentence
                s_start, s_end = block.start, block.end
            if s_start != current:  # a new sentence: what may apply to its mentions
                current, sentence, section = s_start, text[s_start:s_end], block.section
                t = bisect_left(triggers, s_start) if triggers else 0  # the next furniture word
                furniture = is_foreign(sentence) or t < len(triggers) and triggers[t] < s_end \
                    and is_furniture_sentence(sentence)
            if furniture:
                continue
            while cues[c] <= start:
                c += 1
            negated = hypothetical = False
            if c and cues[c - 1] > start - WINDOW:
                # a cue within reach, and the sentence holds one itself (one before it does not
                # count)
                near = last_in_reach(negations, start)
                negated = near > 0 and is_negated(scan_text, start, near) \
                    and may_be_negated(sentence.lower())
                hypothetical = not negated and last_in_reach(conditions, start) > 0 \
                    and is_hypothetical(scan_text, start) and may_be_hypothetical(sentence.lower())
            matched = text[first:last]
            for concept in slugs:
                # in field order: concept, document, block, section, sentence, sentence_start,
                # start, end, text, negated, hypothetical
                mentions.append(Mention(concept, slug, b, section, sentence, s_start, first,
                                        last, matched, negated or hypothetical, hypothetical))
        return mentions


def _cut_off(block: Block) -> bool:
    """Whether a text ends in the middle of a sentence, and maybe of a word: its last block is a
    paragraph of some length that ends on a letter."""
    return block.kind in ("paragraph", "answer") and block.text[-1:].isalpha() \
        and block.text.count(" ") >= 8


# The automaton reads the scan text with a space before and after it and with line breaks and
# punctuation as spaces (one character for one: the same offsets, plus one), so that a form keyed
# with spaces around it matches whole words only. In the scan text an apostrophe is always inside
# a word (edge quotes and a final "'s" became spaces): a hit never ends inside "don't".
_PUNCTUATION = "\n.,;:!?()[]{}<>*#$%=|~^@\\\u2026\u00a1\u00bf"


def _hits(automaton: ahocorasick.Automaton, scan: str) -> tuple[list[Hit], Parts]:
    """The automaton hits, whole words: plain ``(start, end, concept slugs)``, and the spans of
    pattern parts. A phrase never crosses punctuation or a line break."""
    hits: list[Hit] = []
    parts: Parts = {}
    spaced = scan
    for char in _PUNCTUATION:
        if char in spaced:
            spaced = spaced.replace(char, " ")
    found: tuple[int, Form]  # (typed, the compiled loop reads the automaton's tuples directly)
    for found in automaton.iter(f" {spaced} "):
        # the closing space's index in the spaced text is the end offset in ``scan`` + 1
        end = found[0] - 1
        length, slugs, part_ids, phrase = found[1]
        start = end - length
        if phrase and scan[start:end] != phrase:
            continue  # punctuation where the phrase has a space
        if slugs:
            hits.append((start, end, slugs))
        if part_ids:
            for part in part_ids:
                parts.setdefault(part, []).append((start, end))
    return hits, parts


def _longest_first(hits: list[Hit]) -> list[Hit]:
    """Keep the longest hits, dropping any that overlaps a longer (or earlier equal) one.

    Hits are grouped into runs of overlapping ones; a hit alone is kept as it is, and only runs
    of several are resolved longest first. The result is in text order.
    """
    hits.sort()
    kept: list[Hit] = []
    run = 0  # where the current run of overlapping hits begins in ``kept``
    reach = -1  # the furthest end of the hits so far
    for hit in hits:
        if hit[0] >= reach:  # a new run: resolve the one before if it holds several hits
            if len(kept) - run > 1:
                kept[run:] = _resolve(kept[run:])
            run = len(kept)
        kept.append(hit)
        if hit[1] > reach:
            reach = hit[1]
    if len(kept) - run > 1:
        kept[run:] = _resolve(kept[run:])
    return kept


def _resolve(group: list[Hit]) -> list[Hit]:
    """Longest first among overlapping hits (in text order), in text order."""
    if len(group) == 2:  # the most common run: the longer hit, the first on a tie
        a, b = group
        return [a] if a[1] - a[0] >= b[1] - b[0] else [b]
    chosen: list[Hit] = []
    for hit in sorted(group, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= c[0] or c[1] <= hit[0] for c in chosen):
            chosen.append(hit)
    return sorted(chosen)
