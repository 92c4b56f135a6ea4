"""Label search: exact, then prefix, then fuzzy; case-, plural- and spelling-insensitive."""

from __future__ import annotations

import difflib
from collections import defaultdict

from ..taxonomy.normalize import normalize_phrase

FUZZY_CUTOFF = 0.75
MIN_SHARED_TRIGRAMS = 0.4  # of the query's trigrams, for a name to be tried fuzzily


class LabelIndex:
    """Names (normalised) -> keys, searched best match first.

    Exact matches come from a dict, prefix and word matches from one pass of string tests, and
    fuzzy matches (difflib ratio >= FUZZY_CUTOFF) only among names sharing enough character
    trigrams with the query.

    >>> index = LabelIndex([("couples-therapy", "Couples therapy"),
    ...                     ("eft", "Emotionally focused therapy")])
    >>> [key for key, _ in index.search("couple therapies")]
    ['couples-therapy']
    >>> [key for key, _ in index.search("emotionaly focussed")]
    ['eft']
    """

    def __init__(self, names, normalized: bool = False):
        """``names``: (key, name) pairs; ``normalized``: the names are already normalised."""
        self._names: list[tuple[str, str]] = []  # (normalised name, key)
        self._exact: dict[str, list[str]] = defaultdict(list)
        self._trigrams: dict[str, list[int]] = defaultdict(list)
        for key, name in names:
            norm = name if normalized else normalize_phrase(name)
            if norm:
                index = len(self._names)
                self._names.append((norm, key))
                self._exact[norm].append(key)
                for gram in _trigrams(norm):
                    self._trigrams[gram].append(index)

    @property
    def names(self) -> list[tuple[str, str]]:
        """(key, normalised name) pairs: ``LabelIndex(index.names, normalized=True)`` is a copy."""
        return [(key, norm) for norm, key in self._names]

    def search(self, text: str) -> list[tuple[str, float]]:
        """(key, score in (0, 1]) pairs, best first; each key once with its best score."""
        query = normalize_phrase(text)
        if not query:
            return []
        best: dict[str, float] = dict.fromkeys(self._exact.get(query, ()), 1.0)
        spaced = f" {query}"
        for norm, key in self._names:
            if norm.startswith(query):
                score = 0.9 - 0.1 * (1 - len(query) / len(norm))
            elif spaced in f" {norm}":
                score = 0.7 - 0.1 * (1 - len(query) / len(norm))
            else:
                continue
            if score > best.get(key, 0.0):
                best[key] = score
        for index in self._fuzzy_candidates(query):
            norm, key = self._names[index]
            ratio = difflib.SequenceMatcher(None, query, norm).ratio()
            if ratio >= FUZZY_CUTOFF and 0.6 * ratio > best.get(key, 0.0):
                best[key] = round(0.6 * ratio, 4)
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))

    def _fuzzy_candidates(self, query: str) -> list[int]:
        grams = _trigrams(query)
        shared: dict[int, int] = defaultdict(int)
        for gram in grams:
            for index in self._trigrams.get(gram, ()):
                shared[index] += 1
        need = max(1, int(len(grams) * MIN_SHARED_TRIGRAMS))
        return [index for index, count in shared.items() if count >= need]


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}
