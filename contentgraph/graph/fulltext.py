"""Full-text search over documents' titles and text: an SQLite FTS5 index, ranked by BM25.

The index is a virtual table of two columns, ``title`` and ``body``, over a view of the
documents (its content is read from there: the text is stored once), its rowids the documents'
ids; ``porter`` stems English words ("attachments" finds "attachment") and accents are ignored.
A search finds the documents holding the words of the query as a phrase or all of its words
that are not stop words, a title hit counting ``TITLE_WEIGHT`` times a hit in the text; the
query's own syntax is never FTS5's (every word is quoted), so no text is an error. When nothing
matches, ``corrected`` searches the query with each unknown word replaced by the closest word of
the index's vocabulary.

>>> import sqlite3
>>> db = sqlite3.connect(":memory:")
>>> db.executescript("CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT);"
...                  + schema("search", "docs"))
<sqlite3.Cursor object at ...>
>>> db.executemany("INSERT INTO docs VALUES (?, ?, ?)",
...                [(1, "Sleep", "Anxious attachment keeps a partner awake."),
...                 (2, "Anxious attachment", "A style of relating."), (3, "Other", "Nothing.")])
<sqlite3.Cursor object at ...>
>>> add(db, "search", "docs", 0)
>>> rows = lambda sql, params: db.execute(sql, params).fetchall()
>>> total, hits = search(rows, "search", match_expression("anxious attachments"), 10)
>>> total, [(h.rowid, h.snippet) for h in hits]
(2, [(2, 'A style of relating.'), (1, '\\ue000Anxious attachment\\ue001 keeps a partner awake.')])
>>> corrected(rows, "search", "anxius atachment")  # stems, as the index holds them
'"anxiou" * AND "attach" *'
>>> search(rows, "search", corrected(rows, "search", "anxius atachment"), 10)[0]
2
>>> corrected(rows, "search", "attachmnet"), corrected(rows, "search", "axqz")
('"attach" *', None)
>>> remove(db, "search", "docs", "id = ?", (1,))
>>> search(rows, "search", match_expression("partner"), 10)
(0, [])
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from ..loaders.termhood import STOP_WORDS

TOKENIZER = "porter unicode61 remove_diacritics 2"
TITLE_WEIGHT = 5.0  # a word in the title counts this many times one in the text
MAX_WORDS = 12  # distinct words of a query searched; the rest are ignored
SNIPPET_WORDS = 16
MARK_START, MARK_END = "\ue000", "\ue001"  # around matched words in a snippet (private use)
CLOSE_SPELLING = 0.8  # difflib ratio from which a vocabulary word corrects a query word
_WORD = re.compile(r"\w+")


def schema(table: str, source: str) -> str:
    """SQL creating the index ``table`` over ``source`` (a table or view of ``id``, ``title``
    and ``body``) and its vocabulary ``<table>_words``."""
    return (f"CREATE VIRTUAL TABLE {table} USING fts5(title, body, content='{source}', "
            f"content_rowid='id', tokenize='{TOKENIZER}');\n"
            f"CREATE VIRTUAL TABLE {table}_words USING fts5vocab({table}, 'row');\n")


def add(db: sqlite3.Connection, table: str, source: str, after: int) -> None:
    """Index the rows of ``source`` whose id is above ``after`` (the rows added since)."""
    db.execute(f"INSERT INTO {table}(rowid, title, body) SELECT id, title, body FROM {source} "
               f"WHERE id > ? ORDER BY id", (after,))


def remove(db: sqlite3.Connection, table: str, source: str, where: str, params=()) -> None:
    """Take the rows of ``source`` matching ``where`` out of the index (before they go: the
    index needs their text to forget it)."""
    db.execute(f"INSERT INTO {table}({table}, rowid, title, body) "
               f"SELECT 'delete', id, title, body FROM {source} WHERE {where}", params)


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


Rows = Callable[[str, tuple], list[tuple]]  # runs a query: (sql, parameters) -> rows


def search(rows: Rows, table: str, expression: str | None, limit: int, offset: int = 0,
           where: str = "", params: tuple = ()) -> tuple[int, list[Hit]]:
    """``(how many rows match the FTS5 expression, limit of them from offset)``, best first (none
    for None); ``where`` (with its ``params``) narrows the rows, ``{table}.rowid`` naming each."""
    if expression is None:
        return 0, []
    condition = f"{table} MATCH ?" + (f" AND ({where})" if where else "")
    total = rows(f"SELECT count(*) FROM {table} WHERE {condition}", (expression, *params))[0][0]
    if limit <= 0 or not total:
        return total, []
    rank = f"bm25({table}, {TITLE_WEIGHT}, 1.0)"
    found = rows(
        f"SELECT rowid, -{rank}, "
        f"snippet({table}, 1, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_WORDS}) "
        f"FROM {table} WHERE {condition} ORDER BY {rank}, rowid LIMIT ? OFFSET ?",
        (expression, *params, limit, offset))
    return total, [Hit(rowid, round(score, 6), snippet) for rowid, score, snippet in found]


def corrected(rows: Rows, table: str, text: str) -> str | None:
    """The FTS5 expression for ``text``'s words with each one the index does not know replaced
    by the closest term it does (a stem: same first letter, difflib ratio at least
    CLOSE_SPELLING, the most used on ties), all of them needed (but stop words, unless every
    word is one); None when no word needed, or found, a correction. A replacement matches as a
    prefix: a stem given to the stemmer again could lose more letters ("stonewal" -> "stonew")."""
    found = words(text)
    needed = [w for w in found if w not in STOP_WORDS] or found
    out, changed = [], False
    for word in needed:
        if _known(rows, table, word):
            out.append(f'"{word}"')
            continue
        best = _closest(rows, table, word)
        changed = changed or best is not None
        out.append(f'"{best}" *' if best else f'"{word}"')
    return " AND ".join(out) if changed else None


def _known(rows: Rows, table: str, word: str) -> bool:
    return bool(rows(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (f'"{word}"',)))


def _closest(rows: Rows, table: str, word: str) -> str | None:
    """The vocabulary's closest word to ``word``: terms starting with its first letter, at
    least half its length (and 3 letters) and at most 2 letters longer (the index holds stems:
    "attach" for "attachments", so a term is also compared with as much of the word's start)."""
    terms = rows(f"SELECT term, doc FROM {table}_words WHERE term >= ? AND term < ? "
                 f"AND length(term) BETWEEN ? AND ?",
                 (word[0], word[0] + "\U0010ffff", max(3, -(-len(word) // 2)), len(word) + 2))
    best, best_key = None, (CLOSE_SPELLING, 0)
    whole = difflib.SequenceMatcher(None, "", word)
    starts: dict[int, difflib.SequenceMatcher] = {}  # the word's start, as long as a stem
    for term, documents in terms:
        ratio = _ratio(whole, term, best_key[0])
        if len(term) < len(word):
            start = starts.get(len(term))
            if start is None:
                start = starts[len(term)] = difflib.SequenceMatcher(None, "", word[:len(term)])
            ratio = max(ratio, _ratio(start, term, max(ratio, best_key[0])))
        if (ratio, documents) > best_key:
            best, best_key = term, (ratio, documents)
    return best


def _ratio(matcher: difflib.SequenceMatcher, term: str, floor: float) -> float:
    """difflib's ratio of ``term`` to the matcher's word, or 0 when it cannot reach ``floor``
    (its quick upper bounds say so first)."""
    matcher.set_seq1(term)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()
