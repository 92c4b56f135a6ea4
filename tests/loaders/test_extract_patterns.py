"""Gapped labels, labels that need context, unless phrases, hypotheticals, furniture, cut-off words.

Small taxonomies show each mechanism; the default taxonomy is checked on the false tags it must
not make (sentences written for these tests).
"""

import pytest

from contentgraph.loaders.extract import Extractor
from contentgraph.loaders.model import Document, make_blocks
from contentgraph.loaders.scoring import score_documents
from contentgraph.taxonomy.load import load_taxonomy
from contentgraph.taxonomy.model import Concept, ConceptKind, LabelContext, Taxonomy

K = ConceptKind
TAXONOMY = Taxonomy({c.slug: c for c in [
    Concept("feeling-rejected", "feeling rejected", K.EMOTION, alt_labels=["feel * rejected"]),
    Concept("help-seeking", "seeking help", K.BEHAVIOR, alt_labels=["see * therapist"]),
    Concept("couples-therapy", "couples therapy", K.THERAPY_MODALITY,
            alt_labels=["couples therapist"]),
    Concept("withdrawing", "withdrawing", K.BEHAVIOR, alt_labels=["push * away"]),
    Concept("anxiety", "anxiety", K.EMOTION, alt_labels=["anxious"]),
    Concept("anxious-attachment", "anxious attachment", K.ATTACHMENT_STYLE,
            context=[LabelContext(("anxious",), ("avoidant", "attachment", "attached"))]),
    Concept("stress", "stress", K.EMOTION, unless=["stress the importance"]),
    Concept("argument", "argument", K.BEHAVIOR),
]})


@pytest.fixture(scope="module")
def extractor():
    return Extractor(TAXONOMY)


@pytest.fixture(scope="module")
def default():
    return Extractor(load_taxonomy())


def doc(*paragraphs):
    return Document("d", "answer", "", make_blocks([("paragraph", p, 0) for p in paragraphs]), "d",
                    "0")


def found(extractor, *paragraphs):
    return [(m.concept, m.text) for m in extractor.mentions(doc(*paragraphs))]


@pytest.mark.parametrize(("text", "expected"), [
    ("I feel so rejected by him.", [("feeling-rejected", "feel so rejected")]),
    ("She felt completely and utterly rejected.", []),  # "and" ends a gap
    ("I felt a little bit rejected.", [("feeling-rejected", "felt a little bit rejected")]),
    ("I feel that my partner has rejected me.", []),  # more than three words between
    ("I feel fine, rejected or not.", []),  # a comma ends a gap
    ("He keeps pushing his partner away.", [("withdrawing", "pushing his partner away")]),
])
def test_a_gap_takes_up_to_three_light_words(extractor, text, expected):
    assert found(extractor, text) == expected


def test_a_concept_inside_a_gap_is_found_too(extractor):
    assert found(extractor, "Consider seeing a couples therapist soon.") == [
        ("help-seeking", "seeing a couples therapist"), ("couples-therapy", "couples therapist")]


def test_a_label_with_context_needs_a_context_word_in_its_sentence(extractor):
    assert found(extractor, "Someone anxious or avoidant in love.") == [
        ("anxious-attachment", "anxious")]
    assert found(extractor, "I am anxious about the exam.") == [("anxiety", "anxious")]


def test_an_unless_phrase_voids_its_concept_only(extractor):
    assert found(extractor, "I stress the importance of sleep.") == []
    assert found(extractor, "Work stress is real.") == [("stress", "stress")]


@pytest.mark.parametrize("sentence", [
    "If you bring it up now, you might end up in an argument.",
    "In case you raise it, it could turn into an argument.",
])
def test_a_possibility_under_a_condition_is_hypothetical(extractor, sentence):
    [mention] = [m for m in Extractor(TAXONOMY).mentions(doc(sentence))]
    assert mention.hypothetical and mention.negated
    assert score_documents([doc(sentence)], {"d": [mention]})["d"] == []


def test_advice_under_a_condition_is_not_hypothetical(extractor):
    [mention] = extractor.mentions(doc("If it goes on, you might want to avoid an argument."))
    assert not mention.hypothetical and not mention.negated


@pytest.mark.parametrize("sentence", [
    "Robin Lee, MA, LMFT",
    "I offer online sessions and would love to help.",
    "Feel free to contact me through my website.",
    "Es común sentir ansiedad y estrés en una relación.",
])
def test_furniture_sentences_give_no_concepts(extractor, sentence):
    assert found(extractor, f"Anxiety is common. {sentence}") == [("anxiety", "Anxiety")]


def test_a_word_cut_off_at_the_end_of_a_text_is_not_matched(extractor):
    cut = "Many people feel this way when their stress comes back after a long day of argument"
    assert found(extractor, cut) == [("stress", "stress")]
    assert found(extractor, cut + ".") == [("stress", "stress"), ("argument", "argument")]


# False tags the default taxonomy must not make, and the right tag where there is one.
@pytest.mark.parametrize(("sentence", "absent", "present"), [
    ("Honestly, I don't care anymore what they think.", "self-care", None),
    ("I want to stress the importance of rest.", "stress", None),
    ("We try to fight the winter blues with long walks.", "recurring-conflict", None),
    ("Please never hurt yourself, whatever happens.", "hurt", "self-harm"),
    ("She is a licensed marriage and family therapist.", "marriage", None),
    ("She is a licensed marriage and family therapist.", "family-relationship", None),
    ("It took a couple of weeks to settle.", "romantic-relationship", None),
    ("An overwhelming majority of readers agreed.", "overwhelm", None),
    ("I'd love to help with this question.", "love", None),
    ("As young children we all learn to share.", "parent-child-relationship", None),
    ("My husband and I fight every week.", None, "recurring-conflict"),
    ("My boyfriend and my mom do not get along.", None, "dating-relationship"),
    ("My boyfriend and my mom do not get along.", None, "parent-child-relationship"),
    ("I feel so unloved lately.", None, "feeling-unloved"),
    ("He is always tracking my location.", None, "controlling-behaviour"),
])
def test_default_taxonomy_false_and_true_tags(default, sentence, absent, present):
    concepts = {m.concept for m in default.mentions(doc(sentence)) if not m.negated}
    if absent:
        assert absent not in concepts
    if present:
        assert present in concepts


def test_only_negated_mentions_leave_a_concept_out_of_the_document(default):
    d = doc("This is not abuse, though it hurts.")
    mentions = default.mentions(d)
    assert any(m.concept == "abuse" and m.negated for m in mentions)
    assert "abuse" not in {dc.concept for dc in score_documents([d], {"d": mentions})["d"]}
