"""Relation cues on small hand-made documents and, when present, the Jo Watson seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contentgraph.loaders.cues import find_cues
from contentgraph.loaders.model import Document, Mention, make_blocks
from contentgraph.taxonomy.model import Concept, ConceptKind, Taxonomy

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"

VOCAB = {
    "stonewalling": ("stonewalling", ConceptKind.BEHAVIOR),
    "loneliness": ("loneliness", ConceptKind.EMOTION),
    "contempt": ("contempt", ConceptKind.WARNING_SIGN),
    "emotional abuse": ("emotional-abuse", ConceptKind.WARNING_SIGN),
    "pursuer": ("pursuer", ConceptKind.CYCLE_ROLE),
    "withdrawer": ("withdrawer", ConceptKind.CYCLE_ROLE),
    "pursue-withdraw cycle": ("pursue-withdraw-cycle", ConceptKind.RELATIONSHIP_CYCLE),
    "couples therapy": ("couples-therapy", ConceptKind.THERAPY_MODALITY),
    "recurring conflict": ("recurring-conflict", ConceptKind.BEHAVIOR),
    "therapy refusal": ("therapy-refusal", ConceptKind.BARRIER),
    "fear of blame": ("fear-of-blame", ConceptKind.BARRIER),
    "shame": ("shame", ConceptKind.EMOTION),
    "curiosity": ("curiosity", ConceptKind.SKILL),
    "criticism": ("criticism", ConceptKind.BEHAVIOR),
    "care": ("care", ConceptKind.NEED),
}
TAXONOMY = Taxonomy({slug: Concept(slug, label, kind) for label, (slug, kind) in VOCAB.items()})
_SENTENCE = re.compile(r"[^.!?:]+[.!?:]?")


def make_doc(items, negate=()):
    """A document from (kind, text, level) triples, its mentions of VOCAB and its sentences."""
    blocks = make_blocks([("heading", "Test", 1), *items])
    doc = Document("doc", "article", "Test", blocks, "doc.txt", "hash")
    text = doc.text
    mentions, sentences = [], []
    for index, block in enumerate(blocks):
        for s in _SENTENCE.finditer(block.text):
            sentences.append((block.start + s.start(), block.start + s.end()))
        for label, (slug, _) in VOCAB.items():
            for m in re.finditer(re.escape(label), block.text, re.I):
                start, end = block.start + m.start(), block.start + m.end()
                sent = next(s for s in sentences if s[0] <= start < s[1])
                mentions.append(Mention(slug, doc.slug, index, block.section, text[sent[0]:sent[1]],
                                        sent[0], start, end, text[start:end], slug in negate))
    return doc, mentions, sentences


def relations(items, negate=()):
    doc, mentions, sentences = make_doc(items, negate)
    return {(c.source, c.kind, c.target) for c in find_cues(doc, mentions, sentences, TAXONOMY)}


@pytest.mark.parametrize("sentence, expected", [
    ("Stonewalling can lead to loneliness.", ("stonewalling", "CAUSES", "loneliness")),
    ("Stonewalling often results in loneliness.", ("stonewalling", "CAUSES", "loneliness")),
    ("Loneliness is often caused by stonewalling.", ("stonewalling", "CAUSES", "loneliness")),
    ("Loneliness can stem from stonewalling.", ("stonewalling", "CAUSES", "loneliness")),
    ("Contempt may be a sign of emotional abuse.", ("contempt", "SIGNALS", "emotional-abuse")),
    ("Contempt indicates emotional abuse.", ("contempt", "SIGNALS", "emotional-abuse")),
    ("The pursuer is part of the pursue-withdraw cycle.", ("pursuer", "PART_OF", "pursue-withdraw-cycle")),
    ("Couples therapy helps with recurring conflict.",
     ("recurring-conflict", "TREATED_BY", "couples-therapy")),
    ("Try curiosity rather than criticism.", ("curiosity", "CONTRASTS_WITH", "criticism")),
    ("Unlike criticism, curiosity invites an answer.", ("curiosity", "CONTRASTS_WITH", "criticism")),
])
def test_sentence_cue_states_relation(sentence, expected):
    assert expected in relations([("paragraph", sentence, 0)])


def test_cause_reaches_coordinated_objects():
    found = relations([("paragraph", "Stonewalling can lead to loneliness and shame.", 0)])
    assert {("stonewalling", "CAUSES", "loneliness"), ("stonewalling", "CAUSES", "shame")} <= found


@pytest.mark.parametrize("sentence", [
    "Stonewalling does not lead to loneliness.",
    "Stonewalling never causes loneliness.",
    "Therapy refusal does not automatically mean a lack of care.",
    "Contempt is not necessarily a sign of emotional abuse.",
    "Can stonewalling lead to loneliness?",
    "Stonewalling and loneliness were discussed.",
    "Shame about the stonewalling that caused so much loneliness.",
    "Couples therapy can help with symptoms, while criticism stays.",
])
def test_negated_hedged_or_cue_free_sentence_states_nothing(sentence):
    assert relations([("paragraph", sentence, 0)]) == set()


def test_negated_mention_creates_no_edge():
    assert relations([("paragraph", "Stonewalling can lead to loneliness.", 0)],
                     negate={"stonewalling"}) == set()


def test_list_items_join_the_lead_in_concept():
    found = relations([("paragraph", "Signs of therapy refusal may include:", 0),
                       ("list_item", "fear of blame", 0), ("list_item", "shame about asking", 0),
                       ("paragraph", "Each one deserves patience.", 0)])
    assert found == {("fear-of-blame", "ASSOCIATED_WITH", "therapy-refusal"),
                     ("shame", "ASSOCIATED_WITH", "therapy-refusal")}


def test_list_under_conceptless_lead_in_uses_section_heading():
    found = relations([("heading", "When therapy refusal worries you", 2),
                       ("paragraph", "Concerns may include:", 0),
                       ("paragraph", "repeated contempt", 0), ("paragraph", "emotional abuse", 0)])
    assert found == {("contempt", "ASSOCIATED_WITH", "therapy-refusal"),
                     ("emotional-abuse", "ASSOCIATED_WITH", "therapy-refusal")}


def test_quoted_items_are_not_members():
    found = relations([("heading", "Talking about therapy refusal", 2),
                       ("paragraph", "Phrases like:", 0),
                       ("list_item", "\u201cYour shame is the problem\u201d", 0),
                       ("list_item", "fear of blame", 0)])
    assert found == {("fear-of-blame", "ASSOCIATED_WITH", "therapy-refusal")}


def test_roles_listed_under_a_cycle_are_part_of_it():
    found = relations([("heading", "The pursue-withdraw cycle", 2),
                       ("paragraph", "Partners take turns:", 0),
                       ("list_item", "the pursuer asks for more", 0),
                       ("list_item", "the withdrawer steps back", 0)])
    assert ("pursuer", "PART_OF", "pursue-withdraw-cycle") in found
    assert ("withdrawer", "PART_OF", "pursue-withdraw-cycle") in found


def test_evidence_is_the_sentence_with_both_concepts_highlighted():
    doc, mentions, sentences = make_doc([("paragraph", "Stonewalling can lead to loneliness.", 0)])
    [cue] = find_cues(doc, mentions, sentences)
    assert cue.evidence.text == "Stonewalling can lead to loneliness."
    assert [cue.evidence.text[s:e] for s, e in cue.evidence.highlights] == ["Stonewalling",
                                                                             "loneliness"]
    assert doc.text[cue.evidence.start:cue.evidence.end] == cue.evidence.text
