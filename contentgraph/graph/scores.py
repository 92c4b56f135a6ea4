"""Scores between concepts (typed relations + co-occurrence) and between documents (cosine)."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..taxonomy.model import RelationKind
from .relations import Evidence

# How much one relation of a kind, at full weight, says two concepts belong together.
KIND_STRENGTH = {
    RelationKind.PART_OF: 0.95, RelationKind.CAUSES: 0.9, RelationKind.SIGNALS: 0.9,
    RelationKind.TREATED_BY: 0.9, RelationKind.BROADER: 0.85, RelationKind.NARROWER: 0.85,
    RelationKind.ASSOCIATED_WITH: 0.8, RelationKind.CONTRASTS_WITH: 0.7,
    RelationKind.RELATED: 0.7, RelationKind.CO_OCCURS: 0.75,
}
# Related documents in near-linear time: each concept keeps its POSTINGS_TOP_K strongest
# documents, a query walks the postings of its QUERY_CONCEPTS strongest concepts, and the best
# CANDIDATES by that rough score get an exact cosine.
# Seen from the other end, "a BROADER b" is "b NARROWER a": one fact, not two.
_INVERSE = {"BROADER": "NARROWER", "NARROWER": "BROADER"}
POSTINGS_TOP_K = 48
QUERY_CONCEPTS = 12
CANDIDATES = 20
RELATED_KEPT = 10  # related documents a build keeps per document (more are computed on demand)


@dataclass(slots=True)
class Link:
    """Everything that ties two concepts, whichever way the edges point."""

    kinds: dict[RelationKind, float] = field(default_factory=dict)  # kind -> edge weight
    evidence: list[Evidence] = field(default_factory=list)
    typed_evidence: int = 0  # how many leading passages come from typed relations

    @property
    def score(self) -> float:
        """1 - prod(1 - strength * weight): in [0, 1], more and stronger relations score higher.

        >>> Link({RelationKind.CAUSES: 1.0}).score
        0.9
        """
        miss = 1.0
        for kind, weight in self.kinds.items():
            miss *= 1.0 - KIND_STRENGTH[kind] * weight
        return round(1.0 - miss, 4)

    @property
    def strength(self) -> tuple[int, int, int]:
        """How strongly the evidence ties the two concepts, to order links tied on score:
        passages stating a typed relation, then documents, then passages.

        >>> Link(evidence=[Evidence("a", 0, 1, ()), Evidence("b", 0, 1, ())],
        ...      typed_evidence=1).strength
        (1, 2, 2)
        """
        return (self.typed_evidence, len({p.document for p in self.evidence}), len(self.evidence))

    def ranked_kinds(self) -> tuple[RelationKind, ...]:
        return tuple(sorted(self.kinds, key=lambda k: (-KIND_STRENGTH[k] * self.kinds[k], k.value)))


def concept_links(edges: Iterable[tuple[str, str, str, float, list[Evidence]]]
                  ) -> dict[str, dict[str, Link]]:
    """concept slug -> neighbour slug -> Link (symmetric), from the concept-to-concept
    relations ``(source, target, kind, weight, evidence)``."""
    links: dict[str, dict[str, Link]] = defaultdict(dict)
    for a, b, kind, weight, evidence in edges:
        for x, y, name in ((a, b, kind), (b, a, _INVERSE.get(kind, kind))):
            relation = RelationKind(name)
            link = links[x].setdefault(y, Link())
            link.kinds[relation] = max(link.kinds.get(relation, 0.0), weight)
            if relation is RelationKind.CO_OCCURS:
                link.evidence = link.evidence + evidence
            else:
                link.evidence = link.evidence[:link.typed_evidence] + evidence + \
                    link.evidence[link.typed_evidence:]
                link.typed_evidence += len(evidence)
    for neighbours in links.values():
        for link in neighbours.values():
            seen, unique = set(), []
            for p in link.evidence:
                if (p.document, p.start) not in seen:
                    seen.add((p.document, p.start))
                    unique.append(p)
            link.evidence = unique[:20]
    return dict(links)


def ranked_links(neighbours: dict[str, Link]) -> list[tuple[str, Link]]:
    """A concept's links, best first: by score; on a tie, the stronger evidence
    (``Link.strength``) first; then by slug."""
    return sorted(neighbours.items(),
                  key=lambda kv: (-kv[1].score, *(-x for x in kv[1].strength), kv[0]))


Vector = dict[str, float]  # concept -> weight in a document, strongest first


class Postings:
    """Each concept's ``POSTINGS_TOP_K`` strongest documents among those that may be related,
    gathered one document at a time in bounded memory."""

    def __init__(self) -> None:
        self._heaps: dict[str, list[tuple[float, str]]] = defaultdict(list)

    def add(self, slug: str, vector: Vector) -> None:
        for concept, weight in vector.items():
            if weight > 0:
                heap = self._heaps[concept]
                if len(heap) < POSTINGS_TOP_K:
                    heapq.heappush(heap, (weight, slug))
                elif (weight, slug) > heap[0]:
                    heapq.heapreplace(heap, (weight, slug))

    def lists(self) -> dict[str, list[tuple[str, float]]]:
        """concept -> [(document, weight)], strongest first."""
        return {c: [(s, w) for w, s in sorted(heap, reverse=True)]
                for c, heap in self._heaps.items()}


def related_documents(slug: str, vector: Vector, postings: dict[str, list[tuple[str, float]]],
                      vector_of: Callable[[str], Vector], n: int, shared: bool = True,
                      positive_of: Callable[[str], tuple[Vector, float]] | None = None
                      ) -> list[tuple[str, float, tuple[str, ...]]]:
    """Up to ``n`` (document, cosine, shared concepts strongest first; none unless ``shared``)
    closest to ``slug``, never itself.

    Candidates come from the ``postings`` of the document's strongest concepts (rough dot
    products); only the best ``CANDIDATES`` are scored exactly, with ``vector_of`` (which knows
    every document of the postings). Near-linear in corpus size: each document costs the same.
    ``positive_of`` may give ``positive(vector_of(other))`` from a cache.
    """
    positive_of = positive_of or (lambda other: positive(vector_of(other)))
    vec = {c: w for c, w in vector.items() if w > 0}
    norm = _norm(vec)
    if not norm:
        return []
    rough: dict[str, float] = defaultdict(float)
    for concept, weight in heapq.nlargest(QUERY_CONCEPTS, vec.items(), key=lambda cw: cw[1]):
        for other, other_weight in postings.get(concept, ()):
            rough[other] += weight * other_weight
    rough.pop(slug, None)
    keys = vec.keys()
    scored = []
    for other in heapq.nlargest(max(CANDIDATES, n), rough, key=rough.__getitem__):
        ovec, onorm = positive_of(other)
        dot = sum(vec[c] * ovec[c] for c in keys & ovec.keys())
        scored.append((round(min(1.0, dot / (norm * onorm)), 4), other, ovec))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [(other, score, shared_concepts(vec, ovec) if shared else ())
            for score, other, ovec in scored[:n]]


def shared_concepts(vector: Vector, other: Vector) -> tuple[str, ...]:
    """The concepts two documents share, the strongest (product of weights) first.

    >>> shared_concepts({"a": 0.5, "b": 1.0, "c": 0.2}, {"a": 1.0, "b": 0.2, "d": 1.0})
    ('a', 'b')
    """
    vec = {c: w for c, w in vector.items() if w > 0}
    ovec = {c: w for c, w in other.items() if w > 0}
    return tuple(sorted(vec.keys() & ovec.keys(), key=lambda c: (-vec[c] * ovec[c], c)))


def positive(vector: Vector) -> tuple[Vector, float]:
    """The concepts of positive weight of ``vector``, and their norm."""
    found = {c: w for c, w in vector.items() if w > 0}
    return found, _norm(found)


def _norm(vec: Vector) -> float:
    return math.sqrt(sum(w * w for w in vec.values()))
