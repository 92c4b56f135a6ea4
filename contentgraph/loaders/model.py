"""Plain data that the loaders produce and the graph consumes.

Offsets: ``Document.text`` is the cleaned text, the blocks' texts joined by ``BLOCK_SEPARATOR``;
``Block.start``/``Block.end`` and every span in a ``Mention`` index into it.
For articles and questions ``blocks[0]`` is the title as a level-1 heading; answers have no title
block (their title is derived from the question and must not add concepts).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..errors import capped

BLOCK_SEPARATOR = "\n\n"
BLOCK_KINDS = ("heading", "paragraph", "list_item", "question", "answer")
DOCUMENT_KINDS = ("article", "question", "answer")

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def count_words(text: str) -> int:
    """Number of words in ``text``."""
    return len(_WORD.findall(text))


def content_hash(data: str | bytes) -> str:
    """Stable sha256 hex digest of text or bytes."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a document's structure."""

    kind: str  # one of BLOCK_KINDS
    text: str
    section: str | None  # text of the nearest heading above (level >= 2), None before any
    start: int  # offset of the block in Document.text
    end: int
    level: int = 0  # heading level (1 = title); 0 for non-headings


@dataclass(slots=True)
class Document:
    """One article, reader question or therapist answer, cleaned and split into blocks."""

    slug: str  # stable across runs, unique within a build
    kind: str  # one of DOCUMENT_KINDS
    title: str
    blocks: list[Block]
    source: str  # path of the file it came from (with "#row=N" / "#item=N" for multi-doc files)
    source_hash: str  # content_hash of the source file's bytes (for incremental builds)
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date, "YYYY-MM-DD" where known
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # outbound URLs, in order, de-duplicated
    parent: str | None = None  # for answers: the slug of the question answered
    reading_time: int | None = None  # minutes, where a byline gives it
    metadata: dict = field(default_factory=dict)  # anything else a source carries (JSON-able)

    @property
    def text(self) -> str:
        """The cleaned text: block texts joined by BLOCK_SEPARATOR."""
        return BLOCK_SEPARATOR.join([b.text for b in self.blocks])

    @property
    def word_count(self) -> int:
        return sum(count_words(b.text) for b in self.blocks)

    @property
    def content_hash(self) -> str:
        """Hash of what the document says (title, metadata-free text)."""
        return content_hash(self.title + "\x00" + self.text)


def make_blocks(items: list[tuple[str, str, int]]) -> list[Block]:
    """Build blocks with sections and offsets from ``(kind, text, level)`` triples.

    >>> [b.section for b in make_blocks([("heading", "T", 1), ("paragraph", "a", 0),
    ...                                  ("heading", "H", 2), ("list_item", "b", 0)])]
    [None, None, 'H', 'H']
    """
    blocks: list[Block] = []
    section: str | None = None
    offset = 0
    for kind, text, level in items:
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        if kind == "heading" and level >= 2:
            section = text
        start = offset
        end = start + len(text)
        blocks.append(Block(kind, text, section, start, end, level))
        offset = end + len(BLOCK_SEPARATOR)
    return blocks


@dataclass(frozen=True, slots=True)
class LoadError:
    """A source, or part of one, that could not be loaded; loading went on without it."""

    path: str
    reason: str
    line: int | None = None  # line or row number where it applies

    def __post_init__(self) -> None:
        object.__setattr__(self, "reason", capped(self.reason))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    explicit_slugs: set[str] = field(default_factory=set)  # slugs their sources named themselves


@dataclass(slots=True, unsafe_hash=True)
class Mention:
    """One occurrence of a taxonomy concept in a document.

    Hashable and compared by value like the other records, but not frozen: extraction makes one
    every hundred bytes or so, and a frozen dataclass's ``__init__`` costs six times as much
    (about 3 us against 0.5). Treat it as immutable all the same.
    """

    concept: str  # concept slug
    document: str  # document slug
    block: int  # index into Document.blocks
    section: str | None
    sentence: str  # the sentence containing the match
    sentence_start: int  # offset of the sentence in Document.text
    start: int  # span of the match in Document.text
    end: int
    text: str  # the matched surface text
    negated: bool = False  # not asserted: inside a negation, a meaning-flipping contrast or a
    #                        hypothetical ("if you bring it up you might start a fight")
    hypothetical: bool = False  # not asserted because hypothetical (``negated`` is set too)


@dataclass(frozen=True, slots=True)
class DocumentConcept:
    """A concept's standing in one document."""

    concept: str
    document: str
    count: int  # number of non-overlapping mentions
    weight: float  # tf-idf-like, comparable across the corpus, in [0, 1]
    central: bool  # in the title or a heading, or among the document's top concepts


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence that evidences something: where it is and what it says."""

    document: str
    section: str | None
    text: str  # the sentence
    start: int  # span of the sentence in Document.text
    end: int
    highlights: tuple[tuple[int, int], ...] = ()  # matched concept words, offsets into `text`


@dataclass(frozen=True, slots=True)
class RelationCue:
    """A typed relation between two concepts, stated by a sentence or a list structure."""

    source: str  # concept slug
    target: str  # concept slug
    kind: str  # RelationKind value, e.g. "CAUSES", "PART_OF"
    evidence: Passage
    cue: str  # the cue words or structure that stated it, e.g. "can lead to", "list under heading"


@dataclass(frozen=True, slots=True)
class CandidateTerm:
    """A frequent phrase no concept matches: a candidate for the taxonomy."""

    phrase: str
    count: int
    document_count: int
    examples: tuple[str, ...]  # up to two example sentences
    score: float = 0.0  # termhood: frequency, specificity and nearness to known concepts
    kind: str | None = None  # guessed ConceptKind value, e.g. "BEHAVIOR"
    variants: tuple[str, ...] = ()  # other ways the documents write it ("self-worth")
