"""The words that state a relation between two concepts, found with one Aho-Corasick scan.

Each cue is a kind and a list of phrases, written in base forms: every inflection a phrase may
take is matched ("lead to" also finds "leads to", "led to", "leading to"; see ``surface``) unless
the phrase starts with "=" ("=suggests": not "I suggest"), on word boundaries, longest first
("caused by" rather than "cause"). ``reverse`` means "X cue Y"
states Y -> X: "X comes from Y" is Y CAUSES X. Everyday verbs as well as the textbook ones: "comes
from", "can help with", "makes it harder to", "is a sign of".

Verbs say what help does: easing, reducing or relieving treats a problem (Y TREATED_BY X),
building, fostering or strengthening brings something about (X CAUSES Y), and helping you feel
something brings the feeling about. Two kinds are decided per pair of concepts by the caller:
HELPS (helping with a problem treats it, helping with a need, skill or outcome brings it about)
and FROM (a feeling "from" a problem or an event is caused by it).

>>> [(kind, reverse, text) for _, _, kind, reverse, text in cue_words("Shame can come from blame")]
[('CAUSES', True, 'come from')]
>>> [text for *_, text in cue_words("Talking helps you deal with anger and it leads to calm")]
['helps you deal with', 'leads to']
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import ahocorasick

from .searchtext import lower_same_length
from .surface import phrase_forms

_PRONOUNS = ("you", "me", "him", "her", "them", "us", "people", "someone", "partners", "couples",
             "one")
_ADVERBS = ("", "both ", "all ", "often ", "usually ", "sometimes ", "also ")


def _combos(*choices: tuple[str, ...]) -> list[str]:
    return ["".join(parts).strip() for parts in itertools.product(*choices)]


# (kind, reverse, phrases)
CUES: list[tuple[str, bool, list[str]]] = [
    ("CAUSES", False, [
        "lead to", "cause", "result in", "contribute to", "fuel", "trigger", "create",
        "bring about", "bring on", "bring up", "give rise to", "breed", "feed into", "produce",
        "increase", "deepen", "worsen", "intensify", "add", "add to", "underneath", "beneath",
        "behind", "at the root of", "at the heart of",
        *_combos(("make ", "leave "), _PRONOUNS, (" feel", " feeling", " more")),
        *_combos(("be ",), ("", "often ", "usually ", "sometimes ", "also "),
                 ("the ", "a ", "an ", "one of the "), ("", "main ", "root ", "common ",
                                                         "biggest ", "real "),
                 ("cause of",)),
    ]),
    ("CAUSES", True, [
        "caused by", "triggered by", "driven by", "fuelled by", "fueled by", "brought on by",
        "stem from", "come from", "result from", "be a result of", "as a result of", "due to",
        "because of", "arise from", "rooted in", "grow out of", "a product of", "the product of",
        "a consequence of", "the consequence of", "the result of", "a result of",
    ]),
    ("SIGNALS", False, [
        *_combos(("", "be ", "can be ", "may be ", "might be ", "could be "), ("a ", "an "),
                 ("", "warning ", "early ", "common ", "clear ", "classic ", "telltale ", "sure "),
                 ("sign of",)),
        *_combos(("be ", "can be ", "may be "), _ADVERBS, ("", "warning ", "early ", "common "),
                 ("signs of",)),
        *_combos(("be ", "can be ", "may be "), ("a ", ""), ("symptom of", "symptoms of")),
        "indicate", "signal", "a red flag for", "red flag for", "point to", "=suggests", "reflect",
        "can mean", "may mean", "could mean", "often means", "hallmark of", "marker of",
    ]),
    ("PART_OF", False, [
        *_combos(("be ", "form ", "become "), _ADVERBS,
                 ("", "a ", "one ", "an important ", "a big "), ("part of",)),
        *_combos(("be a ", "be one "), ("form", "type", "kind", "component", "element", "aspect"),
                 (" of",)),
    ]),
    ("PART_OF", True, ["include", "such as", "consist of", "involve"]),
    ("HELPS", False, ["help", "assist", "be good for", "work for", "work well for"]),
    # Verbs that say what the help does: easing a problem treats it (Y TREATED_BY X)...
    ("TREATED_BY", True, [
        "reduce", "ease", "relieve", "alleviate", "diminish", "lessen", "soothe", "heal",
        "resolve", "counter", "counteract", "combat", "prevent", "protect against",
        "be an antidote to", "be the antidote to", "antidote for", "remedy for", "treatment for",
        "treatment of",
    ]),
    # ...and building something good brings it about.
    ("CAUSES", False, ["build", "foster", "promote", "strengthen", "improve", "enable", "allow",
                       "allow for", "nurture", "cultivate", "restore", "support"]),
    ("FROM", True, ["from"]),
    ("TREATED_BY", False, [
        *_combos(("treated ", "helped ", "eased ", "relieved ", "managed ", "addressed ",
                  "improved "), ("with", "by", "through")),
        "respond well to", "benefit from",
    ]),
    ("CONTRASTS_WITH", False, ["rather than", "instead of", "as opposed to", "in contrast to",
                               "versus", "vs", "the opposite of"]),
    ("ASSOCIATED_WITH", False, [
        "linked to", "linked with", "associated with", "related to", "connected to", "tied to", "tied up with", "go hand in hand with", "blend in with",
        "blend with", "accompany", "along with", "coupled with", "paired with",
        "intertwined with", "correlate with", "correlated with", "overlap with", "alongside",
        "=comes with", "=often comes with",
        "go together",
    ]),
]
# After "help": who is helped and at what ("helps you to deal with", "can help couples build").
_HELP_TAIL = re.compile(
    r"(?: (?:you|people|him|her|them|us|couples|clients|partners|someone))?(?: to)?"
    r"(?: (?:with|in|deal with|cope with|manage|overcome|reduce|ease|work through|heal(?: from)?|"
    r"get over|diminish|decrease|lessen|relieve|address|handle|process|sort out|build|gain|"
    r"develop|find|improve|increase|learn|strengthen|create|get)| (?P<feel>feel))?\b")


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for index, (_, _, phrases) in enumerate(CUES):
        for phrase in phrases:
            for form in [phrase[1:]] if phrase.startswith("=") else phrase_forms(phrase):
                if form not in automaton:  # the first cue that lists a form keeps it
                    automaton.add_word(form, (len(form), index))
    automaton.make_automaton()
    return automaton


def cue_words(sentence: str) -> list[tuple[int, int, str, bool, str]]:
    """``(start, end, kind, reverse, words)`` of each cue in ``sentence``, in text order, the
    longest where cues overlap; offsets into ``sentence``."""
    low = lower_same_length(sentence)
    size = len(low)
    found = []
    for last, (length, index) in _automaton().iter(low):
        start, end = last - length + 1, last + 1
        if start and (low[start - 1].isalnum() or low[start - 1] in "_'"):
            continue
        if end < size and (low[end].isalnum() or low[end] in "_'"):
            continue
        kind, reverse, _ = CUES[index]
        if kind == "HELPS" and low.startswith(("help", "assist"), start):
            tail = _HELP_TAIL.match(low, end)
            assert tail is not None  # every part of it is optional
            end = tail.end()
            if tail.group("feel"):
                kind = "CAUSES"  # "helps you feel calm"
        found.append((start, end, kind, reverse))
    if len(found) > 1:
        found.sort(key=lambda c: (c[0] - c[1], c[0]))
        chosen: list[tuple[int, int, str, bool]] = []
        for cue in found:
            if all(cue[1] <= c[0] or c[1] <= cue[0] for c in chosen):
                chosen.append(cue)
        found = sorted(chosen)
    return [(s, e, k, r, sentence[s:e].lower()) for s, e, k, r in found]
