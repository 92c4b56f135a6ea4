"""A document's text prepared for the phrase scan, with a map back to the original offsets.

The scan text is lower case; dashes, slashes, double quotes, quote marks at word edges and a
final "'s" become spaces; runs of spaces become one space and any run of whitespace holding a line break becomes
one newline. So "Pursuer–Withdrawer", "pursuer - withdrawer" and 'the “pursuer” withdrawer'
all read "pursuer withdrawer" there, while other punctuation ("fear, blame") and line or block
breaks still separate phrases.

>>> st = SearchText("Self-Harm  and “Gaslighting” in a couple’s life")
>>> st.text
'self harm and gaslighting in a couple life'
>>> st.original(st.text.index("gaslighting"))
16
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TypeVar

# Characters read as a space: dashes, slash, double quotes, an opening single quote, odd spaces,
# and "&" and "+", which labels' words skip too ("LGBTQ+ relationship", "drug & alcohol").
_SPACE_LIKE = (
    "-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "/", '"',
    "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb", "\u2018", "\t", "\r", "\xa0",
    "\u2009", "\u200a", "\u202f", "\f", "\v", "&", "+",
)
_APOSTROPHES = ("\u2019", "\u02bc", "`", "\u00b4")
_ASCII_SPACE_LIKE = tuple(c for c in _SPACE_LIKE if c.isascii())  # all an ASCII text may hold
_ASCII_APOSTROPHES = tuple(c for c in _APOSTROPHES if c.isascii())
# A quote mark not between two word characters (written so that the scan starts from the ').
_EDGE_APOSTROPHE = re.compile(r"'(?:(?!\w)|(?<!\w'))")
# "'s" ending a word: read as a space, as normalize_token drops it ("couple's therapy").
_POSSESSIVE = re.compile(r"'s(?!\w)")
_SPACES = re.compile(r"  +")
_BREAK = re.compile(r"\n[\n ]*")
T = TypeVar("T")


def lower_same_length(text: str) -> str:
    """Lower case with one character for one (a few characters lower to two, e.g. U+0130)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class SearchText:
    """Normalised scan text of ``text`` (``.text``) and ``.original(i)``, ``.originals(spans)``
    to map offsets back."""

    __slots__ = ("text", "_starts", "_shifts")

    def __init__(self, text: str):
        self._starts = [0]  # scan-text offsets where a new shift begins
        self._shifts = [0]  # original offset minus scan-text offset from there on
        low = lower_same_length(text)
        plain = low.isascii()
        for char in _ASCII_SPACE_LIKE if plain else _SPACE_LIKE:
            if char in low:
                low = low.replace(char, " ")
        for char in _ASCII_APOSTROPHES if plain else _APOSTROPHES:
            if char in low:
                low = low.replace(char, "'")
        if "'" in low:
            low = _POSSESSIVE.sub("  ", _EDGE_APOSTROPHE.sub(" ", low))
        self.text = low if ("\n" not in low and "  " not in low) else self._squeeze(low)

    def _squeeze(self, low: str) -> str:
        runs = [m.span() for m in _BREAK.finditer(low)]
        spaces = low.find("  ")  # str.find leaps to each run of spaces faster than a regex scan
        if spaces >= 0:
            while spaces >= 0:
                run = _SPACES.match(low, spaces)
                assert run is not None  # str.find found two spaces there
                end = run.end()
                runs.append((spaces, end))
                spaces = low.find("  ", end)
            runs.sort()
        pieces: list[str] = []
        last = size = shift = 0
        for start, end in runs:
            if start < last:
                continue  # spaces inside a break already taken
            replacement = "\n" if low[start] == "\n" else " "
            pieces.append(low[last:start])
            pieces.append(replacement)
            size += start - last + 1
            last = end
            shift += end - start - 1
            self._starts.append(size)
            self._shifts.append(shift)
        pieces.append(low[last:])
        return "".join(pieces)

    def original(self, index: int) -> int:
        """Offset in the original text of the character at ``index`` of the scan text."""
        return index + self._shifts[bisect_right(self._starts, index) - 1]

    def originals(self, spans: list[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
        """``(start, end, value)`` spans of the scan text with their offsets in the original."""
        if len(self._starts) == 1:
            return spans
        starts, shifts = self._starts, self._shifts
        return [(s + shifts[bisect_right(starts, s) - 1],
                 e + shifts[bisect_right(starts, e - 1) - 1], value) for s, e, value in spans]
