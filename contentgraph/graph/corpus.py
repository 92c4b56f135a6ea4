"""The corpus-wide stages of a build, run over the store being written in bounded memory.

Every stage reads the rows the per-file stages wrote (streaming them, never all at once) and
writes its own tables: weights (``score``, into a temporary table) and ranks
(``rank_documents``), relations and related concepts with communities and PageRank
(``relate``), related documents (``relate_documents``), links and list order (``index``),
candidate terms (``rank_candidates``), the gaps (``find_gaps``), what to write next
(``write_next``) and the counts (``count``). The per-document work of ``score`` and
``relate_documents`` goes through a ``Map`` (a cluster's or this process's), in batches of
documents. What they keep in memory is bounded by the taxonomy (concepts, pairs, postings) or
by a constant (the gap lists), not by the number of documents; candidate terms count each
distinct phrase once (the vocabulary).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import groupby

from ..loaders.candidates import rank_counted
from ..loaders.extract import Extractor
from ..loaders.model import Passage
from ..loaders.scoring import inverse_document_frequency, weigh
from ..taxonomy.model import Taxonomy
from ..taxonomy.normalize import normalize_phrase
from . import gaps as _gaps
from . import rows
from .keys import normalize_url
from .paths import communities, concept_graph, pagerank
from .relations import Summary
from .scores import (RELATED_KEPT, Postings, concept_links, positive, ranked_links,
                     related_documents, shared_concepts)
from .work import fewer_collections

BATCH = 500  # documents per task weighing them
# Documents per task finding their related documents: the first tasks (four a worker) run on a
# cluster while this process ranks each concept's documents.
RELATED_BATCH = 2000

Map = Callable  # map(function, items, *shared) -> results in order (see graph.cluster)


def write_taxonomy(conn: sqlite3.Connection, taxonomy: Taxonomy) -> None:
    """The concepts table and the normalised names concept search uses."""
    conn.execute("DELETE FROM concepts")
    conn.execute("DELETE FROM concept_names")
    conn.executemany(f"INSERT INTO concepts ({', '.join(rows.CONCEPT_COLUMNS)}) VALUES "
                     f"({', '.join('?' * len(rows.CONCEPT_COLUMNS))})",
                     (rows.encode_concept(c, i) for i, c in enumerate(taxonomy)))
    conn.executemany("INSERT INTO concept_names VALUES (?, ?)",
                     ((c.slug, norm) for c in taxonomy for name in (c.label, *c.alt_labels)
                      if (norm := normalize_phrase(name))))


def score(conn: sqlite3.Connection, summary: Summary, map_: Map) -> Postings:
    """Weigh every document's concepts (tf-idf over the whole corpus, the documents per concept
    counted by the files' ``summary``; the per-document work through ``map_``) into temporary
    tables: ``scored``, a row per document and concept, strongest first (``rank_documents``
    ranks them per concept too), and ``vectors``, each document's concept weights as JSON
    (``relate_documents`` reads them); returns the articles' postings."""
    idf = inverse_document_frequency(summary.concepts, summary.documents)
    conn.execute("CREATE TEMP TABLE scored (document INTEGER, rank INTEGER, concept TEXT, "
                 "count INTEGER, weight REAL, central INTEGER, kind TEXT, slug TEXT)")
    conn.execute("CREATE TEMP TABLE vectors (document INTEGER PRIMARY KEY, slug TEXT, "
                 "vector TEXT)")
    postings = Postings()
    documents = _Batches(conn, "SELECT d.id, d.slug, d.kind, x.blocks, x.mentions "
                               "FROM documents d JOIN document_data x ON x.document = d.id",
                         "SELECT count(*) FROM documents")
    for found in map_(weigh_batch, documents, idf, concept_slugs(conn)):
        conn.executemany("INSERT INTO scored VALUES (?,?,?,?,?,?,?,?)", (
            (doc_id, rank, *concept, kind, slug)
            for doc_id, slug, kind, ranked in found for rank, concept in enumerate(ranked)))
        weighed = [(doc_id, slug, kind, {concept: weight for concept, _, weight, _ in ranked})
                   for doc_id, slug, kind, ranked in found if ranked]
        conn.executemany("INSERT INTO vectors VALUES (?,?,?)", (
            (doc_id, slug, rows.dumps(vector)) for doc_id, slug, _, vector in weighed))
        for doc_id, slug, kind, vector in weighed:
            if kind == "article":
                postings.add((slug, doc_id), vector)
    return postings


