"""The one normalisation shared by taxonomy labels and document text.

A phrase is split into word tokens; each token is case-folded, its quotes and dashes unified,
British spellings mapped to American ones (a fixed table, not suffix rules) and lemmatised with
simplemma's English lookup table. Text and labels go through the same functions, so a label
matches a text span exactly when their token sequences normalise to the same words.

>>> normalize_phrase("Pursuer–Withdrawer cycles")
'pursuer withdrawer cycle'
>>> normalize_phrase("Couples Counselling") == normalize_phrase("couples counseling")
True
"""

from __future__ import annotations

import re

import simplemma

# Every dash and hyphen becomes "-", every quote becomes ' or ": one character for one, so the
# translated text keeps the original's offsets.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b\u2032`\u00b4"
DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb'
CHAR_TABLE = str.maketrans(
    {**{c: "-" for c in DASHES}, **{c: "'" for c in SINGLE_QUOTES},
     **{c: '"' for c in DOUBLE_QUOTES}, "\t": " ", "\r": " ", "\xa0": " "}
)

# A word token: letters/digits, with inner apostrophes ("doesn't", "partner's"). Dashes and
# slashes between words split tokens ("pursue-withdraw" -> pursue, withdraw), and quotes are not
# tokens, so they never block a phrase.
WORD_RE = re.compile(r"\w+(?:'\w+)*")

_UK_US_STEMS = {
    # -our / -or
    "behaviour": "behavior", "colour": "color", "honour": "honor", "favour": "favor",
    "favourite": "favorite", "humour": "humor", "neighbour": "neighbor", "labour": "labor",
    "rumour": "rumor", "savour": "savor", "endeavour": "endeavor", "harbour": "harbor",
    "vigour": "vigor", "candour": "candor", "rancour": "rancor", "valour": "valor",
    "armour": "armor", "ardour": "ardor", "clamour": "clamor", "odour": "odor",
    # -ise / -ize (listed verbs only: "compromise", "advise", "surprise" are the same in both)
    "recognis": "recogniz", "realis": "realiz", "apologis": "apologiz", "criticis": "criticiz",
    "prioritis": "prioritiz", "emphasis": "emphasiz", "minimis": "minimiz", "normalis": "normaliz",
    "organis": "organiz", "idealis": "idealiz", "sympathis": "sympathiz", "empathis": "empathiz",
    "traumatis": "traumatiz", "stigmatis": "stigmatiz", "socialis": "socializ",
    "personalis": "personaliz", "rationalis": "rationaliz", "internalis": "internaliz",
    "externalis": "externaliz", "verbalis": "verbaliz", "visualis": "visualiz", "utilis": "utiliz",
    "maximis": "maximiz", "summaris": "summariz", "categoris": "categoriz",
    "characteris": "characteriz", "jeopardis": "jeopardiz", "agonis": "agoniz",
    "antagonis": "antagoniz", "patronis": "patroniz", "scrutinis": "scrutiniz",
    "stabilis": "stabiliz", "sensitis": "sensitiz", "desensitis": "desensitiz",
    "demonis": "demoniz", "catastrophis": "catastrophiz", "romanticis": "romanticiz",
    "fantasis": "fantasiz", "memoris": "memoriz", "specialis": "specializ", "finalis": "finaliz",
    "optimis": "optimiz", "harmonis": "harmoniz", "mobilis": "mobiliz", "moralis": "moraliz",
    "legitimis": "legitimiz", "victimis": "victimiz", "vandalis": "vandaliz",
    "hospitalis": "hospitaliz", "institutionalis": "institutionaliz", "pathologis": "pathologiz",
    "marginalis": "marginaliz", "dramatis": "dramatiz", "energis": "energiz", "mesmeris": "mesmeriz",
    "ostracis": "ostraciz", "tantalis": "tantaliz", "terroris": "terroriz", "theoris": "theoriz",
    "analys": "analyz", "paralys": "paralyz", "catalys": "catalyz",
    # -ll- / -l-
    "counsell": "counsel", "travell": "travel", "cancell": "cancel", "labell": "label",
    "modell": "model", "fuell": "fuel", "signall": "signal", "channell": "channel",
    "quarrell": "quarrel", "marvell": "marvel", "levell": "level", "totall": "total",
}
_STEM_SUFFIXES = ("", "s", "e", "es", "ed", "ing", "er", "ers", "or", "ors", "al", "ally",
                  "ful", "ite", "ites", "able", "ation", "ations", "ationally", "ational",
                  "ative", "ism", "ist", "ists", "ous", "ly")
