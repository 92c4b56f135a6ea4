"""Termhood: whether a frequent phrase is a term of the field or just English.

A candidate phrase becomes a concept when the practice's writing uses it as a name for something
("people pleasing", "trust issues"), not when it is a turn of phrase every text has ("move
forward", "keep in mind", "ask questions"). The signals, each explainable:

- **shape**: a term is a noun phrase (Justeson and Katz's pattern: adjectives and nouns, perhaps
  joined by "of" or "and", ending in a noun; word classes from lemminflect's lexicon). No
  pronoun, modal, auxiliary, verb of speech, number, article or possessive is part of one, nor
  "to" (an infinitive: "place to start"), nor is it in another language;
- **use**: a term is not used as a verb ("to move forward", "you can ask") and is not a name
  (written capitalised inside sentences: places, people, books);
- **specificity**: how rare its words are in general English, from wordfreq's frequencies (Zipf
  values: 6 is "the", 3 a word met once per million);
- **neighbourhood**: how often the sentences using it also name a known concept.

>>> is_term_shaped(["people", "please"]), is_term_shaped(["therapist", "can", "help"])
(True, False)
>>> is_noun_phrase("silent treatment".split()), is_noun_phrase("work together".split())
(True, False)
>>> specificity("people pleasing") > specificity("move forward")
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from ..taxonomy.model import ConceptKind, Taxonomy
from ..taxonomy.normalize import normalize_phrase

# Words that never start or end a phrase (compared after normalisation).
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing don done down during each either
else even ever every few for from further get gets getting got had has have having he her here
hers herself him himself his how however i if in into is it its itself just least less let like
many may me might more most much must my myself neither never no nor not now of off often on
once one only or other others otherwise our ours ourselves out over own per perhaps quite rather
really same say says see seem seems shall she should since so some something sometimes still
such than that the their theirs them themselves then there these they thing things this those
though through thus to too toward under until up upon us use used very want was way we well were
what whatever when where whether which while who whom whose why will with within without would
yet you your yours yourself yourselves make makes made go goes going gone come comes came take
takes took know knows knew think thinks thought feel feels felt try tries tried need needs let
lot lots kind sort able also maybe okay ok yes yeah etc e g ie eg s t re ll ve d m good great
best better first next last new another sure glad sorry luck hope thanks thank wish important
helpful different little big whole real true hard easy right ago year month week day hour minute
time old today tomorrow yesterday two three four five six seven eight nine ten
""".split())
INNER_WORDS = frozenset("of and or in for with on from about at".split())
# Words no term contains anywhere: pronouns, modals and auxiliaries, relative words, verbs of
# speech and of vague doing, generic nouns and hedges (lemmas).
NOT_IN_TERMS = frozenset("""
i me my mine myself you your yours yourself he him his himself she her hers herself it its itself
we us our ours ourselves they them their theirs themselves someone somebody something anyone
anybody anything everyone everybody everything nobody nothing one ones this that these those
who whom whose which what where when why how a an the
can could would should might may must will shall do be have get got
say tell ask talk speak mention explain discuss answer reply write call suggest recommend
encourage advise question respond chat hear listen
find try make go come take keep put look seem let reach
thing way lot bit kind sort point case
very really quite just also even still always never often sometimes maybe perhaps probably
""".split())
# A word just before a phrase that shows it is used as a verb ("to move forward", "we ask").
VERBAL_BEFORE = frozenset("""
to can could would should might may must will shall i you we they he she not never
don't doesn't didn't won't can't let's
""".split())
# Closed-class words lemminflect's lexicon lacks (it has open classes only): never a noun.
PARTICLES = frozenset("""
onto into upon unto toward towards among amongst whereas whilst via versus per despite beside
besides beneath underneath alongside nor
""".split())
OTHER_LANGUAGES = ("es", "fr", "de", "pt", "it")
FOREIGN_MARGIN = 1.5  # Zipf points by which another language must know a word better
COMMON_ZIPF, RARE_ZIPF = 6.0, 3.0


def is_term_shaped(words: list[str]) -> bool:
    """Whether normalised ``words`` could name a concept: no word of ``NOT_IN_TERMS`` or with a
    digit, only ``INNER_WORDS`` among the stop words inside, not in another language."""
    if any(w in NOT_IN_TERMS or any(c.isdigit() for c in w) for w in words):
        return False
    if words[0] in STOP_WORDS or words[-1] in STOP_WORDS:
        return False
    if any(w in STOP_WORDS and w not in INNER_WORDS for w in words[1:-1]):
        return False
    return sum(_is_foreign(w) for w in words) * 2 < len(words)


