"""What a build keeps per source file, so the next build can reuse it (see ``graph.build``).

A FileRecord pickles its documents, mentions and cues as one inner blob that is unpacked only
when first used: loading a snapshot of thousands of articles then costs little more than reading
the file, and a page unpacks just the files it shows.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass

import networkx as nx

from ..loaders.model import CandidateTerm, Document, LoadError, Mention, RelationCue
from ..taxonomy.model import Taxonomy


class FileRecord:
    """One source file's share of a build: its documents and what was extracted from them."""

    __slots__ = ("path", "hash", "errors", "slugs", "_blob", "_content")

    def __init__(self, path: str, hash: str, documents: list[Document] | None = None,
                 mentions: dict[str, list[Mention]] | None = None,
                 cues: dict[str, list[RelationCue]] | None = None,
                 errors: list[LoadError] | None = None):
        self.path = path  # resolved path of the source file
        self.hash = hash  # content_hash of its bytes
        self.errors: list[LoadError] = list(errors or [])
        self._blob: bytes | None = None
        self._content = (list(documents or []), dict(mentions or {}), dict(cues or {}))
        self.slugs = [d.slug for d in self._content[0]]

    def _unpacked(self) -> tuple[list[Document], dict, dict]:
        if self._content is None:
            self._content = pickle.loads(self._blob)
            self._blob = None
        return self._content

    @property
    def documents(self) -> list[Document]:
        return self._unpacked()[0]

    @documents.setter
    def documents(self, documents: list[Document]) -> None:
        _, mentions, cues = self._unpacked()
        self._content = (documents, mentions, cues)
        self.slugs = [d.slug for d in documents]

    @property
    def mentions(self) -> dict[str, list[Mention]]:
        """Document slug -> its mentions."""
        return self._unpacked()[1]

    @property
    def cues(self) -> dict[str, list[RelationCue]]:
        """Document slug -> the relation cues found in it."""
        return self._unpacked()[2]

    def without_extraction(self) -> "FileRecord":
        """The same file and documents, to be extracted again (after a taxonomy change)."""
        return FileRecord(self.path, self.hash, self.documents, errors=[
            e for e in self.errors if "extraction failed" not in e.reason])

    def __getstate__(self):
        blob = self._blob if self._content is None else pickle.dumps(self._content, protocol=5)
        return (self.path, self.hash, self.errors, self.slugs, blob)

    def __setstate__(self, state) -> None:
        self.path, self.hash, self.errors, self.slugs, self._blob = state
        self._content = None

    def __eq__(self, other) -> bool:
        if not isinstance(other, FileRecord):
            return NotImplemented
        return (self.path, self.hash, self.errors, self._unpacked()) == \
            (other.path, other.hash, other.errors, other._unpacked())

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