def rank_documents(conn: sqlite3.Connection) -> None:
    """The documents' concepts (``score``) in the store, ranked per concept too (central
    first, then by weight, then by slug), and each concept's counts."""
    conn.execute("DELETE FROM document_concepts")
    conn.execute("""
        INSERT INTO document_concepts
        SELECT document, rank, concept, count, weight, central, kind,
               row_number() OVER (PARTITION BY concept, kind
                                  ORDER BY central DESC, weight DESC, slug) - 1
        FROM temp.scored""")
    conn.execute("""
        UPDATE concepts SET articles = s.articles, questions = s.questions, answers = s.answers,
                            mentions = s.mentions, central_articles = s.central_articles
        FROM (SELECT concept,
                     sum(kind = 'article') AS articles, sum(kind = 'question') AS questions,
                     sum(kind = 'answer') AS answers, sum(count) AS mentions,
                     sum(kind = 'article' AND central) AS central_articles
              FROM temp.scored GROUP BY concept) AS s
        WHERE concepts.slug = s.concept""")


def weigh_batch(batch: list[tuple], idf: dict[str, float], slugs: list[str]) -> list[tuple]:
    """``(id, slug, kind, [(concept, count, weight, central)])`` of each ``(id, slug, kind,
    blocks, mentions)`` of ``batch``, central first, then by weight (a task; ``slugs``: the
    concepts' slugs by number)."""
    with fewer_collections():
        out = []
        for doc_id, slug, kind, blocks, mentions in batch:
            ranked = sorted(weigh(slug, rows.mention_stats(blocks, mentions, slugs), idf),
                            key=lambda dc: (not dc.central, -dc.weight, dc.concept))
            out.append((doc_id, slug, kind, [(dc.concept, dc.count, dc.weight, dc.central)
                                             for dc in ranked]))
        return out


def concept_slugs(conn: sqlite3.Connection) -> list[str]:
    """The concepts' slugs by number (``rows.concept_numbers``)."""
    return [slug for (slug,) in conn.execute("SELECT slug FROM concepts ORDER BY position")]


def relate(conn: sqlite3.Connection, summary: Summary, taxonomy: Taxonomy) -> None:
    """Relations, each concept's related concepts, and the concepts' PageRank and communities.
    Evidence is stored by document id (what it keeps is bounded by the taxonomy)."""
    edges = sorted(summary.relations(taxonomy), key=lambda e: e[:3])
    quoted: dict[str, tuple[int, list]] = {}

    def document(slug: str) -> tuple[int, list]:
        if slug not in quoted:
            doc_id, blocks = conn.execute(
                "SELECT d.id, x.blocks FROM documents d JOIN document_data x "
                "ON x.document = d.id WHERE d.slug = ?", (slug,)).fetchone()
            quoted[slug] = doc_id, rows.headings(blocks)
        return quoted[slug]

    conn.execute("DELETE FROM relations")
    conn.executemany("INSERT INTO relations VALUES (?,?,?,?,?,?,?,?)", (
        (a, b, kind, weight, extra.get("stated_by"), extra.get("support"), extra.get("cues"),
         rows.encode_evidence(evidence, document))
        for a, b, kind, weight, evidence, extra in edges))
    links = concept_links((a, b, kind, weight, evidence)
                          for a, b, kind, weight, evidence, _ in edges)
    conn.execute("DELETE FROM related_concepts")
    conn.executemany("INSERT INTO related_concepts VALUES (?,?,?,?,?,?)", (
        (concept, rank, other, link.score, rows.dumps([k.value for k in link.ranked_kinds()]),
         rows.encode_evidence(link.evidence, document))
        for concept, neighbours in links.items()
        for rank, (other, link) in enumerate(ranked_links(neighbours))))
    graph = concept_graph(links, sorted(taxonomy.concepts,
                                        key=lambda s: (taxonomy[s].label.lower(), s)))
    rank = pagerank(graph)
    conn.execute("UPDATE concepts SET pagerank = 0, community = NULL, community_rank = NULL")
    conn.executemany("UPDATE concepts SET pagerank = ? WHERE slug = ?",
                     ((value, slug) for slug, value in rank.items()))
    conn.executemany("UPDATE concepts SET community = ?, community_rank = ? WHERE slug = ?", (
        (number, place, slug)
        for number, members in enumerate(communities(graph))
        for place, slug in enumerate(sorted(members, key=lambda s: (-rank.get(s, 0.0), s)))))