def is_noun_phrase(words: list[str]) -> bool:
    """Whether ``words`` as written (lower case) form a noun phrase: each word an adjective or a
    noun (an "-ing" form counts as a noun; a word the lexicon lacks, such as "gaslighting", too),
    "of"/"and"/"or" between them, the head a noun; an adverb only to open three or more words
    ("emotionally focused therapy")."""
    head = head_word(words)
    if any(w.endswith(("'s", "\u2019s")) for w in words):  # "child's father": a possessive
        return False
    for i, word in enumerate(words):
        if word in INNER_WORDS and 0 < i < len(words) - 1:
            continue
        classes = _classes(word)
        if word == head and not classes & {"NOUN", "PROPN"}:
            return False
        if not classes & {"NOUN", "ADJ", "PROPN"} and not (i == 0 and len(words) >= 3
                                                           and "ADV" in classes):
            return False
    return True


def is_verbal_use(before: str | None) -> bool:
    """Whether the word before a use of a phrase makes the phrase a verb ("to", "can", "you")."""
    return before in VERBAL_BEFORE


def load_lexicons() -> None:
    """Load the word frequencies and word classes the checks below read (a few seconds and 100
    MB the first time; they are loaded when first needed otherwise)."""
    from lemminflect import getAllLemmas
    from wordfreq import zipf_frequency

    getAllLemmas("term")
    for lang in ("en", *OTHER_LANGUAGES):
        zipf_frequency("term", lang)


def specificity(phrase: str) -> float:
    """How far the phrase's words are from everyday English, in [0.05, 1]: 1 when general
    English hardly uses them (a mean Zipf frequency of 3 or less), near 0 for the commonest words
    (Zipf 6). Stop words inside ("fear of") do not count."""
    from wordfreq import zipf_frequency  # here: loading it takes a second and 100 MB, and only
    #                                      ranking candidate terms needs it (not the workers
    #                                      extracting files, not the server)

    words = [w for w in phrase.split() if w not in STOP_WORDS] or phrase.split()
    zipf = sum(zipf_frequency(w, "en") for w in words) / len(words)
    return min(1.0, max(0.05, (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)))


@lru_cache(maxsize=65536)
def _classes(word: str) -> frozenset[str]:
    """Word classes the word can have; an unknown word or an "-ing"/"-ed" form may be a noun or
    an adjective (gerunds, participles: "coping skills", "focused therapy")."""
    from lemminflect import getAllLemmas  # here, as wordfreq in ``specificity``

    if word in PARTICLES or word in STOP_WORDS:
        return frozenset()
    classes = set(getAllLemmas(word))
    if not classes or word.endswith("ing"):
        classes.add("NOUN")
    if word.endswith("ed"):
        classes.add("ADJ")
    return frozenset(classes)


@lru_cache(maxsize=65536)
def _is_foreign(word: str) -> bool:
    from wordfreq import zipf_frequency  # here, as in ``specificity``

    english = zipf_frequency(word, "en")
    return max(zipf_frequency(word, lang) for lang in OTHER_LANGUAGES) > english + FOREIGN_MARGIN


class KindGuesser:
    """Guesses a candidate's concept kind from its head word, as the taxonomy's own labels use
    it ("... therapy" names therapy modalities, "... disorder" conditions), else from the kinds of
    the concepts named beside it when most of them agree."""

    def __init__(self, taxonomy: Taxonomy):
        heads: dict[str, Counter] = {}
        for concept in taxonomy:
            for name in (concept.label, *concept.alt_labels):
                words = normalize_phrase(name).split()
                if words and is_noun_phrase(name.lower().split()):  # not "seek therapy"
                    heads.setdefault(head_word(words), Counter())[concept.kind] += 1
        self._heads = {head: kind for head, kinds in heads.items()
                       for kind, n in kinds.most_common(1)
                       if n >= 2 and n >= 0.6 * sum(kinds.values())}

    def guess(self, words: list[str], neighbours: Iterable[ConceptKind] = ()) -> ConceptKind | None:
        """The kind of the phrase of normalised ``words``; ``neighbours``: kinds of the concepts
        in the sentences that use it."""
        by_head = self._heads.get(head_word(words))
        if by_head is not None:
            return by_head
        seen = Counter(neighbours)
        for kind, n in seen.most_common(1):
            if n >= 3 and n >= 0.4 * sum(seen.values()):
                return kind
        return None


def head_word(words: list[str]) -> str:
    """The word an English noun phrase is about: the last, or the one before "of" ("fear of
    intimacy" is a fear)."""
    return words[words.index("of") - 1] if "of" in words[1:] else words[-1]
