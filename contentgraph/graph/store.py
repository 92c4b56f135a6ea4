"""The graph store: one SQLite file that holds a whole build, read as data only.

A store is a SQLite database marked with ``APPLICATION_ID`` and ``FORMAT_VERSION`` (SQLite's
``application_id`` and ``user_version``). Opening one checks its header before SQLite reads
anything else: an old pickle snapshot, a file of another kind, a truncated file and a store of
another format version are each refused with a message that says what to do. Nothing in a
store is ever executed: its rows are text and numbers, and JSON columns are parsed as JSON.
Readers open it read-only (``mode=ro``, ``query_only``, ``trusted_schema=OFF``), one connection
per thread and process.

A build writes a new store under a temporary name in the destination folder (for an incremental
build, a copy of the previous store), in transactions, and renames it over the destination
only when everything is written: a failed or killed build leaves the previous store as it was,
and a replaced store keeps its file mode (a new one is 0644).

Researchers can open the file with any SQLite tool; the tables are described in ``SCHEMA``.
Changing the layout bumps ``FORMAT_VERSION``. A reader refuses any other version
(``contentgraph build`` then builds from scratch).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from ..errors import StoreError
from . import fulltext

APPLICATION_ID = 0x43475246  # "CGRF"
FORMAT_VERSION = 7  # versions 1-4 were pickle snapshots
OLD_SNAPSHOT_MAGIC = b"CONTENTGRAPH-SNAPSHOT\n"
_SQLITE_MAGIC = b"SQLite format 3\x00"
REBUILD = "rebuild it with `contentgraph build`"
NEW_FILE_MODE = 0o644

# Full-text search over titles and text (``fulltext``): an index reading its content from a view
# of the documents, so the text is stored once.
SEARCH = """
CREATE VIEW document_search_source (id, title, body) AS
    SELECT d.id, d.title, x.text FROM documents d JOIN document_data x ON x.document = d.id;
""" + fulltext.schema("document_search", "document_search_source")

WRITE_NEXT = """
CREATE TABLE write_next (  -- what to write next, best first (graph.gaps.write_next)
    rank INTEGER PRIMARY KEY, concept TEXT NOT NULL, gap TEXT NOT NULL, score REAL NOT NULL,
    questions INTEGER NOT NULL, views INTEGER NOT NULL, upvotes INTEGER NOT NULL,
    articles INTEGER NOT NULL, central INTEGER NOT NULL, importance REAL NOT NULL,
    reason TEXT NOT NULL, examples TEXT NOT NULL, nearest TEXT NOT NULL  -- JSON slugs
);
"""

SCHEMA = """
-- The build: built_at, package_version, taxonomy (fingerprint), taxonomy_files, timings, stats.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;  -- JSON values

-- The taxonomy's concepts, with counts, PageRank and community computed by the build; a
-- concept's position is its number in the documents' mentions.
CREATE TABLE concepts (
    slug TEXT PRIMARY KEY, label TEXT NOT NULL, kind TEXT NOT NULL, definition TEXT,
    alt_labels TEXT NOT NULL, broader TEXT NOT NULL,  -- JSON lists
    related TEXT NOT NULL,                            -- JSON [[relation kind, concept], ...]
    sensitive INTEGER NOT NULL,
    context TEXT NOT NULL,  -- JSON [[labels, words], ...]: labels that need one of the words
    unless TEXT NOT NULL,   -- JSON phrases that void a match inside them
    source TEXT, position INTEGER NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0, questions INTEGER NOT NULL DEFAULT 0,
    answers INTEGER NOT NULL DEFAULT 0, mentions INTEGER NOT NULL DEFAULT 0,
    central_articles INTEGER NOT NULL DEFAULT 0, pagerank REAL NOT NULL DEFAULT 0,
    community INTEGER, community_rank INTEGER
) WITHOUT ROWID;
CREATE UNIQUE INDEX concepts_by_position ON concepts(position);
CREATE TABLE concept_names (concept TEXT NOT NULL, name TEXT NOT NULL);  -- normalised, for search

-- One row per source file: its content hash and the problems met reading it.
CREATE TABLE files (
    id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,
    position INTEGER NOT NULL, errors TEXT NOT NULL  -- JSON [[path, reason, line], ...]
);
CREATE INDEX files_by_position ON files(position);

