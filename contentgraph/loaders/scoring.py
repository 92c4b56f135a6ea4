"""Per document, each concept's count, tf-idf-like weight and central flag.

A concept is one of the document's only when at least one of its mentions is asserted: "this is
not abuse" alone, or "if you bring it up you might start a fight", does not make the document
one about abuse or conflict.

- ``count``: the concept's (non-overlapping) mentions in the document, negated ones included.
- ``weight``: term frequency times inverse document frequency over the documents scored
  together, scaled so that the document's strongest concept weighs 1. A mention in the title
  counts ``TITLE_BOOST`` times and in a heading ``HEADING_BOOST`` times; a negated mention counts
  ``NEGATED_FACTOR`` of a plain one (the document talks about it, but does not assert it).
- ``central``: mentioned in the title or a heading, or among the document's ``TOP_CENTRAL``
  concepts by weight with at least ``MIN_CENTRAL_COUNT`` affirmed mentions.
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


def _mention_weight(document: Document, mention: Mention) -> float:
    block = document.blocks[mention.block]
    weight = 1.0
    if block.kind == "heading":
        weight = TITLE_BOOST if block.level == 1 else HEADING_BOOST
    return weight * NEGATED_FACTOR if mention.negated else weight


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
    documents = list(documents)
    frequency: dict[str, dict[str, list[float]]] = {}  # doc -> concept -> [count, tf, affirmed]
    in_heading: dict[str, set[str]] = defaultdict(set)
    document_frequency: dict[str, int] = defaultdict(int)
    for doc in documents:
        per_concept: dict[str, list[float]] = {}
        for m in mentions_by_doc.get(doc.slug, ()):
            stats = per_concept.setdefault(m.concept, [0, 0.0, 0])
            stats[0] += 1
            stats[1] += _mention_weight(doc, m)
            stats[2] += not m.negated
            if doc.blocks[m.block].kind == "heading":
                in_heading[doc.slug].add(m.concept)
        per_concept = {c: stats for c, stats in per_concept.items() if stats[2]}
        frequency[doc.slug] = per_concept
        for concept in per_concept:
            document_frequency[concept] += 1

    total = len(documents)
    idf = {c: math.log((1 + total) / (1 + df)) + 1 for c, df in document_frequency.items()}
    scored: dict[str, list[DocumentConcept]] = {}
    for doc in documents:
        per_concept = frequency[doc.slug]
        raw = {c: _damped(tf) * idf[c] for c, (_, tf, _) in per_concept.items()}
        top = max(raw.values(), default=1.0)
        ranked = sorted(per_concept, key=lambda c: (-raw[c], c))
        leaders = {c for c in ranked[:TOP_CENTRAL] if per_concept[c][2] >= MIN_CENTRAL_COUNT}
        scored[doc.slug] = [
            DocumentConcept(
                concept=c, document=doc.slug, count=int(per_concept[c][0]),
                weight=round(raw[c] / top, 3),
                central=c in in_heading[doc.slug] or c in leaders,
            )
            for c in ranked
        ]
    return scored


def _damped(tf: float) -> float:
    """Sub-linear term frequency: 1 + ln(tf) from one mention on, tf itself below one."""
    return 1.0 + math.log(tf) if tf >= 1.0 else tf
