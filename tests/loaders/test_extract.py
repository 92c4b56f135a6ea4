"""Concept matching: inflection, dashes, quotes, spelling, longest match, blocks, sentences."""

import pytest

from contentgraph.loaders.extract import Extractor
from contentgraph.loaders.model import Document, make_blocks
from contentgraph.taxonomy.model import Concept, ConceptKind, Taxonomy

K = ConceptKind


def concept(slug, label, kind=K.BEHAVIOR, *alt):
    return Concept(slug, label, kind, alt_labels=list(alt))


TAXONOMY = Taxonomy({c.slug: c for c in [
    concept("withdrawer", "withdrawer", K.CYCLE_ROLE, "withdraw", "partner who pulls away"),
    concept("withdrawal", "withdrawal", K.BEHAVIOR),
    concept("pursue-withdraw-cycle", "pursue-withdraw cycle", K.RELATIONSHIP_CYCLE,
            "pursuer-withdrawer cycle", "pursuer-distancer"),
    concept("abuse", "abuse", K.WARNING_SIGN),
    concept("emotional-abuse", "emotional abuse", K.WARNING_SIGN),
    concept("couples-therapy", "couples therapy", K.THERAPY_MODALITY, "couples counselling"),
    concept("therapy", "therapy", K.THERAPY_MODALITY),
    concept("controlling-behaviour", "controlling behaviour", K.WARNING_SIGN),
    concept("criticism", "criticise", K.WARNING_SIGN),
    concept("feeling-like-the-problem", "feeling like the problem", K.BARRIER),
    concept("anger", "anger", K.EMOTION),
    concept("fear-of-blame", "fear of being blamed", K.BARRIER),
    concept("therapy-refusal", "therapy refusal", K.BEHAVIOR, "doesn't want couples therapy"),
    concept("lack-of-care", "lack of care", K.WARNING_SIGN),
    concept("openness", "openness", K.SKILL),
    concept("avoidance", "avoidance", K.BEHAVIOR),
    concept("jealousy", "jealousy", K.EMOTION, "jealous"),
    concept("reassurance", "reassurance", K.NEED),
    concept("self-harm", "self-harm", K.WARNING_SIGN),
    concept("lgbtq-relationship", "LGBTQ+ relationship", K.RELATIONSHIP_TYPE),
]})


@pytest.fixture(scope="module")
def extractor():
    return Extractor(TAXONOMY)


def article(*paragraphs, title="A title", heading=None, items=()):
    triples = [("heading", title, 1)]
    if heading:
        triples.append(("heading", heading, 2))
    triples += [("paragraph", p, 0) for p in paragraphs]
    triples += [("list_item", i, 0) for i in items]
    return Document("doc", "article", title, make_blocks(triples), "doc.txt", "0")


def found(extractor, *paragraphs, **kw):
    doc = article(*paragraphs, **kw)
    return [(m.concept, m.text) for m in extractor.mentions(doc) if m.block > 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He withdraws when we argue.", [("withdrawer", "withdraws")]),
        ("She kept withdrawing.", [("withdrawer", "withdrawing")]),
        ("He withdrew again.", [("withdrawer", "withdrew")]),
        ("His withdrawal hurt.", [("withdrawal", "withdrawal")]),
        ("The withdrawers in couples", [("withdrawer", "withdrawers")]),
        ("It felt like the partner who pulled away had won.",
         [("withdrawer", "partner who pulled away")]),
        ("Both partners were criticising each other.", [("criticism", "criticising")]),
        ("Both partners were criticizing each other.", [("criticism", "criticizing")]),
    ],
)
def test_inflections_match(extractor, text, expected):
    assert found(extractor, text) == expected