_UK_US_WORDS = {
    "judgement": "judgment", "judgements": "judgments", "judgemental": "judgmental",
    "acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
    "ageing": "aging", "grey": "gray", "programme": "program", "programmes": "programs",
    "mum": "mom", "mums": "moms", "mummy": "mommy", "practise": "practice",
    "practised": "practiced", "practises": "practices", "practising": "practicing",
    "sceptical": "skeptical", "sceptic": "skeptic", "scepticism": "skepticism",
    "centre": "center", "centres": "centers", "centred": "centered", "theatre": "theater",
    "fibre": "fiber", "defence": "defense", "defences": "defenses", "offence": "offense",
    "offences": "offenses", "pretence": "pretense", "licence": "license", "catalogue": "catalog",
    "enrol": "enroll", "enrolment": "enrollment", "fulfil": "fulfill", "fulfilment": "fulfillment",
    "fulfils": "fulfills", "skilful": "skillful", "skilfully": "skillfully", "wilful": "willful",
    "whilst": "while", "amongst": "among", "learnt": "learned", "spelt": "spelled",
    "dreamt": "dreamed", "burnt": "burned", "leant": "leaned", "spoilt": "spoiled",
    "paediatric": "pediatric", "anaesthetic": "anesthetic", "foetus": "fetus",
    "oestrogen": "estrogen", "manoeuvre": "maneuver", "manoeuvres": "maneuvers",
    "jewellery": "jewelry", "cheque": "check", "tyre": "tire", "kerb": "curb",
    "towards": "toward", "afterwards": "afterward", "upwards": "upward",
}


def _uk_us_table() -> dict[str, str]:
    table = {uk + sfx: us + sfx for uk, us in _UK_US_STEMS.items() for sfx in _STEM_SUFFIXES}
    table.update(_UK_US_WORDS)
    return table


UK_TO_US: dict[str, str] = _uk_us_table()

# Words whose lemma would merge two meanings: "conflicted" (torn) is not "conflict", "torn" is not
# "tear".
NOT_LEMMATISED = frozenset({"conflicted", "torn"})
# Verb forms the lookup table reads as another word: "felt" is the past of "feel", not the cloth.
LEMMA_FIXES = {"felt": "feel"}

# Plural agent nouns simplemma does not know ("withdrawers", "distancers").
_UNKNOWN_PLURAL = re.compile(r"(?:er|or|ist|ism|ment)s$")


class _TokenCache(dict):
    """token (lower case, translated) -> normalised word; computed once per distinct token."""

    def __missing__(self, token: str) -> str:
        value = self[token] = _normalize_word(token)
        return value


def _normalize_word(token: str) -> str:
    word = token.casefold().translate(CHAR_TABLE)
    if "'" in word:
        head, _, tail = word.partition("'")
        if tail != "s":
            return word  # "doesn't", "can't", "i'm": lemmatising would lose the negation
        word = head  # possessive: "partner's" -> "partner"
    word = UK_TO_US.get(word, word)
    if word in NOT_LEMMATISED:
        return word
    if word in LEMMA_FIXES:
        return LEMMA_FIXES[word]
    lemma = simplemma.lemmatize(word, lang="en")
    if lemma == word and _UNKNOWN_PLURAL.search(word) and not simplemma.is_known(word, lang="en"):
        lemma = word[:-1]
    lemma = lemma.casefold()
    return UK_TO_US.get(lemma, lemma)


_CACHE = _TokenCache()

#: Normalise one word token (any case); cached. ``normalize_token("Behaviours") == "behavior"``.
normalize_token = _CACHE.__getitem__


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, normalised word)`` for every word token of ``text``; offsets into ``text``.

    >>> word_spans("Doesn't withdraw—ever")
    [(0, 7, "doesn't"), (8, 16, 'withdraw'), (17, 21, 'ever')]
    """
    lowered = text.translate(CHAR_TABLE)
    return [(m.start(), m.end(), normalize_token(m.group())) for m in WORD_RE.finditer(lowered)]


def normalize_words(text: str) -> list[str]:
    """The normalised word tokens of ``text``."""
    return list(map(normalize_token, WORD_RE.findall(text.translate(CHAR_TABLE))))


def normalize_phrase(text: str) -> str:
    """The normalised form of a label or a text span: normalised words joined by one space.

    >>> normalize_phrase("Recognising  the Four Horsemen")
    'recognize the four horseman'
    """
    return " ".join(normalize_words(text))
