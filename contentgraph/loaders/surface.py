"""Surface forms of a label: every way the text may write it that normalises to the label.

The matcher scans lower-cased text for these forms instead of lemmatising every word of every
document: the result is the same (each form is checked against ``normalize_token``), and the
scan runs at Aho-Corasick speed. A word's candidate forms come from simplemma's English lookup
table read backwards (irregular forms: withdrew, children), regular inflections of words the
table does not know, and the UK/US spelling table; only candidates that normalise to the same
word are kept.

>>> sorted(word_forms("withdraw"))
['withdraw', 'withdrawed', 'withdrawing', 'withdrawn', 'withdraws', 'withdrew']
>>> "counselling" in word_forms("counseling")
True
"""

from __future__ import annotations

import itertools
from functools import lru_cache

from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

from ..taxonomy.normalize import LEMMA_FIXES, NOT_LEMMATISED, UK_TO_US, WORD_RE, normalize_token

# Above this many surface forms for one label, the rarest combinations are not generated.
MAX_FORMS_PER_LABEL = 1024


@lru_cache(maxsize=1)
def _forms_by_lemma() -> dict[str, list[str]]:
    """simplemma's English table read backwards: lemma -> the words it lemmatises."""
    table: dict[str, list[str]] = {}
    for word, lemma in DEFAULT_DICTIONARY_FACTORY.get_dictionary("en").items():
        table.setdefault(lemma.lower(), []).append(word.lower().replace("\u2019", "'"))
    return table


@lru_cache(maxsize=1)
def _uk_by_us() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for uk, us in UK_TO_US.items():
        table.setdefault(us, []).append(uk)
    return table


def _inflections(word: str) -> set[str]:
    """Regular English inflections of ``word`` (some are not words; they are checked later)."""
    forms = {word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("y") and len(word) > 2:
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


# Auxiliaries: their forms, without the table's contractions and oddities ("ai", "wass").
_AUXILIARY_FORMS = {
    "be": ("be", "is", "are", "was", "were", "am", "been", "being"),
    "have": ("have", "has", "had", "having"),
    "do": ("do", "does", "did", "done", "doing"),
}


@lru_cache(maxsize=65536)
def word_forms(word: str) -> frozenset[str]:
    """Lower-case words that normalise like ``word`` (including ``word`` itself, lower-cased)."""
    target = normalize_token(word)
    lowered = word.lower().replace("\u2019", "'")
    if lowered.endswith("'s"):
        return word_forms(lowered[:-2])  # the text's "'s" is a word boundary to the matcher
    if "'" in lowered:
        return frozenset({lowered})
    if target in _AUXILIARY_FORMS:
        return frozenset(_AUXILIARY_FORMS[target])
    by_lemma, uk_by_us = _forms_by_lemma(), _uk_by_us()
    seeds = {lowered, target, *uk_by_us.get(target, ())}
    # Words the table lemmatises to a seed that normalises to the target normalise to it too.
    known = {f for seed in seeds if normalize_token(seed) == target for f in by_lemma.get(seed, ())}
    known -= {f for f in known if (f in UK_TO_US or f in NOT_LEMMATISED) and normalize_token(f) != target}
    known |= {f for f, lemma in LEMMA_FIXES.items() if lemma == target}
    guesses = set(seeds)
    for seed in seeds:
        if seed not in by_lemma:  # the table lists a known word's inflections already
            guesses |= _inflections(seed)
        guesses.update(uk_by_us.get(seed, ()))
    guesses = {g for g in guesses - known if normalize_token(g) == target}
    # Not the table's two-letter spellings ("ur" for "your"): too short to be worth a form.
    return frozenset(f for f in known | guesses if "'" not in f and (len(f) > 2 or f == lowered))


def phrase_forms(label: str) -> list[str]:
    """Lower-case surface forms of a label, its words joined by single spaces.

    >>> sorted(phrase_forms("Partner withdraws"))[:3]
    ['partner withdraw', 'partner withdrawed', 'partner withdrawing']
    """
    words = WORD_RE.findall(label.replace("\u2019", "'"))
    if not words:
        return []
    choices = [sorted(word_forms(w), key=lambda f: (f != w.lower(), len(f), f)) for w in words]
    forms = itertools.islice(itertools.product(*choices), MAX_FORMS_PER_LABEL)
    return [" ".join(combo) for combo in forms]
