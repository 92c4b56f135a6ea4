"""The build pipeline: sources -> documents -> mentions -> scores and relations -> a graph store.

The per-file stages (read, clean, extract, cues, candidate phrases, each file's relation
summary) run as tasks (``graph.work``) on a Dask cluster or in this process
(``graph.cluster``); their results are written into the store as they come, in file order,
so the client's memory does not grow with the corpus. The corpus-wide stages
(``graph.corpus``) then run over the store. The store is written under a temporary name and
renamed over ``out`` at the end: a failed or killed build leaves the previous one intact.

Incremental: given the previous graph, files whose bytes hash the same are neither re-read nor
re-extracted (unless the taxonomy changed: then their stored documents are extracted again),
removed files disappear, and the corpus-wide tables are recomputed; when nothing changed at
all, the previous graph is the result and nothing is written.

>>> from contentgraph.examples import corpus_path
>>> report = build([corpus_path()])                         # doctest: +SKIP
>>> again = build([corpus_path()], previous=report.graph)   # doctest: +SKIP
>>> again.unchanged == len(report.added), again.extracted   # doctest: +SKIP
(True, 0)
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
import tempfile
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..loaders.extract import Extractor
from ..loaders.load import LoadOptions, claim_slugs, source_paths
from ..loaders.model import Document, LoadError, Mention, RelationCue, content_hash
from ..loaders.readers.base import ReadResult
from ..loaders.slugs import SlugRegistry
from ..loaders.termhood import load_lexicons
from ..taxonomy.load import load_taxonomy
from ..taxonomy.model import Taxonomy
from . import corpus, fulltext, rows
from .cluster import InProcess, runner
from .facade import ConceptGraph
from .relations import Summary, summarize
from .store import StoreWriter
from .work import (FileWork, Shared, document_work, extract_stored, fewer_collections,
                   read_files, summarize_stored)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
INSERTED = {  # the columns a build inserts, per table, in the order of the queued rows
    "files": ("id", "path", "hash", "position", "errors"),
    "documents": ("id", "slug", "parent", "file", "position", *rows.DOCUMENT_COLUMNS),
    "document_data": ("document", *rows.DATA_COLUMNS),
}
BATCH_FILES = 128  # source files per task (fewer, larger tasks cost a cluster less)
BATCH_BYTES = 8 * 1024 * 1024


@dataclass(slots=True)
class BuildReport:
    """What a build made and what it did."""

    graph: ConceptGraph
    added: list[str] = field(default_factory=list)  # source files new to this build
    changed: list[str] = field(default_factory=list)  # files whose content changed
    removed: list[str] = field(default_factory=list)  # files of the previous build now gone
    errors: list[LoadError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    unchanged: int = 0  # files reused without reading them again
    extracted: int = 0  # documents whose mentions were extracted in this build


def build(sources: Iterable[str | Path], taxonomy_files: Iterable[str | Path] = (),
          previous: ConceptGraph | None = None, load_options: LoadOptions | None = None,
          progress: Progress | None = None, out: str | Path | None = None,
          scheduler: str | None = None,
          check: Callable[[ConceptGraph, list[LoadError]], None] | None = None) -> BuildReport:
    """Build the graph of ``sources`` (files, folders searched recursively, globs) into the
    store ``out`` (None: a temporary file that lives as long as the returned graph).

    ``taxonomy_files`` extend the default taxonomy; ``previous`` (e.g.
    ``ConceptGraph.load(out)``) makes the build incremental; ``load_options`` go to the
    loaders; ``progress(stage, done, total)`` is called as work proceeds; ``scheduler`` says
    where the per-file work runs (see ``graph.cluster``); ``check(graph, errors)`` sees the new
    graph before it replaces ``out``, and nothing is written when it raises.
    Raises ``errors.TaxonomyError`` for an invalid taxonomy file, ``errors.BuildError`` when the
    scheduler cannot be reached, ``errors.StoreError`` when ``out`` cannot be written; source
    problems are reported in ``BuildReport.errors`` instead.
    """
    clock = _Clock()
    taxonomy_files = [str(Path(f).resolve()) for f in taxonomy_files]
    taxonomy = load_taxonomy(taxonomy_files)
    fingerprint = taxonomy_fingerprint(taxonomy)
    files, errors = source_files(sources)
    old = previous.sources() if previous is not None else {}
    same_taxonomy = previous is not None and previous.meta.get("taxonomy") == fingerprint
    same_rejected = previous is not None and \
        previous.meta.get("rejected", []) == sorted(taxonomy.rejected)
    added, changed, to_read, current = [], [], [], {}
    for path in files:
        try:
            digest = content_hash(Path(path).read_bytes())
        except OSError as exc:
            errors.append(LoadError(path, f"cannot read the file: {exc.strerror or exc}"))
            continue
        current[path] = digest
        if old.get(path) != digest:
            (changed if path in old else added).append(path)
            to_read.append(path)
    clock.lap("hash")
    removed = sorted(set(old) - set(current))
    unchanged = len(current) - len(to_read)
    if same_taxonomy and same_rejected and not (to_read or removed):  # the previous graph stands
        errors += previous.errors
        if check is not None:
            check(previous, errors)
        if out is not None and Path(out).resolve() != previous.store_path:
            previous.save(out)
        return BuildReport(previous, errors=errors, timings=clock.timings, unchanged=unchanged)

    scratch = None
    if out is None:
        scratch = Path(tempfile.mkdtemp(prefix="contentgraph-"))
        out = scratch / "graph.store"
    try:
        shared = Shared(taxonomy, fingerprint, load_options or LoadOptions())
        with StoreWriter(out, previous.store_path if previous is not None else None) as writer, \
                runner(scheduler, len(to_read)) as run, fewer_collections():
            steps = _Steps(writer.conn, shared, run, progress, clock)
            extracted = steps.sources(current, set(to_read), old, same_taxonomy)
            steps.corpus(taxonomy_files)
            errors += steps.errors()
            if check is not None:
                candidate = ConceptGraph.load(writer.path)
                try:
                    check(candidate, errors)
                finally:
                    candidate.close()
            writer.publish()
        graph = ConceptGraph.load(out)
    except BaseException:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        raise
    if scratch is not None:
        weakref.finalize(graph, shutil.rmtree, scratch, ignore_errors=True)
    return BuildReport(graph, added, changed, removed, errors, clock.timings, unchanged,
                       extracted)


def build_documents(documents: Iterable[tuple[Document, list[Mention], list[RelationCue]]],
                    taxonomy: Taxonomy, out: str | Path) -> ConceptGraph:
    """The graph store ``out`` of documents already extracted (their mentions and cues found by
    other means): each document's ``source`` is its file."""
    shared = Shared(taxonomy, taxonomy_fingerprint(taxonomy), LoadOptions())
    extractor = Extractor(taxonomy)
    numbers = rows.concept_numbers(taxonomy)
    by_file: dict[str, list] = {}
    for doc, mentions, cues in documents:
        by_file.setdefault(doc.source, []).append((doc, mentions, cues))
    files = {path: FileWork(path, found[0][0].source_hash, [], set(),
                            [document_work(doc, mentions, cues, extractor, numbers)
                             for doc, mentions, cues in found])
             for path, found in by_file.items()}
    summary = Summary()
    for path, found in by_file.items():
        summary.add(summarize(path, [(i, *f) for i, f in enumerate(found)]))
    clock = _Clock()
    with StoreWriter(out) as writer:
        steps = _Steps(writer.conn, shared, InProcess(), None, clock)
        steps.prepare(dict.fromkeys(files), [])
        steps.write([("read", list(files.values()), summary)], len(files))
        steps.corpus([])
        writer.publish()
    return ConceptGraph.load(out)


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._tick = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = round(now - self._tick, 4)
        self._tick = now


