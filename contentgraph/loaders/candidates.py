"""Candidate terms: frequent phrases the taxonomy does not know yet.

A candidate is a run of 2-4 words inside one sentence, not crossing punctuation, not touching a
matched concept, with no stop word (nor a contraction or a word under three letters) at either
edge. Phrases are counted by their normalised words (so "attachment wounds" and "attachment
wound" are one candidate, shown as first seen), ranked by the number of documents using them,
and a phrase is dropped when a longer candidate that contains it is used by as many documents.

The work is split so that a build can keep it per document: ``document_phrases`` lists one
document's phrases (the costly part, cached with each file's records), ``rank_candidates`` merges
the lists of all documents (counting in C) and reads example sentences again only from the few
documents that first use the winning phrases.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ..taxonomy.normalize import CHAR_TABLE, WORD_RE, normalize_token
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

# One document's phrases: each distinct phrase once, and the further uses of phrases used more
# than once. A phrase is its marked words (see ``_Marked``) joined by spaces, without the first
# word's mark (always "+"): "attachment +wound", "sleep -and +rest".
DocumentPhrases = tuple[list[str], list[str]]


class _Marked(dict):
    """Word token (as translated by ``CHAR_TABLE``) -> its normalised word marked "+" when it may
    start or end a phrase, "-" when it may not (stop words, contractions such as "i'm", words
    under three letters: initials, other languages' "de la"); "|" for a number or a run of
    characters that join no words, which split phrases."""

    def __missing__(self, token: str) -> str:
        if WORD_RE.fullmatch(token) is None:
            value = "|"
        else:
            word = normalize_token(token)
            value = "|" if word.isdigit() else (
                "-" if word in STOP_WORDS or "'" in word or len(word) < 3 else "+") + word
        self[token] = value
        return value


_mark = _Marked().__getitem__
# Phrases of 2, 3 and 4 marked words, found at every word (overlapping).
_SIZES = [re.compile(r"\+(?=(\S+ " + r"[-+]\S+ " * middle + r"\+\S+))")
          for middle in range(MAX_WORDS - MIN_WORDS + 1)]
# Words, and the characters between them that split phrases: everything but spaces (a line
# break ends a sentence), dashes and quotes. A sentence ends only at a line break or at ``.!?``
# and the ellipsis, so phrases never cross sentences.
_TOKEN = re.compile(r"\w+(?:'\w+)*|(?:\n|[^\w\s\-\"'])+")
# Characters the translation turns into a dash or a quote but that join no words as written
# (minus sign, low quotes, primes, guillemets, backtick): a document with one is read sentence by
# sentence, word by word (``_runs``).
_NOT_JOINING = re.compile("[" + "".join(
    chr(c) for c in CHAR_TABLE if _JOINER.fullmatch(chr(c)) is None) + "]")
_MASK = "\n"  # stands for a matched concept's characters: no word, and it joins nothing


def _runs(text: str, sentences: Iterable[tuple[int, int]], blocked: list[tuple[int, int]]):
    """``(sentence start, sentence end, run)`` for each run of ``(start, end, marked word)``
    tokens a phrase may span: inside one sentence, no numbers, no matched concept, only spaces,
    dashes and quotes between its words. ``blocked``: the matched spans, sorted, not overlapping."""
    b, n_blocked = 0, len(blocked)
    for s_start, s_end in sentences:
        run: list[tuple[int, int, str]] = []
        lowered = text[s_start:s_end].translate(CHAR_TABLE)
        for m in WORD_RE.finditer(lowered):
            s, e = m.start() + s_start, m.end() + s_start
            while b < n_blocked and blocked[b][1] <= s:
                b += 1
            word = _mark(m.group())
            if (b < n_blocked and blocked[b][0] < e) or word == "|":
                if run:
                    yield s_start, s_end, run
                run = []
                continue
            if run and _JOINER.fullmatch(text, run[-1][1], s) is None:
                yield s_start, s_end, run
                run = []
            run.append((s, e, word))
        if run:
            yield s_start, s_end, run


def _blocked(mentions: Iterable[Mention]) -> list[tuple[int, int]]:
    return sorted({(m.start, m.end) for m in mentions})


def document_phrases(document: Document, mentions: Iterable[Mention],
                     extractor: Extractor) -> DocumentPhrases:
    """Every candidate phrase of one document (``mentions`` are its concept mentions).

    The same phrases as reading it sentence by sentence, word by word (``_runs``), found faster:
    the matched concepts are masked, the whole text becomes one line of marked words and
    splitters, and three regexes pick the phrases of each size out of it.
    """
    text = document.text
    if _NOT_JOINING.search(text):
        runs = _runs(text, extractor.sentences(document), _blocked(mentions))
        line = " | ".join(" ".join(w for _, _, w in run) for _, _, run in runs)
    else:
        pieces, at = [], 0
        for start, end in _blocked(mentions):
            pieces += (text[at:start], _MASK * (end - start))
            at = end
        pieces.append(text[at:])
        # A word a match ends inside ("partner's", matched as "partner") leaves its tail ("s")
        # after the mask: under three letters, it neither starts nor ends a phrase.
        line = " ".join(map(_mark, _TOKEN.findall("".join(pieces).translate(CHAR_TABLE))))
    found = [phrase for size in _SIZES for phrase in size.findall(line)]
    distinct = list(dict.fromkeys(found))
    if len(distinct) == len(found):
        return distinct, []
    return distinct, [k for k, c in Counter(found).items() for _ in range(c - 1)]


def _places(document: Document, mentions: Iterable[Mention], extractor: Extractor,
            wanted: set[str]) -> dict[str, tuple[str, str]]:
    """For each phrase of ``wanted`` the document uses: its first use as written (lower case,
    spaces squeezed) and the sentence holding it."""
    text, places = document.text, {}
    for s_start, s_end, run in _runs(text, extractor.sentences(document), _blocked(mentions)):
        words = [w for _, _, w in run]
        for size in range(MIN_WORDS, MAX_WORDS + 1):
            for i in range(len(run) - size + 1):
                key = " ".join(words[i:i + size])[1:]
                if key in wanted and key not in places:
                    shown = " ".join(text[run[i][0]:run[i + size - 1][1]].lower().split())
                    places[key] = (shown, text[s_start:s_end])
        if len(places) == len(wanted):
            break
    return places


def rank_candidates(documents: Sequence[Document], phrases: Sequence[DocumentPhrases],
                    mentions_by_doc: Mapping[str, list[Mention]], extractor: Extractor,
                    n: int = 200) -> list[CandidateTerm]:
    """The ``n`` most used candidate terms, from each document's ``document_phrases`` (in the
    order of ``documents``), with up to two example sentences (from the first documents using
    them)."""
    count: Counter[str] = Counter()
    doc_count: Counter[str] = Counter()
    for distinct, more in phrases:
        doc_count.update(distinct)
        count.update(distinct)
        if more:
            count.update(more)
    kept = select_candidates(levels(doc_count, count), n)
    examples = find_examples(((distinct, lambda d=doc: (d, mentions_by_doc.get(d.slug, ())))
                              for doc, (distinct, _) in zip(documents, phrases)),
                             extractor, {k for k, _, _ in kept})
    return candidate_terms_of(kept, examples, n)


def levels(doc_count: Mapping[str, int], count: Mapping[str, int]):
    """``(documents, [(phrase, uses), ...])`` for each number of documents a phrase is used in,
    most first, down to ``MIN_DOCUMENTS`` (what ``select_candidates`` reads)."""
    frequent = sorted(((d, k) for k, d in doc_count.items() if d >= MIN_DOCUMENTS),
                      key=lambda dk: -dk[0])
    at = 0
    while at < len(frequent):
        docs = frequent[at][0]
        end = at
        while end < len(frequent) and frequent[end][0] == docs:
            end += 1
        yield docs, [(k, count[k]) for _, k in frequent[at:end]]
        at = end


def select_candidates(by_documents, n: int) -> list[tuple[str, int, int]]:
    """The candidates worth ranking, ``(phrase, documents, uses)``, from ``by_documents`` (as
    ``levels`` gives them): a phrase is dropped when a longer candidate holding it is used by as
    many documents (always one of the same level), and levels are read only until ``n``
    phrases are kept (all ties at the cut are kept: examples order them)."""
    kept: list[tuple[str, int, int]] = []
    for docs, phrases in by_documents:
        if docs < MIN_DOCUMENTS:
            break
        best_longer = _best_longer([k for k, _ in phrases], dict.fromkeys((k for k, _ in phrases),
                                                                          docs))
        kept += [(k, docs, uses) for k, uses in phrases if best_longer.get(k, 0) < docs]
        if len(kept) >= n:
            break
    kept.sort(key=lambda kdu: (-kdu[1], -kdu[2]))
    if len(kept) > n:  # the ties at the cut are ordered by how the phrase is shown
        last = kept[n - 1][1:]
        kept = [kdu for kdu in kept if kdu[1:] >= last]
    return kept


def candidate_terms_of(kept: list[tuple[str, int, int]], examples: dict, n: int
                       ) -> list[CandidateTerm]:
    """CandidateTerms of ``select_candidates``'s phrases with their ``find_examples``."""
    kept = sorted(kept, key=lambda kdu: (-kdu[1], -kdu[2], examples[kdu[0]][0][0]))
    return [CandidateTerm(examples[k][0][0], uses, docs,
                          tuple(sentence for _, sentence in examples[k]))
            for k, docs, uses in kept[:n]]


