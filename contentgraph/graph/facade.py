"""ConceptGraph: the one object the API, the CLI and the pages call. Never raw networkx outside.

A ConceptGraph is immutable: it is made by ``graph.build.build`` or loaded from a snapshot, and
every answer the front-end asks often (a document's concepts and related reading, a concept's
articles and related concepts) is computed once and cached on the instance.

For researchers, in a notebook::

    >>> from contentgraph.graph.facade import ConceptGraph
    >>> g = ConceptGraph.load("contentgraph.graph")                     # doctest: +SKIP
    >>> [(r.concept, r.score, r.relations) for r in g.related_concepts("anxious-attachment", n=3)]
    ...                                                                  # doctest: +SKIP
    >>> step = g.path("anxious-attachment", "therapy-refusal").steps[0]  # doctest: +SKIP
    >>> step.evidence[0].text                                            # doctest: +SKIP
    >>> import networkx as nx
    >>> nx.degree_centrality(g.graph)                                    # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from functools import cached_property
from pathlib import Path as FilePath

import networkx as nx

from ..errors import ConceptNotFound, DocumentNotFound
from ..loaders.cues import passage
from ..loaders.model import CandidateTerm, Document, DocumentConcept, LoadError, Mention, Passage
from ..taxonomy.model import Concept, ConceptKind, RelationKind, Taxonomy
from . import gaps as _gaps
from .assemble import slugify
from .paths import best_path, communities, concept_graph, pagerank, step_costs
from .records import BuildData, FileRecord
from .results import (Community, Edge, GapKind, Gaps, Path, PathStep, RelatedConcept,
                      RelatedDocument, SearchHit, Stats, Subgraph, WriteNext)
from .scores import DocumentVectors, Link, concept_links
from .search import LabelIndex


RELATED_KEPT = 10  # related documents precomputed per document
RELATED_CONCEPTS_NEAR = 10  # related concepts whose articles may be a concept's nearest


class ConceptGraph:
    """Concepts, documents and authors with typed, evidence-backed relations.

    Unknown slugs: ``concept``/``document`` return None; the other methods raise
    ``ConceptNotFound`` / ``DocumentNotFound``.
    """

    def __init__(self, data: BuildData):
        self._data = data

    # --- construction and persistence -------------------------------------------------------
    @classmethod
    def load(cls, path: str | FilePath) -> "ConceptGraph":
        """Load a snapshot saved by ``save`` (raises ``errors.SnapshotError``)."""
        from .store import read_snapshot

        return cls(read_snapshot(path))

    def save(self, path: str | FilePath) -> None:
        """Save the whole build to one snapshot file, atomically."""
        from .store import write_snapshot

        write_snapshot(self._data, path)

    @property
    def data(self) -> BuildData:
        """The build this graph was made of (what a snapshot stores)."""
        return self._data

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The underlying graph, read-only (a frozen view) for researchers' own algorithms.

        Nodes ``concept:<slug>``, ``doc:<slug>``, ``author:<slug>``; edges keyed by relation.
        """
        return nx.freeze(self._data.complete_graph().copy(as_view=True))

    @property
    def built_at(self) -> str:
        return self._data.meta["built_at"]

    @property
    def taxonomy(self) -> Taxonomy:
        return self._data.taxonomy

    @property
    def errors(self) -> list[LoadError]:
        """Per-file problems of the build that made this graph."""
        return [e for r in self._data.files.values() for e in r.errors]

    def sources(self) -> dict[str, str]:
        """Source file -> content hash, for every file in the build."""
        return {path: r.hash for path, r in self._data.files.items()}

    # --- concepts ---------------------------------------------------------------------------
    def concept(self, slug: str) -> Concept | None:
        return self._data.taxonomy.concepts.get(slug)

    def concepts(self, kind: ConceptKind | None = None) -> list[Concept]:
        """All taxonomy concepts (of a kind), by label."""
        return [c for c in self._concepts_by_label if kind is None or c.kind == kind]

    def search_concepts(self, text: str, kind: ConceptKind | None = None) -> list[Concept]:
        """Label/altLabel search: case-, plural-, spelling-insensitive; exact, prefix and word
        matches, or fuzzy ones when there are none.

        >>> [c.slug for c in g.search_concepts("Couples Counselling")][:1]   # doctest: +SKIP
        ['couples-therapy']
        """
        found = [self.concept(slug) for slug, _ in _matches(self._concept_index, text)]
        return [c for c in found if kind is None or c.kind == kind]

    def article_count(self, slug: str) -> int:
        return self.document_count(slug, "article")

    def document_count(self, slug: str, kind: str = "article") -> int:
        """Number of documents of ``kind`` that mention the concept."""
        return len(self._documents_of(slug).get(kind, ()))

    def mention_count(self, slug: str) -> int:
        return sum(dc.count for dcs in self._documents_of(slug).values() for dc in dcs)

    def broader(self, slug: str) -> list[Concept]:
        concept = self._need_concept(slug)
        return [self.concept(s) for s in concept.broader if s in self._data.taxonomy]

    def narrower(self, slug: str) -> list[Concept]:
        self._need_concept(slug)
        return [self.concept(s) for s in self._narrower.get(slug, ())]

    def related_concepts(self, slug: str, kind: ConceptKind | None = None,
                         n: int = 10) -> list[RelatedConcept]:
        """Concepts tied to ``slug`` by typed relations and co-occurrence, best first.

        The score (in [0, 1]) combines every relation between the two; ``relations`` lists their
        kinds, strongest first; ``evidence`` the sentences, typed relations' first.

        >>> r = g.related_concepts("pursuer", n=1)[0]                        # doctest: +SKIP
        >>> r.concept, r.relations, r.evidence[0].text                       # doctest: +SKIP
        ('pursue-withdraw-cycle', (<RelationKind.PART_OF: 'PART_OF'>, ...), '...')
        """
        self._need_concept(slug)
        ranked = self._related_cache.get(slug)
        if ranked is None:
            ranked = self._related_cache[slug] = self._rank_related(slug)
        return [r for r in ranked if kind is None or self.concept(r.concept).kind == kind][:n]

    def concept_documents(self, slug: str, kind: str = "article", start: int = 0,
                          n: int | None = None) -> list[DocumentConcept]:
        """Documents mentioning the concept: central first, then by weight; ``n`` of them from
        ``start`` (all when ``n`` is None)."""
        found = self._documents_of(slug).get(kind, ())
        return list(found[start:None if n is None else start + n])

    def passages(self, slug: str, n: int = 5) -> list[Passage]:
        """Best sentences mentioning the concept (non-negated first, central documents first)."""
        self._need_concept(slug)
        out: list[Passage] = []
        for dc in self.concept_documents(slug):
            out += self.mention_passages(dc.document, slug, 1)
            if len(out) >= n:
                break
        return out[:n]

    # --- documents --------------------------------------------------------------------------
    def document(self, slug: str) -> Document | None:
        found = self._document_cache.get(slug)
        if found is None:
            record = self._doc_files.get(slug)
            if record is None:
                return None
            for doc in record.documents:
                self._document_cache[doc.slug] = doc
            found = self._document_cache.get(slug)
        return found

    def documents(self, concept: str | None = None, author: str | None = None,
                  search: str | None = None, kind: str = "article") -> list[Document]:
        """Documents of a kind, filtered; by concept weight when ``concept`` is given, else by
        date (newest first) and title."""
        nodes = self._data.graph.nodes
        if concept is not None:
            slugs = [dc.document for dc in self.concept_documents(concept, kind)]
        else:
            slugs = sorted(self._slugs_of_kind(kind), key=lambda s: (
                -_date_key(nodes[f"doc:{s}"]["published"]), nodes[f"doc:{s}"]["title"].lower(), s))
        if author is not None:
            wanted = author.strip().lower()
            slugs = [s for s in slugs if (name := nodes[f"doc:{s}"]["author"])
                     and wanted in (name.lower(), slugify(name))]
        if search:
            hits = {slug for slug, _ in _matches(self._title_index, search)}
            slugs = [s for s in slugs if s in hits]
        return [self.document(s) for s in slugs]

    def answers(self, slug: str) -> list[Document]:
        """The answers to the question ``slug``, newest first."""
        self._need_document(slug)
        graph = self._data.graph
        found = [u[4:] for u, _, key in graph.in_edges(f"doc:{slug}", keys=True)
                 if key == "ANSWERS"]
        found.sort(key=lambda s: (-_date_key(graph.nodes[f"doc:{s}"]["published"]), s))
        return [self.document(s) for s in found]

    def nearest_articles(self, slug: str, n: int = 3) -> list[str]:
        """The articles closest to a concept: those mentioning it (central first, then by
        weight), then those about its closest related concepts (relation score x weight)."""
        found = [dc.document for dc in self.concept_documents(slug, "article", 0, n)]
        if len(found) < n:
            scores: dict[str, float] = defaultdict(float)
            for related in self.related_concepts(slug, n=RELATED_CONCEPTS_NEAR):
                for dc in self.concept_documents(related.concept, "article", 0, n):
                    scores[dc.document] += related.score * dc.weight
            found += sorted((d for d in scores if d not in found),
                            key=lambda d: (-scores[d], d))[:n - len(found)]
        return found

    def sensitive_concepts(self, slug: str) -> list[str]:
        """The concepts central to the document that the taxonomy marks sensitive."""
        return [dc.concept for dc in self.document_concepts(slug)
                if dc.central and (c := self.concept(dc.concept)) is not None and c.sensitive]

    def word_count(self, slug: str) -> int:
        """Number of words of the document's cleaned text (counted when the graph was built)."""
        self._need_document(slug)
        return self._data.graph.nodes[f"doc:{slug}"]["word_count"]

    def document_concepts(self, slug: str) -> list[DocumentConcept]:
        """The document's concepts: central first, then by weight."""
        self._need_document(slug)
        return [DocumentConcept(concept, slug, count, weight, central)
                for concept, count, weight, central in self._rows_by_document.get(slug, ())]

    def max_document_concepts(self) -> int:
        """The most concepts one document has (what bounds every list of a document's
        concepts)."""
        return max(map(len, self._rows_by_document.values()), default=0)

    def mention_passages(self, document: str, concept: str, n: int = 3) -> list[Passage]:
        """Sentences of ``document`` mentioning ``concept``, non-negated first, with highlights."""
        found = self._passages_cache.get((document, concept))
        if found is None:
            found = self._passages_cache[document, concept] = self._rank_passages(document,
                                                                                  concept)
        return list(found[:n])

    def _rank_passages(self, document: str, concept: str) -> tuple[Passage, ...]:
        self._need_document(document)
        doc = self.document(document)
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in self.mentions(document):
            if m.concept == concept:
                by_sentence[m.sentence_start].append(m)
        ranked = sorted(by_sentence.items(), key=lambda kv: (all(m.negated for m in kv[1]), kv[0]))
        text = doc.text
        return tuple(passage(doc, start, start + len(ms[0].sentence), ms[0].section,
                             [(m.start, m.end) for m in ms], text) for start, ms in ranked)

    def mentions(self, document: str) -> list[Mention]:
        """Every mention in the document, by position (for highlighting its text)."""
        self._need_document(document)
        found = self._mentions_cache.get(document)
        if found is None:
            found = self._mentions_cache[document] = sorted(
                self._doc_files[document].mentions.get(document, []), key=lambda m: (m.start, m.end))
        return list(found)

    def related_documents(self, slug: str, n: int = 5) -> list[RelatedDocument]:
        """Articles closest to ``slug`` by cosine of weighted concept vectors, never itself.

        ``shared`` names the concepts that explain each, strongest first.

        >>> [(r.document, r.score, r.shared[:2]) for r in g.related_documents("setting-boundaries")]
        ...                                                                  # doctest: +SKIP
        """
        self._need_document(slug)
        known = self._data.precomputed.get("related_documents", {}).get(slug)
        if known is None or n > RELATED_KEPT:
            known = self._vectors.related(slug, max(n, RELATED_KEPT))
        return [RelatedDocument(other, score, shared) for other, score, shared in known[:n]]

    # --- exploring --------------------------------------------------------------------------
    def path(self, source: str, target: str, max_hops: int = 4) -> Path | None:
        """The best-evidenced path from one concept to another in at most ``max_hops`` steps.

        Strong, typed, well-evidenced relations are short; only relations with evidence are
        walked, so every step has sentences that show it. None when no such path exists; from a
        concept to itself, a path of length 0 (no steps).

        >>> p = g.path("anxious-attachment", "therapy-refusal")             # doctest: +SKIP
        >>> [(s.source, s.target, s.relations[0].value) for s in p.steps]   # doctest: +SKIP
        """
        self._need_concept(source)
        self._need_concept(target)
        nodes = best_path(self._step_costs, source, target, max_hops)
        if nodes is None:
            return None
        steps = []
        for a, b in zip(nodes, nodes[1:]):
            link = self._links[a][b]
            steps.append(PathStep(a, b, link.ranked_kinds(), tuple(link.evidence)))
        return Path(tuple(steps))

    def neighborhood(self, slug: str, depth: int = 1, limit: int = 25) -> Subgraph:
        """Concepts within ``depth`` steps of ``slug`` (strongest ties first), at most ``limit``,
        and the relations among them; ``truncated`` says the limit cut some off.

        >>> sub = g.neighborhood("pursuer", depth=2, limit=10)              # doctest: +SKIP
        >>> sub.nodes[0], len(sub.nodes) <= 10, sub.truncated                # doctest: +SKIP
        ('pursuer', True, True)
        """
        self._need_concept(slug)
        nodes, seen, frontier, truncated = [slug], {slug}, [slug], False
        for _ in range(max(depth, 0)):
            following = []
            for node in frontier:
                for other, link in sorted(self._links.get(node, {}).items(),
                                          key=lambda kv: (-kv[1].score, kv[0])):
                    if other in seen:
                        continue
                    if len(nodes) >= limit:
                        truncated = True
                        break
                    seen.add(other)
                    nodes.append(other)
                    following.append(other)
            frontier = following
        members = {f"concept:{s}" for s in nodes}
        edges = [Edge(u[8:], v[8:], RelationKind(k), d.get("weight", 0.0))
                 for u, v, k, d in self._data.graph.subgraph(members).edges(keys=True, data=True)]
        edges.sort(key=lambda e: (-e.weight, e.source, e.target, e.relation.value))
        return Subgraph(tuple(nodes), tuple(edges), truncated)

    def communities(self) -> list[Community]:
        """Louvain clusters of related concepts (seeded: stable), each by PageRank."""
        return list(self._communities)

    def centrality(self) -> dict[str, float]:
        """PageRank of every concept over the weighted concept relations."""
        return dict(self._pagerank)

    def precompute(self) -> None:
        """Compute the whole-graph answers (related documents of every document, gaps,
        communities, centrality, the search indexes' normalised names) now, so that a snapshot saved afterwards carries them and a loaded graph answers them at once."""
        self._data.precomputed["related_documents"] = {
            slug: self._vectors.related(slug, RELATED_KEPT) for slug in self._doc_files}
        self._data.precomputed.update(gaps=self._gaps, communities=self._communities,
                                      pagerank=self._pagerank,
                                      concept_names=self._concept_index.names,
                                      title_names=self._title_index.names)

    def search(self, text: str, n: int = 20) -> list[SearchHit]:
        """Concepts (labels, altLabels) matching ``text``, best first, then documents
        (``search_documents``); when neither matches, names and titles spelled like it."""
        concepts = self._concept_index.search(text)
        total, documents = self.search_documents(text, 0, n, fuzzy=False)
        if not (concepts or total):
            concepts = self._concept_index.search(text, fuzzy=True)
            total, documents = self.search_documents(text, 0, n)
        hits = [SearchHit("concept", slug, self.concept(slug).label, score)
                for slug, score in concepts]
        return (hits + documents)[:n]

    def search_documents(self, text: str, start: int = 0, n: int = 20, fuzzy: bool = True
                         ) -> tuple[int, list[SearchHit]]:
        """``(how many documents match text, n of them from start)``, best first: titles
        equal to it, starting with it or with a word that does; when none does and ``fuzzy``,
        titles spelled like it."""
        found = _matches(self._title_index, text) if fuzzy else self._title_index.search(text)
        nodes = self._data.graph.nodes
        found.sort(key=lambda h: (-h[1], nodes[f"doc:{h[0]}"]["title"].lower(), h[0]))
        return len(found), [SearchHit("document", slug, nodes[f"doc:{slug}"]["title"], score)
                            for slug, score in found[start:start + n]]

    # --- content team -----------------------------------------------------------------------
    def gaps(self) -> Gaps:
        """What the content is missing (computed once)."""
        return self._gaps

    def write_next(self, gap: GapKind | None = None,
                   kind: ConceptKind | None = None) -> list[WriteNext]:
        """What to write next, best first (``gaps.write_next``): only gaps of kind ``gap``,
        only concepts of kind ``kind``, when given.

        >>> [(w.concept, w.reason) for w in g.write_next()[:1]]              # doctest: +SKIP
        [('parent-child-relationship', '250 reader questions, ...; no article mentions it')]
        """
        return [w for w in self._gaps.write_next if (gap is None or w.gap is gap) and
                (kind is None or self.concept(w.concept).kind is kind)]

    def stats(self) -> Stats:
        """Counts of the graph (computed once)."""
        return self._stats

    @cached_property
    def _stats(self) -> Stats:
        counts = defaultdict(int)
        for data in self._data.graph.nodes.values():
            counts[data.get("type")] += 1
        relations = sum(1 for u, v in self._data.graph.edges()
                        if u.startswith("concept:") and v.startswith("concept:"))
        return Stats(articles=counts["article"], questions=counts["question"],
                     answers=counts["answer"], authors=counts["author"],
                     concepts=len(self._data.taxonomy),
                     mentions=sum(row[1] for rows in self._data.document_concepts.values()
                                  for row in rows), relations=relations,
                     built_at=self.built_at)

    @property
    def candidate_terms(self) -> list[CandidateTerm]:
        return list(self._data.candidate_terms)

    # --- indexes, computed on first use -----------------------------------------------------
    def _need_concept(self, slug: str) -> Concept:
        concept = self._data.taxonomy.concepts.get(slug)
        if concept is None:
            raise ConceptNotFound(slug)
        return concept

    def _need_document(self, slug: str) -> None:
        if slug not in self._doc_files:
            raise DocumentNotFound(slug)

    @cached_property
    def _doc_files(self) -> dict[str, FileRecord]:
        return {slug: r for r in self._data.files.values() for slug in r.slugs}

    @cached_property
    def _document_cache(self) -> dict[str, Document]:
        return {}

    @cached_property
    def _mentions_cache(self) -> dict[str, list[Mention]]:
        return {}

    @cached_property
    def _passages_cache(self) -> dict[tuple[str, str], tuple[Passage, ...]]:
        return {}

    @property
    def _rows_by_document(self) -> dict[str, list[tuple[str, int, float, bool]]]:
        """document -> (concept, count, weight, central), central first, then by weight."""
        return self._data.document_concepts

    @cached_property
    def _rows_by_concept(self) -> dict[str, list[tuple[str, int, float, bool]]]:
        """concept -> (document, count, weight, central)."""
        out: dict[str, list[tuple[str, int, float, bool]]] = defaultdict(list)
        for doc, rows in self._data.document_concepts.items():
            for concept, count, weight, central in rows:
                out[concept].append((doc, count, weight, central))
        return dict(out)

    @cached_property
    def _concept_docs_cache(self) -> dict[str, dict[str, list[DocumentConcept]]]:
        return {}

    def _slugs_of_kind(self, kind: str) -> list[str]:
        return [n[4:] for n, t in self._data.graph.nodes(data="type")
                if t == kind and n.startswith("doc:")]

    def _documents_of(self, slug: str) -> dict[str, list[DocumentConcept]]:
        """Document kind -> DocumentConcepts of the concept, central first, then by weight."""
        self._need_concept(slug)
        found = self._concept_docs_cache.get(slug)
        if found is None:
            nodes = self._data.graph.nodes
            found = defaultdict(list)
            for doc, count, weight, central in self._rows_by_concept.get(slug, ()):
                found[nodes[f"doc:{doc}"]["type"]].append(
                    DocumentConcept(slug, doc, count, weight, central))
            for dcs in found.values():
                dcs.sort(key=lambda dc: (not dc.central, -dc.weight, dc.document))
            found = self._concept_docs_cache[slug] = dict(found)
        return found

    @cached_property
    def _concepts_by_label(self) -> list[Concept]:
        return sorted(self._data.taxonomy, key=lambda c: (c.label.lower(), c.slug))

    @cached_property
    def _narrower(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for c in self._concepts_by_label:
            for parent in c.broader:
                out[parent].append(c.slug)
        return dict(out)

    @cached_property
    def _links(self) -> dict[str, dict[str, Link]]:
        return concept_links(self._data.graph)

    @cached_property
    def _step_costs(self) -> dict[str, tuple[tuple[str, float], ...]]:
        return step_costs(self._links)

    @cached_property
    def _related_cache(self) -> dict[str, list[RelatedConcept]]:
        return {}

    def _link_sentence(self, slug: str, via: tuple[str, ...]) -> Passage | None:
        """The body sentence of ``slug`` that names most of ``via`` (affirmed), earliest first."""
        doc = self.document(slug)
        wanted = set(via)
        by_sentence: dict[int, list[Mention]] = defaultdict(list)
        for m in self.mentions(slug):
            if m.concept in wanted and not m.negated and doc.blocks[m.block].kind != "heading":
                by_sentence[m.sentence_start].append(m)
        if not by_sentence:
            return None
        start, ms = max(by_sentence.items(),
                        key=lambda kv: (len({m.concept for m in kv[1]}), -kv[0]))
        return passage(doc, start, start + len(ms[0].sentence), ms[0].section,
                       [(m.start, m.end) for m in ms])

    def _rank_related(self, slug: str) -> list[RelatedConcept]:
        """Best score first; on a tie, the stronger evidence (``Link.strength``) first."""
        links = sorted(self._links.get(slug, {}).items(),
                       key=lambda kv: (-kv[1].score, *(-x for x in kv[1].strength), kv[0]))
        return [RelatedConcept(other, link.score, link.ranked_kinds(), tuple(link.evidence))
                for other, link in links]

    @cached_property
    def _vectors(self) -> DocumentVectors:
        vectors = {doc: {concept: weight for concept, _, weight, _ in rows}
                   for doc, rows in self._rows_by_document.items()}
        return DocumentVectors(vectors, set(self._slugs_of_kind("article")))

    @cached_property
    def _concept_graph(self) -> nx.Graph:
        return concept_graph(self._links, [c.slug for c in self._concepts_by_label])

    @cached_property
    def _pagerank(self) -> dict[str, float]:
        if "pagerank" in self._data.precomputed:
            return self._data.precomputed["pagerank"]
        return pagerank(self._concept_graph)

    @cached_property
    def _communities(self) -> list[Community]:
        if "communities" in self._data.precomputed:
            return self._data.precomputed["communities"]
        rank = self._pagerank
        return [Community(i, tuple(sorted(members, key=lambda s: (-rank.get(s, 0.0), s))))
                for i, members in enumerate(communities(self._concept_graph))]

    @cached_property
    def _concept_index(self) -> LabelIndex:
        if "concept_names" in self._data.precomputed:
            return LabelIndex(self._data.precomputed["concept_names"], normalized=True)
        return LabelIndex((c.slug, name) for c in self._data.taxonomy
                          for name in (c.label, *c.alt_labels))

    @cached_property
    def _title_index(self) -> LabelIndex:
        if "title_names" in self._data.precomputed:
            return LabelIndex(self._data.precomputed["title_names"], normalized=True)
        return LabelIndex((n[4:], title) for n, title in self._data.graph.nodes(data="title")
                          if n.startswith("doc:") and title)

    @cached_property
    def _gaps(self) -> Gaps:
        if "gaps" in self._data.precomputed:
            return self._data.precomputed["gaps"]
        slugs = [c.slug for c in self._concepts_by_label]
        by_concept = {c: self._documents_of(c) for c in slugs}
        article_counts = {c: len(k.get("article", ())) for c, k in by_concept.items()}
        central_counts = {c: sum(dc.central for dc in k.get("article", ()))
                          for c, k in by_concept.items()}
        articles = sorted(self._slugs_of_kind("article"))
        links = {(u[4:], v[4:]) for u, v, k in self._data.graph.edges(keys=True)
                 if k == "LINKS_TO"}
        questions = {c: [dc.document for dc in k.get("question", ())]
                     for c, k in by_concept.items()}


        return Gaps(
            uncovered=_gaps.uncovered(slugs, article_counts),
            thin=_gaps.thin(slugs, article_counts, central_counts),
            candidate_terms=tuple(self._data.candidate_terms),
            missing_links=_gaps.missing_links(articles, lambda s: self.related_documents(s, 5),
                                              links, self._link_sentence),
            unanswered_questions=_gaps.unanswered_questions(questions, article_counts),
            write_next=self._write_next(slugs, article_counts, central_counts, questions),
        )

    def _write_next(self, slugs: list[str], article_counts: dict[str, int],
                    central_counts: dict[str, int], questions: dict[str, list[str]]):
        """``gaps.write_next`` of this graph: reach from the questions' and answers' metadata,
        importance from PageRank and the taxonomy's links."""
        reach = {q: _gaps.question_reach(self.document(q), self.answers(q))
                 for q in self._slugs_of_kind("question")}
        links = {c.slug: len(c.broader) + len(c.related) + len(self._narrower.get(c.slug, ()))
                 for c in self._concepts_by_label}
        weight = _gaps.importance(self._pagerank, links)
        coverage = {}
        for slug in slugs:
            cover = _gaps.Coverage(article_counts[slug], central_counts[slug],
                                   tuple(questions[slug]), weight.get(slug, 0.0))
            if _gaps.is_gap(cover):
                coverage[slug] = dataclasses.replace(cover, nearest=tuple(
                    self.nearest_articles(slug, _gaps.NEAREST)))
        return _gaps.write_next(coverage, reach)


def _matches(index: LabelIndex, text: str) -> list[tuple[str, float]]:
    """The index's exact, prefix and word matches for ``text``, else its fuzzy ones."""
    return index.search(text) or index.search(text, fuzzy=True)


def _date_key(published: str | None) -> int:
    digits = "".join(ch for ch in (published or "") if ch.isdigit())[:8]
    return int(digits.ljust(8, "0")) if digits else 0
