"""Relations said in everyday words, across a sentence's structure, a list fragment, a heading
and an FAQ question; sentences written for these tests, read by the real extractor."""

import pytest

from contentgraph.loaders.cues import find_cues
from contentgraph.loaders.extract import Extractor
from contentgraph.loaders.model import Document, make_blocks
from contentgraph.taxonomy.model import Concept, ConceptKind, Taxonomy

K = ConceptKind
TAXONOMY = Taxonomy({c.slug: c for c in [
    Concept("shame", "shame", K.EMOTION), Concept("anxiety", "anxiety", K.EMOTION),
    Concept("loneliness", "loneliness", K.EMOTION), Concept("trauma", "trauma", K.WARNING_SIGN),
    Concept("criticism", "criticism", K.BEHAVIOR), Concept("stonewalling", "stonewalling",
                                                           K.BEHAVIOR),
    Concept("intimacy", "intimacy", K.NEED), Concept("curiosity", "curiosity", K.SKILL),
    Concept("couples-therapy", "couples therapy", K.THERAPY_MODALITY),
    Concept("therapy-refusal", "therapy refusal", K.BEHAVIOR),
    Concept("fear-of-blame", "fear of blame", K.BARRIER),
    Concept("pursue-withdraw-cycle", "pursue-withdraw cycle", K.RELATIONSHIP_CYCLE),
    Concept("support", "support", K.NEED),
]})
EXTRACTOR = Extractor(TAXONOMY)


def relations(*items):
    blocks = make_blocks([("heading", "Notes", 1), *items])
    doc = Document("d", "article", "Notes", blocks, "d.txt", "0")
    return {(c.source, c.kind, c.target) for c in find_cues(doc, EXTRACTOR.mentions(doc), TAXONOMY)}


def paragraph(text):
    return relations(("paragraph", text, 0))


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Shame often comes from criticism.", ("criticism", "CAUSES", "shame")),
    ("Criticism makes you feel shame.", ("criticism", "CAUSES", "shame")),
    ("Couples therapy can help you learn to manage stonewalling.", ("stonewalling", "TREATED_BY",
                                                                    "couples-therapy")),
    ("Couples therapy can help with stonewalling.", ("stonewalling", "TREATED_BY",
                                                     "couples-therapy")),
    ("Couples therapy can help you build intimacy.", ("couples-therapy", "CAUSES", "intimacy")),
    ("Stonewalling is a common sign of trauma.", ("stonewalling", "SIGNALS", "trauma")),
    ("The anxiety from old trauma lingers.", ("trauma", "CAUSES", "anxiety")),
    ("The more curiosity you bring, the less shame you carry.", ("shame", "TREATED_BY",
                                                                 "curiosity")),
    ("If there is stonewalling, this can lead to loneliness.", ("stonewalling", "CAUSES",
                                                                "loneliness")),
    ("Stonewalling, which can lead to loneliness, is common.", ("stonewalling", "CAUSES",
                                                                "loneliness")),
    ("Shame is often linked to trauma.", ("shame", "ASSOCIATED_WITH", "trauma")),
    ("Support works for loneliness.", ("loneliness", "TREATED_BY", "support")),
])
def test_everyday_cues(sentence, expected):
    assert expected in paragraph(sentence)


@pytest.mark.parametrize("sentence", [
    "Curiosity from the start matters.",  # only a feeling, condition or sign comes "from"
    "Criticism does not come from shame.",
    "Does criticism come from shame?",
    "I suggest curiosity when shame shows up.",  # the writer's "suggest" is no signal
    "Anxiety can make it difficult to go to couples therapy.",  # hindering is no cause
    "She felt relief from anxiety at last.",  # relief from a problem is not caused by it
    "Read about trauma from a curiosity point of view.",  # a perspective is no cause
])
def test_cues_that_state_nothing(sentence):
    assert paragraph(sentence) == set()


def test_a_list_after_a_colon_in_a_sentence_is_part_of_its_head():
    found = paragraph("Therapy refusal has roots: shame, fear of blame and criticism.")
    assert {("shame", "PART_OF", "therapy-refusal"), ("fear-of-blame", "PART_OF", "therapy-refusal"),
            ("criticism", "PART_OF", "therapy-refusal")} <= found


def test_a_fragment_goes_on_with_the_list_of_the_sentence_before():
    found = paragraph("People have many reasons for therapy refusal. From shame to fear of blame.")
    assert found >= {("shame", "CAUSES", "therapy-refusal"),
                     ("fear-of-blame", "CAUSES", "therapy-refusal")}


def test_this_and_the_cycle_name_the_sections_concept():
    found = relations(("heading", "The pursue-withdraw cycle", 2),
                      ("paragraph", "This is often the pattern underneath therapy refusal.", 0))
    assert ("pursue-withdraw-cycle", "CAUSES", "therapy-refusal") in found


def test_an_faq_question_relates_its_answer():
    found = relations(("question", "Why does therapy refusal happen?", 0),
                      ("answer", "Often out of shame or a fear of blame.", 0))
    assert found == {("shame", "CAUSES", "therapy-refusal"),
                     ("fear-of-blame", "CAUSES", "therapy-refusal")}


def test_a_signature_or_an_offer_is_never_evidence():
    found = paragraph("Couples therapy can help with shame. I offer couples therapy for shame, "
                      "contact me.")
    assert found == {("shame", "TREATED_BY", "couples-therapy")}
