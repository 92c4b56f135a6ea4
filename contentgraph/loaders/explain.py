"""Why was a concept tagged? Load files, extract and score, keep the evidence together.

``explain_files`` is what ``contentgraph extract FILE`` calls: per document, each concept's
count, weight and central flag with the mentions (sentence, matched words, negation) behind it,
then the concepts that are only mentioned negated or hypothetically (``counted`` false: they are
not the document's concepts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..taxonomy.load import load_taxonomy
from ..taxonomy.model import Taxonomy
from .extract import Extractor
from .load import load
from .model import Document, DocumentConcept, LoadError, Mention
from .scoring import score_documents


@dataclass(slots=True)
class ConceptEvidence:
    concept: DocumentConcept
    label: str
    kind: str
    mentions: list[Mention]
    counted: bool = True  # False when every mention is negated or hypothetical


@dataclass(slots=True)
class DocumentExplanation:
    document: Document
    concepts: list[ConceptEvidence]


@dataclass(slots=True)
class Explanation:
    documents: list[DocumentExplanation] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-able form: documents with their concepts and mentions, and the load errors."""
        return {
            "documents": [
                {
                    "slug": d.document.slug, "kind": d.document.kind, "title": d.document.title,
                    "source": d.document.source,
                    "concepts": [
                        {
                            "concept": c.concept.concept, "label": c.label, "kind": c.kind,
                            "count": c.concept.count, "weight": c.concept.weight,
                            "central": c.concept.central, "counted": c.counted,
                            "mentions": [
                                {"text": m.text, "start": m.start, "end": m.end,
                                 "negated": m.negated and not m.hypothetical,
                                 "hypothetical": m.hypothetical, "section": m.section,
                                 "sentence": m.sentence, "sentence_start": m.sentence_start}
                                for m in c.mentions
                            ],
                        }
                        for c in d.concepts
                    ],
                }
                for d in self.documents
            ],
            "errors": [str(e) for e in self.errors],
        }


def explain_documents(documents: list[Document], taxonomy: Taxonomy) -> list[DocumentExplanation]:
    """Extract and score ``documents`` together; concepts strongest first."""
    extractor = Extractor(taxonomy)
    mentions = {d.slug: extractor.mentions(d) for d in documents}
    scored = score_documents(documents, mentions)
    explained = []
    for doc in documents:
        by_concept: dict[str, list[Mention]] = {}
        for m in mentions[doc.slug]:
            by_concept.setdefault(m.concept, []).append(m)
        concepts = [
            ConceptEvidence(dc, taxonomy[dc.concept].label, taxonomy[dc.concept].kind.value,
                            by_concept.pop(dc.concept))
            for dc in sorted(scored[doc.slug], key=lambda dc: (not dc.central, -dc.weight, dc.concept))
        ]
        concepts += [  # left: concepts whose every mention is negated or hypothetical
            ConceptEvidence(DocumentConcept(slug, doc.slug, len(ms), 0.0, False),
                            taxonomy[slug].label, taxonomy[slug].kind.value, ms, counted=False)
            for slug, ms in sorted(by_concept.items())
        ]
        explained.append(DocumentExplanation(doc, concepts))
    return explained


def explain_files(sources: Iterable[str | Path], taxonomy_files: Iterable[str | Path] = ()) -> Explanation:
    """Load ``sources`` and explain their concepts with the default taxonomy merged with
    ``taxonomy_files``. Raises ``TaxonomyError`` for an invalid taxonomy file."""
    taxonomy = load_taxonomy(tuple(taxonomy_files))
    result = load(sources)
    return Explanation(explain_documents(result.documents, taxonomy), list(result.errors))