-- Articles, reader questions and answers.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, title TEXT NOT NULL,
    url TEXT, author TEXT, published TEXT, word_count INTEGER NOT NULL, reading_time INTEGER,
    parent TEXT, tags TEXT NOT NULL, links TEXT NOT NULL, metadata TEXT NOT NULL,  -- JSON
    source TEXT NOT NULL, source_hash TEXT NOT NULL,
    file INTEGER NOT NULL, position INTEGER NOT NULL,  -- files.id, and the place in that file
    author_slug TEXT, author_lower TEXT, url_key TEXT, title_key TEXT NOT NULL,
    title_lower TEXT NOT NULL, date_key INTEGER NOT NULL,
    list_rank INTEGER NOT NULL DEFAULT 0  -- within its kind: newest first, then by title
);
CREATE INDEX documents_by_file ON documents(file, position);
CREATE INDEX documents_by_list ON documents(kind, list_rank);
CREATE INDEX documents_by_parent ON documents(parent) WHERE parent IS NOT NULL;
CREATE INDEX documents_by_title ON documents(title_key);
CREATE INDEX documents_by_url ON documents(url_key) WHERE url_key IS NOT NULL;
CREATE INDEX documents_by_author_slug ON documents(author_slug);
CREATE INDEX documents_by_author ON documents(author_lower);

-- Each document's text and what extraction found in it (offsets index into text).
CREATE TABLE document_data (
    document INTEGER PRIMARY KEY,
    blocks TEXT NOT NULL,    -- JSON [[kind, level, start, end], ...]
    mentions TEXT NOT NULL,  -- JSON [[concept position, block, sentence start, sentence end,
                             --        start, end(, negated 0/1, hypothetical 0/1 when either
                             --        is 1)], ...] by start
    cues BLOB NOT NULL,      -- zlib JSON [[source, target, relation kind, cue words, start, end,
                             --             section, [[start, end], ...]], ...]
    phrases BLOB NOT NULL,   -- zlib: candidate phrases, one a line, repeated uses after a NUL
    text TEXT NOT NULL
);

-- MENTIONS: a concept's standing in a document (rank: central first, then by weight).
CREATE TABLE document_concepts (
    document INTEGER NOT NULL, rank INTEGER NOT NULL, concept TEXT NOT NULL,
    count INTEGER NOT NULL, weight REAL NOT NULL, central INTEGER NOT NULL,
    kind TEXT NOT NULL, concept_rank INTEGER NOT NULL,  -- the document's kind; rank for the concept
    PRIMARY KEY (document, rank)
) WITHOUT ROWID;
CREATE INDEX document_concepts_by_concept ON document_concepts(concept, kind, concept_rank);