class _Steps:
    """The steps of one build over the store being written (``conn``)."""

    def __init__(self, conn: sqlite3.Connection, shared: Shared, run, progress: Progress | None,
                 clock: _Clock):
        self.conn, self.shared, self.run, self.progress, self.clock = \
            conn, shared, run, progress, clock
        self.summary = Summary()
        self.slugs = SlugRegistry()
        self.slugs.owner = _StoredSlugs(conn)
        self.pending: dict[str, list[tuple]] = {table: [] for table in INSERTED}
        self.ids = {table: conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
                    for table in ("files", "documents")}
        self.indexed = self.ids["documents"]  # the documents indexed for search already
        # The candidate terms' word lists load while the files are read (on a cluster, this
        # process mostly waits for its workers then).
        self.lexicons = threading.Thread(target=_load_lexicons, daemon=True)
        self.lexicons.start()

    def sources(self, current: dict[str, str], to_read: set[str], old: dict[str, str],
                same_taxonomy: bool) -> int:
        """Write every source file's rows (reading only ``to_read``) and add up the files'
        summaries; returns the number of documents extracted."""
        self.prepare(current, [path for path in old if path not in current or path in to_read])
        jobs = _jobs(self.conn, current, to_read, same_taxonomy)
        return self.write(self.run.map(run_job, jobs, self.shared), len(current))

    def prepare(self, current: dict[str, str], gone: list[str]) -> None:
        """Forget the files ``gone``, place the others in the order of ``current``, write the
        taxonomy."""
        conn = self.conn
        conn.execute("BEGIN")
        _forget(conn, gone)
        self.positions = {path: i for i, path in enumerate(current)}
        conn.executemany("UPDATE files SET position = ? WHERE path = ?",
                         ((i, path) for path, i in self.positions.items()))
        corpus.write_taxonomy(conn, self.shared.taxonomy)
        conn.execute("COMMIT")

    def write(self, results: Iterable[tuple[str, list]], total: int) -> int:
        """Write the tasks' ``results`` as they come; returns the documents extracted."""
        done, extracted = 0, 0
        self.conn.execute("BEGIN")
        for kind, found, summary in results:
            if kind == "read":
                extracted += self._write_read(found, summary)
            else:
                for path, changed, errors in found if kind == "extracted" else ():
                    extracted += self._update(path, changed, errors)
                self.summary.add(summary)
            done += len(found)
            if self.progress:
                self.progress("read", done, total)
        self.flush()
        self.conn.execute("COMMIT")
        self.clock.lap("read")
        return extracted

    def _write_read(self, files: list[FileWork], summary: Summary) -> int:
        """Claim the files' slugs, queue their rows, add their summary; returns the documents
        extracted."""
        renamed = False
        for work in files:
            renamed |= self._queue(work, self.positions[work.path])
        if len(self.pending["document_data"]) >= 500:
            self.flush()
        if renamed:  # a slug was taken: summarise what was kept, under the slugs it has now
            self.flush()
            for work in files:
                self.summary.add(summarize_stored(work.path, _stored_rows(self.conn, work.path),
                                                  self.shared.taxonomy))
        else:
            self.summary.add(summary)
        return sum(len(work.documents) for work in files)

    def _queue(self, work: FileWork, position: int) -> bool:
        """Claim the file's slugs and queue its rows; whether a document lost its slug or was
        dropped."""
        errors = list(work.errors)
        read = ReadResult([d.document() for d in work.documents], [], work.explicit)
        kept = claim_slugs(read, self.slugs, errors)
        file_id = self.ids["files"] = self.ids["files"] + 1
        self.pending["files"].append((file_id, work.path, work.hash, position,
                                     rows.encode_errors(errors)))
        for place, (index, head) in enumerate(kept):
            done = work.documents[index]
            doc_id = self.ids["documents"] = self.ids["documents"] + 1
            self.pending["documents"].append((doc_id, head.slug, head.parent, file_id, place,
                                              *done.columns))
            self.pending["document_data"].append((doc_id, *done.data))
        return len(kept) != len(work.documents) or any(
            head.slug != work.documents[i].head[0] for i, head in kept)

    def flush(self) -> None:
        """Insert the queued rows and index their documents for search (as they come: on a
        cluster, while the workers read on)."""
        for table, queued in self.pending.items():
            if queued:
                self.conn.executemany(f"INSERT INTO {table} ({', '.join(INSERTED[table])}) "
                                      f"VALUES ({', '.join('?' * len(INSERTED[table]))})", queued)
                queued.clear()
        fulltext.add(self.conn, "document_search", "document_search_source", self.indexed)
        self.indexed = self.ids["documents"]
        self.slugs.owner.written()

    def _update(self, path: str, changed: list, errors: list[LoadError]) -> int:
        """Update a stored file's rows after extracting it again; returns the documents."""
        conn = self.conn
        for doc_id, data in changed:
            if data is None:
                fulltext.remove(conn, "document_search", "document_search_source", "id = ?",
                                (doc_id,))
                conn.execute("DELETE FROM document_data WHERE document = ?", (doc_id,))
                conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            else:
                conn.execute("UPDATE document_data SET mentions = ?, cues = ?, phrases = ? "
                             "WHERE document = ?", (*data, doc_id))
        kept = [e for e in rows.decode_errors(conn.execute(
            "SELECT errors FROM files WHERE path = ?", (path,)).fetchone()[0])
            if "extraction failed" not in e.reason]
        conn.execute("UPDATE files SET errors = ? WHERE path = ?",
                     (rows.encode_errors(kept + errors), path))
        return len(changed)

    def corpus(self, taxonomy_files: list[str]) -> None:
        """The corpus-wide stages, then the build's metadata."""
        conn, clock, taxonomy = self.conn, self.clock, self.shared.taxonomy
        conn.execute("BEGIN")
        postings = corpus.score(conn, self.summary, self._map("score"))
        clock.lap("score")

        def meanwhile() -> None:  # what needs no related documents, while a cluster finds them
            corpus.rank_documents(conn)
            clock.lap("ranks")
            corpus.relate(conn, self.summary, taxonomy)
            clock.lap("relations")
            corpus.index(conn)
            clock.lap("index")
            self.lexicons.join()
            corpus.rank_candidates(conn, Extractor(taxonomy))
            clock.lap("candidates")
        corpus.relate_documents(conn, postings, self._map("related"), meanwhile)
        clock.lap("related")
        corpus.find_gaps(conn)
        corpus.write_next(conn, taxonomy)
        clock.lap("gaps")
        meta = {"built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "build_id": uuid.uuid4().hex,
                "package_version": __version__, "taxonomy": self.shared.fingerprint,
                "taxonomy_files": taxonomy_files, "rejected": sorted(taxonomy.rejected),
                "timings": clock.timings, "stats": corpus.count(conn, taxonomy),
                "max_document_concepts": corpus.max_document_concepts(conn)}
        conn.execute("DELETE FROM meta")
        conn.executemany("INSERT INTO meta VALUES (?, ?)",
                         ((key, rows.dumps(value)) for key, value in meta.items()))
        conn.execute("COMMIT")

    def _map(self, stage: str):
        """The runner's map over sized ``items``, reporting ``stage`` progress per result."""
        def map_(function, items, *shared) -> Iterator:
            total = len(items)
            return self._progress(stage, self.run.map(function, items, *shared), total)
        return map_

    def _progress(self, stage: str, results: Iterator, total: int) -> Iterator:
        for done, result in enumerate(results, 1):
            if self.progress:
                self.progress(stage, done, total)
            yield result

    def errors(self) -> list[LoadError]:
        return [e for (errors,) in self.conn.execute("SELECT errors FROM files ORDER BY position")
                for e in rows.decode_errors(errors)]


