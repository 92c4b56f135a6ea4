"""What a build keeps per source file, so the next build can reuse it (see ``graph.build``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from ..loaders.model import CandidateTerm, Document, DocumentConcept, LoadError, Mention, RelationCue
from ..taxonomy.model import Taxonomy


@dataclass(slots=True)
class FileRecord:
    """One source file's share of a build: its documents and what was extracted from them."""

    path: str  # resolved path of the source file
    hash: str  # content_hash of its bytes
    documents: list[Document] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # document slug -> mentions
    cues: dict[str, list[RelationCue]] = field(default_factory=dict)  # document slug -> cues
    errors: list[LoadError] = field(default_factory=list)


@dataclass(slots=True)
class BuildData:
    """Everything a ConceptGraph is made of; what a snapshot stores."""

    graph: nx.MultiDiGraph
    taxonomy: Taxonomy
    files: dict[str, FileRecord]
    document_concepts: dict[str, list[DocumentConcept]]  # central first, then by weight
    candidate_terms: list[CandidateTerm]
    meta: dict  # built_at, package_version, taxonomy_fingerprint, taxonomy_files, timings
