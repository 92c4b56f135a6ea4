"""Sentence splitting: a compact rule set, tuned for web articles and forum answers.

A sentence ends at a line or block break, at ``. ! ?`` (or an ellipsis) followed by a space and
a capital, digit or opening quote, at ``! ?`` followed by a space, and at ``.!?`` glued to the
next sentence ("...worthless.Seriously"), which forum answers often are. A full stop after a
title or an initial ("Dr.", "J.") does not end a sentence.

>>> text = "It hurts.Seriously, it does! Dr. Gottman says so... e.g. here. Next things.I see"
>>> [text[s:e] for s, e in split_sentences(text)]
['It hurts.', 'Seriously, it does!', 'Dr. Gottman says so... e.g. here.', 'Next things.', 'I see']
"""

from __future__ import annotations

import re

_CLOSERS = "\"'\u201d\u2019)\\]"
_OPENERS = "\"'\u201c\u2018(\\["
# A full stop after an initial or a title ("J.", "Dr.", "e.g.") does not end a sentence.
_NOT_ABBREVIATION = (
    r"(?<!\b[A-Za-z]\.)(?<!\b(?i:mr|ms|dr|st|jr|sr|vs|co)\.)(?<!\b(?i:mrs|inc|ltd|fig|e\.g|i\.e|a\.m|p\.m)\.)"
    r"(?<!\b(?i:prof)\.)(?<!\b(?i:approx)\.)"
)
# One leading character class keeps the scan fast; the branches decide what follows it. The
# group is the space after a sentence's end (a line break ends the sentence before it).
_END = re.compile(
    rf"""[\n.!?\u2026](?:
    (?<=\n)                                                     # line or block break
    |(?<=[!?])[.!?\u2026]*[{_CLOSERS}]*(?=\s)                   # ! or ?, space
    |{_NOT_ABBREVIATION}[.!?\u2026]*[{_CLOSERS}]*(?=\s+[{_OPENERS}]*[A-Z0-9])  # end, space, capital
    |(?<=[a-z]{{2}}[.!?])[.!?]*(?=[A-Z](?:[a-z]|(?<=I)[\s'\u2019]))  # glued: "worthless.Seriously"
    )(\s*)""",
    re.VERBOSE,
)
_HAS_WORD = re.compile(r"\w")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text[start:end]``, trimmed of spaces."""
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for m in _END.finditer(text, start, end):
        stop = m.start()
        if text[stop] != "\n":
            stop = m.start(1)  # after the end's punctuation and closing quotes
        if stop - cursor > 3 and not text[cursor].isspace() and not text[stop - 1].isspace():
            spans.append((cursor, stop))  # the common case, with nothing to trim
        else:
            span = _trimmed(text, cursor, stop)
            if span:
                spans.append(span)
        cursor = m.end()
    span = _trimmed(text, cursor, end)
    if span:
        spans.append(span)
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``text[start:end]`` without its outer spaces, or None if it holds no word."""
    if text[start : start + 1].isspace() or text[end - 1 : end].isspace():
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
    if end - start > 3 or (end > start and _HAS_WORD.search(text, start, end)):
        return start, end
    return None