def find_examples(documents, extractor: Extractor, wanted: set[str]
                  ) -> dict[str, list[tuple[str, str]]]:
    """Phrase -> its first uses ``(shown, sentence)`` in the first ``EXAMPLES`` documents using
    it. ``documents`` gives ``(distinct phrases, read)`` in order, ``read()`` giving the document
    and its mentions: only the documents that use a wanted phrase are read."""
    found: dict[str, list[tuple[str, str]]] = {k: [] for k in wanted}
    pending = set(wanted)
    for distinct, read in documents:
        if not pending:
            break
        here = pending.intersection(distinct)
        if not here:
            continue
        doc, mentions = read()
        for key, place in _places(doc, mentions, extractor, here).items():
            found[key].append(place)
            if len(found[key]) == EXAMPLES:
                pending.discard(key)
    return found


def candidate_terms(
    documents: Iterable[Document],
    mentions_by_doc: Mapping[str, list[Mention]],
    extractor: Extractor,
    n: int = 200,
) -> list[CandidateTerm]:
    """The ``n`` most used candidate terms across ``documents``, with up to two example sentences
    (from different documents)."""
    documents = list(documents)
    phrases = [document_phrases(d, mentions_by_doc.get(d.slug, ()), extractor) for d in documents]
    return rank_candidates(documents, phrases, mentions_by_doc, extractor, n)


def _best_longer(frequent: list[str], doc_count: Counter) -> dict[str, int]:
    """For each phrase inside a longer frequent phrase, the most documents such a phrase has."""
    best: dict[str, int] = {}
    for longer in frequent:
        words = ("+" + longer).split(" ")
        if len(words) == MIN_WORDS:
            continue
        used = doc_count[longer]
        for size in range(MIN_WORDS, len(words)):
            for i in range(len(words) - size + 1):
                part = " ".join(words[i:i + size])[1:]
                if used > best.get(part, 0):
                    best[part] = used
    return best
