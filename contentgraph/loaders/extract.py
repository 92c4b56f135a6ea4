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

from functools import cached_property

import ahocorasick

from ..taxonomy.model import Taxonomy
from .model import Document, Mention
from .negation import is_negated
from .searchtext import SearchText
from .sentences import iter_sentences, split_sentences
from .surface import phrase_forms


class Extractor:
    """Matches one taxonomy's concepts in documents; build once, use for many documents."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy

    @cached_property
    def _automaton(self) -> ahocorasick.Automaton:
        """Every surface form -> (its length, its concepts); made on first use (a second or
        more: a rebuild with nothing to extract never needs it)."""
        concepts_by_form: dict[str, set[str]] = {}
        for concept in self.taxonomy:
            for label in (concept.label, *concept.alt_labels):
                for form in phrase_forms(label):
                    concepts_by_form.setdefault(form, set()).add(concept.slug)
        automaton = ahocorasick.Automaton()
        for form, slugs in concepts_by_form.items():
            automaton.add_word(form, (len(form), tuple(sorted(slugs))))
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
        spans = _longest_first(_hits(self._automaton, scan.text))
        if not spans:
            return []
        blocks, scan_text, slug = document.blocks, scan.text, document.slug
        shifted = scan.shifted
        b = -1  # the current block; spans come in text order, so blocks and sentences only advance
        sentence_span: tuple[int, int] | None = None
        mentions: list[Mention] = []
        for start, end, slugs in spans:
            first, last = (scan.original(start), scan.original(end - 1) + 1) if shifted else (start, end)
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
            negated = is_negated(scan_text, start)
            matched = text[first:last]
            for concept in slugs:
                # in field order: concept, document, block, section, sentence, sentence_start,
                # start, end, text, negated
                mentions.append(Mention(concept, slug, b, block.section, sentence, s_start,
                                        first, last, matched, negated))
        return mentions


def _hits(automaton: ahocorasick.Automaton, scan: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """``(start, end, concept slugs)`` of each automaton hit that sits on word boundaries.

    In the scan text an apostrophe is always inside a word (edge quotes and a final "'s" became
    spaces): a hit never ends inside "don't".
    """
    size = len(scan)
    hits = []
    for last, (length, slugs) in automaton.iter(scan):
        start, end = last - length + 1, last + 1
        if start and (scan[start - 1].isalnum() or scan[start - 1] in "_'"):
            continue
        if end < size:
            after = scan[end]
            if after.isalnum() or after in "_'":
                continue
        hits.append((start, end, slugs))
    return hits


def _longest_first(hits: list[tuple[int, int, tuple[str, ...]]]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Keep the longest hits, dropping any that overlaps a longer (or earlier equal) one.

    Hits are grouped into runs of overlapping ones; a hit alone is kept as it is, and only runs
    of several are resolved longest first. The result is in text order.
    """
    hits.sort()
    kept: list[tuple[int, int, tuple[str, ...]]] = []
    group: list[tuple[int, int, tuple[str, ...]]] = []
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


def _resolve(group: list[tuple[int, int, tuple[str, ...]]]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Longest first among overlapping hits, in text order."""
    chosen: list[tuple[int, int, tuple[str, ...]]] = []
    for hit in sorted(group, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= c[0] or c[1] <= hit[0] for c in chosen):
            chosen.append(hit)
    return sorted(chosen)
