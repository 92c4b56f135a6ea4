"""What the facade answers: plain, immutable results the schema, the CLI and the pages shape."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..loaders.model import CandidateTerm, Passage
from ..taxonomy.model import RelationKind

__all__ = [
    "CandidateTerm", "Passage", "RelatedConcept", "RelatedDocument", "PathStep", "Path", "Edge",
    "Subgraph", "Community", "SearchHit", "DocumentSummary", "LinkSuggestion", "QuestionGap",
    "GapKind", "WriteNext", "Gaps", "Stats",
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
    tags: tuple[str, ...] = ()  # the source's own tags or categories
    parent: str | None = None  # an answer's question


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "concept" or "document"
    slug: str
    label: str  # concept label or document title
    score: float
    snippet: str = ""  # a document's words around the match, marked (``fulltext.MARK_START``)


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


class GapKind(Enum):
    """Why a concept is on the list of what to write next."""

    UNCOVERED = "UNCOVERED"  # no article mentions it
    THIN = "THIN"  # articles mention it, none is about it
    UNANSWERED = "UNANSWERED"  # readers ask about it; few articles (central in some) cover it


@dataclass(frozen=True, slots=True)
class WriteNext:
    """One entry of what to write next: a concept, why, and where to start."""

    concept: str
    gap: GapKind
    score: float  # demand x shortfall x (0.75 + importance / 2); comparable within one graph
    questions: int  # reader questions about it
    views: int  # their views, where the source counts them
    upvotes: int
    articles: int  # articles mentioning it
    central: int  # articles it is central to
    importance: float  # weight in the field (PageRank, taxonomy links), in [0, 1]
    reason: str  # why, in words ("42 reader questions, 3,100 views; mentioned in 2 ...")
    examples: tuple[str, ...]  # question slugs, most about the concept first
    nearest: tuple[str, ...]  # the closest existing articles


@dataclass(frozen=True, slots=True)
class Gaps:
    uncovered: tuple[str, ...]  # concept slugs in no article
    thin: tuple[str, ...]  # in articles, never central
    candidate_terms: tuple[CandidateTerm, ...]
    missing_links: tuple[LinkSuggestion, ...]
    unanswered_questions: tuple[QuestionGap, ...]
    write_next: tuple[WriteNext, ...] = ()  # all of the above that concern concepts, ranked


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
