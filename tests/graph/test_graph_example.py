"""The graph of the bundled example corpus (the session fixtures of tests/conftest.py)."""

from __future__ import annotations

from contentgraph.graph.facade import ConceptGraph


def test_example_graph_has_articles_questions_and_relations(example_graph):
    stats = example_graph.stats()
    assert stats.articles >= 5 and stats.questions >= 1 and stats.relations > 0
    assert example_graph.errors == []


def test_related_documents_never_include_the_document(example_graph):
    for doc in example_graph.documents():
        related = example_graph.related_documents(doc.slug, 10)
        assert doc.slug not in [r.document for r in related]
        assert all(0 < r.score <= 1 and r.shared for r in related)


def test_gaps_list_concepts_the_corpus_never_mentions(example_graph):
    gaps = example_graph.gaps()
    mentioned = {dc.concept for d in example_graph.documents()
                 for dc in example_graph.document_concepts(d.slug)}
    assert gaps.uncovered
    assert not mentioned & set(gaps.uncovered)
    never = {c.slug for c in example_graph.concepts()} - mentioned
    assert set(gaps.uncovered) == never


def test_every_relation_has_at_most_twenty_passages_of_its_concepts(example_graph):
    for u, v, data in example_graph.graph.edges(data=True):
        if u.startswith("concept:") and v.startswith("concept:"):
            assert len(data["evidence"]) <= 20
            for p in data["evidence"]:
                doc = example_graph.document(p.document)
                assert doc.text[p.start:p.end] == p.text


def test_concept_page_answers(example_graph):
    concept = max(example_graph.concepts(), key=lambda c: example_graph.article_count(c.slug))
    assert example_graph.concept_documents(concept.slug)
    assert example_graph.passages(concept.slug)
    related = example_graph.related_concepts(concept.slug)
    assert related and all(0 <= r.score <= 1 and r.relations for r in related)


def test_a_concept_only_readers_and_therapists_mention_still_has_passages(example_graph):
    """A concept's best sentences come from articles first, then answers, then questions: a
    concept no article mentions (a reader-question corpus has none) still shows its sentences."""
    def kinds(slug):
        return [example_graph.summary(p.document).kind
                for p in example_graph.passages(slug, n=100)]

    mentioned = [c.slug for c in example_graph.concepts() if example_graph.mention_count(c.slug)]
    without_articles = [s for s in mentioned if not example_graph.article_count(s)
                        and example_graph.document_count(s, "answer")
                        and example_graph.document_count(s, "question")]
    assert without_articles
    for slug in without_articles:
        found = kinds(slug)
        assert "answer" in found and "question" in found
        assert found == sorted(found, key=["answer", "question"].index)
    everywhere = max(mentioned, key=lambda s: min(example_graph.document_count(s, kind)
                                                  for kind in ("article", "answer", "question")))
    found = kinds(everywhere)
    assert found[0] == "article" and "question" in found
    assert found == sorted(found, key=["article", "answer", "question"].index)


def test_store_loads_the_same_graph(example_graph, example_store):
    loaded = ConceptGraph.load(example_store)
    assert loaded.stats() == example_graph.stats()
    slug = example_graph.documents()[0].slug
    assert loaded.related_documents(slug) == example_graph.related_documents(slug)
    assert loaded.gaps() == example_graph.gaps()


def test_related_articles_name_the_concepts_they_share_strongest_first(example_graph):
    """A page showing three related articles shows the first three of ten, each naming the
    concepts both articles carry, the strongest pair first."""
    lists_longer_than_three = 0
    for doc in example_graph.documents():
        short = example_graph.related_documents(doc.slug, 3)  # asked first: cached on its own
        full = example_graph.related_documents(doc.slug, 10)
        assert short == full[:3]
        lists_longer_than_three += len(full) > 3
        mine = {dc.concept: dc.weight for dc in example_graph.document_concepts(doc.slug)
                if dc.weight > 0}
        for related in full:
            theirs = {dc.concept: dc.weight
                      for dc in example_graph.document_concepts(related.document) if dc.weight > 0}
            assert set(related.shared) == mine.keys() & theirs.keys(), related
            strengths = [mine[c] * theirs[c] for c in related.shared]
            assert strengths == sorted(strengths, reverse=True), related
    assert lists_longer_than_three