-- Related reading, best first (the concepts shared are those both documents have), and the
-- postings (each concept's strongest articles) it uses.
CREATE TABLE related_documents (
    document INTEGER NOT NULL, rank INTEGER NOT NULL, other INTEGER NOT NULL,
    score REAL NOT NULL, PRIMARY KEY (document, rank)
) WITHOUT ROWID;
CREATE TABLE postings (
    concept TEXT NOT NULL, rank INTEGER NOT NULL, document INTEGER NOT NULL,
    weight REAL NOT NULL, PRIMARY KEY (concept, rank)
) WITHOUT ROWID;

-- LINKS_TO (outbound links resolved to documents).
CREATE TABLE document_links (
    document INTEGER NOT NULL, target INTEGER NOT NULL, url TEXT NOT NULL,
    PRIMARY KEY (document, target)
) WITHOUT ROWID;
""" + SEARCH + """-- Concept-to-concept relations (evidence: JSON [[document id, start, end,
-- [[start, end], ...], [start, end] or null], ...]: a sentence of the document's text, the
-- concepts' words in it, its section's heading), and per concept the related concepts they
-- add up to, best first.
CREATE TABLE relations (
    source TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL, weight REAL NOT NULL,
    stated_by TEXT, support INTEGER, cues INTEGER, evidence TEXT NOT NULL,
    PRIMARY KEY (source, target, kind)
) WITHOUT ROWID;
CREATE TABLE related_concepts (
    concept TEXT NOT NULL, rank INTEGER NOT NULL, other TEXT NOT NULL, score REAL NOT NULL,
    kinds TEXT NOT NULL, evidence TEXT NOT NULL,  -- JSON, strongest kind first
    PRIMARY KEY (concept, rank)
) WITHOUT ROWID;
CREATE UNIQUE INDEX related_concepts_pair ON related_concepts(concept, other);

-- The gaps.
CREATE TABLE candidate_terms (
    rank INTEGER PRIMARY KEY, phrase TEXT NOT NULL, count INTEGER NOT NULL,
    documents INTEGER NOT NULL, examples TEXT NOT NULL,  -- JSON sentences
    score REAL NOT NULL, kind TEXT, variants TEXT NOT NULL  -- termhood, guessed kind, JSON
);
CREATE TABLE missing_links (
    rank INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, via TEXT NOT NULL,
    score REAL NOT NULL, sentence TEXT  -- JSON passage or null
);
CREATE TABLE unanswered_questions (
    rank INTEGER PRIMARY KEY, concept TEXT NOT NULL, questions INTEGER NOT NULL,
    articles INTEGER NOT NULL, examples TEXT NOT NULL  -- JSON question slugs
);
""" + WRITE_NEXT + """

-- Views for people exploring the file.
CREATE VIEW mentions AS
    SELECT d.slug AS document, c.slug AS concept,
           substr(x.text, json_extract(m.value, '$[4]') + 1,
                  json_extract(m.value, '$[5]') - json_extract(m.value, '$[4]')) AS matched,
           substr(x.text, json_extract(m.value, '$[2]') + 1,
                  json_extract(m.value, '$[3]') - json_extract(m.value, '$[2]')) AS sentence,
           coalesce(json_extract(m.value, '$[6]'), 0) AS negated,
           coalesce(json_extract(m.value, '$[7]'), 0) AS hypothetical
    FROM document_data x JOIN documents d ON d.id = x.document, json_each(x.mentions) m
         JOIN concepts c ON c.position = json_extract(m.value, '$[0]');
CREATE VIEW relation_evidence AS
    SELECT r.source, r.target, r.kind, e.key AS rank, d.slug AS document,
           substr(x.text, json_extract(e.value, '$[1]') + 1,
                  json_extract(e.value, '$[2]') - json_extract(e.value, '$[1]')) AS sentence,
           substr(x.text, json_extract(e.value, '$[4][0]') + 1,
                  json_extract(e.value, '$[4][1]') - json_extract(e.value, '$[4][0]')) AS section
    FROM relations r, json_each(r.evidence) e
         JOIN documents d ON d.id = json_extract(e.value, '$[0]')
         JOIN document_data x ON x.document = d.id;
CREATE VIEW document_concept_slugs AS
    SELECT d.slug AS document, d.kind, c.concept, c.count, c.weight, c.central
    FROM document_concepts c JOIN documents d ON d.id = c.document;
"""
TABLES = ("meta", "concepts", "files", "documents", "document_data", "document_concepts",
          "related_documents", "postings", "document_links", "document_search", "relations",
          "related_concepts", "candidate_terms", "missing_links", "unanswered_questions",
          "write_next")


def check_file(path: str | Path) -> None:
    """Refuse, with a message saying what to do, anything at ``path`` that is not a complete
    store of this format version. Reads the first 100 bytes and the file's size only."""
    path = Path(path)
    try:
        with open(path, "rb") as src:
            header = src.read(100)
            size = os.fstat(src.fileno()).st_size
    except FileNotFoundError:
        raise StoreError(f"{path}: no such graph store; make one with `contentgraph build`") \
            from None
    except IsADirectoryError:
        raise StoreError(f"{path}: is a folder, not a graph store") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the graph store: {exc.strerror or exc}") from None
    if header.startswith(OLD_SNAPSHOT_MAGIC):
        raise StoreError(f"{path}: an old pickle snapshot, which this contentgraph no longer "
                         f"reads (it could run code); {REBUILD}")
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise StoreError(f"{path}: not a contentgraph graph store")
    page_size, = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    pages, = struct.unpack(">I", header[28:32])
    version, = struct.unpack(">i", header[60:64])
    application, = struct.unpack(">I", header[68:72])
    if application != APPLICATION_ID:
        raise StoreError(f"{path}: a SQLite database, but not a contentgraph graph store")
    if size < page_size * pages:
        raise StoreError(f"{path}: the graph store is truncated ({size:,} of "
                         f"{page_size * pages:,} bytes); {REBUILD}")
    if version > FORMAT_VERSION:
        raise StoreError(f"{path}: graph store format {version} is newer than this "
                         f"contentgraph reads ({FORMAT_VERSION}): upgrade contentgraph, or "
                         f"{REBUILD}")
    if version < FORMAT_VERSION:
        raise StoreError(f"{path}: graph store format {version} is older than this contentgraph "
                         f"reads ({FORMAT_VERSION}); {REBUILD}")


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to the store at ``path`` (checked by ``check_file`` first)."""
    path = Path(path).resolve()
    check_file(path)
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA query_only = ON")
        # a small page cache of its own: the operating system caches the file once for every
        # connection and process (SQLite's default, 2 MiB, would copy it into each)
        conn.execute("PRAGMA cache_size = -256")
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: the graph store is damaged ({exc}); {REBUILD}") from None
    missing = [t for t in TABLES if t not in names]
    if missing:
        conn.close()
        raise StoreError(f"{path}: the graph store lacks the table(s) {', '.join(missing)}; "
                         f"{REBUILD}")
    return conn


class Store:
    """Read access to a store file: one read-only connection per thread (and per process, so a
    server can fork after loading). Rows are plain tuples."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[sqlite3.Connection] = []
        self.rows("SELECT 1")  # checks the file, opens this thread's connection

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != os.getpid():
            conn = connect_readonly(self.path)
            self._local.conn, self._local.pid = conn, os.getpid()
            with self._lock:
                self._open.append(conn)
        return conn

    def rows(self, sql: str, params=()) -> list[tuple]:
        try:
            return self._connection().execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the graph store is damaged ({exc}); {REBUILD}") \
                from None

    def iterate(self, sql: str, params=()) -> Iterator[tuple]:
        """The rows of ``sql`` one batch at a time (for lists that grow with the corpus)."""
        try:
            cursor = self._connection().execute(sql, params)
            while batch := cursor.fetchmany(1000):
                yield from batch
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: the graph store is damaged ({exc}); {REBUILD}") \
                from None

    def row(self, sql: str, params=()) -> tuple | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def close(self) -> None:
        """Close every connection this process opened (other threads' included)."""
        with self._lock:
            for conn in self._open:
                conn.close()
            self._open.clear()
        self._local = threading.local()


def create(conn: sqlite3.Connection) -> None:
    """Lay out an empty store in ``conn``."""
    conn.executescript(SCHEMA)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {FORMAT_VERSION}")


class StoreWriter:
    """Writes a store under a temporary name beside ``out``; ``publish`` renames it over
    ``out``, ``discard`` removes it (also on any exception inside a ``with`` block).

    ``previous``: a store to start from (copied, then changed in place); None: an empty one.
    """

    def __init__(self, out: str | Path, previous: str | Path | None = None):
        self.out = Path(out)
        folder = self.out.parent if str(self.out.parent) else Path(".")
        if not folder.is_dir():
            raise StoreError(f"{self.out}: the folder {folder} does not exist")
        remove_stale_temporaries(self.out)
        fd, name = tempfile.mkstemp(prefix=f".{self.out.name}.{os.getpid()}.", suffix=".tmp",
                                    dir=folder)
        os.close(fd)
        self.path = Path(name)
        try:
            if previous is not None:
                shutil.copyfile(previous, self.path)
            self.conn = sqlite3.connect(self.path, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode = OFF")  # the rename makes it atomic
            self.conn.execute("PRAGMA synchronous = OFF")
            self.conn.execute("PRAGMA cache_size = -65536")  # 64 MiB
            self.conn.execute("PRAGMA temp_store = FILE")
            if previous is None:
                create(self.conn)
        except BaseException:
            self.discard()
            raise

    def publish(self) -> None:
        """Make the written store the one at ``out`` (atomically; keeps the old file's mode)."""
        try:
            self.conn.execute("PRAGMA optimize")
            self.conn.close()
            mode = NEW_FILE_MODE
            try:
                mode = os.stat(self.out).st_mode & 0o7777
            except FileNotFoundError:
                pass
            os.chmod(self.path, mode)
            with open(self.path, "rb") as written:
                os.fsync(written.fileno())
            os.replace(self.path, self.out)
        except BaseException:
            self.discard()
            raise
        _fsync_folder(self.out.parent if str(self.out.parent) else Path("."))

    def discard(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            conn.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> "StoreWriter":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if kind is not None:
            self.discard()


def remove_stale_temporaries(out: Path) -> None:
    """Remove temporary stores that a killed build left beside ``out`` (their process is gone)."""
    folder = out.parent if str(out.parent) else Path(".")
    for leftover in folder.glob(f".{out.name}.*.tmp"):
        pid = leftover.name[len(out.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
