"""Documents, mentions, cues and a taxonomy -> the networkx MultiDiGraph (nodes and edges only).

Node keys: ``concept:<slug>``, ``doc:<slug>``, ``author:<slug>``. Concept-to-concept edges are keyed
by their RelationKind value and carry ``relation``, ``weight`` (in [0, 1]) and ``evidence`` (up to
``MAX_EVIDENCE`` Passages, best first).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from ..loaders.cues import passage
from ..loaders.model import Document, Mention, Passage, RelationCue
from ..taxonomy.model import Taxonomy

MAX_EVIDENCE = 20
MIN_NPMI = 0.05
MAX_CONCEPTS_PER_UNIT = 12  # a sentence naming more is a list: its pairs are noise


def concept_node(slug: str) -> str:
    return f"concept:{slug}"


def doc_node(slug: str) -> str:
    return f"doc:{slug}"


def author_node(name: str) -> str:
    return f"author:{slugify(name)}"


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by dashes.

    >>> slugify("Jo Watson, MSc")
    'jo-watson-msc'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


def normalize_url(url: str) -> str:
    """A URL's comparable form: no scheme, ``www.``, query, fragment or trailing slash.

    >>> normalize_url("https://www.example.org/blog/post/?utm=1#top")
    'example.org/blog/post'
    """
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    url = re.sub(r"^www\.", "", url)
    return re.split(r"[?#]", url, maxsplit=1)[0].rstrip("/")


def assemble(taxonomy: Taxonomy, documents: list[Document], mentions: dict[str, list[Mention]],
             cues: Iterable[RelationCue]) -> nx.MultiDiGraph:
    """The graph of one build, without its MENTIONS edges (``BuildData.complete_graph`` adds
    them from the document concepts' rows)."""
    graph = nx.MultiDiGraph()
    _add_concepts(graph, taxonomy)
    _add_documents(graph, documents)
    co = _cooccurrence(documents, mentions)
    evidence = co.passages()
    _add_taxonomy_relations(graph, taxonomy, evidence)
    _add_cue_relations(graph, cues)
    _add_cooccurs(graph, co, evidence)
    return graph


def _add_concepts(graph: nx.MultiDiGraph, taxonomy: Taxonomy) -> None:
    for c in taxonomy:
        graph.add_node(concept_node(c.slug), type="concept", label=c.label, kind=c.kind.value,
                       definition=c.definition or "", alt_labels=list(c.alt_labels),
                       sensitive=c.sensitive, broader=list(c.broader))


def _add_documents(graph: nx.MultiDiGraph, documents: list[Document]) -> None:
    by_url = {normalize_url(d.url): d.slug for d in documents if d.url}
    for d in documents:
        node = doc_node(d.slug)
        graph.add_node(node, type=d.kind, label=d.title, title=d.title, url=d.url or "",
                       author=d.author or "", published=d.published or "",
                       word_count=d.word_count, tags=list(d.tags))
        if d.author:
            author = author_node(d.author)
            if author not in graph:
                graph.add_node(author, type="author", label=d.author)
            graph.add_edge(author, node, key="WROTE", relation="WROTE")
        if d.parent:
            graph.add_edge(node, doc_node(d.parent), key="ANSWERS", relation="ANSWERS")
        for url in d.links:
            target = by_url.get(normalize_url(url))
            if target and target != d.slug:
                graph.add_edge(node, doc_node(target), key="LINKS_TO", relation="LINKS_TO", url=url)
    # an answer whose question is not in the build points nowhere
    graph.remove_nodes_from([n for n, data in graph.nodes(data=True) if not data])


class _Cooccurrence:
    """Sentence counts per concept and pair, and the best sentences holding each pair."""

    def __init__(self) -> None:
        self.units = 0
        self.single: Counter[str] = Counter()
        self.pair: Counter[tuple[str, str]] = Counter()
        self._heaps: dict[tuple[str, str], list] = defaultdict(list)
        self._tick = 0

    def add(self, document: Document, group: list[Mention]) -> None:
        """Count one sentence's distinct concepts (``group``: its mentions by position)."""
        self.units += 1
        first: dict[str, Mention] = {}
        for m in group:
            first.setdefault(m.concept, m)
        concepts = sorted(first)
        self.single.update(concepts)
        if not 2 <= len(concepts) <= MAX_CONCEPTS_PER_UNIT:
            return
        start = group[0].sentence_start
        end = start + len(group[0].sentence)
        for i, a in enumerate(concepts):
            for b in concepts[i + 1:]:
                self.pair[(a, b)] += 1
                ma, mb = first[a], first[b]
                # closer mentions in shorter sentences make better evidence
                quality = -(abs(ma.start - mb.start) + 0.1 * (end - start))
                heap = self._heaps[(a, b)]
                self._tick += 1
                item = (quality, self._tick, document, start, end, ma, mb)
                if len(heap) < MAX_EVIDENCE:
                    heapq.heappush(heap, item)
                elif quality > heap[0][0]:
                    heapq.heapreplace(heap, item)

    def passages(self) -> dict[tuple[str, str], list[Passage]]:
        """The best sentences for each pair (slugs sorted), best first."""
        out = {}
        for pair, heap in self._heaps.items():
            best = sorted(heap, key=lambda item: (-item[0], item[1]))
            out[pair] = [passage(d, s, e, m1.section, [(m1.start, m1.end), (m2.start, m2.end)])
                         for _, _, d, s, e, m1, m2 in best]
        return out


def _cooccurrence(documents: list[Document], mentions: dict[str, list[Mention]]) -> _Cooccurrence:
    co = _Cooccurrence()
    for d in documents:
        groups: dict[int, list[Mention]] = defaultdict(list)
        for m in mentions.get(d.slug, ()):
            if not m.negated:
                groups[m.sentence_start].append(m)
        for group in groups.values():
            group.sort(key=lambda m: m.start)
            co.add(d, group)
    return co


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


def _add_cooccurs(graph: nx.MultiDiGraph, co: _Cooccurrence, evidence) -> None:
    """CO_OCCURS with weight NPMI * support / (support + 1): always-together pairs score high,
    and one shared sentence counts half as much as many."""
    least = min_support(co.units)
    for (a, b), count in co.pair.items():
        if count < least:
            continue
        score = npmi(count, co.single[a], co.single[b], co.units)
        if score < MIN_NPMI:
            continue
        weight = min(1.0, score) * count / (count + 1)
        _add_relation(graph, a, b, "CO_OCCURS", weight, evidence.get((a, b), []), support=count)


def taxonomy_weight(evidence: int) -> float:
    """Weight of a relation the taxonomy states: 0.6 alone, up to 1.0 with three sentences.

    >>> taxonomy_weight(0), taxonomy_weight(3)
    (0.6, 1.0)
    """
    return round(0.6 + 0.4 * min(1.0, evidence / 3), 4)


def _add_taxonomy_relations(graph: nx.MultiDiGraph, taxonomy: Taxonomy, evidence) -> None:
    def found(a: str, b: str) -> list[Passage]:
        return evidence.get((a, b) if a < b else (b, a), [])

    for c in taxonomy:
        for parent in c.broader:
            if parent in taxonomy:
                passages = found(c.slug, parent)
                weight = taxonomy_weight(len(passages))
                _add_relation(graph, c.slug, parent, "BROADER", weight, passages)
                _add_relation(graph, parent, c.slug, "NARROWER", weight, passages)
        for link in c.related:
            if link.target in taxonomy:
                passages = found(c.slug, link.target)
                _add_relation(graph, c.slug, link.target, link.kind.value,
                              taxonomy_weight(len(passages)), passages, stated_by="taxonomy")


def _add_cue_relations(graph: nx.MultiDiGraph, cues: Iterable[RelationCue]) -> None:
    grouped: dict[tuple[str, str, str], list[RelationCue]] = defaultdict(list)
    for cue in cues:
        if concept_node(cue.source) in graph and concept_node(cue.target) in graph:
            grouped[(cue.source, cue.target, cue.kind)].append(cue)
    for (a, b, kind), found in grouped.items():
        passages = [c.evidence for c in found]
        existing = graph.get_edge_data(concept_node(a), concept_node(b), kind)
        if existing:  # the taxonomy states it too: the text's sentences go first
            existing["evidence"] = _merge(passages, existing["evidence"])
            existing["weight"] = max(existing["weight"], taxonomy_weight(len(existing["evidence"])))
            existing["cues"] = len(found)
            continue
        documents = len({p.document for p in passages})
        weight = documents / (documents + 1)  # one document 0.5, two 0.67, three 0.75 ...
        _add_relation(graph, a, b, kind, weight, passages, stated_by="text", cues=len(found))


def _merge(first: list[Passage], then: list[Passage]) -> list[Passage]:
    seen, out = set(), []
    for p in [*first, *then]:
        key = (p.document, p.start)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out[:MAX_EVIDENCE]


def _add_relation(graph: nx.MultiDiGraph, a: str, b: str, kind: str, weight: float,
                  evidence: list[Passage], **extra) -> None:
    graph.add_edge(concept_node(a), concept_node(b), key=kind, relation=kind,
                   weight=round(weight, 4), evidence=_merge(evidence, []), **extra)
