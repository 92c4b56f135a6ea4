"""The ConceptGraph facade on a tiny hand-made graph."""

from __future__ import annotations

import networkx as nx
import pytest

from contentgraph.errors import ConceptNotFound, DocumentNotFound
from contentgraph.taxonomy.model import ConceptKind, RelationKind


def test_part_of_cue_becomes_an_edge_with_its_sentence(tiny_graph):
    data = tiny_graph.graph.get_edge_data("concept:withdrawer", "concept:pursue-withdraw-cycle",
                                          "PART_OF")
    assert data["evidence"][0].text == "The withdrawer is part of the pursue-withdraw cycle."


def test_hedged_sentence_is_no_evidence(tiny_graph):
    texts = {p.text for _, _, d in tiny_graph.graph.edges(data=True) for p in d.get("evidence", ())}
    assert not any("does not automatically mean" in t for t in texts)


def test_related_concepts_combine_relations_with_evidence(tiny_graph):
    related = tiny_graph.related_concepts("anxious-attachment")
    assert [r.concept for r in related][:2] == ["pursuer", "reassurance"]
    first = related[0]
    assert first.relations == (RelationKind.CAUSES, RelationKind.CO_OCCURS)
    assert 0 < first.score <= 1 and first.evidence
    assert all(0 <= r.score <= 1 for r in related)
    assert tiny_graph.related_concepts("anxious-attachment", kind=ConceptKind.NEED)[0].concept == \
        "reassurance"


def test_cooccurrence_prefers_always_together(tiny_graph):
    scores = {r.concept: r.score for r in tiny_graph.related_concepts("anxious-attachment")}
    assert "loneliness" not in scores  # once in the same article, never in one sentence


def test_path_has_evidence_on_every_step(tiny_graph):
    path = tiny_graph.path("anxious-attachment", "therapy-refusal")
    assert [s.source for s in path.steps] == ["anxious-attachment", "pursuer",
                                              "pursue-withdraw-cycle"]
    assert path.steps[-1].target == "therapy-refusal"
    assert all(step.evidence for step in path.steps)
    assert tiny_graph.path("anxious-attachment", "therapy-refusal", max_hops=1) is None
    assert tiny_graph.path("anxious-attachment", "jealousy") is None


def test_path_from_a_concept_to_itself_has_no_steps(tiny_graph):
    for hops in (4, 0):
        path = tiny_graph.path("pursuer", "pursuer", max_hops=hops)
        assert path is not None and path.length == 0 and path.steps == ()
    assert tiny_graph.path("jealousy", "jealousy").length == 0  # even a concept with no links


def test_related_documents_exclude_itself_and_name_shared_concepts(tiny_graph):
    related = tiny_graph.related_documents("cycle")
    assert "cycle" not in [r.document for r in related]
    assert related[0].document == "refusal"
    assert "pursue-withdraw-cycle" in related[0].shared
    assert all(tiny_graph.document(r.document).kind == "article" for r in related)


def test_neighborhood_is_bounded_and_says_so(tiny_graph):
    small = tiny_graph.neighborhood("pursuer", depth=2, limit=3)
    assert small.nodes[0] == "pursuer" and len(small.nodes) == 3 and small.truncated
    assert all(e.source in small.nodes and e.target in small.nodes for e in small.edges)
    assert not tiny_graph.neighborhood("pursuer", depth=2, limit=50).truncated


def test_communities_and_centrality_are_stable(tiny_graph):
    communities = tiny_graph.communities()
    home = {c.id for c in communities if "pursue-withdraw-cycle" in c.concepts}
    assert len(home) == 1 and sum(len(c.concepts) for c in communities) == \
        len({s for c in communities for s in c.concepts})  # each concept in one community
    rank = tiny_graph.centrality()
    assert max(rank, key=rank.get) == "pursue-withdraw-cycle"
    assert tiny_graph.communities() == communities


@pytest.mark.parametrize("query, slug", [
    ("Couples Counseling", "couples-therapy"),  # altLabel, US spelling
    ("couple therapies", "couples-therapy"),
    ("anxious", "anxious-attachment"),  # prefix
    ("reasurance", "reassurance"),  # typo
])
def test_search_concepts(tiny_graph, query, slug):
    assert tiny_graph.search_concepts(query)[0].slug == slug


def test_search_finds_documents_by_title(tiny_graph):
    hits = tiny_graph.search("partner refuses")[1]
    assert ("document", "refusal") in [(h.kind, h.slug) for h in hits]


def test_gaps(tiny_graph):
    gaps = tiny_graph.gaps()
    assert gaps.uncovered == ("jealousy",)
    assert "loneliness" in gaps.thin and "pursue-withdraw-cycle" not in gaps.thin
    assert [q.concept for q in gaps.unanswered_questions] == ["loneliness"]


