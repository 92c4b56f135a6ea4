"""Concept-to-concept relations from per-file summaries that merge in any order.

Each source file is summarised where it is read (``summarize``): the documents each concept is
in (for idf), its sentences' concepts (counts for co-occurrence, and the best sentences for each
pair), and its relation cues (counts, and the first sentences for each relation). Summaries add up (``Tally.add``) in bounded
memory: the counts are per concept and pair, and each pair or relation keeps at most
``MAX_EVIDENCE`` sentences, chosen by a key that does not depend on the order files finish in
(quality first, then source path, place in the file, place in the text). ``Tally.relations``
then states every relation with its weight and evidence:

- ``BROADER`` / ``NARROWER`` / ``RELATED`` and typed links the taxonomy states;
- ``CO_OCCURS``: concepts affirmed in the same sentence, scored by normalised PMI;
- typed relations stated by the text (``loaders.cues``).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from ..loaders.cues import highlights
from ..loaders.model import Document, Mention, RelationCue
from ..taxonomy.model import Taxonomy

MAX_EVIDENCE = 20
MIN_NPMI = 0.05
MAX_CONCEPTS_PER_UNIT = 12  # a sentence naming more is a list: its pairs are noise

Key = tuple  # orders evidence: smaller first
CUES, DOCUMENTS, EVIDENCE = range(3)  # a cue group: [cues, documents, first evidence]


class Evidence(NamedTuple):
    """A sentence that evidences a relation, as the store keeps it: its document, its span in
    the document's text and the concepts' words in it (offsets into the sentence). Its text is
    read from the document when shown; between processes it travels as a plain tuple."""

    document: str
    start: int
    end: int
    highlights: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class Summary:
    """What one file (or several, added up) says about how concepts relate."""

    documents: int = 0
    concepts: Counter = field(default_factory=Counter)  # concept -> documents mentioning it
    units: int = 0  # sentences with an affirmed mention
    single: Counter = field(default_factory=Counter)  # concept -> sentences
    pair: Counter = field(default_factory=Counter)  # (a, b), a < b -> sentences holding both
    evidence: dict = field(default_factory=dict)  # (a, b) -> best Evidence, best first
    cues: dict = field(default_factory=dict)  # (source, target, kind) -> cue group

    def add(self, other: "Summary") -> None:
        """Add ``other`` in (any order gives the same result)."""
        self.documents += other.documents
        self.concepts.update(other.concepts)
        self.units += other.units
        self.single.update(other.single)
        self.pair.update(other.pair)
        for pair, items in other.evidence.items():
            mine = self.evidence.get(pair)
            if mine is None:
                self.evidence[pair] = items
            elif len(mine) < MAX_EVIDENCE:
                self.evidence[pair] = sorted(mine + items, key=_key)[:MAX_EVIDENCE]
            elif items[0][0] < mine[-1][0]:  # only items better than the worst kept make it
                worst = mine[-1][0]  # (both lists are best first)
                better = [item for item in items if item[0] < worst]
                self.evidence[pair] = sorted(mine + better, key=_key)[:MAX_EVIDENCE]
        for key, group in other.cues.items():
            mine = self.cues.get(key)
            if mine is None:
                self.cues[key] = group
            else:
                mine[CUES] += group[CUES]
                mine[DOCUMENTS] += group[DOCUMENTS]
                mine[EVIDENCE] = sorted(mine[EVIDENCE] + group[EVIDENCE], key=_key)[:MAX_EVIDENCE]

    def relations(self, taxonomy: Taxonomy) -> list[tuple[str, str, str, float, list, dict]]:
        """Every relation: ``(source, target, kind, weight, evidence, extra attributes)``."""
        edges: dict[tuple[str, str, str], list] = {}
        co_evidence = {pair: [Evidence(*e) for _, e in items]
                       for pair, items in self.evidence.items()}

        def found(a: str, b: str) -> list[Evidence]:
            return co_evidence.get((a, b) if a < b else (b, a), [])

        def add(a, b, kind, weight, evidence, **extra):
            edges[(a, b, kind)] = [a, b, kind, round(weight, 4), _merge(evidence, []), extra]

        for c in taxonomy:
            for parent in c.broader:
                if parent in taxonomy:
                    passages = found(c.slug, parent)
                    weight = taxonomy_weight(len(passages))
                    add(c.slug, parent, "BROADER", weight, passages)
                    add(parent, c.slug, "NARROWER", weight, passages)
            for link in c.related:
                if link.target in taxonomy:
                    passages = found(c.slug, link.target)
                    add(c.slug, link.target, link.kind.value, taxonomy_weight(len(passages)),
                        passages, stated_by="taxonomy")
        for (a, b, kind), group in self.cues.items():
            if a not in taxonomy or b not in taxonomy:
                continue
            passages = [Evidence(*e) for _, e in group[EVIDENCE]]
            existing = edges.get((a, b, kind))
            if existing:  # the taxonomy states it too: the text's sentences go first
                existing[4] = _merge(passages, existing[4])
                existing[3] = max(existing[3], taxonomy_weight(len(existing[4])))
                existing[5]["cues"] = group[CUES]
                continue
            documents = group[DOCUMENTS]
            weight = documents / (documents + 1)  # one document 0.5, two 0.67...
            add(a, b, kind, weight, passages, stated_by="text", cues=group[CUES])
        least = min_support(self.units)
        for (a, b), count in self.pair.items():
            if count < least:
                continue
            score = npmi(count, self.single[a], self.single[b], self.units)
            if score < MIN_NPMI:
                continue
            weight = min(1.0, score) * count / (count + 1)
            add(a, b, "CO_OCCURS", weight, co_evidence.get((a, b), []), support=count)
        return [tuple(edge) for edge in edges.values()]


def summarize(path: str, documents: Iterable[tuple[int, Document, list[Mention],
                                                    list[RelationCue]]]) -> Summary:
    """The summary of one file's ``(place in the file, document, mentions, cues)``; each
    pair's evidence is best first."""
    summary = Summary()
    for position, doc, mentions, cues in documents:
        summary.documents += 1
        summary.concepts.update({m.concept for m in mentions if not m.negated})
        _add_sentences(summary, path, position, doc, mentions)
        _add_cues(summary, path, position, cues)
    for pair, items in summary.evidence.items():
        summary.evidence[pair] = [(key, (slug, start, end, highlights(start, end, spans)))
                                  for key, (slug, start, end, spans) in _best(items)]
    return summary


