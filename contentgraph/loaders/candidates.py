"""Candidate terms: frequent phrases the taxonomy does not know yet.

A candidate is a run of 2-4 words inside one sentence, not crossing punctuation, not touching a
matched concept, with no stop word (nor a contraction or a word under three letters) at either
edge. Phrases are counted by their normalised words (so "attachment wounds" and "attachment
wound" are one candidate, shown as first seen), ranked by the number of documents using them,
and a phrase is dropped when a longer candidate that contains it is used by as many documents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from ..taxonomy.normalize import word_spans
from .extract import Extractor
from .model import CandidateTerm, Document, Mention

MIN_WORDS, MAX_WORDS = 2, 4
MIN_DOCUMENTS = 2
EXAMPLES = 2

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
# Between two words of a phrase: only spaces, dashes and quotes.
_JOINER = re.compile(r"[\s\-\u2010-\u2015\"'\u2018\u2019\u201c\u201d]*")


def _runs(text: str, start: int, end: int, blocked: list[tuple[int, int]]):
    """Runs of ``(start, end, word)`` tokens of ``text[start:end]`` that a phrase may span."""
    run: list[tuple[int, int, str]] = []
    for s, e, word in word_spans(text[start:end]):
        s, e = s + start, e + start
        if any(bs < e and s < be for bs, be in blocked) or word.isdigit():
            if run:
                yield run
            run = []
            continue
        if run and _JOINER.fullmatch(text, run[-1][1], s) is None:
            yield run
            run = []
        run.append((s, e, word))
    if run:
        yield run


def _is_stop(word: str) -> bool:
    """Not at a phrase's edge: stop words, contractions ("i'm"), and words under three letters
    (initials, and the short words of other languages' passages: "de la")."""
    return word in STOP_WORDS or "'" in word or len(word) < 3


def _phrases(run: list[tuple[int, int, str]]):
    words = [w for _, _, w in run]
    for size in range(MIN_WORDS, MAX_WORDS + 1):
        for i in range(len(run) - size + 1):
            key = tuple(words[i:i + size])
            if _is_stop(key[0]) or _is_stop(key[-1]):
                continue
            yield key, run[i][0], run[i + size - 1][1]


def candidate_terms(
    documents: Iterable[Document],
    mentions_by_doc: Mapping[str, list[Mention]],
    extractor: Extractor,
    n: int = 200,
) -> list[CandidateTerm]:
    """The ``n`` most used candidate terms across ``documents``, with up to two example sentences
    (from different documents)."""
    count: Counter[tuple[str, ...]] = Counter()
    doc_count: Counter[tuple[str, ...]] = Counter()
    first_seen: dict[tuple[str, ...], list[tuple[str, int, int, int, int]]] = {}
    for doc in documents:
        text = doc.text
        blocked = sorted((m.start, m.end) for m in mentions_by_doc.get(doc.slug, ()))
        seen: set[tuple[str, ...]] = set()
        for s_start, s_end in extractor.sentences(doc):
            local = [b for b in blocked if b[0] < s_end and s_start < b[1]]
            for run in _runs(text, s_start, s_end, local):
                for key, start, end in _phrases(run):
                    count[key] += 1
                    if key in seen:
                        continue
                    seen.add(key)
                    doc_count[key] += 1
                    places = first_seen.setdefault(key, [])
                    if len(places) < EXAMPLES:
                        places.append((text, start, end, s_start, s_end))
    frequent = [k for k, d in doc_count.items() if d >= MIN_DOCUMENTS]
    best_longer = _best_longer(frequent, doc_count)
    kept = [k for k in frequent if best_longer.get(k, 0) < doc_count[k]]
    shown = {k: _shown(first_seen[k][0]) for k in kept}
    kept.sort(key=lambda k: (-doc_count[k], -count[k], shown[k]))
    return [
        CandidateTerm(shown[k], count[k], doc_count[k],
                      tuple(t[a:b] for t, _, _, a, b in first_seen[k]))
        for k in kept[:n]
    ]


def _shown(place: tuple[str, int, int, int, int]) -> str:
    text, start, end, _, _ = place
    return " ".join(text[start:end].lower().split())


def _best_longer(frequent: list[tuple[str, ...]], doc_count: Counter) -> dict[tuple[str, ...], int]:
    """For each phrase inside a longer frequent phrase, the most documents such a phrase has."""
    best: dict[tuple[str, ...], int] = {}
    for longer in frequent:
        for size in range(MIN_WORDS, len(longer)):
            for i in range(len(longer) - size + 1):
                part = longer[i:i + size]
                if doc_count[longer] > best.get(part, 0):
                    best[part] = doc_count[longer]
    return best
