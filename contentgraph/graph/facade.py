"""ConceptGraph: the one object the API, the CLI and the pages call. Never raw SQL or networkx
outside.

A ConceptGraph reads a graph store (``graph.store``): opening one reads the taxonomy and the
concepts' counts (bounded by the taxonomy) and nothing that grows with the corpus. Every other
answer is read from the store when asked, from rows the build computed (each concept's
documents in order, counts, related concepts and documents, gaps), and what pages ask often is
kept in one least-recently-used cache bounded in bytes (``cache_bytes``).

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

import threading
from collections import defaultdict
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path as FilePath

import networkx as nx

from ..errors import ConceptNotFound, DocumentNotFound
from ..loaders.cues import highlights
from ..loaders.model import CandidateTerm, Document, DocumentConcept, LoadError, Mention, Passage
from ..taxonomy.model import Concept, ConceptKind, RelationKind, Taxonomy
from . import fulltext, rows
from .assemble import graph_from_store
from .cache import ByteCache
from .gaps import thin, uncovered
from .paths import best_path, edge_cost
from .results import (Community, DocumentSummary, Edge, GapKind, Gaps, LinkSuggestion, Path,
                      PathStep, QuestionGap, RelatedConcept, RelatedDocument, SearchHit, Stats,
                      Subgraph, WriteNext)
from .scores import RELATED_KEPT, Vector, related_documents, shared_concepts
from .search import LabelIndex
from .store import Store, StoreWriter

CACHE_BYTES = 64 * 1024 * 1024  # default bound of the answers kept in memory
_DOCUMENT = ", ".join(("d.slug", "d.parent", *(f"d.{c}" for c in rows.DOCUMENT_COLUMNS)))


class ConceptGraph:
    """Concepts, documents and authors with typed, evidence-backed relations.

    Unknown slugs: ``concept``/``document`` return None; the other methods raise
    ``ConceptNotFound`` / ``DocumentNotFound``.
    """

    def __init__(self, store: Store, cache_bytes: int = CACHE_BYTES):
        self._store = store
        self._cache = ByteCache(cache_bytes)
        self._last_source = threading.local()  # ``_passage_source``
        self.meta = {key: rows.loads(value) for key, value in store.rows(
            "SELECT key, value FROM meta")}
        concepts = store.rows(f"SELECT {', '.join(rows.CONCEPT_COLUMNS[:-1])}, articles, "
                              f"questions, answers, mentions, central_articles FROM concepts "
                              f"ORDER BY position")
        self._taxonomy = Taxonomy({row[0]: rows.decode_concept(row) for row in concepts},
                                  list(self.meta.get("taxonomy_files", [])),
                                  frozenset(self.meta.get("rejected", [])))
        self._slugs = [row[0] for row in concepts]  # by number (``rows.concept_numbers``)
        self._numbers = {slug: number for number, slug in enumerate(self._slugs)}
        self._counts = {row[0]: dict(zip(("article", "question", "answer", "mentions", "central"),
                                         row[-5:])) for row in concepts}

    # --- construction and persistence -------------------------------------------------------
    @classmethod
    def load(cls, path: str | FilePath, cache_bytes: int = CACHE_BYTES) -> "ConceptGraph":
        """Open the graph store at ``path`` (raises ``errors.StoreError``, saying what to do,
        for anything that is not a complete store of this format)."""
        return cls(Store(path), cache_bytes)

    def save(self, path: str | FilePath) -> None:
        """Copy the store to ``path``, atomically (an existing file keeps its mode)."""
        writer = StoreWriter(path, previous=self._store.path)
        writer.publish()

    def close(self) -> None:
        """Close the store's connections (a graph no one holds is closed when collected)."""
        self._store.close()

    @property
    def store_path(self) -> FilePath:
        """The graph store's file."""
        return self._store.path

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The whole graph, read-only (a frozen networkx graph) for researchers' own algorithms
        and the exports; built from the store on first use (memory grows with the corpus).

        Nodes ``concept:<slug>``, ``doc:<slug>``, ``author:<slug>``; edges keyed by relation.
        """
        return nx.freeze(graph_from_store(self._store))

    @property
    def built_at(self) -> str:
        return self.meta["built_at"]

    @property
    def build_id(self) -> str:
        """Unique to the build that wrote the store (stores from before it was kept: the time)."""
        return self.meta.get("build_id") or self.built_at

    @property
    def taxonomy(self) -> Taxonomy:
        return self._taxonomy

    @property
    def errors(self) -> list[LoadError]:
        """Per-file problems of the build that made this graph."""
        return [e for (errors,) in self._store.rows("SELECT errors FROM files ORDER BY position")
                for e in rows.decode_errors(errors)]

    def sources(self) -> dict[str, str]:
        """Source file -> content hash, for every file in the build."""
        return dict(self._store.rows("SELECT path, hash FROM files ORDER BY position"))

    # --- concepts ---------------------------------------------------------------------------
    def concept(self, slug: str) -> Concept | None:
        return self._taxonomy.concepts.get(slug)

    def concepts(self, kind: ConceptKind | None = None) -> list[Concept]:
        """All taxonomy concepts (of a kind), by label."""
        return [c for c in self._concepts_by_label if kind is None or c.kind == kind]

    def search_concepts(self, text: str, kind: ConceptKind | None = None) -> list[Concept]:
        """Label/altLabel search: case-, plural-, spelling-insensitive; exact, prefix and word
        matches, or fuzzy ones when there are none.

        >>> [c.slug for c in g.search_concepts("Couples Counselling")][:1]   # doctest: +SKIP
        ['couples-therapy']
        """
        index = self._concept_index
        found = [self.concept(slug) for slug, _ in
                 index.search(text) or index.search(text, fuzzy=True)]
        return [c for c in found if kind is None or c.kind == kind]

    def article_count(self, slug: str) -> int:
        return self.document_count(slug, "article")

    def document_count(self, slug: str, kind: str = "article") -> int:
        """Number of documents of ``kind`` that mention the concept (counted at build time)."""
        self._need_concept(slug)
        return self._counts[slug].get(kind, 0)

    def mention_count(self, slug: str) -> int:
        self._need_concept(slug)
        return self._counts[slug]["mentions"]

    def broader(self, slug: str) -> list[Concept]:
        concept = self._need_concept(slug)
        return [self.concept(s) for s in concept.broader if s in self._taxonomy]

    def narrower(self, slug: str) -> list[Concept]:
        self._need_concept(slug)
        return [self.concept(s) for s in self._narrower.get(slug, ())]

    def related_concepts(self, slug: str, kind: ConceptKind | None = None, n: int = 10,
                         evidence: int | None = None) -> list[RelatedConcept]:
        """Concepts tied to ``slug`` by typed relations and co-occurrence, best first.

        The score (in [0, 1]) combines every relation between the two; ``relations`` lists their
        kinds, strongest first; ``evidence`` the sentences, typed relations' first: the first
        ``evidence`` of them (all when None; each is read from its document's text).

        >>> r = g.related_concepts("pursuer", n=1)[0]                        # doctest: +SKIP
        >>> r.concept, r.relations, r.evidence[0].text                       # doctest: +SKIP
        ('pursue-withdraw-cycle', (<RelationKind.PART_OF: 'PART_OF'>, ...), '...')
        """
        self._need_concept(slug)
        return list(self._cache.get_or(("related", slug, kind, n, evidence),
                                       lambda: self._read_related(slug, kind, n, evidence)))

    def _read_related(self, slug: str, kind: ConceptKind | None, n: int, evidence: int | None
                      ) -> tuple[RelatedConcept, ...]:
        """The ``n`` best related concepts (of ``kind``): only those rows are read."""
        where, params = "r.concept = ?", [slug]
        if kind is not None:
            where, params = where + " AND c.kind = ?", params + [kind.value]
        found = self._store.rows(
            f"SELECT r.other, r.score, r.kinds, r.evidence FROM related_concepts r "
            f"JOIN concepts c ON c.slug = r.other WHERE {where} ORDER BY r.rank LIMIT ?",
            (*params, max(n, 0)))
        passages = rows.read_evidence(self._store.rows, [row[3] for row in found], evidence)
        return tuple(RelatedConcept(other, score, tuple(map(RelationKind, rows.loads(kinds))),
                                    shown)
                     for (other, score, kinds, _), shown in zip(found, passages))

    def relation_evidence(self, slug: str, other: str, n: int = 3) -> list[Passage]:
        """The first ``n`` sentences showing how ``slug`` relates to ``other``, in the order
        ``related_concepts`` gives them (each read from its document's text); none when the two
        are not related."""
        self._need_concept(slug)
        self._need_concept(other)
        return list(self._cache.get_or(("relation_evidence", slug, other, n),
                                       lambda: self._read_relation_evidence(slug, other, n)))

    def _read_relation_evidence(self, slug: str, other: str, n: int) -> tuple[Passage, ...]:
        found = self._store.row(
            "SELECT evidence FROM related_concepts WHERE concept = ? AND other = ?", (slug, other))
        return rows.read_evidence(self._store.rows, [found[0]], n)[0] if found else ()

    def related_count(self, slug: str) -> int:
        """How many concepts ``related_concepts`` has for ``slug`` in all."""
        self._need_concept(slug)
        return self._cache.get_or(("related_count", slug), lambda: self._store.row(
            "SELECT count(*) FROM related_concepts WHERE concept = ?", (slug,))[0])

    def relation_kind_counts(self) -> list[int]:
        """For each concept with related concepts, how many relation kinds it has with all the
        others (the sum of ``len(r.relations)`` over its ``related_concepts``), read without
        their evidence."""
        totals: defaultdict[str, int] = defaultdict(int)
        for slug, kinds in self._store.rows("SELECT concept, kinds FROM related_concepts"):
            totals[slug] += len(rows.loads(kinds))
        return list(totals.values())

    def concept_documents(self, slug: str, kind: str = "article", start: int = 0,
                          n: int | None = None) -> list[DocumentConcept]:
        """Documents mentioning the concept: central first, then by weight; ``n`` of them from
        ``start`` (all when ``n`` is None). A page costs the same whatever the corpus size."""
        self._need_concept(slug)
        total = self._counts[slug].get(kind, 0)
        if start >= total:
            return []
        stop = total if n is None else min(start + n, total)
        return list(self._cache.get_or(("concept_documents", slug, kind, start, stop), lambda: tuple(
            DocumentConcept(slug, document, count, weight, bool(central))
            for document, count, weight, central in self._store.rows(
                "SELECT d.slug, c.count, c.weight, c.central FROM document_concepts c "
                "JOIN documents d ON d.id = c.document WHERE c.concept = ? AND c.kind = ? "
                "AND c.concept_rank >= ? AND c.concept_rank < ? ORDER BY c.concept_rank",
                (slug, kind, start, stop)))))

    def passages(self, slug: str, n: int = 5) -> list[Passage]:
        """Best sentences mentioning the concept, one a document: from articles, then answers,
        then reader questions; central documents first, each document's best sentence."""
        self._need_concept(slug)
        return list(self._cache.get_or(("concept_passages", slug, n),
                                       lambda: self._best_passages(slug, n)))

    def _best_passages(self, slug: str, n: int) -> tuple[Passage, ...]:
        out: list[Passage] = []
        step = max(n, 10)
        for kind in ("article", "answer", "question"):
            start = 0
            while len(out) < n:
                page = self.concept_documents(slug, kind, start, step)
                for dc in page:
                    out += self.mention_passages(dc.document, slug, 1)
                    if len(out) >= n:
                        break
                if len(page) < step:
                    break
                start += step
        return tuple(out[:n])

    # --- documents --------------------------------------------------------------------------
    def document(self, slug: str) -> Document | None:
        return self._cache.get_or(("document", slug), lambda: self._read_document(slug))

    def _read_document(self, slug: str) -> Document | None:
        found = self._store.row(f"SELECT {_DOCUMENT}, x.blocks, x.text FROM documents d "
                                f"JOIN document_data x ON x.document = d.id WHERE d.slug = ?",
                                (slug,))
        if found is None:
            return None
        return rows.decode_document(found[0], found[1], found[2:-2], found[-2], found[-1])

    def documents(self, concept: str | None = None, author: str | None = None,
                  search: str | None = None, kind: str = "article") -> list[Document]:
        """Documents of a kind, filtered; by concept weight when ``concept`` is given, else by
        date (newest first) and title."""
        return [self.document(d.slug) for d in self.document_page(concept, author, search, kind)[1]]

    def document_page(self, concept: str | None = None, author: str | None = None,
                      search: str | None = None, kind: str = "article", start: int = 0,
                      n: int | None = None) -> tuple[int, list[DocumentSummary]]:
        """``(how many documents match, the summaries of n of them from start)`` for
        ``documents``' filters (all from ``start`` when ``n`` is None); the store sorts and
        pages, and no document's text is read. With ``search``, the best matches of its titles
        and text first (``search_documents``)."""
        if search:
            total, hits = self.search_documents(search, start, 100 if n is None else n,
                                                kind=kind, concept=concept, author=author)
            return total, [self.summary(h.slug) for h in hits]
        if concept is not None and author is None:
            total = self.document_count(concept, kind)
            docs = self.concept_documents(concept, kind, start, n)
            return total, [self.summary(dc.document) for dc in docs]
        if concept is not None:
            self._need_concept(concept)
            source = "document_concepts c JOIN documents d ON d.id = c.document"
            where, params, order = ["c.concept = ?", "c.kind = ?"], [concept, kind], \
                "c.concept_rank"
        else:
            source, where, params, order = "documents d", ["d.kind = ?"], [kind], "d.list_rank"
        if author is not None:
            wanted = author.strip().lower()
            where.append("(d.author_lower = ? OR d.author_slug = ?)")
            params += [wanted, wanted]
        condition = " AND ".join(where)
        total = self._store.row(f"SELECT count(*) FROM {source} WHERE {condition}", params)[0]
        if start >= total:
            return total, []
        limit = -1 if n is None else n
        slugs = self._store.rows(f"SELECT d.slug FROM {source} WHERE {condition} "
                                 f"ORDER BY {order} LIMIT ? OFFSET ?", (*params, limit, start))
        return total, [self.summary(slug) for (slug,) in slugs]

    def has_document(self, slug: str) -> bool:
        return self._store.row("SELECT 1 FROM documents WHERE slug = ?", (slug,)) is not None

    def document_slugs(self) -> Iterator[str]:
        """Every document's slug, read from the store as it goes."""
        for (slug,) in self._store.iterate("SELECT slug FROM documents ORDER BY id"):
            yield slug

    def sensitive_concepts(self, slug: str) -> list[str]:
        """The concepts central to the document that the taxonomy marks sensitive."""
        return [dc.concept for dc in self.document_concepts(slug)
                if dc.central and (c := self.concept(dc.concept)) is not None and c.sensitive]

    def answers(self, slug: str) -> list[Document]:
        """The answers to the question ``slug``, newest first."""
        self._need_document(slug)
        return [self.document(s) for (s,) in self._store.rows(
            "SELECT slug FROM documents WHERE parent = ? AND kind = 'answer' ORDER BY list_rank",
            (slug,))]

    def summary(self, slug: str) -> DocumentSummary | None:
        """The document's title, kind, url, author, date, word count, tags and parent, without
        its text."""
        return self._cache.get_or(("summary", slug), lambda: self._read_summary(slug))

    def _read_summary(self, slug: str) -> DocumentSummary | None:
        found = self._store.row("SELECT kind, title, url, author, published, word_count, tags, "
                                "parent FROM documents WHERE slug = ?", (slug,))
        return None if found is None else DocumentSummary(
            slug, *found[:6], tuple(rows.loads(found[6])), found[7])

    def word_count(self, slug: str) -> int:
        """Number of words of the document's cleaned text (counted when the graph was built)."""
        found = self.summary(slug)
        if found is None:
            raise DocumentNotFound(slug)
        return found.word_count

    def document_concepts(self, slug: str) -> list[DocumentConcept]:
        """The document's concepts: central first, then by weight."""
        self._need_document(slug)
        return list(self._cache.get_or(("document_concepts", slug), lambda: tuple(
            DocumentConcept(concept, slug, count, weight, bool(central))
            for concept, count, weight, central in self._store.rows(
                "SELECT c.concept, c.count, c.weight, c.central FROM document_concepts c "
                "JOIN documents d ON d.id = c.document WHERE d.slug = ? ORDER BY c.rank",
                (slug,)))))

    def max_document_concepts(self) -> int:
        """The most concepts one document has (what bounds every list of a document's
        concepts; counted at build time)."""
        return self.meta["max_document_concepts"]

    def mention_passages(self, document: str, concept: str, n: int = 3) -> list[Passage]:
        """Sentences of ``document`` mentioning ``concept``, non-negated first, with highlights."""
        return list(self._cache.get_or(("passages", document, concept, n),
                                       lambda: self._rank_passages(document, concept)[:n]))

    def _rank_passages(self, document: str, concept: str) -> tuple[Passage, ...]:
        by_concept, sections, text = self._passage_source(document)
        mentions = by_concept.get(self._numbers[concept], ())
        by_sentence: dict[tuple[int, int], list[tuple[int, int, int, int]]] = defaultdict(list)
        for block, s_start, s_end, start, end, negated in mentions:
            by_sentence[s_start, s_end].append((block, start, end, negated))
        ranked = sorted(by_sentence.items(), key=lambda kv: (all(m[3] for m in kv[1]), kv[0]))
        return tuple(Passage(document, sections[ms[0][0]], text[start:end], start, end,
                             highlights(start, end, [(m[1], m[2]) for m in ms]))
                     for (start, end), ms in ranked)

    def _passage_source(self, document: str) -> tuple[dict[int, list[tuple]], list, str]:
        """The document's mentions by concept number, its blocks' sections and its text, read
        from its stored row alone (the whole document is not decoded, nor cached). The last
        document read is kept, one a thread: a page asks for the passages of its concepts in
        turn, and each would read and decode the same row again."""
        last = getattr(self._last_source, "value", None)
        if last is not None and last[0] == document:
            return last[1]
        found = self._store.row("SELECT x.blocks, x.mentions, x.text FROM documents d "
                                "JOIN document_data x ON x.document = d.id WHERE d.slug = ?",
                                (document,))
        if found is None:
            raise DocumentNotFound(document)
        blocks, mentions, text = found
        by_concept: defaultdict[int, list[tuple]] = defaultdict(list)
        for number, block, s_start, s_end, start, end, *flags in rows.loads(mentions):
            by_concept[number].append((block, s_start, s_end, start, end,
                                       (flags or rows.NO_FLAGS)[0]))
        source = (by_concept, rows.block_sections(blocks, text), text)
        self._last_source.value = (document, source)
        return source

    def mentions(self, document: str) -> list[Mention]:
        """Every mention in the document, by position (for highlighting its text)."""
        return list(self._cache.get_or(("mentions", document),
                                       lambda: tuple(self._read_mentions(document))))

    def _read_mentions(self, document: str) -> list[Mention]:
        doc = self.document(document)
        if doc is None:
            raise DocumentNotFound(document)
        found = self._store.row("SELECT x.mentions FROM documents d JOIN document_data x "
                                "ON x.document = d.id WHERE d.slug = ?", (document,))
        return rows.decode_mentions(doc, found[0], self._slugs)

    def related_documents(self, slug: str, n: int = 5) -> list[RelatedDocument]:
        """Articles closest to ``slug`` by cosine of weighted concept vectors, never itself.

        ``shared`` names the concepts that explain each, strongest first.

        >>> [(r.document, r.score, r.shared[:2]) for r in g.related_documents("setting-boundaries")]
        ...                                                                  # doctest: +SKIP
        """
        self._need_document(slug)
        if n > RELATED_KEPT:
            found = related_documents(slug, self._vector(slug), self._postings, self._vector, n)
            return [RelatedDocument(other, score, shared) for other, score, shared in found]
        return list(self._cache.get_or(("related_documents", slug, n),
                                       lambda: self._read_related_documents(slug, n)))

    def _read_related_documents(self, slug: str, n: int) -> tuple[RelatedDocument, ...]:
        """The first ``n`` kept by the build, with their shared concepts (each reads that
        document's concepts: only the ``n`` shown are read)."""
        kept = self._store.rows(
            "SELECT o.slug, r.score FROM related_documents r "
            "JOIN documents d ON d.id = r.document JOIN documents o ON o.id = r.other "
            "WHERE d.slug = ? ORDER BY r.rank LIMIT ?", (slug, max(n, 0)))
        vector = self._vector(slug) if kept else {}
        return tuple(RelatedDocument(other, score, shared_concepts(vector, self._vector(other)))
                     for other, score in kept)

    def _vector(self, slug: str) -> Vector:
        """The document's concept weights, strongest first (read, not cached: the related
        lists they make are)."""
        return dict(self._store.rows(
            "SELECT c.concept, c.weight FROM document_concepts c JOIN documents d "
            "ON d.id = c.document WHERE d.slug = ? ORDER BY c.rank", (slug,)))

    # --- exploring --------------------------------------------------------------------------
    def path(self, source: str, target: str, max_hops: int = 4,
             evidence: int | None = None) -> Path | None:
        """The best-evidenced path from one concept to another in at most ``max_hops`` steps.

        Strong, typed, well-evidenced relations are short; only relations with evidence are
        walked, so every step has sentences that show it: the first ``evidence`` of them (all
        when None; ``relation_evidence`` reads more). None when no such path exists; from a
        concept to itself, a path of length 0 (no steps).

        >>> p = g.path("anxious-attachment", "therapy-refusal")             # doctest: +SKIP
        >>> [(s.source, s.target, s.relations[0].value) for s in p.steps]   # doctest: +SKIP
        """
        self._need_concept(source)
        self._need_concept(target)
        nodes = best_path(self._step_costs, source, target, max_hops)
        if nodes is None:
            return None
        found = [self._store.row(
            "SELECT kinds, evidence FROM related_concepts WHERE concept = ? AND other = ?",
            (a, b)) for a, b in zip(nodes, nodes[1:])]
        passages = rows.read_evidence(self._store.rows, [row[1] for row in found], evidence)
        return Path(tuple(PathStep(a, b, tuple(map(RelationKind, rows.loads(kinds))), shown)
                          for a, b, (kinds, _), shown in zip(nodes, nodes[1:], found, passages)))

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
                for (other,) in self._store.rows(
                        "SELECT other FROM related_concepts WHERE concept = ? "
                        "ORDER BY score DESC, other", (node,)):
                    if other in seen:
                        continue
                    if len(nodes) >= limit:
                        truncated = True
                        break
                    seen.add(other)
                    nodes.append(other)
                    following.append(other)
            frontier = following
        members = rows.dumps(nodes)
        edges = [Edge(a, b, RelationKind(kind), weight) for a, b, kind, weight in self._store.rows(
            "SELECT source, target, kind, weight FROM relations "
            "WHERE source IN (SELECT value FROM json_each(?)) "
            "AND target IN (SELECT value FROM json_each(?))", (members, members))]
        edges.sort(key=lambda e: (-e.weight, e.source, e.target, e.relation.value))
        return Subgraph(tuple(nodes), tuple(edges), truncated)

    def communities(self) -> list[Community]:
        """Louvain clusters of related concepts (seeded: stable), each by PageRank."""
        return list(self._communities)

    def centrality(self) -> dict[str, float]:
        """PageRank of every concept over the weighted concept relations."""
        return dict(self._pagerank)

    def search(self, text: str, n: int = 20, start: int = 0) -> tuple[int, list[SearchHit]]:
        """``(how many hits, n of them from start)``: the concepts whose label or altLabel
        matches ``text`` (exact, prefix or word), best first, then the documents matching it
        (``search_documents``); when neither matches, the concepts spelled like it and the
        documents with its unknown words spelled as they spell them.

        >>> g.search("anxious attachment", 2)                              # doctest: +SKIP
        (6, [SearchHit(kind='concept', slug='anxious-attachment', ...), SearchHit(...)])
        """
        fuzzy = self.spelled_alike(text)
        concepts = self.concept_hits(text, fuzzy=fuzzy)
        hits = concepts[start:start + max(n, 0)]
        total, documents = self.search_documents(text, max(start - len(concepts), 0),
                                                 max(n, 0) - len(hits), fuzzy=fuzzy)
        return len(concepts) + total, hits + documents

    def concept_hits(self, text: str, fuzzy: bool = False) -> list[SearchHit]:
        """The concepts whose label or altLabel matches ``text`` (exact, prefix or word), best
        first; with ``fuzzy``, those spelled like it."""
        return [SearchHit("concept", slug, self.concept(slug).label, score)
                for slug, score in self._concept_index.search(text, fuzzy=fuzzy)]

    def spelled_alike(self, text: str) -> bool:
        """True when no concept name and no document matches ``text`` as written: a search then
        looks for the names and words spelled like it."""
        return not self._concept_index.search(text) and \
            not self.search_documents(text, 0, 0, fuzzy=False)[0]

    def search_documents(self, text: str, start: int = 0, n: int = 20, fuzzy: bool = True,
                         kind: str | None = None, concept: str | None = None,
                         author: str | None = None) -> tuple[int, list[SearchHit]]:
        """``(how many documents match text, n of them from start)``: full-text search of
        titles and text (``fulltext``: the words as a phrase, or all of them; a title counting
        five times the text), best first, each with the words around the match. When nothing
        matches and ``fuzzy``, the text with its unknown words spelled as the documents spell
        them. ``kind``, ``concept`` (documents mentioning it) and ``author`` narrow the
        documents.

        >>> g.search_documents("anxious attachment", 0, 1)                 # doctest: +SKIP
        (2, [SearchHit(kind='document', slug='...', label='...', score=..., snippet='...')])
        """
        where, params = [], []
        if kind is not None:
            where.append("d.kind = ?")
            params.append(kind)
        if concept is not None:
            where.append("d.id IN (SELECT c.document FROM document_concepts c "
                         "WHERE c.concept = ?)")  # the concept's documents, listed once
            params.append(concept)
        if author is not None:
            wanted = author.strip().lower()
            where.append("(d.author_lower = ? OR d.author_slug = ?)")
            params += [wanted, wanted]
        # each match looks its document up (a list of the documents first made SQLite test
        # every one of them against the index: seconds at 32,000 articles)
        narrowed = (f"EXISTS (SELECT 1 FROM documents d WHERE d.id = document_search.rowid "
                    f"AND {' AND '.join(where)})") if where else ""
        found = fulltext.search(self._store.rows, "document_search",
                                fulltext.match_expression(text), n, start, narrowed, tuple(params))
        if not found[0] and fuzzy:
            spelled = fulltext.corrected(self._store.rows, "document_search", text)
            if spelled is not None:
                found = fulltext.search(self._store.rows, "document_search", spelled, n, start,
                                        narrowed, tuple(params))
        total, hits = found
        titles = {doc_id: (slug, title) for doc_id, slug, title in self._store.rows(
            f"SELECT id, slug, title FROM documents WHERE id IN "
            f"({', '.join('?' * len(hits))})", [h.rowid for h in hits])} if hits else {}
        return total, [SearchHit("document", *titles[h.rowid], h.score, h.snippet)
                       for h in hits if h.rowid in titles]

    # --- content team -----------------------------------------------------------------------
    def gaps(self) -> Gaps:
        """What the content is missing (computed at build time)."""
        return self._gaps

    def write_next(self, gap: GapKind | None = None,
                   kind: ConceptKind | None = None) -> list[WriteNext]:
        """What to write next, best first (``gaps.write_next``, computed at build time): only
        gaps of kind ``gap``, only concepts of kind ``kind``, when given.

        >>> [(w.concept, w.reason) for w in g.write_next()[:1]]              # doctest: +SKIP
        [('parent-child-relationship', '250 reader questions, ...; no article mentions it')]
        """
        return [w for w in self._gaps.write_next if (gap is None or w.gap is gap) and
                (kind is None or self.concept(w.concept).kind is kind)]

    def nearest_articles(self, slug: str, n: int = 3) -> list[str]:
        """The articles closest to a concept on the list of what to write next (at most
        ``gaps.NEAREST``): those mentioning it, then those about its closest related
        concepts; none for a concept not on the list."""
        return list(self._nearest.get(slug, ())[:n])

    def stats(self) -> Stats:
        """Counts of the graph (computed at build time)."""
        return Stats(**self.meta["stats"], built_at=self.built_at)

    @property
    def candidate_terms(self) -> list[CandidateTerm]:
        return list(self._gaps.candidate_terms)

    # --- what is read once: bounded by the taxonomy -----------------------------------------
    def _need_concept(self, slug: str) -> Concept:
        concept = self._taxonomy.concepts.get(slug)
        if concept is None:
            raise ConceptNotFound(slug)
        return concept

    def _need_document(self, slug: str) -> None:
        if self.summary(slug) is None:
            raise DocumentNotFound(slug)

    @cached_property
    def _concepts_by_label(self) -> list[Concept]:
        return sorted(self._taxonomy, key=lambda c: (c.label.lower(), c.slug))

    @cached_property
    def _narrower(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for c in self._concepts_by_label:
            for parent in c.broader:
                out[parent].append(c.slug)
        return dict(out)

    @cached_property
    def _concept_index(self) -> LabelIndex:
        return LabelIndex(self._store.rows("SELECT concept, name FROM concept_names "
                                           "ORDER BY rowid"), normalized=True)

    @cached_property
    def _nearest(self) -> dict[str, tuple[str, ...]]:
        return {w.concept: w.nearest for w in self._gaps.write_next}

    @cached_property
    def _step_costs(self) -> dict[str, tuple[tuple[str, float], ...]]:
        """concept -> (neighbour, cost) for every relation with evidence (see ``paths``)."""
        steps: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for concept, other, score, evidence in self._store.rows(
                "SELECT concept, other, score, json_array_length(evidence) FROM related_concepts "
                "ORDER BY concept, rank"):
            if evidence:
                steps[concept].append((other, edge_cost(score, evidence)))
        return {concept: tuple(found) for concept, found in steps.items()}

    @cached_property
    def _pagerank(self) -> dict[str, float]:
        return dict(self._store.rows("SELECT slug, pagerank FROM concepts ORDER BY position"))

    @cached_property
    def _communities(self) -> list[Community]:
        members: dict[int, list[str]] = defaultdict(list)
        for slug, number in self._store.rows(
                "SELECT slug, community FROM concepts WHERE community IS NOT NULL "
                "ORDER BY community, community_rank"):
            members[number].append(slug)
        return [Community(number, tuple(slugs)) for number, slugs in sorted(members.items())]

    @cached_property
    def _postings(self) -> dict[str, list[tuple[str, float]]]:
        out: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for concept, slug, weight in self._store.rows(
                "SELECT p.concept, d.slug, p.weight FROM postings p "
                "JOIN documents d ON d.id = p.document ORDER BY p.concept, p.rank"):
            out[concept].append((slug, weight))
        return dict(out)

    @cached_property
    def _gaps(self) -> Gaps:
        articles = {slug: counts["article"] for slug, counts in self._counts.items()}
        central = {slug: counts["central"] for slug, counts in self._counts.items()}
        labelled = [c.slug for c in self._concepts_by_label]
        return Gaps(
            uncovered=uncovered(labelled, articles),
            thin=thin(labelled, articles, central),
            candidate_terms=tuple(rows.decode_candidate(row) for row in self._store.rows(
                "SELECT phrase, count, documents, examples, score, kind, variants "
                "FROM candidate_terms ORDER BY rank")),
            missing_links=tuple(
                LinkSuggestion(source, target, tuple(rows.loads(via)), score,
                               rows.decode_passage(rows.loads(sentence)) if sentence else None)
                for source, target, via, score, sentence in self._store.rows(
                    "SELECT source, target, via, score, sentence FROM missing_links "
                    "ORDER BY rank")),
            unanswered_questions=tuple(
                QuestionGap(concept, questions, articles, tuple(rows.loads(examples)))
                for concept, questions, articles, examples in self._store.rows(
                    "SELECT concept, questions, articles, examples FROM unanswered_questions "
                    "ORDER BY rank")),
            write_next=tuple(
                WriteNext(concept, GapKind(gap), score, questions, views, upvotes, articles,
                          central, importance, reason, tuple(rows.loads(examples)),
                          tuple(rows.loads(nearest)))
                for concept, gap, score, questions, views, upvotes, articles, central,
                importance, reason, examples, nearest in self._store.rows(
                    "SELECT concept, gap, score, questions, views, upvotes, articles, central, "
                    "importance, reason, examples, nearest FROM write_next ORDER BY rank")),
        )
