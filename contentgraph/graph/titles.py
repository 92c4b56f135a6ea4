"""Document title search read from the store, scored as ``search.LabelIndex`` scores names.

Exact and prefix matches come from the index on normalised titles; word and fuzzy matches
from the title trigrams (and, for a one-letter query, the titles' word initials): the postings
of the query's rarest trigrams, enough of them that every title sharing the needed number of
trigrams is among the candidates. Each candidate gets its word score, and the
``FUZZY_CANDIDATES`` sharing the most trigrams a fuzzy score. At most ``BUDGET`` postings and
prefix rows are read per query, whatever the corpus size (past it, the rarest trigrams'
candidates are kept).
"""

from __future__ import annotations

from ..taxonomy.normalize import normalize_phrase
from .search import (FuzzyMatcher, _trigrams, most_shared, ranked, shared_needed,
                     word_score)
from .store import Store

BUDGET = 20_000
_CHUNK = 500  # ids per IN (...) query


class StoredTitles:
    """Title search over the documents of ``store``: ``search(text)`` gives (slug, score)."""

    def __init__(self, store: Store):
        self.store = store

    def search(self, text: str) -> list[tuple[str, float]]:
        query = normalize_phrase(text)
        if not query:
            return []
        upper = query + "\U0010ffff"
        names = dict(self.store.rows(
            "SELECT id, title_key FROM documents WHERE title_key >= ? AND title_key < ? LIMIT ?",
            (query, upper, BUDGET)))
        fuzzy = FuzzyMatcher(query)
        grams = _trigrams(fuzzy.words)
        need = shared_needed(grams)
        counts = dict(self.store.rows(
            f"SELECT gram, documents FROM title_gram_counts WHERE gram IN "
            f"({','.join('?' * len(grams))})", tuple(grams)))
        rarest = sorted(grams, key=lambda g: (counts.get(g, 0), g))[:len(grams) - need + 1]
        looked_up = [g for g in rarest if counts.get(g)]
        if len(query) == 1:  # titles with a word that starts with it
            looked_up.append(f" {query}")
        ids: set[int] = set()
        if looked_up:
            ids = {row[0] for row in self.store.rows(
                f"SELECT document FROM title_grams WHERE gram IN "
                f"({','.join('?' * len(looked_up))}) LIMIT ?", (*looked_up, BUDGET))}
        ids -= names.keys()
        ids = sorted(ids)
        for at in range(0, len(ids), _CHUNK):
            chunk = ids[at:at + _CHUNK]
            names.update(self.store.rows(
                f"SELECT id, title_key FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
                chunk))
        spaced = f" {query}"
        scores: dict[int, float] = {}
        for doc_id, norm in names.items():
            score = 1.0 if norm == query else word_score(query, spaced, norm)
            if score > 0:
                scores[doc_id] = score
        shared = {doc_id: len(grams & _trigrams(norm)) for doc_id, norm in names.items()}
        for doc_id in most_shared(shared, need):
            score = fuzzy.score(names[doc_id])
            if score > scores.get(doc_id, 0.0):
                scores[doc_id] = score
        slugs = self._slugs(sorted(scores))
        return ranked({slugs[doc_id]: score for doc_id, score in scores.items()})

    def _slugs(self, ids: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for at in range(0, len(ids), _CHUNK):
            chunk = ids[at:at + _CHUNK]
            out.update(self.store.rows(
                f"SELECT id, slug FROM documents WHERE id IN ({','.join('?' * len(chunk))})",
                chunk))
        return out
