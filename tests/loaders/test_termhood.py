"""Termhood: phrases of the field rank, phrases of English do not."""

from __future__ import annotations

import pytest

from contentgraph.loaders.termhood import (KindGuesser, is_noun_phrase, is_term_shaped,
                                           is_verbal_use, specificity)
from contentgraph.taxonomy.load import load_taxonomy
from contentgraph.taxonomy.model import ConceptKind


@pytest.mark.parametrize("words", [["attachment", "wound"], ["fear", "of", "intimacy"],
                                   ["sleep", "hygiene"], ["people", "please"]])
def test_term_shapes(words):
    assert is_term_shaped(words)


@pytest.mark.parametrize("words", [
    ["therapist", "can", "help"],          # a modal: a clause, not a name
    ["talk", "to", "someone"],             # speech verb, pronoun
    ["ask", "question"],                   # speech verb
    ["place", "to", "start"],              # an infinitive
    ["the", "silent", "treatment"],        # a stop word at the edge
    ["early", "20s"],                      # a number
    ["cómo", "puedo"],                     # another language
])
def test_not_term_shapes(words):
    assert not is_term_shaped(words)


def test_noun_phrases_end_in_a_noun_and_hold_no_verb_or_possessive():
    assert is_noun_phrase(["silent", "treatment"])
    assert is_noun_phrase(["coping", "skills"])          # a gerund modifies the head
    assert is_noun_phrase(["emotionally", "focused", "therapy"])
    assert is_noun_phrase(["gaslighting", "tactics"])     # a word the lexicon lacks
    assert not is_noun_phrase(["work", "together"])       # head is an adverb
    assert not is_noun_phrase(["hold", "onto"])
    assert not is_noun_phrase(["completely", "normal"])   # an adverb opens two words
    assert not is_noun_phrase(["child's", "father"])      # a possessive


def test_a_phrase_after_to_or_a_pronoun_is_used_as_a_verb():
    assert is_verbal_use("to") and is_verbal_use("you") and is_verbal_use("can")
    assert not is_verbal_use("the") and not is_verbal_use(None)


def test_everyday_phrases_are_less_specific_than_terms_of_the_field():
    assert specificity("imposter syndrome") > specificity("daily life")
    assert specificity("hypervigilance") > specificity("long term")
    assert 0 < specificity("time") <= specificity("codependency") <= 1


def test_kind_is_guessed_from_the_head_word_as_the_taxonomy_uses_it():
    guesser = KindGuesser(load_taxonomy())
    assert guesser.guess(["narrative", "therapy"]) is ConceptKind.THERAPY_MODALITY
    emotions = [ConceptKind.EMOTION] * 4 + [ConceptKind.NEED]
    assert guesser.guess(["quiet", "dread"], emotions) is ConceptKind.EMOTION
    assert guesser.guess(["quiet", "dread"], [ConceptKind.EMOTION]) is None  # too little to go on
