"""The shared normalisation: labels and text must meet on the same words."""

import pytest

from contentgraph.taxonomy.normalize import normalize_phrase, normalize_token, word_spans


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Behaviour", "behaviors"),
        ("couples counselling", "Couples Counseling"),
        ("recognising", "recognized"),
        ("withdrawing", "withdraws"),
        ("Pursue–withdraw", "pursue-withdraw"),
        ("pursue—withdraw", "pursue withdraw"),
        ("judgemental partner’s", "judgmental partner's"),
        ("feeling like the “problem”", "feeling like the problem"),
        ("the pursuers", "The Pursuer"),
        ("withdrawers", "withdrawer"),
        ("criticising", "criticizes"),
    ],
)
def test_variants_normalise_to_the_same_phrase(a, b):
    assert normalize_phrase(a) == normalize_phrase(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("doesn't", "does"), ("withdrawal", "withdraw"), ("can't", "can"), ("abusive", "abuse")],
)
def test_distinct_words_stay_distinct(a, b):
    assert normalize_phrase(a) != normalize_phrase(b)


def test_word_spans_keep_offsets_into_the_original_text():
    text = "He “withdraws”—often."
    spans = word_spans(text)
    assert [(text[s:e], w) for s, e, w in spans] == [
        ("He", "he"), ("withdraws", "withdraw"), ("often", "often")
    ]


def test_normalize_token_is_case_insensitive():
    assert normalize_token("Withdrawing") == normalize_token("withdrawing") == "withdraw"