def relate_documents(conn: sqlite3.Connection, postings: Postings, map_: Map,
                     meanwhile: Callable[[], None] = lambda: None) -> None:
    """Store the postings and every document's ``RELATED_KEPT`` related documents, from the
    weighed documents (``score``); the per-document work goes through ``map_`` (a cluster's or
    this process's), in batches, and ``meanwhile`` runs here while the first batches do. The
    tables ``score`` made are dropped."""
    lists = postings.lists()
    conn.execute("DELETE FROM postings")
    conn.executemany("INSERT INTO postings VALUES (?,?,?,?)", (
        (concept, rank, key[1], weight) for concept, found in lists.items()
        for rank, (key, weight) in enumerate(found)))
    vectors = {(slug, doc_id): rows.loads(vector) for doc_id, slug, vector in conn.execute(
        "SELECT document, slug, vector FROM temp.vectors "
        "WHERE document IN (SELECT DISTINCT document FROM postings)")}
    conn.execute("DELETE FROM related_documents")
    documents = _Batches(conn, "SELECT slug, document, vector FROM temp.vectors",
                         "SELECT count(*) FROM temp.vectors", size=RELATED_BATCH)
    found_related = map_(related_batch, documents, lists, vectors)
    meanwhile()
    for found in found_related:
        conn.executemany("INSERT INTO related_documents VALUES (?,?,?,?)", (
            (doc_id, rank, other[1], value)
            for doc_id, related in found for rank, (other, value) in enumerate(related)))
    conn.execute("DROP TABLE temp.scored")
    conn.execute("DROP TABLE temp.vectors")


