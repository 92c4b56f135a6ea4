"""Document-concept scores: counts, tf-idf-like weights in [0, 1], central flags."""

from contentgraph.loaders.extract import Extractor
from contentgraph.loaders.model import Document, make_blocks
from contentgraph.loaders.scoring import score_documents
from contentgraph.taxonomy.model import Concept, ConceptKind, Taxonomy

TAXONOMY = Taxonomy({s: Concept(s, label, ConceptKind.EMOTION) for s, label in {
    "jealousy": "jealousy", "anger": "anger", "shame": "shame", "fear": "fear",
    "loneliness": "loneliness", "abuse": "abuse", "therapy": "therapy",
}.items()})
EXTRACTOR = Extractor(TAXONOMY)


def doc(slug, title, *paragraphs, heading=None):
    triples = [("heading", title, 1)] + ([("heading", heading, 2)] if heading else [])
    triples += [("paragraph", p, 0) for p in paragraphs]
    return Document(slug, "article", title, make_blocks(triples), f"{slug}.txt", "0")


def score(*docs):
    mentions = {d.slug: EXTRACTOR.mentions(d) for d in docs}
    return {slug: {dc.concept: dc for dc in dcs} for slug, dcs in score_documents(docs, mentions).items()}


def test_counts_weights_and_every_document_present():
    a = doc("a", "Notes", "Anger, anger and more anger. Some fear.")
    b = doc("b", "More notes", "Fear again.")
    c = doc("c", "Nothing here", "Plain words.")
    s = score(a, b, c)
    assert s["c"] == {}
    assert s["a"]["anger"].count == 3 and s["a"]["fear"].count == 1
    assert s["a"]["anger"].weight == 1.0
    assert 0 < s["a"]["fear"].weight < s["a"]["anger"].weight
    assert all(0 <= dc.weight <= 1 for d in s.values() for dc in d.values())


def test_rarer_concepts_weigh_more_at_equal_counts():
    docs = [doc("a", "Notes", "Fear and shame.")] + [doc(f"x{i}", "N", "Fear.") for i in range(5)]
    s = score(*docs)
    assert s["a"]["shame"].weight > s["a"]["fear"].weight


def test_title_and_heading_mentions_are_central():
    a = doc("a", "Jealousy in couples", "Some anger.", heading="Where shame hides")
    s = score(a)
    assert s["a"]["jealousy"].central and s["a"]["shame"].central
    assert not s["a"]["anger"].central


def test_a_heading_on_a_concept_the_document_says_little_about_is_not_central():
    a = doc("a", "Jealousy", "Jealousy grows. Jealousy stays. Jealousy hurts. Anger too.",
            heading="Where fear comes in")
    others = [doc(f"x{i}", "N", "Fear.") for i in range(5)]
    s = score(a, *others)
    assert s["a"]["jealousy"].central
    assert s["a"]["fear"].weight < 0.5 and not s["a"]["fear"].central


def test_a_title_that_says_no_to_a_concept_still_names_the_topic():
    a = doc("a", "When a partner will not try therapy", "Therapy helps. Abuse hides. Abuse harms.")
    s = score(a)
    assert s["a"]["therapy"].central
    assert s["a"]["therapy"].weight == 1.0 > s["a"]["abuse"].weight


def test_top_concepts_by_weight_are_central_with_enough_mentions():
    a = doc("a", "Notes", "Loneliness. Loneliness again. Loneliness still. Fear once.")
    s = score(a)
    assert s["a"]["loneliness"].central
    assert not s["a"]["fear"].central  # one mention is not enough


def test_negated_mentions_count_but_weigh_less():
    a = doc("a", "Notes", "This is not abuse. Abuse hides. Therapy helps. Therapy heals.")
    s = score(a)
    assert s["a"]["abuse"].count == 2 and s["a"]["therapy"].count == 2
    assert s["a"]["abuse"].weight < s["a"]["therapy"].weight


def test_a_concept_only_negated_or_hypothetical_is_not_one_of_the_documents():
    a = doc("a", "Notes", "This is not abuse. If you say it, you might stir anger. Fear is real.")
    s = score(a)
    assert sorted(s["a"]) == ["fear"]
