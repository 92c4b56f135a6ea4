"""Full-text search over documents' titles and text: an SQLite FTS5 index, ranked by BM25.

The index is a virtual table of two columns, ``title`` and ``body``, its rowids the documents'
ids; ``porter`` stems English words ("attachments" finds "attachment") and accents are ignored.
A search finds the documents holding the words of the query as a phrase or all of its words
that are not stop words, a title hit counting ``TITLE_WEIGHT`` times a hit in the text; the
query's own syntax is never FTS5's (every word is quoted), so no text is an error. When nothing
matches, ``corrected`` proposes the query with each unknown word replaced by the closest word of
the index's vocabulary.

>>> import sqlite3
>>> db = sqlite3.connect(":memory:")
>>> create(db, "search")
>>> db.executemany("INSERT INTO search(rowid, title, body) VALUES (?, ?, ?)",
...                [(1, "Sleep", "Anxious attachment keeps a partner awake."),
...                 (2, "Anxious attachment", "A style of relating."), (3, "Other", "Nothing.")])
<sqlite3.Cursor object at ...>
>>> total, hits = search(db, "search", "anxious attachments", 10)
>>> total, [(h.rowid, h.snippet) for h in hits]
(2, [(2, 'A style of relating.'), (1, '\\ue000Anxious attachment\\ue001 keeps a partner awake.')])
>>> corrected(db, "search", "anxius atachment")  # stems, as the index holds them
'anxiou attach'
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from dataclasses import dataclass

from ..loaders.termhood import STOP_WORDS

TOKENIZER = "porter unicode61 remove_diacritics 2"
TITLE_WEIGHT = 5.0  # a word in the title counts this many times one in the text
MAX_WORDS = 12  # distinct words of a query searched; the rest are ignored
SNIPPET_WORDS = 16
MARK_START, MARK_END = "\ue000", "\ue001"  # around matched words in a snippet (private use)
CLOSE_SPELLING = 0.8  # difflib ratio from which a vocabulary word corrects a query word
_WORD = re.compile(r"\w+")


def create(db: sqlite3.Connection, table: str, content: str | None = None,
           content_rowid: str = "rowid") -> None:
    """Create the index ``table`` (with ``content``: over that table or view's ``title`` and
    ``body`` columns, whose ``content_rowid`` column is the rowid; without: holding its text)
    and its vocabulary table ``<table>_words``."""
    source = f", content='{content}', content_rowid='{content_rowid}'" if content else ""
    db.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(title, body, "
               f"tokenize='{TOKENIZER}'{source})")
    db.execute(f"CREATE VIRTUAL TABLE {table}_words USING fts5vocab({table}, 'row')")


def words(text: str) -> list[str]:
    """The distinct lower-case words of ``text``, at most MAX_WORDS, in order.

    >>> words('Anxious "attachment" OR anxious* NEAR(x)')
    ['anxious', 'attachment', 'or', 'near', 'x']
    """
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(text)))[:MAX_WORDS]


def match_expression(text: str) -> str | None:
    """The FTS5 query for ``text``: its words as a phrase, or all its words that are not stop
    words (all its words when every one is); None when it has no word.

    >>> match_expression("The silent treatment")
    '"the silent treatment" OR ("silent" AND "treatment")'
    >>> match_expression("boundaries"), match_expression(" ?! ")
    ('"boundaries"', None)
    """
    found = words(text)  # letters, digits and underscores only: quoting them is enough
    if not found:
        return None
    quoted = [f'"{w}"' for w in found]
    if len(found) == 1:
        return quoted[0]
    needed = [q for w, q in zip(found, quoted) if w not in STOP_WORDS] or quoted
    return f'"{" ".join(found)}" OR ({" AND ".join(needed)})'


@dataclass(frozen=True, slots=True)
class Hit:
    rowid: int
    score: float  # BM25, higher is better
    snippet: str  # a few words of the text around the matches, marked by MARK_START/MARK_END


def search(db: sqlite3.Connection, table: str, text: str, limit: int,
           offset: int = 0) -> tuple[int, list[Hit]]:
    """``(how many documents match, limit of them from offset)``, best first."""
    expression = match_expression(text)
    if expression is None or limit <= 0:
        return 0, []
    total = db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?",
                       (expression,)).fetchone()[0]
    rows = db.execute(
        f"SELECT rowid, -bm25({table}, {TITLE_WEIGHT}, 1.0), "
        f"snippet({table}, 1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_WORDS}) "
        f"FROM {table} WHERE {table} MATCH ? ORDER BY bm25({table}, {TITLE_WEIGHT}, 1.0), rowid "
        f"LIMIT ? OFFSET ?", (expression, limit, offset)).fetchall()
    return total, [Hit(rowid, round(score, 6), snippet) for rowid, score, snippet in rows]


def corrected(db: sqlite3.Connection, table: str, text: str) -> str | None:
    """``text``'s words with each one the index does not know replaced by the closest term it
    does (a stem: same first letter, difflib ratio at least CLOSE_SPELLING, the most used on
    ties), ready to ``search``; None when no word needed, or found, a correction."""
    found = words(text)
    out, changed = [], False
    for word in found:
        if _known(db, table, word):
            out.append(word)
            continue
        best = _closest(db, table, word)
        changed = changed or best is not None
        out.append(best or word)
    return " ".join(out) if changed else None


def _known(db: sqlite3.Connection, table: str, word: str) -> bool:
    return db.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1",
                      (f'"{word}"',)).fetchone() is not None


def _closest(db: sqlite3.Connection, table: str, word: str) -> str | None:
    """The vocabulary's closest word to ``word``: terms starting with its first letter and
    of a length near its own (the index holds stems, so a term is compared with the word's
    start too)."""
    rows = db.execute(f"SELECT term, doc FROM {table}_words WHERE term >= ? AND term < ? "
                      f"AND length(term) BETWEEN ? AND ?",
                      (word[0], word[0] + "\U0010ffff", len(word) - 3, len(word) + 2))
    best, best_key = None, (CLOSE_SPELLING, 0)
    matcher = difflib.SequenceMatcher(None, "", word)
    for term, documents in rows:
        matcher.set_seq1(term)
        ratio = max(matcher.ratio(), _stem_ratio(term, word))
        if (ratio, documents) > best_key:
            best, best_key = term, (ratio, documents)
    return best


def _stem_ratio(term: str, word: str) -> float:
    """How close ``term`` (a stem) is to the start of ``word`` as long as the stem."""
    return difflib.SequenceMatcher(None, term, word[:len(term)]).ratio() \
        if len(term) < len(word) else 0.0