class _Batches:
    """The items of ``query`` (its rows, or what ``items`` makes of them), ``size`` at a time,
    read as they are iterated; ``len`` is the number of batches (``count`` counts the items)."""

    def __init__(self, conn, query: str, count: str, items=lambda rows: rows, size: int = BATCH):
        self.conn, self.query, self.count, self.items, self.size = conn, query, count, items, size

    def __len__(self) -> int:
        return -(-self.conn.execute(self.count).fetchone()[0] // self.size)

    def __iter__(self) -> Iterator[list]:
        batch = []
        for item in self.items(self.conn.cursor().execute(self.query)):
            batch.append(item)
            if len(batch) == self.size:
                yield batch
                batch = []
        if batch:
            yield batch


def related_batch(batch, postings, vectors) -> list[tuple[int, list]]:
    """The related documents ``(key, score)`` of each ``(slug, id, vector as JSON)`` of
    ``batch`` (a task; the concepts they share are not kept: they are found again from the
    vectors when asked)."""
    cache: dict = {}  # the documents' positive vectors and norms, for this batch

    def positive_of(other):
        if (found := cache.get(other)) is None:
            found = cache[other] = positive(vectors[other])
        return found

    with fewer_collections():
        return [(doc_id, [(other, score) for other, score, _ in related_documents(
            (slug, doc_id), rows.loads(vector), postings, vectors.__getitem__, RELATED_KEPT,
            shared=False, positive_of=positive_of)]) for slug, doc_id, vector in batch]


def index(conn: sqlite3.Connection) -> None:
    """Links between documents (LINKS_TO, by URL) and each kind's list order (newest first,
    then by title)."""
    conn.execute("DELETE FROM document_links")
    latest = "SELECT d.id FROM documents d JOIN files f ON f.id = d.file WHERE d.url_key = ? " \
             "ORDER BY f.position DESC, d.position DESC LIMIT 1"
    linking = conn.cursor().execute(
        "SELECT d.id, d.links FROM documents d JOIN files f ON f.id = d.file "
        "WHERE d.links != '[]' ORDER BY f.position, d.position")
    for doc_id, links in linking:
        for url in rows.loads(links):
            target = conn.execute(latest, (normalize_url(url),)).fetchone()
            if target and target[0] != doc_id:
                conn.execute("INSERT OR REPLACE INTO document_links VALUES (?, ?, ?)",
                             (doc_id, target[0], url))
    conn.execute("""
        UPDATE documents SET list_rank = r.n
        FROM (SELECT id, row_number() OVER (PARTITION BY kind
                                            ORDER BY date_key DESC, title_lower, slug) - 1 AS n
              FROM documents) AS r
        WHERE documents.id = r.id""")


def in_order(conn, columns: str) -> sqlite3.Cursor:
    """``columns`` of documents ``d`` and their data ``x``, in the build's document order."""
    return conn.cursor().execute(
        f"SELECT {columns} FROM files f JOIN documents d ON d.file = f.id "
        f"JOIN document_data x ON x.document = d.id ORDER BY f.position, d.position")


def rank_candidates(conn: sqlite3.Connection, extractor: Extractor, n: int = 200) -> None:
    """The candidate terms: every document's phrases counted (one entry per distinct phrase:
    this grows with the vocabulary, not with the number of documents), ranked by
    ``loaders.candidates``, their uses read again from the first documents using them."""
    count: Counter[str] = Counter()
    doc_count: Counter[str] = Counter()
    for (phrases,) in conn.execute("SELECT phrases FROM document_data"):
        distinct, more = rows.decode_phrases(phrases)
        doc_count.update(distinct)
        count.update(distinct)
        count.update(more)
    slugs = concept_slugs(conn)
    documents = ((rows.decode_phrases(phrases)[0],
                  lambda r=(slug, parent, columns, blocks, text, mentions):
                  _document_and_mentions(*r, slugs))
                 for slug, parent, *columns, blocks, text, mentions, phrases in in_order(
                     conn, f"d.slug, d.parent, {', '.join('d.' + c for c in rows.DOCUMENT_COLUMNS)}"
                           ", x.blocks, x.text, x.mentions, x.phrases"))
    ranked = rank_counted(count, doc_count, documents, extractor, n, extractor.taxonomy.rejected)
    conn.execute("DELETE FROM candidate_terms")
    conn.executemany("INSERT INTO candidate_terms VALUES (?,?,?,?,?,?,?,?)", (
        (rank, t.phrase, t.count, t.document_count, rows.dumps(t.examples), t.score, t.kind,
         rows.dumps(t.variants)) for rank, t in enumerate(ranked)))


def _document_and_mentions(slug, parent, columns, blocks, text, mentions, slugs):
    doc = rows.decode_document(slug, parent, tuple(columns), blocks, text)
    return doc, rows.decode_mentions(doc, mentions, slugs)


def find_gaps(conn: sqlite3.Connection) -> None:
    """Missing links (article pairs that share strong concepts and do not link) and concepts
    readers ask about that few articles cover."""
    conn.execute("DELETE FROM missing_links")
    found = conn.execute(f"""
        SELECT source, target, score FROM (
            SELECT a.slug AS source, b.slug AS target, r.score,
                   row_number() OVER (PARTITION BY min(a.slug, b.slug), max(a.slug, b.slug)
                                      ORDER BY a.slug) AS nth
            FROM related_documents r JOIN documents a ON a.id = r.document
                 JOIN documents b ON b.id = r.other
            WHERE r.rank < 5 AND r.score >= {_gaps.MIN_LINK_SCORE} AND a.kind = 'article'
              AND NOT EXISTS (SELECT 1 FROM document_links l
                              WHERE l.document = r.document AND l.target = r.other)
              AND NOT EXISTS (SELECT 1 FROM document_links l
                              WHERE l.document = r.other AND l.target = r.document))
        WHERE nth = 1 ORDER BY score DESC, source, target LIMIT {_gaps.MAX_LINK_SUGGESTIONS}
        """).fetchall()
    for rank, (source, target, value) in enumerate(found):
        via = shared_concepts(vector(conn, source), vector(conn, target))[:3]
        sentence = link_sentence(conn, source, via) if via else None
        conn.execute("INSERT INTO missing_links VALUES (?,?,?,?,?,?)",
                     (rank, source, target, rows.dumps(list(via)), value,
                      rows.dumps(rows.encode_passage(sentence)) if sentence else None))
    conn.execute("DELETE FROM unanswered_questions")
    asked = conn.execute(
        "SELECT slug, questions, articles FROM concepts WHERE questions > 0 AND articles <= ? "
        "ORDER BY questions DESC, articles, slug", (_gaps.FEW_ARTICLES,)).fetchall()
    for rank, (concept, questions, articles) in enumerate(asked):
        examples = [slug for (slug,) in conn.execute(
            "SELECT d.slug FROM document_concepts c JOIN documents d ON d.id = c.document "
            "WHERE c.concept = ? AND c.kind = 'question' ORDER BY c.concept_rank LIMIT 3",
            (concept,))]
        conn.execute("INSERT INTO unanswered_questions VALUES (?,?,?,?,?)",
                     (rank, concept, questions, articles, rows.dumps(examples)))


def write_next(conn: sqlite3.Connection, taxonomy: Taxonomy) -> None:
    """What to write next (``gaps.write_next``): each reader question's reach (views and
    upvotes, its own or its answers', ``gaps.question_reach``), each concept's questions
    weighed by it, what is written about the concept, its importance (PageRank percentile and
    taxonomy links) and, for each entry, the nearest articles. Memory: one row per concept."""
    conn.execute("CREATE TEMP TABLE reach (question INTEGER PRIMARY KEY, views INTEGER, "
                 "upvotes INTEGER)")
    questions = conn.cursor().execute(
        "SELECT q.id, q.metadata, (SELECT json_group_array(json(a.metadata)) FROM documents a "
        "WHERE a.parent = q.slug AND a.kind = 'answer') FROM documents q "
        "WHERE q.kind = 'question'")
    while batch := questions.fetchmany(1000):
        reached = ((qid, _gaps.question_reach(rows.loads(meta), rows.loads(answers)))
                   for qid, meta, answers in batch)
        conn.executemany("INSERT INTO temp.reach VALUES (?, ?, ?)",
                         ((qid, r.views, r.upvotes) for qid, r in reached))
    typical = _median(conn, "SELECT views FROM temp.reach WHERE views > 0")
    narrower = Counter(parent for c in taxonomy for parent in c.broader)
    weight = _gaps.importance(
        dict(conn.execute("SELECT slug, pagerank FROM concepts").fetchall()),
        {c.slug: len(c.broader) + len(c.related) + narrower[c.slug] for c in taxonomy})
    demand = {}
    asked = conn.cursor().execute(
        "SELECT c.concept, d.slug, r.views, r.upvotes FROM document_concepts c "
        "JOIN documents d ON d.id = c.document JOIN temp.reach r ON r.question = c.document "
        "WHERE c.kind = 'question' ORDER BY c.concept, c.concept_rank")
    for concept, group in groupby(asked, key=lambda row: row[0]):
        demand[concept] = _gaps.asked(((slug, _gaps.Reach(views, upvotes))
                                       for _, slug, views, upvotes in group), typical)
    coverage = {}
    for slug, articles, central in conn.execute(
            "SELECT slug, articles, central_articles FROM concepts ORDER BY position").fetchall():
        questions, need, views, upvotes, examples = demand.get(slug, (0, 0.0, 0, 0, ()))
        if _gaps.is_gap(articles, central, questions):
            coverage[slug] = _gaps.Coverage(
                articles, central, questions, weight.get(slug, 0.0), need, views, upvotes,
                examples, nearest_articles(conn, slug, _gaps.NEAREST))
    conn.execute("DROP TABLE temp.reach")
    conn.execute("DELETE FROM write_next")
    conn.executemany("INSERT INTO write_next VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (
        (rank, w.concept, w.gap.value, w.score, w.questions, w.views, w.upvotes, w.articles,
         w.central, w.importance, w.reason, rows.dumps(list(w.examples)),
         rows.dumps(list(w.nearest)))
        for rank, w in enumerate(_gaps.write_next(coverage))))


