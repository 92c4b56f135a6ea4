"""The graph of the real seed articles (read at run time; skipped when the corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from contentgraph.graph.build import build

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/corpus is absent")


@pytest.fixture(scope="module")
def watson():
    """Graph of the seed by Jo Watson alone."""
    found = sorted(SEEDS.glob("004_*.txt"))
    if not found:
        pytest.skip("the Jo Watson seed is absent")
    return build(found).graph


@pytest.fixture(scope="module")
def seeds(seeds_graph):
    return seeds_graph


def relation(graph, source, target, kind):
    return graph.graph.get_edge_data(f"concept:{source}", f"concept:{target}", kind)


@pytest.mark.parametrize("role", ["pursuer", "withdrawer"])
def test_roles_are_part_of_the_pursue_withdraw_cycle(watson, role):
    edge = relation(watson, role, "pursue-withdraw-cycle", "PART_OF")
    assert edge is not None, f"{role} PART_OF pursue-withdraw-cycle is missing"
    evidence = edge["evidence"][0]
    document = watson.document(evidence.document)
    assert document.text[evidence.start:evidence.end] == evidence.text
    assert evidence.highlights


def test_listed_concerns_are_associated_with_therapy_refusal(watson):
    listed = {"controlling-behaviour", "lack-of-accountability", "contempt", "hostility",
              "emotional-disengagement", "emotional-abuse"}
    associated = {s for s in listed
                  if relation(watson, s, "therapy-refusal", "ASSOCIATED_WITH") is not None}
    assert len(associated) >= 3, associated


def test_hedged_sentence_yields_no_edge(watson):
    for _, _, data in watson.graph.edges(data=True):
        for p in data.get("evidence", ()):
            assert "does not automatically mean" not in p.text


def test_path_from_anxious_attachment_to_therapy_refusal_has_evidence(seeds):
    path = seeds.path("anxious-attachment", "therapy-refusal")
    assert path is not None
    assert path.steps[0].source == "anxious-attachment"
    assert path.steps[-1].target == "therapy-refusal"
    for step in path.steps:
        assert step.evidence, f"{step.source} -> {step.target} has no evidence"


def test_related_documents_never_include_the_document(seeds):
    for doc in seeds.documents():
        assert doc.slug not in [r.document for r in seeds.related_documents(doc.slug, 10)]


def test_a_seed_articles_central_concepts_are_its_main_topics(practice_graph):
    """Among counsel-chat's answers (the corpus a practice has), each seed article's central
    concepts are what the hand annotation marks it mainly about, and hardly more."""
    from contentgraph.taxonomy.normalize import normalize_phrase

    gold = yaml.safe_load((SEEDS.parent / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
    names = {c.slug: {normalize_phrase(x) for x in (c.label, *c.alt_labels)}
             for c in practice_graph.taxonomy}
    for article in gold["articles"]:
        title = (SEEDS.parent / article["file"]).read_text(encoding="utf-8").splitlines()[0]
        doc = next(d for d in practice_graph.documents() if d.title == title.strip())
        central = {dc.concept for dc in practice_graph.document_concepts(doc.slug) if dc.central}
        topics = [{normalize_phrase(x) for x in (g["label"], *g["surface"])}
                  for g in article["concepts"] if g["central"]]
        for topic in topics:
            assert any(names[slug] & topic for slug in central), (doc.slug, topic, central)
        assert len(central) <= len(topics) + 2, (doc.slug, sorted(central))
