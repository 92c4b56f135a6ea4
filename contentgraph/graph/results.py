"""What the facade answers: plain, immutable results the schema, the CLI and the pages shape."""

from __future__ import annotations

from dataclasses import dataclass

from ..loaders.model import CandidateTerm, Passage
from ..taxonomy.model import RelationKind

__all__ = [
    "CandidateTerm", "Passage", "RelatedConcept", "RelatedDocument", "PathStep", "Path", "Edge",
    "Subgraph", "Community", "SearchHit", "DocumentSummary", "LinkSuggestion", "QuestionGap",
    "Gaps", "Stats",
]


@dataclass(frozen=True, slots=True)
class RelatedConcept:
    concept: str  # slug
    score: float  # in [0, 1], higher is closer
    relations: tuple[RelationKind, ...]  # every kind linking the two, strongest first
    evidence: tuple[Passage, ...]  # best first


@dataclass(frozen=True, slots=True)
class RelatedDocument:
    document: str  # slug
    score: float  # cosine of weighted concept vectors, in [0, 1]
    shared: tuple[str, ...]  # concept slugs that explain it, strongest first


@dataclass(frozen=True, slots=True)
class PathStep:
    source: str  # concept slug
    target: str
    relations: tuple[RelationKind, ...]
    evidence: tuple[Passage, ...]


@dataclass(frozen=True, slots=True)
class Path:
    steps: tuple[PathStep, ...]

    @property
    def length(self) -> int:
        return len(self.steps)


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # concept slug
    target: str
    relation: RelationKind
    weight: float


@dataclass(frozen=True, slots=True)
class Subgraph:
    nodes: tuple[str, ...]  # concept slugs, the centre first
    edges: tuple[Edge, ...]
    truncated: bool  # True when the limit cut nodes off


@dataclass(frozen=True, slots=True)
class Community:
    id: int
    concepts: tuple[str, ...]  # by PageRank, highest first


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What a list or a passage shows of a document: no text, so cheap to keep."""

    slug: str
    kind: str
    title: str
    url: str | None
    author: str | None
    published: str | None
    word_count: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "concept" or "document"
    slug: str
    label: str  # concept label or document title
    score: float


@dataclass(frozen=True, slots=True)
class LinkSuggestion:
    source: str  # article slug
    target: str  # article slug
    via: tuple[str, ...]  # shared concept slugs
    score: float
    sentence: Passage | None  # a sentence of the source where the link would fit


@dataclass(frozen=True, slots=True)
class QuestionGap:
    concept: str
    question_count: int
    article_count: int
    examples: tuple[str, ...]  # question document slugs


@dataclass(frozen=True, slots=True)
class Gaps:
    uncovered: tuple[str, ...]  # concept slugs in no article
    thin: tuple[str, ...]  # in articles, never central
    candidate_terms: tuple[CandidateTerm, ...]
    missing_links: tuple[LinkSuggestion, ...]
    unanswered_questions: tuple[QuestionGap, ...]


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    questions: int
    answers: int
    authors: int
    concepts: int  # concepts in the taxonomy
    mentions: int
    relations: int  # concept-to-concept edges
    built_at: str  # ISO 8601 UTC
