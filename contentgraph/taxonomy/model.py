"""The taxonomy's data: SKOS-like concepts and the enums shared by every layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


# In a label, a "*" between words stands for up to GAP_WORDS words of the text ("feel * rejected"
# matches "feel so rejected", "push * away" matches "pushing their partner away").
GAP = "*"
GAP_WORDS = 3


class ConceptKind(str, Enum):
    ATTACHMENT_STYLE = "ATTACHMENT_STYLE"
    RELATIONSHIP_CYCLE = "RELATIONSHIP_CYCLE"
    CYCLE_ROLE = "CYCLE_ROLE"
    WARNING_SIGN = "WARNING_SIGN"
    THERAPY_MODALITY = "THERAPY_MODALITY"
    EMOTION = "EMOTION"
    NEED = "NEED"
    BEHAVIOR = "BEHAVIOR"
    SKILL = "SKILL"
    BARRIER = "BARRIER"
    OUTCOME = "OUTCOME"
    RELATIONSHIP_TYPE = "RELATIONSHIP_TYPE"
    CONDITION = "CONDITION"  # a clinical condition or diagnosis (ADHD, PTSD, bipolar disorder)


class RelationKind(str, Enum):
    CO_OCCURS = "CO_OCCURS"
    BROADER = "BROADER"
    NARROWER = "NARROWER"
    RELATED = "RELATED"
    PART_OF = "PART_OF"
    ASSOCIATED_WITH = "ASSOCIATED_WITH"
    CAUSES = "CAUSES"
    SIGNALS = "SIGNALS"
    TREATED_BY = "TREATED_BY"
    CONTRASTS_WITH = "CONTRASTS_WITH"


# Relation kinds a taxonomy's `related` list (and a text cue) may state.
TYPED_RELATIONS = frozenset({
    RelationKind.RELATED, RelationKind.PART_OF, RelationKind.ASSOCIATED_WITH, RelationKind.CAUSES,
    RelationKind.SIGNALS, RelationKind.TREATED_BY, RelationKind.CONTRASTS_WITH,
})


@dataclass(frozen=True, slots=True)
class ConceptLink:
    """A typed link from one concept to another, stated by the taxonomy."""

    kind: RelationKind
    target: str  # concept slug


@dataclass(frozen=True, slots=True)
class LabelContext:
    """Labels that name a concept only in a sentence holding one of ``words`` (a bare "anxious"
    names anxious attachment only beside "attachment", "avoidant" or "secure")."""

    labels: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(slots=True)
class Concept:
    slug: str
    label: str  # prefLabel
    kind: ConceptKind
    alt_labels: list[str] = field(default_factory=list)
    definition: str | None = None  # one line
    broader: list[str] = field(default_factory=list)  # slugs
    related: list[ConceptLink] = field(default_factory=list)
    sensitive: bool = False
    context: list[LabelContext] = field(default_factory=list)  # labels that need context words
    unless: list[str] = field(default_factory=list)  # phrases that void a match inside them
    source: str | None = None  # the taxonomy file that defined (or last changed) it


@dataclass(slots=True)
class Taxonomy:
    """Validated concepts by slug; ``narrower`` is derived from ``broader``."""

    concepts: dict[str, Concept]
    files: list[str] = field(default_factory=list)  # files merged, in order (default first)
    # phrases the team decided are no concepts (normalised): never proposed again as candidates
    rejected: frozenset[str] = frozenset()

    def __contains__(self, slug: str) -> bool:
        return slug in self.concepts

    def __getitem__(self, slug: str) -> Concept:
        return self.concepts[slug]

    def __iter__(self):
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def narrower(self, slug: str) -> list[str]:
        return sorted(c.slug for c in self.concepts.values() if slug in c.broader)