def _add_sentences(summary: Summary, path: str, position: int, doc: Document,
                   mentions: list[Mention]) -> None:
    groups: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if not m.negated:
            groups[m.sentence_start].append(m)
    for group in groups.values():
        group.sort(key=lambda m: m.start)
        summary.units += 1
        first: dict[str, Mention] = {}
        for m in group:
            first.setdefault(m.concept, m)
        concepts = sorted(first)
        summary.single.update(concepts)
        if not 2 <= len(concepts) <= MAX_CONCEPTS_PER_UNIT:
            continue
        start = group[0].sentence_start
        end = start + len(group[0].sentence)
        for i, a in enumerate(concepts):
            for b in concepts[i + 1:]:
                summary.pair[(a, b)] += 1
                ma, mb = first[a], first[b]
                # closer mentions in shorter sentences make better evidence
                quality = -(abs(ma.start - mb.start) + 0.1 * (end - start))
                items = summary.evidence.setdefault((a, b), [])
                # the highlights are made only if the sentence stays among the pair's best
                items.append(((-quality, path, position, start),
                              (doc.slug, start, end, ((ma.start, ma.end), (mb.start, mb.end)))))
                if len(items) > 4 * MAX_EVIDENCE:
                    items[:] = _best(items)


def _add_cues(summary: Summary, path: str, position: int, cues: list[RelationCue]) -> None:
    """Count one document's cues; keep each relation's first sentences (once each)."""
    seen: set[tuple] = set()
    for index, cue in enumerate(cues):
        relation = (cue.source, cue.target, cue.kind)
        group = summary.cues.setdefault(relation, [0, 0, []])
        group[CUES] += 1
        if relation not in seen:
            seen.add(relation)
            group[DOCUMENTS] += 1
        if (*relation, cue.evidence.start) not in seen and len(group[EVIDENCE]) < MAX_EVIDENCE:
            seen.add((*relation, cue.evidence.start))
            p = cue.evidence
            group[EVIDENCE].append(((path, position, index),
                                    (p.document, p.start, p.end, p.highlights)))


_key = itemgetter(0)  # an evidence item's Key


def _best(items: list[tuple]) -> list[tuple]:
    """The ``MAX_EVIDENCE`` items of smallest key, smallest first."""
    return heapq.nsmallest(MAX_EVIDENCE, items, key=_key)


def _merge(first: list[Evidence], then: list[Evidence]) -> list[Evidence]:
    seen, out = set(), []
    for p in [*first, *then]:
        key = (p.document, p.start)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out[:MAX_EVIDENCE]


def npmi(pair_count: int, a_count: int, b_count: int, units: int) -> float:
    """Normalised pointwise mutual information, in [-1, 1] (1: always together).

    >>> round(npmi(5, 5, 5, 100), 2), round(npmi(5, 50, 50, 100), 2)
    (1.0, -0.54)
    """
    p_xy = pair_count / units
    if p_xy >= 1:
        return 1.0
    return math.log(p_xy / ((a_count / units) * (b_count / units))) / -math.log(p_xy)


def min_support(units: int) -> int:
    """Sentences that must hold both concepts before CO_OCCURS counts: grows with the corpus.

    >>> min_support(150), min_support(600), min_support(400_000)
    (1, 2, 5)
    """
    return max(1, round(math.log10(max(units, 1))) - 1)


def taxonomy_weight(evidence: int) -> float:
    """Weight of a relation the taxonomy states: 0.6 alone, up to 1.0 with three sentences.

    >>> taxonomy_weight(0), taxonomy_weight(3)
    (0.6, 1.0)
    """
    return round(0.6 + 0.4 * min(1.0, evidence / 3), 4)