def _median(conn: sqlite3.Connection, values: str) -> float:
    """The median of the one-column query ``values`` (0 when it has no row), read from SQLite
    without holding the values."""
    count = conn.execute(f"SELECT count(*) FROM ({values})").fetchone()[0]
    if not count:
        return 0.0
    middle = conn.execute(f"SELECT * FROM ({values}) ORDER BY 1 LIMIT ? OFFSET ?",
                          (2 - count % 2, (count - 1) // 2)).fetchall()
    return sum(v for (v,) in middle) / len(middle)


RELATED_NEAR = 10  # related concepts whose articles may be a concept's nearest


def nearest_articles(conn: sqlite3.Connection, concept: str, n: int) -> tuple[str, ...]:
    """The articles closest to a concept: those mentioning it (central first, then by weight),
    then those about its closest related concepts (relation score x weight)."""
    found = [slug for (slug,) in conn.execute(
        "SELECT d.slug FROM document_concepts c JOIN documents d ON d.id = c.document "
        "WHERE c.concept = ? AND c.kind = 'article' ORDER BY c.concept_rank LIMIT ?",
        (concept, n))]
    if len(found) < n:
        found += [slug for (slug,) in conn.execute(
            "SELECT d.slug FROM related_concepts r "
            "JOIN document_concepts c ON c.concept = r.other AND c.kind = 'article' "
            "AND c.concept_rank < ? JOIN documents d ON d.id = c.document "
            "WHERE r.concept = ? AND r.rank < ? GROUP BY d.slug "
            "ORDER BY sum(r.score * c.weight) DESC, d.slug LIMIT ?",
            (n, concept, RELATED_NEAR, 2 * n)) if slug not in found][:n - len(found)]
    return tuple(found)


def vector(conn, slug: str) -> dict[str, float]:
    """A document's concept weights, strongest first."""
    return dict(conn.execute("SELECT c.concept, c.weight FROM document_concepts c JOIN documents d "
                             "ON d.id = c.document WHERE d.slug = ? ORDER BY c.rank", (slug,)))


def link_sentence(conn, slug: str, via: list[str]) -> Passage | None:
    """The body sentence of ``slug`` that names most of ``via`` (affirmed), earliest first."""
    found = conn.execute(
        f"SELECT d.slug, d.parent, {', '.join('d.' + c for c in rows.DOCUMENT_COLUMNS)}, "
        f"x.blocks, x.text, x.mentions FROM documents d JOIN document_data x "
        f"ON x.document = d.id WHERE d.slug = ?", (slug,)).fetchone()
    doc, mentions = _document_and_mentions(found[0], found[1], found[2:-3], *found[-3:],
                                           concept_slugs(conn))
    return _gaps.link_sentence(doc, mentions, via)


def max_document_concepts(conn: sqlite3.Connection) -> int:
    """The most concepts one document has (what bounds every list of a document's concepts)."""
    return conn.execute("SELECT coalesce(max(rank) + 1, 0) FROM document_concepts").fetchone()[0]


def count(conn: sqlite3.Connection, taxonomy: Taxonomy) -> dict:
    """The graph's counts (``results.Stats`` fields but ``built_at``)."""
    kinds = dict(conn.execute("SELECT kind, count(*) FROM documents GROUP BY kind").fetchall())
    return {
        "articles": kinds.get("article", 0), "questions": kinds.get("question", 0),
        "answers": kinds.get("answer", 0),
        "authors": conn.execute("SELECT count(DISTINCT author_slug) FROM documents").fetchone()[0],
        "concepts": len(taxonomy),
        "mentions": conn.execute("SELECT coalesce(sum(count), 0) FROM document_concepts"
                                 ).fetchone()[0],
        "relations": conn.execute("SELECT count(*) FROM relations").fetchone()[0],
    }

