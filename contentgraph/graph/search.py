"""Label search: exact, then prefix and word matches; fuzzy matches apart, asked for only when
nothing matches. Case-, plural- and spelling-insensitive."""

from __future__ import annotations

import difflib
import heapq
import threading
from collections import OrderedDict, defaultdict

from ..taxonomy.normalize import normalize_phrase

FUZZY_CUTOFF = 0.75
CLOSE_WORD = 0.8  # difflib ratio from which two words are spelled alike
MIN_SHARED_TRIGRAMS = 0.4  # of the query's trigrams, for a name to be tried fuzzily
FUZZY_CANDIDATES = 40  # names scored fuzzily per search, those sharing the most trigrams
CACHED_HITS = 50_000  # hits kept in an index's cache of answers, all searches together


class LabelIndex:
    """Names (normalised) -> keys, searched best match first.

    Exact matches come from a dict, prefix and word matches from one pass of string tests;
    fuzzy matches (``search(text, fuzzy=True)``: difflib ratio >= FUZZY_CUTOFF, and a word
    spelled like one of the query's) only among the FUZZY_CANDIDATES names sharing the most
    character trigrams with the query, its repeated words counted once: a search costs the same
    bounded work whatever the text. Answers are cached (at most CACHED_HITS hits).

    >>> index = LabelIndex([("couples-therapy", "Couples therapy"),
    ...                     ("eft", "Emotionally focused therapy"),
    ...                     ("consent", "parental consent")])
    >>> [key for key, _ in index.search("couple therapies")]
    ['couples-therapy']
    >>> index.search("emotionaly focussed"), index.search("emotionaly focussed", fuzzy=True)
    ([], [('eft', 0.4683)])
    >>> index.search("silent treatment", fuzzy=True)  # close letters, but no word alike
    []
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
        self._answers: OrderedDict[tuple[str, bool], tuple[tuple[str, float], ...]] = \
            OrderedDict()
        self._cached_hits = 0
        self._lock = threading.Lock()

    def search(self, text: str, fuzzy: bool = False) -> list[tuple[str, float]]:
        """(key, score in (0, 1]) pairs, best first; each key once with its best score: names
        equal to the text (1), starting with it (0.8-0.9) or with a word that does (0.6-0.7);
        ``fuzzy``: instead, names spelled like it (at most 0.6)."""
        query = normalize_phrase(text)
        if not query:
            return []
        key = (query, fuzzy)
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
                return list(found)
        found = tuple(self._fuzzy(query) if fuzzy else self._search(query))
        with self._lock:
            if key not in self._answers and len(found) <= CACHED_HITS:
                self._answers[key] = found
                self._cached_hits += len(found)
                while self._cached_hits > CACHED_HITS:
                    self._cached_hits -= len(self._answers.popitem(last=False)[1])
        return list(found)

    def _search(self, query: str) -> list[tuple[str, float]]:
        best: dict[str, float] = dict.fromkeys(self._exact.get(query, ()), 1.0)
        spaced = f" {query}"
        for norm, key in self._names:
            score = word_score(query, spaced, norm)
            if score > best.get(key, 0.0):
                best[key] = score
        return ranked(best)

    def _fuzzy(self, query: str) -> list[tuple[str, float]]:
        best: dict[str, float] = {}
        fuzzy = FuzzyMatcher(query)
        for index in self._fuzzy_candidates(fuzzy.words):
            norm, key = self._names[index]
            score = fuzzy.score(norm)
            if score > best.get(key, 0.0):
                best[key] = score
        return ranked(best)

    def _fuzzy_candidates(self, query: str) -> list[int]:
        """The names sharing enough of the query's trigrams, at most FUZZY_CANDIDATES of them
        (those sharing the most)."""
        grams = _trigrams(query)
        shared: dict[int, int] = defaultdict(int)
        for gram in grams:
            for index in self._trigrams.get(gram, ()):
                shared[index] += 1
        return most_shared(shared, shared_needed(grams))


class FuzzyMatcher:
    """difflib's ratio of names to one query, its repeated words counted once."""

    def __init__(self, query: str):
        self.words = " ".join(dict.fromkeys(query.split()))
        self._matcher = difflib.SequenceMatcher(None, self.words)

    def score(self, norm: str) -> float:
        """0.6 times the ratio when it reaches FUZZY_CUTOFF and the name has a word spelled
        like one of the query's (``shares_a_word``), else 0."""
        self._matcher.set_seq2(norm)
        if self._matcher.real_quick_ratio() < FUZZY_CUTOFF or \
                self._matcher.quick_ratio() < FUZZY_CUTOFF:
            return 0.0
        ratio = self._matcher.ratio()
        if ratio < FUZZY_CUTOFF or not shares_a_word(self.words, norm):
            return 0.0
        return round(0.6 * ratio, 4)


def word_score(query: str, spaced: str, norm: str) -> float:
    """Score of a name starting with the query (0.8-0.9) or with a word that does (0.6-0.7);
    0 otherwise. ``spaced`` is the query after a space."""
    if norm.startswith(query):
        return 0.9 - 0.1 * (1 - len(query) / len(norm))
    if spaced in f" {norm}":
        return 0.7 - 0.1 * (1 - len(query) / len(norm))
    return 0.0


def ranked(best: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))


def shared_needed(grams: set[str]) -> int:
    """Trigrams a name must share with a query of ``grams`` to be tried fuzzily."""
    return max(1, int(len(grams) * MIN_SHARED_TRIGRAMS))


def most_shared(shared: dict[int, int], need: int) -> list[int]:
    """Of the names (by number) sharing at least ``need`` trigrams, the FUZZY_CANDIDATES
    sharing the most (the lower number first on a tie)."""
    kept = [(count, -index) for index, count in shared.items() if count >= need]
    return [-index for _, index in heapq.nlargest(FUZZY_CANDIDATES, kept)]


def shares_a_word(query: str, name: str) -> bool:
    """True when a word of ``name`` is a word of ``query`` or spelled like one (difflib ratio
    at least CLOSE_WORD, same first letter).

    >>> shares_a_word("stonewaling", "stonewalling"), shares_a_word("silent treatment", "parental consent")
    (True, False)
    """
    asked = query.split()
    for word in name.split():
        for other in asked:
            if word == other or (word[0] == other[0] and difflib.SequenceMatcher(
                    None, word, other).ratio() >= CLOSE_WORD):
                return True
    return False


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}
