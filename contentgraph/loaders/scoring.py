"""Per document, each concept's count, tf-idf-like weight and central flag.

A concept is one of the document's only when at least one of its mentions is asserted: "this is
not abuse" alone, or "if you bring it up you might start a fight", does not make the document
one about abuse or conflict.

- ``count``: the concept's (non-overlapping) mentions in the document, negated ones included.
- ``weight``: term frequency times inverse document frequency over the documents scored
  together, scaled so that the document's strongest concept weighs 1. A mention in the title
  counts ``TITLE_BOOST`` times and in a heading ``HEADING_BOOST`` times; a negated mention counts
  ``NEGATED_FACTOR`` of a plain one (the document talks about it, but does not assert it), except
  in a heading, which names a topic even when it says no to it ("When a partner won't try couples
  therapy").
- ``central``: what a reader would call the document's main topics: weighing at least
  ``CENTRAL_WEIGHT`` and either mentioned in the title or a heading or among the document's
  ``TOP_CENTRAL`` concepts by weight with at least ``MIN_CENTRAL_COUNT`` affirmed mentions (the
  weight keeps out a heading on something the document says little about and a concept that
  many documents name).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from .model import Document, DocumentConcept, Mention

TITLE_BOOST = 3.0
HEADING_BOOST = 2.0
NEGATED_FACTOR = 0.3
TOP_CENTRAL = 3
MIN_CENTRAL_COUNT = 2
CENTRAL_WEIGHT = 0.5


def concept_stats(document: Document, mentions: Iterable[Mention]) -> dict[str, list]:
    """Per concept of one document: ``[mentions, weighted mentions, affirmed mentions, in a
    heading (0/1)]``, the part of scoring that needs only the document."""
    blocks = document.blocks
    return tally_mentions((m.concept, blocks[m.block].kind, blocks[m.block].level, m.negated)
                          for m in mentions)


def tally_mentions(mentions: Iterable[tuple[str, str, int, bool]]) -> dict[str, list]:
    """``concept_stats`` of ``(concept, block kind, block level, negated)`` per mention; only
    the concepts with an asserted mention."""
    per_concept: dict[str, list] = {}
    for concept, kind, level, negated in mentions:
        stats = per_concept.setdefault(concept, [0, 0.0, 0, 0])
        weight = (TITLE_BOOST if level == 1 else HEADING_BOOST) if kind == "heading" else 1.0
        stats[0] += 1
        stats[1] += weight * NEGATED_FACTOR if negated and kind != "heading" else weight
        stats[2] += not negated
        if kind == "heading":
            stats[3] = 1
    return {concept: stats for concept, stats in per_concept.items() if stats[2]}


def inverse_document_frequency(document_frequency: Mapping[str, int],
                               total: int) -> dict[str, float]:
    """idf of each concept, from the number of documents (of ``total``) mentioning it."""
    return {c: math.log((1 + total) / (1 + df)) + 1 for c, df in document_frequency.items()}


def weigh(slug: str, stats: Mapping[str, list], idf: Mapping[str, float]) -> list[DocumentConcept]:
    """A document's DocumentConcepts, strongest first, from its ``concept_stats`` and the idf."""
    raw = {c: _damped(tf) * idf[c] for c, (_, tf, _, _) in stats.items()}
    top = max(raw.values(), default=1.0)
    ranked = sorted(stats, key=lambda c: (-raw[c], c))
    leaders = {c for c in ranked[:TOP_CENTRAL] if stats[c][2] >= MIN_CENTRAL_COUNT}
    return [DocumentConcept(concept=c, document=slug, count=int(stats[c][0]),
                            weight=round(raw[c] / top, 3),
                            central=raw[c] / top >= CENTRAL_WEIGHT
                            and (bool(stats[c][3]) or c in leaders))
            for c in ranked]


def score_documents(
    documents: Iterable[Document], mentions_by_doc: Mapping[str, list[Mention]]
) -> dict[str, list[DocumentConcept]]:
    """``{document slug: [DocumentConcept, ...]}`` strongest first; every document has a key.

    >>> from contentgraph.loaders.model import make_blocks
    >>> doc = Document("d", "article", "Jealousy", make_blocks([("heading", "Jealousy", 1),
    ...     ("paragraph", "Jealousy and anger.", 0)]), "d.txt", "0")
    >>> ms = [Mention("jealousy", "d", 0, None, "Jealousy", 0, 0, 8, "Jealousy"),
    ...       Mention("jealousy", "d", 1, None, "Jealousy and anger.", 10, 10, 18, "Jealousy"),
    ...       Mention("anger", "d", 1, None, "Jealousy and anger.", 10, 23, 28, "anger")]
    >>> [(dc.concept, dc.count, dc.weight, dc.central) for dc in score_documents([doc], {"d": ms})["d"]]
    [('jealousy', 2, 1.0, True), ('anger', 1, 0.419, False)]
    """
    stats = {doc.slug: concept_stats(doc, mentions_by_doc.get(doc.slug, ())) for doc in documents}
    document_frequency: dict[str, int] = defaultdict(int)
    for per_concept in stats.values():
        for concept in per_concept:
            document_frequency[concept] += 1
    idf = inverse_document_frequency(document_frequency, len(stats))
    return {slug: weigh(slug, per_concept, idf) for slug, per_concept in stats.items()}


def _damped(tf: float) -> float:
    """Sub-linear term frequency: 1 + ln(tf) from one mention on, tf itself below one."""
    return 1.0 + math.log(tf) if tf >= 1.0 else tf
