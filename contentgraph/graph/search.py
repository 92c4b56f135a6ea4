"""Label search: exact, then prefix, then fuzzy; case-, plural- and spelling-insensitive."""

from __future__ import annotations

import difflib

from ..taxonomy.normalize import normalize_phrase

FUZZY_CUTOFF = 0.75


class LabelIndex:
    """Names (normalised) -> keys, searched best match first.

    >>> index = LabelIndex([("couples-therapy", "Couples therapy"), ("eft", "Emotionally focused therapy")])
    >>> [key for key, _ in index.search("couple therapies")]
    ['couples-therapy']
    """

    def __init__(self, names):
        self._names: list[tuple[str, str]] = []  # (normalised name, key)
        for key, name in names:
            norm = normalize_phrase(name)
            if norm:
                self._names.append((norm, key))

    def search(self, text: str) -> list[tuple[str, float]]:
        """(key, score in (0, 1]) pairs, best first; each key once with its best score."""
        query = normalize_phrase(text)
        if not query:
            return []
        best: dict[str, float] = {}
        for norm, key in self._names:
            score = _score(query, norm)
            if score > best.get(key, 0.0):
                best[key] = score
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))


def _score(query: str, name: str) -> float:
    if query == name:
        return 1.0
    if name.startswith(query):
        return 0.9 - 0.1 * (1 - len(query) / len(name))
    words = name.split()
    if any(w.startswith(query) for w in words) or f" {query}" in f" {name}":
        return 0.7 - 0.1 * (1 - len(query) / len(name))
    matcher = difflib.SequenceMatcher(None, query, name)
    if matcher.real_quick_ratio() < FUZZY_CUTOFF or matcher.quick_ratio() < FUZZY_CUTOFF:
        return 0.0
    ratio = matcher.ratio()
    if ratio >= FUZZY_CUTOFF:
        return round(0.6 * ratio, 4)
    return 0.0
