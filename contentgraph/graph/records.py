"""What a build keeps per source file, so the next build can reuse it (see ``graph.build``).

A FileRecord pickles its documents, mentions and cues as one inner blob that is unpacked only
when first used: loading a snapshot of thousands of articles then costs little more than reading
the file, and a page unpacks just the files it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..loaders.model import CandidateTerm, Document, LoadError, Mention, RelationCue
from ..taxonomy.model import Taxonomy
from ._pickling import dumps, loads


class FileRecord:
    """One source file's share of a build: its documents and what was extracted from them."""

    __slots__ = ("path", "hash", "errors", "slugs", "_documents", "_extraction")

    def __init__(self, path: str, hash: str, documents: list[Document] | None = None,
                 mentions: dict[str, list[Mention]] | None = None,
                 cues: dict[str, list[RelationCue]] | None = None,
                 errors: list[LoadError] | None = None):
        self.path = path  # resolved path of the source file
        self.hash = hash  # content_hash of its bytes
        self.errors: list[LoadError] = list(errors or [])
        # each is the value, or its pickle until first used
        self._documents: list[Document] | bytes = list(documents or [])
        self._extraction: tuple[dict, dict] | bytes = (dict(mentions or {}), dict(cues or {}))
        self.slugs = [d.slug for d in self._documents]

    @property
    def documents(self) -> list[Document]:
        if isinstance(self._documents, bytes):
            self._documents = loads(self._documents)
        return self._documents

    @documents.setter
    def documents(self, documents: list[Document]) -> None:
        self._documents = documents
        self.slugs = [d.slug for d in documents]

    def _extracted(self) -> tuple[dict, dict]:
        if isinstance(self._extraction, bytes):
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

    def without_extraction(self) -> "FileRecord":
        """The same file and documents, to be extracted again (after a taxonomy change)."""
        return FileRecord(self.path, self.hash, self.documents, errors=[
            e for e in self.errors if "extraction failed" not in e.reason])

    def __getstate__(self):
        def packed(value):
            return value if isinstance(value, bytes) else dumps(value)

        return (self.path, self.hash, self.errors, self.slugs, packed(self._documents),
                packed(self._extraction))

    def __setstate__(self, state) -> None:
        self.path, self.hash, self.errors, self.slugs, self._documents, self._extraction = state

    def __eq__(self, other) -> bool:
        if not isinstance(other, FileRecord):
            return NotImplemented
        return (self.path, self.hash, self.errors, self.documents, self._extracted()) == \
            (other.path, other.hash, other.errors, other.documents, other._extracted())

    def __repr__(self) -> str:
        return f"FileRecord({self.path!r}, {len(self.slugs)} documents, {len(self.errors)} errors)"


@dataclass(slots=True)
class BuildData:
    """Everything a ConceptGraph is made of; what a snapshot stores.

    Documents' concept weights live on the graph's MENTIONS edges.
    """

    graph: nx.MultiDiGraph
    taxonomy: Taxonomy
    files: dict[str, FileRecord]
    candidate_terms: list[CandidateTerm]
    meta: dict  # built_at, package_version, taxonomy (fingerprint), taxonomy_files, timings
