"""Typography does not change what is found: plain ASCII text and the same text with curly
quotes, long dashes, odd spaces or accented words give the same mentions, flags and relations
(the extractor takes quicker paths for ASCII text), and offsets stay right across runs of spaces
and blank lines. Sentences written for these tests."""

import pytest

from contentgraph.loaders.cues import find_cues
from contentgraph.loaders.extract import Extractor
from contentgraph.loaders.model import Document, make_blocks
from contentgraph.taxonomy.model import Concept, ConceptKind, LabelContext, Taxonomy

K = ConceptKind
TAXONOMY = Taxonomy({c.slug: c for c in [
    Concept("abuse", "abuse", K.WARNING_SIGN), Concept("stress", "stress", K.EMOTION),
    Concept("anxiety", "anxiety", K.EMOTION), Concept("shame", "shame", K.EMOTION),
    Concept("conflict", "conflict", K.BEHAVIOR,
            context=[LabelContext(("fight",), ("partner", "each other"))]),
    Concept("rejection", "feel * rejected", K.EMOTION),
    Concept("seeking-help", "see * therapist", K.BEHAVIOR, unless=["your therapist"]),
]})
EXTRACTOR = Extractor(TAXONOMY)


def extract(*paragraphs):
    doc = Document("d", "article", "T", make_blocks([("heading", "T", 1)] + [
        ("paragraph", p, 0) for p in paragraphs]), "d.txt", "0")
    mentions = EXTRACTOR.mentions(doc)
    cues = find_cues(doc, mentions, TAXONOMY)
    return doc, mentions, cues


def found(*paragraphs):
    _, mentions, cues = extract(*paragraphs)
    return ([(m.concept, m.text.lower(), m.negated, m.hypothetical) for m in mentions],
            sorted((c.source, c.kind, c.target) for c in cues))


@pytest.mark.parametrize(("plain", "typographic"), [
    ("It isn't abuse - it's stress.", "It isn’t abuse — it’s stress."),
    ("She didn't \"fight\" with her partner.", "She didn’t “fight” with her partner."),
    ("If you bring it up you might start a fight with each other.",
     "If you bring it up you might start a fight with each other\u00a0\u2026"),
    ("I feel so rejected when we fight, and it doesn't mean abuse.",
     "I feel so rejected when we fight, and it doesn’t mean abuse."),
    ("Stress can lead to anxiety. Shame is not necessarily abuse.",
     "Stress can lead to anxiety. Shame is not necessarily abuse (café)."),
    ("Stress can lead to anxiety - and \"shame\" comes from abuse.",
     "Stress can lead to anxiety — and “shame” comes from abuse."),
    ("It is the underlying cause of anxiety: stress.",
     "It is the underlying cause of anxiety: stress…"),
    ("You may want to see a therapist, and stress does not lead to shame.",
     "You may want to see a therapist — and stress does not lead to shame."),
])
def test_typographic_text_reads_like_plain_text(plain, typographic):
    assert found(plain) == found(typographic)
    assert found(plain)[0]


def test_each_finding_of_the_plain_sentences_is_what_the_text_says():
    mentions, cues = found("It isn't abuse - it's stress.", "Stress can lead to anxiety.",
                           "We fight with each other.", "I feel so rejected.",
                           "Talk to your therapist.", "Try to see a therapist.")
    assert ("abuse", "abuse", True, False) in mentions
    assert ("stress", "stress", False, False) in mentions
    assert ("conflict", "fight", False, False) in mentions
    assert ("rejection", "feel so rejected", False, False) in mentions
    assert [m for m in mentions if m[0] == "seeking-help"] == [
        ("seeking-help", "see a therapist", False, False)]
    assert cues == [("stress", "CAUSES", "anxiety")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Stress is the root cause of anxiety.", [("stress", "CAUSES", "anxiety")]),
    ("Stress is the underlying cause of anxiety.", []),  # "cause" is a noun here
    ("Stress, stress and more stress rather than shame.", [("stress", "CONTRASTS_WITH", "shame")]),
    ("Anxiety can lead to more anxiety.", []),
])
def test_relations_of_a_sentence(sentence, expected):
    assert found(sentence)[1] == expected


def test_offsets_hold_across_runs_of_spaces_and_blank_lines():
    doc, mentions, _ = extract("Stress  and   abuse\n\n\n  hurt.   Anxiety   follows  stress.",
                               "It isn't  abuse.")
    assert [m.text for m in mentions] == ["Stress", "abuse", "Anxiety", "stress", "abuse"]
    for m in mentions:
        assert doc.text[m.start:m.end] == m.text
        assert doc.text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence
        assert m.text in m.sentence
    assert [m.negated for m in mentions] == [False, False, False, False, True]
