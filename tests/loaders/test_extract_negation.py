"""Negation and contrast: a flipped mention is kept and marked, an affirmed one is not."""

import pytest

from contentgraph.loaders.extract import Extractor
from contentgraph.loaders.model import Document, make_blocks
from contentgraph.taxonomy.model import Concept, ConceptKind, Taxonomy

LABELS = {
    "abuse": "abuse", "lack-of-care": "lack of care", "couples-therapy": "couples therapy",
    "openness": "openness", "avoidance": "avoidance", "jealousy": "jealous",
    "gaslighting": "gaslighting", "blame": "blame", "roommate-syndrome": "roommates",
    "partnership": "partners", "infidelity": "infidelity", "commitment": "commitment",
}
TAXONOMY = Taxonomy({s: Concept(s, label, ConceptKind.WARNING_SIGN) for s, label in LABELS.items()})


@pytest.fixture(scope="module")
def extractor():
    return Extractor(TAXONOMY)


def negation_of(extractor, sentence):
    doc = Document("d", "answer", "", make_blocks([("paragraph", sentence, 0)]), "d", "0")
    return {m.concept: m.negated for m in extractor.mentions(doc)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("This is not a sign of abuse.", {"abuse": True}),
        ("It is not necessarily a lack of care.", {"lack-of-care": True}),
        ("Turning down couples therapy does not always signal a lack of care or commitment.",
         {"couples-therapy": False, "lack-of-care": True, "commitment": True}),
        ("He did not bring up the past at all and commitment came later.", {"commitment": False}),
        ("That doesn't mean it's gaslighting.", {"gaslighting": True}),
        ("That doesn’t mean it’s gaslighting.", {"gaslighting": True}),
        ("It can trigger avoidance rather than openness.", {"avoidance": False, "openness": True}),
        ("They feel like roommates rather than partners.",
         {"roommate-syndrome": False, "partnership": True}),
        ("Try openness instead of blame.", {"openness": False, "blame": True}),
        ("We work on this without blame.", {"blame": False}),
        ("Don't blame him for it.", {"blame": False}),
        ("Never blame yourself.", {"blame": False}),
        ("Try to not blame each other.", {"blame": False}),
        ("I don't blame him.", {"blame": True}),
        ("I do not blame him.", {"blame": True}),
        ("There was no infidelity.", {"infidelity": True}),
        ("He never showed jealous behavior.", {"jealousy": True}),
        ("Abuse is never acceptable.", {"abuse": False}),
        ("It is not only abuse, it is gaslighting.", {"abuse": False, "gaslighting": False}),
        ("It is not just jealous feelings.", {"jealousy": False}),
        ("Don't ignore the signs of abuse.", {"abuse": False}),
        ("I can't stop feeling jealous.", {"jealousy": False}),
        ("Don't give up on couples therapy.", {"couples-therapy": False}),
        ("No matter what, abuse is not your fault.", {"abuse": False}),
        ("It is no secret that infidelity hurts.", {"infidelity": False}),
        ("Whether or not you try couples therapy, talk.", {"couples-therapy": False}),
        ("It is not easy, but couples therapy helps.", {"couples-therapy": False}),
        ("I don't know why, but he is jealous.", {"jealousy": False}),
        ("He did not call; the abuse went on.", {"abuse": False}),
        ("He did not say much about what happened that night with the abuse.", {"abuse": False}),
        ("Gaslighting is real.", {"gaslighting": False}),
        ("I wouldn't call it abuse.", {"abuse": True}),
        ("It is not that he is not jealous.", {"jealousy": True}),
        ("I do not know\u2026 Abuse is everywhere.", {"abuse": False}),  # a cue before the sentence
        ("I am not sure, in the end, about abuse.", {"abuse": False}),
    ],
)
def test_negation_and_contrast(extractor, sentence, expected):
    assert negation_of(extractor, sentence) == expected