@pytest.mark.parametrize(
    "written",
    ["pursue-withdraw cycle", "pursue–withdraw cycle", "pursue—withdraw cycle",
     "pursue withdraw cycle", "Pursue/Withdraw Cycle", "pursue - withdraw cycle",
     "pursuer–withdrawer cycle", "pursuer-distancer"],
)
def test_dashes_slashes_and_case_do_not_matter(extractor, written):
    assert [c for c, _ in found(extractor, f"They are caught in a {written} again.")] == [
        "pursue-withdraw-cycle"
    ]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("We tried couples counseling last year.", "couples-therapy"),
        ("We tried Couples Counselling last year.", "couples-therapy"),
        ("Controlling behavior is a red flag.", "controlling-behaviour"),
        ("Controlling behaviours are red flags.", "controlling-behaviour"),
        ("I keep feeling like the “problem” here.", "feeling-like-the-problem"),
        ("I keep feeling like the 'problem' here.", "feeling-like-the-problem"),
        ("It is a fear of being blamed.", "fear-of-blame"),
        ("It is their fear of being   blamed.", "fear-of-blame"),
        ("Any self harm needs care.", "self-harm"),
        ("Many LGBTQ+ relationships thrive.", "lgbtq-relationship"),
    ],
)
def test_spelling_quotes_and_spacing_variants(extractor, text, slug):
    assert [c for c, _ in found(extractor, text)] == [slug]


def test_longest_match_wins_and_is_counted_once(extractor):
    assert found(extractor, "Emotional abuse and couples therapy.") == [
        ("emotional-abuse", "Emotional abuse"), ("couples-therapy", "couples therapy")
    ]
    assert found(extractor, "Abuse is never ok; therapy helps.") == [
        ("abuse", "Abuse"), ("therapy", "therapy")
    ]


def test_a_contraction_in_a_label_is_matched_whole(extractor):
    assert found(extractor, "My partner doesn’t want couples therapy.") == [
        ("therapy-refusal", "doesn’t want couples therapy")
    ]


@pytest.mark.parametrize(
    "text",
    ["There is danger here.", "Dangerous roads.", "The therapist called.", "Fear, of being blamed."],
)
def test_no_match_inside_words_or_across_punctuation(extractor, text):
    assert [c for c, _ in found(extractor, text) if c in {"anger", "therapy", "fear-of-blame"}] == []


def test_possessive_still_matches(extractor):
    assert found(extractor, "The withdrawer's silence.") == [("withdrawer", "withdrawer")]
    assert found(extractor, "We went to couple’s therapy.") == [
        ("couples-therapy", "couple’s therapy")
    ]


def test_phrases_do_not_cross_blocks(extractor):
    doc = article("We tried couples", "therapy helped.")
    assert [m.concept for m in extractor.mentions(doc)] == ["therapy"]


def test_headings_and_list_items_count_with_block_and_section(extractor):
    doc = article("Intro text.", title="Jealousy in couples", heading="When anger shows",
                  items=["reassurance", "avoidance of talks"])
    got = [(m.concept, m.block, doc.blocks[m.block].kind, m.section)
           for m in extractor.mentions(doc)]
    assert got == [
        ("jealousy", 0, "heading", None),
        ("anger", 1, "heading", "When anger shows"),
        ("reassurance", 3, "list_item", "When anger shows"),
        ("avoidance", 4, "list_item", "When anger shows"),
    ]


def test_mention_records_span_sentence_and_document(extractor):
    doc = article("First sentence here. He felt jealous.It happened again.")
    (m,) = extractor.mentions(doc)
    text = doc.text
    assert (m.concept, m.document, m.text) == ("jealousy", "doc", "jealous")
    assert text[m.start:m.end] == "jealous"
    assert m.sentence == "He felt jealous."
    assert text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence
    assert m.negated is False


def test_sentences_split_glued_ends_and_never_cross_blocks(extractor):
    doc = article("You are not worthless.Seriously, you are not! Dr. Lee agrees", title="Title")
    got = [doc.text[s:e] for s, e in extractor.sentences(doc)]
    assert got == ["Title", "You are not worthless.", "Seriously, you are not!", "Dr. Lee agrees"]


def test_an_empty_taxonomy_finds_nothing():
    assert Extractor(Taxonomy({})).mentions(article("Anger and jealousy.")) == []
