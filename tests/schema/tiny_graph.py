"""A tiny in-memory stand-in for the graph facade, for schema rules that need no real corpus."""

from __future__ import annotations

from contentgraph.graph.results import (DocumentSummary, Path, PathStep, RelatedConcept, Stats,
                                        Subgraph)
from contentgraph.loaders.model import Document, DocumentConcept, Passage, make_blocks
from contentgraph.taxonomy.model import Concept, ConceptKind, RelationKind


class TinyGraph:
    """Three concepts, twenty-five articles: enough for paging, nulls and errors."""

    def __init__(self):
        self._concepts = {c.slug: c for c in [
            Concept("anxious-attachment", "Anxious attachment", ConceptKind.ATTACHMENT_STYLE,
                    ["anxious style"], "Fear of being left."),
            Concept("pursuer", "Pursuer", ConceptKind.CYCLE_ROLE),
            Concept("withdrawer", "Withdrawer", ConceptKind.CYCLE_ROLE),
        ]}
        self._docs = {}
        for i in range(25):
            slug = f"note-{i:02d}"
            blocks = make_blocks([("heading", f"Note {i}", 1), ("paragraph", "A pursuer.", 0)])
            self._docs[slug] = Document(slug, "article", f"Note {i}", blocks, "mem", "h")
        self.passage = Passage("note-00", None, "A pursuer.", 10, 20)

    def concept(self, slug):
        return self._concepts.get(slug)

    def concepts(self, kind=None):
        return sorted((c for c in self._concepts.values() if kind in (None, c.kind)),
                      key=lambda c: c.label)

    def search_concepts(self, text, kind=None):
        return [c for c in self.concepts(kind) if text.lower() in c.label.lower()]

    def article_count(self, slug):
        return self.document_count(slug)

    def document_count(self, slug, kind="article"):
        return 25 if slug == "pursuer" and kind == "article" else 0

    def mention_count(self, slug):
        return self.article_count(slug)

    def broader(self, slug):
        return []

    def narrower(self, slug):
        return []

    def related_concepts(self, slug, kind=None, n=10, evidence=None):
        return [RelatedConcept("withdrawer", 0.5, (RelationKind.CONTRASTS_WITH,),
                               (self.passage,)[:evidence])][:n]

    def relation_evidence(self, slug, other, n=3):
        linked = slug != other and {slug, other} <= set(self._concepts)
        return [self.passage][:n] if linked else []

    def concept_documents(self, slug, kind="article", start=0, n=None):
        if slug != "pursuer" or kind != "article":
            return []
        found = [DocumentConcept("pursuer", d, 1, 0.5, True) for d in self._docs]
        return found[start:None if n is None else start + n]

    def passages(self, slug, n=5):
        return [self.passage][:n]

    def document(self, slug):
        return self._docs.get(slug)

    def summary(self, slug):
        doc = self._docs.get(slug)
        return doc and DocumentSummary(doc.slug, doc.kind, doc.title, doc.url, doc.author,
                                       doc.published, doc.word_count, tuple(doc.tags),
                                       doc.parent)

    def documents(self, concept=None, author=None, search=None, kind="article"):
        return list(self._docs.values())

    def document_page(self, concept=None, author=None, search=None, kind="article", start=0,
                      n=None):
        found = self.documents(concept, author, search, kind)
        return len(found), found[start:] if n is None else found[start:start + n]

    def document_concepts(self, slug):
        return [DocumentConcept("pursuer", slug, 1, 0.5, True)]

    def mention_passages(self, document, concept, n=3):
        return [self.passage][:n]

    def related_documents(self, slug, n=5):
        return []

    def path(self, source, target, max_hops=4, evidence=None):
        if source not in self._concepts or target not in self._concepts:
            return None
        if source == target:
            return Path(())
        return Path((PathStep(source, target, (RelationKind.CO_OCCURS,),
                              (self.passage,)[:evidence]),))

    def neighborhood(self, slug, depth=1, limit=25):
        return Subgraph((slug,), (), False)

    def stats(self):
        return Stats(25, 0, 0, 0, 3, 25, 1, "2026-01-01T00:00:00Z")