def _load_lexicons() -> None:
    with contextlib.suppress(Exception):  # ranking the candidates meets the error and raises it
        load_lexicons()


def run_job(job: tuple, shared: Shared) -> tuple[str, list, Summary]:
    """One task: ``("read", [(path, hash, bytes)])``, or ``("summarize" | "extract",
    [(path, stored rows)])``; gives back what was done, the files' results (``FileWork``s,
    paths, or ``(path, changed rows, errors)``) and their summaries added up."""
    kind, batch = job
    with fewer_collections():
        if kind == "read":
            return (kind, *read_files(batch, shared))
        summary, out = Summary(), []
        for path, found in batch:
            if kind == "summarize":
                summary.add(summarize_stored(path, found, shared.taxonomy))
                out.append(path)
            else:
                changed, errors, found_summary = extract_stored(path, found, shared)
                summary.add(found_summary)
                out.append((path, changed, errors))
        return ("summarized" if kind == "summarize" else "extracted"), out, summary


def _jobs(conn, current: dict[str, str], to_read: set[str], same_taxonomy: bool) -> Iterator:
    """The tasks of a build, batched, made as they are needed (file bytes are read here: the
    workers need no access to this disk)."""
    reading, stored, size = [], [], 0
    for path in current:
        if path in to_read:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:  # gone since it was hashed: the task reports it
                data = exc.strerror or str(exc)
            reading.append((path, content_hash(data), data))
            size += len(data)
            if len(reading) >= BATCH_FILES or size >= BATCH_BYTES:
                yield "read", reading
                reading, size = [], 0
        else:
            stored.append((path, _stored_rows(conn, path)))
            if len(stored) >= BATCH_FILES:
                yield ("summarize" if same_taxonomy else "extract"), stored
                stored = []
    if reading:
        yield "read", reading
    if stored:
        yield ("summarize" if same_taxonomy else "extract"), stored


