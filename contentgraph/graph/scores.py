"""Scores between concepts (typed relations + co-occurrence) and between documents (cosine)."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from ..loaders.model import Passage
from ..taxonomy.model import RelationKind

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


@dataclass(slots=True)
class Link:
    """Everything that ties two concepts, whichever way the edges point."""

    kinds: dict[RelationKind, float] = field(default_factory=dict)  # kind -> edge weight
    evidence: list[Passage] = field(default_factory=list)
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

        >>> from contentgraph.loaders.model import Passage
        >>> Link(evidence=[Passage("a", None, "x", 0, 1), Passage("b", None, "y", 0, 1)],
        ...      typed_evidence=1).strength
        (1, 2, 2)
        """
        return (self.typed_evidence, len({p.document for p in self.evidence}), len(self.evidence))

    def ranked_kinds(self) -> tuple[RelationKind, ...]:
        return tuple(sorted(self.kinds, key=lambda k: (-KIND_STRENGTH[k] * self.kinds[k], k.value)))


def concept_links(graph: nx.MultiDiGraph) -> dict[str, dict[str, Link]]:
    """concept slug -> neighbour slug -> Link (symmetric), from the concept-to-concept edges."""
    links: dict[str, dict[str, Link]] = defaultdict(dict)
    for u, v, kind, data in graph.edges(keys=True, data=True):
        if not (u.startswith("concept:") and v.startswith("concept:")):
            continue
        a, b = u[8:], v[8:]
        for x, y, name in ((a, b, kind), (b, a, _INVERSE.get(kind, kind))):
            relation = RelationKind(name)
            link = links[x].setdefault(y, Link())
            link.kinds[relation] = max(link.kinds.get(relation, 0.0), data.get("weight", 0.0))
            evidence = data.get("evidence") or []
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


class DocumentVectors:
    """Weighted concept vectors of documents and a pruned inverted index for top-k cosine."""

    def __init__(self, vectors: dict[str, dict[str, float]], candidates: set[str]):
        """``vectors``: document slug -> concept -> weight; ``candidates``: the documents that
        may be returned as related."""
        self.vectors = {slug: {c: w for c, w in vec.items() if w > 0}
                        for slug, vec in vectors.items()}
        self.norms = {slug: math.sqrt(sum(w * w for w in vec.values()))
                      for slug, vec in self.vectors.items()}
        postings: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for slug in candidates:
            for concept, weight in self.vectors.get(slug, {}).items():
                postings[concept].append((weight, slug))
        self.postings = {c: [(s, w) for w, s in heapq.nlargest(POSTINGS_TOP_K, ps)]
                         for c, ps in postings.items()}

    def related(self, slug: str, n: int) -> list[tuple[str, float, tuple[str, ...]]]:
        """Up to ``n`` (document, cosine, shared concepts strongest first), never ``slug`` itself.

        Candidates come from the pruned postings of the document's strongest concepts (rough
        dot products); only the best ``CANDIDATES`` are scored exactly.
        """
        vec = self.vectors.get(slug) or {}
        norm = self.norms.get(slug) or 0.0
        if not norm:
            return []
        rough: dict[str, float] = defaultdict(float)
        for concept, weight in heapq.nlargest(QUERY_CONCEPTS, vec.items(), key=lambda cw: cw[1]):
            for other, other_weight in self.postings.get(concept, ()):
                rough[other] += weight * other_weight
        rough.pop(slug, None)
        keys = vec.keys()
        scored = []
        for other in heapq.nlargest(max(CANDIDATES, n), rough, key=rough.__getitem__):
            ovec = self.vectors[other]
            dot = sum(vec[c] * ovec[c] for c in keys & ovec.keys())
            scored.append((round(min(1.0, dot / (norm * self.norms[other])), 4), other))
        scored.sort(key=lambda s: (-s[0], s[1]))
        out = []
        for score, other in scored[:n]:
            ovec = self.vectors[other]
            shared = sorted(keys & ovec.keys(), key=lambda c: (-vec[c] * ovec[c], c))
            out.append((other, score, tuple(shared)))
        return out
