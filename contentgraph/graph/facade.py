"""ConceptGraph: the one object the API, the CLI and the pages call. Never raw networkx outside.

CONTRACT (being implemented; signatures are fixed, bodies land with the graph layer).
The facade is immutable after construction; precompute what the front-end asks most.
"""

from __future__ import annotations

from pathlib import Path as FilePath

import networkx as nx

from ..loaders.model import Document, DocumentConcept, Mention, Passage
from ..taxonomy.model import Concept, ConceptKind
from .results import (Community, Gaps, Path, RelatedConcept, RelatedDocument, SearchHit, Stats,
                      Subgraph)


class ConceptGraph:
    # --- construction and persistence -------------------------------------------------------
    @classmethod
    def load(cls, path: str | FilePath) -> "ConceptGraph": ...
    def save(self, path: str | FilePath) -> None: ...

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The underlying graph, read-only (a frozen view) for researchers' own algorithms."""

    @property
    def built_at(self) -> str: ...

    # --- concepts ---------------------------------------------------------------------------
    def concept(self, slug: str) -> Concept | None: ...
    def concepts(self, kind: ConceptKind | None = None) -> list[Concept]:
        """All taxonomy concepts (of a kind), by label."""
    def search_concepts(self, text: str, kind: ConceptKind | None = None) -> list[Concept]:
        """Label/altLabel search: case-, plural-, spelling-insensitive; exact, prefix, fuzzy."""
    def article_count(self, slug: str) -> int: ...
    def mention_count(self, slug: str) -> int: ...
    def broader(self, slug: str) -> list[Concept]: ...
    def narrower(self, slug: str) -> list[Concept]: ...
    def related_concepts(self, slug: str, kind: ConceptKind | None = None,
                         n: int = 10) -> list[RelatedConcept]: ...
    def concept_documents(self, slug: str, kind: str = "article") -> list[DocumentConcept]:
        """Documents mentioning the concept: central first, then by weight."""
    def passages(self, slug: str, n: int = 5) -> list[Passage]:
        """Best sentences mentioning the concept (non-negated first, central documents first)."""

    # --- documents --------------------------------------------------------------------------
    def document(self, slug: str) -> Document | None: ...
    def documents(self, concept: str | None = None, author: str | None = None,
                  search: str | None = None, kind: str = "article") -> list[Document]: ...
    def document_concepts(self, slug: str) -> list[DocumentConcept]:
        """The document's concepts: central first, then by weight."""
    def mention_passages(self, document: str, concept: str, n: int = 3) -> list[Passage]: ...
    def mentions(self, document: str) -> list[Mention]:
        """Every mention in the document, by position (for highlighting its text)."""
    def related_documents(self, slug: str, n: int = 5) -> list[RelatedDocument]: ...

    # --- exploring --------------------------------------------------------------------------
    def path(self, source: str, target: str, max_hops: int = 4) -> Path | None: ...
    def neighborhood(self, slug: str, depth: int = 1, limit: int = 25) -> Subgraph: ...
    def communities(self) -> list[Community]: ...
    def centrality(self) -> dict[str, float]: ...
    def search(self, text: str, n: int = 20) -> list[SearchHit]: ...

    # --- content team -----------------------------------------------------------------------
    def gaps(self) -> Gaps: ...
    def stats(self) -> Stats: ...