def _stored_rows(conn, path: str) -> list[tuple]:
    """A stored file's documents as ``work.StoredRow``s."""
    n = len(rows.DOCUMENT_COLUMNS)
    found = conn.execute(
        f"SELECT d.id, d.position, d.slug, d.parent, "
        f"{', '.join('d.' + c for c in rows.DOCUMENT_COLUMNS)}, x.blocks, x.text, x.mentions, "
        f"x.cues FROM documents d JOIN files f ON f.id = d.file "
        f"JOIN document_data x ON x.document = d.id WHERE f.path = ? ORDER BY d.position",
        (path,)).fetchall()
    return [(r[0], r[1], r[2], r[3], r[4:4 + n], *r[4 + n:]) for r in found]


def _forget(conn, paths: list[str]) -> None:
    """Delete the files ``paths`` and their documents from the store."""
    conn.execute("CREATE TEMP TABLE gone (path TEXT PRIMARY KEY)")
    conn.executemany("INSERT INTO gone VALUES (?)", ((p,) for p in paths))
    doomed = "SELECT d.id FROM documents d JOIN files f ON f.id = d.file " \
             "WHERE f.path IN (SELECT path FROM temp.gone)"
    fulltext.remove(conn, "document_search", "document_search_source", f"id IN ({doomed})")
    conn.execute(f"DELETE FROM document_data WHERE document IN ({doomed})")
    conn.execute(f"DELETE FROM documents WHERE id IN ({doomed})")
    conn.execute("DELETE FROM files WHERE path IN (SELECT path FROM temp.gone)")
    conn.execute("DROP TABLE temp.gone")


