"""What a build keeps per source file, so the next build can reuse it (see ``graph.build``).

A FileRecord pickles its documents, its mentions and cues, and its candidate phrases as inner
blobs that are unpacked only when first used: loading a snapshot of thousands of articles then costs little more than reading
the file, and a page unpacks just the files it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ..loaders.candidates import DocumentPhrases
from ..loaders.model import CandidateTerm, Document, LoadError, Mention, RelationCue
from ..taxonomy.model import Taxonomy
from ._pickling import dumps, loads


class FileRecord:
    """One source file's share of a build: its documents and what was extracted from them."""

    __slots__ = ("path", "hash", "errors", "slugs", "_documents", "_extraction", "_phrases")

    def __init__(self, path: str, hash: str, documents: list[Document] | None = None,
                 mentions: dict[str, list[Mention]] | None = None,
                 cues: dict[str, list[RelationCue]] | None = None,
                 errors: list[LoadError] | None = None):
        self.path = path  # resolved path of the source file
        self.hash = hash  # content_hash of its bytes
        self.errors: list[LoadError] = list(errors or [])
        # each is the value, or its pickle until first used
        self._documents: list[Document] | bytes | memoryview = list(documents or [])
        self._extraction: tuple[dict, dict] | bytes | memoryview = (dict(mentions or {}),
                                                                    dict(cues or {}))
        self.slugs = [d.slug for d in self._documents]
        self._phrases: dict[str, DocumentPhrases] | bytes | memoryview = {}

    @property
    def documents(self) -> list[Document]:
        if isinstance(self._documents, (bytes, memoryview)):
            self._documents = loads(self._documents)
        return self._documents

    @documents.setter
    def documents(self, documents: list[Document]) -> None:
        self._documents = documents
        self.slugs = [d.slug for d in documents]

    def _extracted(self) -> tuple[dict, dict]:
        if isinstance(self._extraction, (bytes, memoryview)):
            self._extraction = loads(self._extraction)
        return self._extraction

    @property
    def mentions(self) -> dict[str, list[Mention]]:
        """Document slug -> its mentions."""
        return self._extracted()[0]

    @property
    def cues(self) -> dict[str, list[RelationCue]]:
        """Document slug -> the relation cues found in it."""
        return self._extracted()[1]

    @property
    def phrases(self) -> dict[str, DocumentPhrases]:
        """Document slug -> its candidate phrases (``loaders.candidates.document_phrases``)."""
        if isinstance(self._phrases, (bytes, memoryview)):
            self._phrases = loads(self._phrases)
        return self._phrases

    def without_extraction(self) -> "FileRecord":
        """The same file and documents, to be extracted again (after a taxonomy change)."""
        return FileRecord(self.path, self.hash, self.documents, errors=[
            e for e in self.errors if "extraction failed" not in e.reason])

    def __getstate__(self):
        def packed(value):
            return bytes(value) if isinstance(value, (bytes, memoryview)) else dumps(value)

        return (self.path, self.hash, self.errors, self.slugs, packed(self._documents),
                packed(self._extraction), packed(self._phrases))

    def __setstate__(self, state) -> None:
        self.path, self.hash, self.errors, self.slugs, self._documents, self._extraction, \
            self._phrases = state

    def __eq__(self, other) -> bool:
        if not isinstance(other, FileRecord):
            return NotImplemented
        return (self.path, self.hash, self.errors, self.documents, self._extracted(),
                self.phrases) == (other.path, other.hash, other.errors, other.documents,
                                  other._extracted(), other.phrases)

    def __repr__(self) -> str:
        return f"FileRecord({self.path!r}, {len(self.slugs)} documents, {len(self.errors)} errors)"


# (concept slug, count, weight, central): one MENTIONS edge of a document, compactly.
ConceptRow = tuple[str, int, float, bool]


@dataclass(slots=True)
class BuildData:
    """Everything a ConceptGraph is made of; what a snapshot stores.

    ``document_concepts`` holds the MENTIONS edges as rows per document (central first, then by
    weight). A snapshot stores them only as rows (the bulk of the graph) and ``complete_graph``
    puts the edges back into ``graph`` when the whole networkx graph is wanted.
    """

    graph: nx.MultiDiGraph
    taxonomy: Taxonomy
    files: dict[str, FileRecord]
    candidate_terms: list[CandidateTerm]
    meta: dict  # built_at, package_version, taxonomy (fingerprint), taxonomy_files, timings
    document_concepts: dict[str, list[ConceptRow]] = field(default_factory=dict)
    has_mention_edges: bool = True
    # answers computed once at build time (gaps, communities, pagerank), by name
    precomputed: dict = field(default_factory=dict)

    def complete_graph(self) -> nx.MultiDiGraph:
        """The graph with its MENTIONS edges (added back once after loading a snapshot)."""
        if not self.has_mention_edges:
            self.graph.add_edges_from(
                (f"doc:{doc}", f"concept:{concept}", "MENTIONS",
                 {"relation": "MENTIONS", "count": count, "weight": weight, "central": central})
                for doc, rows in self.document_concepts.items()
                for concept, count, weight, central in rows)
            self.has_mention_edges = True
        return self.graph

    def __getstate__(self):
        graph = self.graph
        if self.has_mention_edges:  # store the graph without them: the rows hold them
            graph = graph.copy()
            graph.remove_edges_from([(u, v, k) for u, v, k in graph.edges(keys=True)
                                     if k == "MENTIONS"])
        # every file's packed documents and extraction in one buffer (one copy when loading)
        parts, index, offset = [], [], 0
        for record in self.files.values():
            state = record.__getstate__()
            spans = []
            for blob in state[4:]:
                parts.append(blob)
                spans.append((offset, len(blob)))
                offset += len(blob)
            index.append((*state[:4], *spans))
        return (graph, self.taxonomy, index, b"".join(parts), self.candidate_terms, self.meta,
                self.document_concepts, self.precomputed)

    def __setstate__(self, state) -> None:
        self.graph, self.taxonomy, index, buffer, self.candidate_terms, self.meta, \
            self.document_concepts, self.precomputed = state
        view = memoryview(buffer)
        self.files = {}
        for path, digest, errors, slugs, *spans in index:
            record = FileRecord.__new__(FileRecord)
            record.__setstate__((path, digest, errors, slugs,
                                 *(view[at:at + size] for at, size in spans)))
            self.files[path] = record
        self.has_mention_edges = False
