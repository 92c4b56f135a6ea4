"""The build pipeline: sources -> documents -> mentions -> scores and cues -> a ConceptGraph.

Incremental: given the previous build, files whose bytes hash the same are neither re-read nor
re-extracted (unless the taxonomy changed, which re-extracts every document from the kept
documents); files no longer among the sources disappear; when nothing changed at all, the
previous graph is the result. Errors in one file never stop a build:
they are reported per file.

>>> from contentgraph.examples import corpus_path
>>> report = build([corpus_path()])                         # doctest: +SKIP
>>> again = build([corpus_path()], previous=report.graph)   # doctest: +SKIP
>>> again.unchanged == len(report.added), again.extracted   # doctest: +SKIP
(True, 0)
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..loaders.candidates import document_phrases, rank_candidates
from ..loaders.cues import find_cues
from ..loaders.extract import Extractor
from ..loaders.load import load, source_paths
from ..loaders.model import LoadError, content_hash
from ..loaders.slugs import SlugRegistry
from ..loaders.scoring import score_documents
from ..taxonomy.load import load_taxonomy
from ..taxonomy.model import Taxonomy
from .assemble import assemble
from .facade import ConceptGraph
from .records import BuildData, FileRecord

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(slots=True)
class BuildReport:
    """What a build made and what it did."""

    graph: ConceptGraph
    added: list[str] = field(default_factory=list)  # source files new to this build
    changed: list[str] = field(default_factory=list)  # files whose content changed
    removed: list[str] = field(default_factory=list)  # files of the previous build now gone
    errors: list[LoadError] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    unchanged: int = 0  # files reused without reading or extracting them again
    extracted: int = 0  # documents whose mentions were extracted in this build


def build(sources: Iterable[str | Path], taxonomy_files: Iterable[str | Path] = (),
          previous: ConceptGraph | None = None, load_options=None,
          progress: Progress | None = None) -> BuildReport:
    """Build the graph of ``sources`` (files, folders searched recursively, globs).

    ``taxonomy_files`` extend the default taxonomy; ``previous`` (a graph from an earlier build,
    e.g. ``ConceptGraph.load(path)``) makes the build incremental; ``load_options`` go to the
    loaders; ``progress(stage, done, total)`` is called as work proceeds.
    Raises ``errors.TaxonomyError`` for an invalid taxonomy file; source problems are reported
    in ``BuildReport.errors`` instead.
    """
    tick = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(stage: str) -> None:
        nonlocal tick
        now = time.perf_counter()
        timings[stage] = round(now - tick, 4)
        tick = now

    taxonomy_files = [str(Path(f).resolve()) for f in taxonomy_files]
    taxonomy = load_taxonomy(taxonomy_files)
    fingerprint = taxonomy_fingerprint(taxonomy)
    files, missing = source_files(sources)
    old = previous.data.files if previous is not None else {}
    same_taxonomy = previous is not None and previous.data.meta.get("taxonomy") == fingerprint
    same_rejected = previous is not None and \
        previous.data.meta.get("rejected", []) == sorted(taxonomy.rejected)
    added: list[str] = []
    changed: list[str] = []
    errors: list[LoadError] = list(missing)
    unchanged = 0
    records: dict[str, FileRecord] = {}
    to_load: list[str] = []
    for path in files:
        try:
            digest = content_hash(Path(path).read_bytes())
        except OSError as exc:
            errors.append(LoadError(path, f"cannot read the file: {exc.strerror or exc}"))
            continue
        kept = old.get(path)
        if kept is not None and kept.hash == digest:
            records[path] = kept if same_taxonomy else kept.without_extraction()
            unchanged += 1
        else:
            (changed if kept is not None else added).append(path)
            records[path] = FileRecord(path, digest)
            to_load.append(path)
    lap("hash")
    removed = sorted(set(old) - set(records))
    if same_taxonomy and same_rejected and not (to_load or removed):  # the previous graph stands
        errors += [e for r in records.values() for e in r.errors]
        return BuildReport(previous, errors=errors, timings=timings, unchanged=unchanged)

    if to_load:
        _load_into(records, to_load, load_options, progress)
    lap("load")

    extractor = _extractor(taxonomy, fingerprint)
    todo = [(r, d) for r in records.values() for d in r.documents if d.slug not in r.mentions]
    for done, (record, doc) in enumerate(todo, 1):
        try:
            mentions = extractor.mentions(doc)
            record.cues[doc.slug] = find_cues(doc, mentions, taxonomy)
            record.mentions[doc.slug] = mentions
        except Exception as exc:  # one document's failure must not stop the build
            record.errors.append(LoadError(doc.source, f"extraction failed for document "
                                                       f"'{doc.slug}': {exc}"))
            record.documents = [d for d in record.documents if d.slug != doc.slug]
        if progress:
            progress("extract", done, len(todo))
    lap("extract")

    documents = [d for r in records.values() for d in r.documents]
    mentions = {slug: ms for r in records.values() for slug, ms in r.mentions.items()}
    scored = score_documents(documents, mentions)
    document_concepts = {slug: sorted(dcs, key=lambda dc: (not dc.central, -dc.weight, dc.concept))
                         for slug, dcs in scored.items()}
    lap("score")
    candidates = rank_candidates(documents, _phrases(records, mentions, extractor), mentions,
                                 extractor, n=200, rejected=taxonomy.rejected)
    lap("candidates")
    cues = [c for r in records.values() for cs in r.cues.values() for c in cs]
    graph = assemble(taxonomy, documents, mentions, cues)
    lap("graph")

    for record in records.values():
        errors += record.errors
    meta = {
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "package_version": __version__,
        "taxonomy": fingerprint,
        "taxonomy_files": taxonomy_files,
        "rejected": sorted(taxonomy.rejected),
        "timings": timings,
    }
    rows = {slug: [(dc.concept, dc.count, dc.weight, dc.central) for dc in dcs]
            for slug, dcs in document_concepts.items()}
    result = ConceptGraph(BuildData(graph, taxonomy, records, candidates, meta, rows,
                                    has_mention_edges=False))
    result.precompute()
    lap("precompute")
    return BuildReport(result, added, changed, removed, errors, timings, unchanged, len(todo))


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


_EXTRACTORS: dict[str, Extractor] = {}  # taxonomy fingerprint -> Extractor (costly to make)


def _extractor(taxonomy: Taxonomy, fingerprint: str) -> Extractor:
    """The extractor for this taxonomy, reused across builds in one process (the last two)."""
    if fingerprint not in _EXTRACTORS:
        while len(_EXTRACTORS) >= 2:
            _EXTRACTORS.pop(next(iter(_EXTRACTORS)))
        _EXTRACTORS[fingerprint] = Extractor(taxonomy)
    return _EXTRACTORS[fingerprint]


def _phrases(records: dict[str, FileRecord], mentions: dict, extractor: Extractor) -> list:
    """Every document's candidate phrases, in document order: kept in its file's record, found
    only for documents that have none yet (new, changed or re-extracted)."""
    found = []
    for record in records.values():
        kept = record.phrases
        for doc in record.documents:
            if doc.slug not in kept:
                kept[doc.slug] = document_phrases(doc, mentions.get(doc.slug, ()), extractor)
            found.append(kept[doc.slug])
    return found


def _load_into(records: dict[str, FileRecord], paths: list[str], options,
               progress: Progress | None) -> None:
    """Read ``paths`` and give each record its documents and errors; slugs stay unique across
    the build, the kept files' slugs included (the rules of ``loaders.load``)."""
    waiting = set(paths)
    slugs = SlugRegistry()
    slugs.owner = {d.slug: p for p, r in records.items() if p not in waiting for d in r.documents}
    for done, path in enumerate(paths, 1):
        result = load([path], options, slugs)
        records[path].documents = result.documents
        records[path].errors = list(result.errors)
        if progress:
            progress("load", done, len(paths))