class _StoredSlugs:
    """The taken slugs of a SlugRegistry: the store's documents and those claimed since the
    last flush."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.pending: dict[str, str] = {}

    def __contains__(self, slug: str) -> bool:
        return slug in self.pending or self.conn.execute(
            "SELECT 1 FROM documents WHERE slug = ?", (slug,)).fetchone() is not None

    def __getitem__(self, slug: str) -> str:
        if slug in self.pending:
            return self.pending[slug]
        return self.conn.execute("SELECT source FROM documents WHERE slug = ?", (slug,)
                                 ).fetchone()[0]

    def __setitem__(self, slug: str, source: str) -> None:
        self.pending[slug] = source

    def written(self) -> None:
        """The pending slugs are in the store now."""
        self.pending.clear()


def source_files(sources: Iterable[str | Path]) -> tuple[list[str], list[LoadError]]:
    """The files that ``sources`` name (as ``loaders.load`` finds them), resolved, each once."""
    files, errors = source_paths(sources)
    return list(dict.fromkeys(str(Path(f).resolve()) for f in files)), errors


def taxonomy_fingerprint(taxonomy: Taxonomy) -> str:
    """A hash of everything in the taxonomy that extraction and relations depend on."""
    h = hashlib.sha256()
    for c in sorted(taxonomy, key=lambda c: c.slug):
        h.update(repr((c.slug, c.label, c.kind.value, c.alt_labels, c.broader,
                       [(link.kind.value, link.target) for link in c.related],
                       c.context, c.unless)).encode())
    return h.hexdigest()