def test_links_and_documents(tiny_graph):
    assert tiny_graph.graph.has_edge("doc:refusal", "doc:cycle", "LINKS_TO")
    assert [d.slug for d in tiny_graph.documents(concept="therapy-refusal")][0] in {"cycle",
                                                                                    "refusal"}
    assert {d.slug for d in tiny_graph.documents(author="Sam Rivers")} == {"cycle", "attachment",
                                                                            "refusal"}
    passages = tiny_graph.mention_passages("refusal", "therapy-refusal")
    assert passages[0].text.startswith("Therapy refusal is common")
    assert passages[-1].text.startswith("Therapy refusal does not")  # negated last
    passages.clear()  # answers are copies: the cached ones stay whole
    assert tiny_graph.mention_passages("refusal", "therapy-refusal", n=1)[0].text.startswith(
        "Therapy refusal is common")
    refusal = tiny_graph.document("refusal")
    assert tiny_graph.word_count("refusal") == refusal.word_count > 0
    with pytest.raises(DocumentNotFound):
        tiny_graph.word_count("nope")


def test_graph_is_read_only(tiny_graph):
    with pytest.raises(nx.NetworkXError):
        tiny_graph.graph.add_node("concept:new")


def test_unknown_slugs(tiny_graph):
    assert tiny_graph.concept("nope") is None and tiny_graph.document("nope") is None
    with pytest.raises(ConceptNotFound, match="Concept 'nope' is not in the graph"):
        tiny_graph.related_concepts("nope")
    with pytest.raises(DocumentNotFound):
        tiny_graph.related_documents("nope")


def test_stats(tiny_graph):
    stats = tiny_graph.stats()
    assert (stats.articles, stats.questions, stats.concepts) == (3, 3, 10)
    assert stats.relations > 0 and stats.built_at


def test_related_documents_past_the_kept_ones_are_computed_alike(example_graph):
    for doc in example_graph.documents(kind="article"):
        kept = example_graph.related_documents(doc.slug, 10)
        assert example_graph.related_documents(doc.slug, 20)[:10] == kept
        assert example_graph.related_documents(doc.slug, 3) == kept[:3]


def test_related_concepts_can_read_only_the_first_passages(example_graph):
    """A page that shows one passage a related concept reads only those from the documents."""
    slug = max((c.slug for c in example_graph.concepts()), key=example_graph.related_count)
    everything = example_graph.related_concepts(slug, n=5)
    shown = example_graph.related_concepts(slug, n=5, evidence=1)
    assert any(len(r.evidence) > 1 for r in everything)
    assert [(r.concept, r.score, r.relations, r.evidence) for r in shown] == \
        [(r.concept, r.score, r.relations, r.evidence[:1]) for r in everything]


def test_relation_evidence_is_what_the_related_list_gives(example_graph):
    """A page asks each related concept's passages on its own: the same ones, in order."""
    slug = max((c.slug for c in example_graph.concepts()), key=example_graph.related_count)
    related = example_graph.related_concepts(slug, n=5)
    assert any(len(r.evidence) > 2 for r in related)
    for r in related:
        assert example_graph.relation_evidence(slug, r.concept, 2) == list(r.evidence[:2])
        assert example_graph.relation_evidence(slug, r.concept, 100) == list(r.evidence)
    linked = {r.concept for r in example_graph.related_concepts(slug, n=500)}
    unrelated = next(c.slug for c in example_graph.concepts() if c.slug not in linked | {slug})
    assert example_graph.relation_evidence(slug, unrelated) == []
    with pytest.raises(ConceptNotFound):
        example_graph.relation_evidence(slug, "nope")


def test_a_mention_has_as_many_passages_as_asked_whatever_was_asked_before(example_graph):
    article = max((d.slug for d in example_graph.documents(kind="article")),
                  key=lambda s: len(example_graph.mentions(s)))
    counts = []
    for standing in example_graph.document_concepts(article):
        one = example_graph.mention_passages(article, standing.concept, 1)
        three = example_graph.mention_passages(article, standing.concept, 3)
        every = example_graph.mention_passages(article, standing.concept, 100)
        assert one == three[:1] and three == every[:3]
        counts.append(len(every))
    assert max(counts) > 1


def test_a_path_reads_as_many_passages_a_step_as_asked(example_graph):
    slug = max((c.slug for c in example_graph.concepts()), key=example_graph.related_count)
    targets = [r.concept for r in example_graph.related_concepts(slug, n=5)]
    paths = [p for t in targets if (p := example_graph.path(slug, t)) is not None]
    assert any(len(s.evidence) > 1 for p in paths for s in p.steps)
    for whole in paths:
        target = whole.steps[-1].target
        for first in (0, 1):
            shown = example_graph.path(slug, target, evidence=first)
            assert [(s.source, s.target, s.relations, s.evidence) for s in shown.steps] == \
                [(s.source, s.target, s.relations, s.evidence[:first]) for s in whole.steps]
        assert [example_graph.relation_evidence(s.source, s.target, 100) for s in whole.steps] \
            == [list(s.evidence) for s in whole.steps]
