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
            score = word_score(query, spaced, norm)
            if score > best.get(key, 0.0):
                best[key] = score
        for index in self._fuzzy_candidates(query):
            norm, key = self._names[index]
            score = fuzzy_score(query, norm)
            if score > best.get(key, 0.0):
                best[key] = score
        return ranked(best)

    def _fuzzy_candidates(self, query: str) -> list[int]:
        grams = _trigrams(query)
        shared: dict[int, int] = defaultdict(int)
        for gram in grams:
            for index in self._trigrams.get(gram, ()):
                shared[index] += 1
        need = shared_needed(grams)
        return [index for index, count in shared.items() if count >= need]


def word_score(query: str, spaced: str, norm: str) -> float:
    """Score of a name starting with the query (0.8-0.9) or with a word that does (0.6-0.7);
    0 otherwise. ``spaced`` is the query after a space."""
    if norm.startswith(query):
        return 0.9 - 0.1 * (1 - len(query) / len(norm))
    if spaced in f" {norm}":
        return 0.7 - 0.1 * (1 - len(query) / len(norm))
    return 0.0


def fuzzy_score(query: str, norm: str) -> float:
    """0.6 times difflib's ratio when it reaches FUZZY_CUTOFF, else 0."""
    ratio = difflib.SequenceMatcher(None, query, norm).ratio()
    return round(0.6 * ratio, 4) if ratio >= FUZZY_CUTOFF else 0.0


def ranked(best: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))


def shared_needed(grams: set[str]) -> int:
    """Trigrams a name must share with a query of ``grams`` to be tried fuzzily."""
    return max(1, int(len(grams) * MIN_SHARED_TRIGRAMS))


def title_grams(title: str) -> set[str]:
    """What a stored title search looks up: the trigrams of a title's normalised form, and a
    space and the first letter of each word (for one-letter queries)."""
    norm = normalize_phrase(title)
    return (_trigrams(norm) | {f" {word[0]}" for word in norm.split()}) if norm else set()


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}
