"""Extraction speed on counsel-chat's answers, against the floor of a bare Aho-Corasick scan.

    .venv/bin/python bench/extract.py [--csv PATH] [--repeat 5] [--no-spacy] [--stages]

Prints whether the extraction modules run compiled (see docs/development.md), then, best of
--repeat runs over the same documents (ratios: median over rounds that run the scans and the
extraction back to back):
- mentions (contentgraph's Extractor.mentions: scan text, automaton, word boundaries, gapped and
  contextual labels, unless phrases, longest match, sentences, furniture, negation and
  hypotheticals, Mention objects) in MB/s of answer text;
- the whole extraction stage of a build: mentions plus relation cues (``find_cues``);
- a bare pyahocorasick scan of the same lower-cased text, once for the taxonomy's labels and
  altLabels as written and once for the Extractor's own surface forms, and the ratios of the
  mentions and of the whole stage to each;
- a token-stream matcher (regex words, cached lemma lookup per token, automaton over normalised
  token sequences of the plain labels) and spaCy (blank English, lookup lemmas, PhraseMatcher on
  LEMMA): speed and how many of the Extractor's mentions each finds (and extra ones it finds).
  They know neither gaps nor context nor unless phrases nor furniture, so they differ from the
  Extractor by those mentions;
- with --stages, where the time of the mentions goes: each stage of ``Extractor.mentions`` run
  on its own over all the answers (best of --repeat), the rest (per sentence and per mention:
  furniture, negation and hypotheticals, ``Mention`` objects) as the difference, and the cues.

``bench/extract_check.py`` checks that a change meant to keep the output finds exactly the same.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import ahocorasick

from contentgraph.loaders import compiled
from contentgraph.loaders.cue_phrases import cue_words
from contentgraph.loaders.cues import find_cues
from contentgraph.loaders.extract import (CONDITION, FURNITURE, NEGATION, Extractor, _hits,
                                          _longest_first)
from contentgraph.loaders.load import LoadOptions, load
from contentgraph.loaders.patterns import with_gap_contents, with_patterns
from contentgraph.loaders.searchtext import SearchText
from contentgraph.loaders.sentences import split_sentences
from contentgraph.taxonomy.load import load_taxonomy
from contentgraph.taxonomy.normalize import WORD_RE, normalize_phrase, normalize_token

CSV = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "counsel-chat" / \
    "20200325_counsel_chat.csv"


def best_of(repeat, run):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def spans(mentions):
    return {(m.document, m.concept, m.start, m.end) for m in mentions}


class TokenStream:
    """Reference matcher: normalise every word, scan the normalised token sequence."""

    def __init__(self, taxonomy):
        keys: dict[str, list[str]] = {}
        for concept in taxonomy:
            for label in (concept.label, *concept.alt_labels):
                if normalize_phrase(label) and "*" not in label:
                    keys.setdefault(f" {normalize_phrase(label)} ", []).append(concept.slug)
        self.automaton = ahocorasick.Automaton()
        for key, slugs in keys.items():
            self.automaton.add_word(key, (len(key), key.count(" ") - 1, tuple(sorted(set(slugs)))))
        self.automaton.make_automaton()

    def mentions(self, doc):
        found = set()
        for block in doc.blocks:
            for line_start, line in _lines(block.text, block.start):
                found |= self._line(doc.slug, line, line_start)
        return found

    def _line(self, slug, line, offset):
        matches = list(WORD_RE.finditer(line.replace("\u2019", "'")))  # spans end before "'s"
        words = [normalize_token(m.group()) for m in matches]
        token_at, pos = {}, 1
        for i, w in enumerate(words):
            token_at[pos] = i
            pos += len(w) + 1
        hits = []
        for end, (length, size, slugs) in self.automaton.iter(" " + " ".join(words) + " "):
            first = token_at[end - length + 2]
            last = first + size - 1
            if all(_joined(line, matches[i].end(), matches[i + 1].start()) for i in range(first, last)):
                end_of_last = matches[last].end() - (2 if matches[last].group().endswith("'s") else 0)
                hits.append((offset + matches[first].start(), offset + end_of_last, slugs))
        return {(slug, c, s, e) for s, e, cs in _longest_first(hits) for c in cs}


def _lines(text, offset):
    start = 0
    for line in text.split("\n"):
        yield offset + start, line
        start += len(line) + 1


def _joined(line, a, b):
    """Words of a phrase may be separated by spaces, dashes, slashes, quotes, & and + only."""
    return all(c.isspace() or c in "-\u2010\u2011\u2012\u2013\u2014\u2015/\"'\u201c\u201d\u2018\u2019&+"
               for c in line[a:b])


def spacy_matcher(taxonomy):
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for concept in taxonomy:
        labels = [concept.label, *concept.alt_labels]
        matcher.add(concept.slug, list(nlp.pipe(label.lower() for label in labels)))

    def mentions(docs):
        found = set()
        for doc, parsed in zip(docs, nlp.pipe(d.text.lower() for d in docs)):
            hits = [(parsed[s].idx, parsed[e - 1].idx + len(parsed[e - 1]), (nlp.vocab.strings[k],))
                    for k, s, e in matcher(parsed)]
            found |= {(doc.slug, c, s, e) for s, e, cs in _longest_first(hits) for c in cs}
        return found

    return mentions, nlp


def stages(extractor, docs, taxonomy, repeat):
    """Time each stage of ``Extractor.mentions`` on its own over all the documents."""
    automaton, ending = extractor._automaton, extractor._ending
    texts = [d.text for d in docs]
    scans = [SearchText(t) for t in texts]

    def hits():
        found = [_hits(automaton, s.text) for s in scans]
        for _, parts in found:
            for part in (FURNITURE, NEGATION, CONDITION):
                parts.pop(part, None)
        return found

    found = hits()

    def patterns():
        return [with_patterns(list(h), parts, ending, s.text) if parts else (h, [])
                for s, (h, parts) in zip(scans, found)]

    matched = patterns()

    def longest():
        out = []
        for h, gaps in matched:
            h = list(h)
            spans = _longest_first(h)
            out.append(with_gap_contents(spans, h, gaps) if gaps else spans)
        return out

    mentions = [extractor.mentions(d) for d in docs]
    times = {name: best_of(repeat, run)[0] for name, run in [
        ("scan text (SearchText)", lambda: [SearchText(t) for t in texts]),
        ("automaton hits", hits),
        ("gapped, context and unless labels", patterns),
        ("longest match, gap contents", longest),
        ("sentences", lambda: [split_sentences(t) for t in texts]),
        ("mentions in all", lambda: [extractor.mentions(d) for d in docs]),
        ("relation cues", lambda: [find_cues(d, m, taxonomy) for d, m in zip(docs, mentions)]),
    ]}
    parts = sum(t for name, t in times.items() if name not in ("mentions in all", "relation cues"))
    times["the rest: offsets, furniture, negation, Mentions"] = times["mentions in all"] - parts
    print(f"stages, best of {repeat} (each stage on its own; the rest is the difference):")
    for name, t in times.items():
        print(f"  {name:48s} {1000 * t:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", type=Path, default=CSV)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-spacy", action="store_true")
    parser.add_argument("--stages", action="store_true",
                        help="print where the time of the mentions goes")
    args = parser.parse_args()

    docs = [d for d in load([args.csv], LoadOptions(qa_preset="counsel-chat")).documents
            if d.kind == "answer"]
    taxonomy = load_taxonomy()
    texts = [d.text for d in docs]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    start = time.perf_counter()
    extractor = Extractor(taxonomy)
    extractor.surface_forms  # the automaton is made on first use
    build = time.perf_counter() - start
    cue_words("")  # and so is the automaton of the cue phrases
    labels = {x.lower() for c in taxonomy for x in (c.label, *c.alt_labels)}
    print(f"{len(docs)} answers, {megabytes:.2f} MB; {len(taxonomy)} concepts, {len(labels)} labels, "
          f"{extractor.surface_forms} surface forms (automaton built in {build:.2f}s)")
    print(f"extraction modules: {compiled.status()}")

    def bare(automaton):
        def run():
            n = 0
            for text in texts:
                for _ in automaton.iter(text.lower()):
                    n += 1
            return n
        return run

    label_automaton, form_automaton = ahocorasick.Automaton(), ahocorasick.Automaton()
    for label in labels:
        label_automaton.add_word(label, len(label))
    for key in extractor._automaton.keys():  # the Extractor's forms, without their spaces
        form_automaton.add_word(key.strip(), len(key))
    label_automaton.make_automaton()
    form_automaton.make_automaton()

    def whole_stage():
        cues = 0
        for d in docs:
            cues += len(find_cues(d, extractor.mentions(d), taxonomy))
        return cues

    rounds = {"labels": [], "forms": [], "mentions": [], "whole": []}
    found, cues = [], 0
    for _ in range(args.repeat):  # interleaved, so that a busy machine slows all alike
        rounds["labels"].append(best_of(1, bare(label_automaton))[0])
        rounds["forms"].append(best_of(1, bare(form_automaton))[0])
        t, found = best_of(1, lambda: [m for d in docs for m in extractor.mentions(d)])
        rounds["mentions"].append(t)
        t, cues = best_of(1, whole_stage)
        rounds["whole"].append(t)
    ours = spans(found)
    print(f"mentions              {megabytes / min(rounds['mentions']):6.1f} MB/s  "
          f"({len(found)} mentions)")
    print(f"whole stage           {megabytes / min(rounds['whole']):6.1f} MB/s  "
          f"(mentions and {cues} relation cues)")
    for name in ("labels", "forms"):
        ratio = {stage: sorted(b / e for b, e in zip(rounds[name], rounds[stage]))[args.repeat // 2]
                 for stage in ("mentions", "whole")}
        print(f"bare scan, {name:10s} {megabytes / min(rounds[name]):6.1f} MB/s  -> mentions at "
              f"{ratio['mentions']:.2f} of it, whole stage at {ratio['whole']:.2f} "
              f"(medians of {args.repeat} paired rounds)")

    if args.stages:
        stages(extractor, docs, taxonomy, args.repeat)

    stream = TokenStream(taxonomy)
    t_stream, theirs = best_of(1, lambda: {x for d in docs for x in stream.mentions(d)})
    print(f"token stream          {megabytes / t_stream:6.1f} MB/s  finds {len(ours & theirs)}/"
          f"{len(ours)} of the extraction's mentions, {len(theirs - ours)} others")
    if not args.no_spacy:
        spacy_mentions, nlp = spacy_matcher(taxonomy)
        t_tok, _ = best_of(1, lambda: list(nlp.tokenizer.pipe(texts)))
        t_spacy, theirs = best_of(1, lambda: spacy_mentions(docs))
        print(f"spaCy tokenizer only  {megabytes / t_tok:6.1f} MB/s")
        print(f"spaCy PhraseMatcher   {megabytes / t_spacy:6.1f} MB/s  finds {len(ours & theirs)}/"
              f"{len(ours)} of the extraction's mentions, {len(theirs - ours)} others")


if __name__ == "__main__":
    main()
