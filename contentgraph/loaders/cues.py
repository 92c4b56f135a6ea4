"""Typed relations stated by the text: cue phrases inside a sentence, lists under a lead-in or
a heading.

Every relation found carries the sentence (or the list item with its lead-in) that states it.
Nothing is inferred without a cue: negated mentions, hedged sentences ("does not mean", "not
necessarily") and questions state no relation. Cues are the textbook ones and everyday verbs
("leads to", "comes from", "can help with", "is a sign of", "makes it harder to"), and
coordinated concepts each get the relation: "the pursuer and the withdrawer are both part of
the cycle", "X, Y and Z can lead to W", "X can lead to Y and Z".

>>> from contentgraph.loaders.model import Document, Mention, make_blocks
>>> blocks = make_blocks([("heading", "T", 1), ("paragraph", "Stonewalling can lead to loneliness.", 0)])
>>> doc = Document("d", "article", "T", blocks, "d.txt", "h")
>>> s = blocks[1].start
>>> ms = [Mention("stonewalling", "d", 1, None, blocks[1].text, s, s, s + 12, "Stonewalling"),
...       Mention("loneliness", "d", 1, None, blocks[1].text, s, s + 25, s + 35, "loneliness")]
>>> [(c.source, c.kind, c.target) for c in find_cues(doc, ms)]
[('stonewalling', 'CAUSES', 'loneliness')]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from operator import attrgetter

from ..taxonomy.model import ConceptKind, Taxonomy
from .cue_phrases import cue_words
from .model import Block, Document, Mention, Passage, RelationCue
from .sentences import split_sentences

# Objects of these kinds are problems: helping with one treats it.
_PROBLEM_KINDS = frozenset({ConceptKind.EMOTION, ConceptKind.WARNING_SIGN, ConceptKind.BEHAVIOR,
                            ConceptKind.CONDITION, ConceptKind.BARRIER,
                            ConceptKind.RELATIONSHIP_CYCLE, ConceptKind.CYCLE_ROLE})
_AWAY_FROM = re.compile(r"\b(?:away|far|apart|free|break|different|aside|distance|recover|"
                        r"heal|protect|numb|numbs|escape|shield|relief)\w*\s+(?:\w+\s+)?$", re.I)
# What a feeling can come "from": a problem, a condition, an event.
_CAUSE_KINDS = _PROBLEM_KINDS | {ConceptKind.OUTCOME}
# "The more X, the less Y": X eases Y ("more" on both sides: X feeds Y).
_CORRELATIVE = re.compile(r"^\W*the (?:more|less|better)\b(?P<first>(?:\W+\w+){1,10}?),\s*the "
                          r"(?P<then>more|less|fewer|better|worse|easier|harder|closer)\b", re.I)
# "If X happens, this can lead to Y": the subject of the cue is the whole condition.
_IF_CLAUSE = re.compile(r"^\W*(?:if|when|whenever|once)\b", re.I)
_RESUMPTION = re.compile(r",\s*(?:then\s+)?(?:this|it|that|these|all (?:of )?this)\s+(?:\w+\s+){0,2}$",
                         re.I)
# Words between a mention and a cue that make someone or something else the cue's subject, or
# between a cue and a mention that make something else its object.
_OTHER_SUBJECT = frozenset("""and or but so then it this that these those he she they we i you
not never no""".split())
_OTHER_OBJECT = frozenset("and or but which that who it this not never no".split())

# "X, which can lead to Y": a relative pronoun right after the mention keeps it the subject.
_RELATIVE_SUBJECT = re.compile(r"^\s*,?\s*(?:which|that|who)\s+(?:(?:can|could|may|might|will|would"
                               r"|often|usually|also|sometimes|then|eventually)\s+){0,2}$", re.I)
# "This is the pattern underneath Y", "The cycle itself creates Y": the section's concept.
_ANAPHOR = re.compile(r"\W*(?:but |and |so |yet )?(?:this|that|it|the (?:\w+ ){0,2}(?:cycle|pattern|"
                      r"dynamic|style|behaviou?r|approach|therapy))\b(?:\s+(?:\w+\s+){0,4})?", re.I)
# "People have many reasons for X. From A to B." : a fragment that goes on with a list.
_FRAGMENT = re.compile(r"^\W*(?:from|such as|like|including|e\.g\.)\b", re.I)
_FRAGMENT_WORDS = 15  # a longer sentence is no list
# "X: A, B and C" inside a sentence lists parts of X.
_COLON = re.compile(r"(?:\s*\w+){0,2}\s*:")
_UNLIKE = re.compile(r"^\W*unlike\b", re.I)
# A sentence with one of these states nothing firmly.
_HEDGE = re.compile(
    r"\b(?:does|do|did|is|are|was)\s*(?:not|n['\u2019]t)\s+(?:\w+\s+)?mean\b|\bnot necessarily\b"
    r"|\bnot always\b|\bdoesn['\u2019]t (?:\w+\s+)?mean\b|\bunclear whether\b", re.I)
# A negation right before the cue words voids that cue ("does not lead to", "never causes").
_NEGATION_BEFORE = re.compile(
    r"(?:\bnot|n['\u2019]t|\bnever|\bno longer|\brarely|\bseldom)\s+(?:\w+\s+){0,2}$", re.I)
# Between two coordinated subjects or objects of a cue: "Y1, Y2 and Y3", "X or their Y".
# A bare comma coordinates only in a list closed by "and"/"or" ("X, Y and Z", not "X, Y is").
_COORDINATION = re.compile(r"^\s*(?:,\s*(?:and|or)?|and|or|/)\s*"
                           r"(?:(?:the|a|an|more|less|my|your|his|her|our|their|its)\s+)?$", re.I)
_JOINED = re.compile(r"\b(?:and|or)\b|/", re.I)
# Cue words right after one of these are a noun ("the cause", "different causes", "the results").
_NOUN_WORDS = ("the", "a", "an", "its", "their", "your", "my", "his", "her", "our", "root", "main",
               "different", "many", "possible", "other", "several", "multiple", "underlying",
               "common", "real", "primary", "potential", "no")
_NOUN_BEFORE = re.compile(r"\b(?:" + "|".join(_NOUN_WORDS) + r")\s+$", re.I)
_LONGEST_NOUN_WORD = max(map(len, _NOUN_WORDS))  # a match starts no further back from its end
_LIST_LEAD_IN = re.compile(r":\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s*$")
_MAX_ITEM_WORDS = 20
MAX_SUBJECT_GAP = 6  # words between the cause/sign/... and the cue
MAX_OBJECT_GAP = 4  # words between the cue and its object ("lead to feelings of great shame")
MAX_CLAUSE_WORDS = 2  # words allowed after a comma in the subject gap (", this can lead to")
# "X rather than Y" contrasts parallel phrases: both sides close to the cue, no "of"/"to" phrase.
MAX_CONTRAST_GAP = 3
_PREPOSITION = re.compile(r"\b(?:of|to|for|about|with|in|on|from)\b", re.I)
# "the experiences that caused hurt": the subject is not the mention before the relative pronoun.
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|whom|what)\b", re.I)
_PUNCTUATION = re.compile(r"[.,;:!?]")
_QUOTE_OPENS = re.compile(r"[\"\u201c\u2018]")
_QUOTE_CLOSES = ("\"", "\u201d", "\u2019", "'")
# A quoted item is something someone might say ("You never listen"), not a member of the list's topic.
_QUOTED = re.compile(r"^\s*[\"\u201c\u2018']")

# Item kind -> heading kind pairs where membership means composition, not mere association.
_PART_KINDS = {(ConceptKind.CYCLE_ROLE, ConceptKind.RELATIONSHIP_CYCLE)}


def find_cues(document: Document, mentions: Iterable[Mention],
              taxonomy: Taxonomy | None = None) -> list[RelationCue]:
    """Relations that the document's sentences, lists and headings state, each with evidence.

    ``mentions`` are the document's concept mentions (their sentences are the ones searched: a
    sentence without two mentions states no relation). ``taxonomy`` (optional) tells concept
    kinds: a role listed under a cycle is PART_OF it, and helping with a problem treats it while
    helping you gain a skill causes it. Duplicates (same pair, kind and passage) are dropped.
    """
    text = document.text
    by_sentence: dict[int, list[Mention]] = {}  # the affirmed mentions of each sentence...
    by_block: dict[int, list[Mention]] = {}  # ...and of each block, in text order
    negated: dict[int, list[Mention]] = {}  # the others, by sentence
    for m in sorted(mentions, key=attrgetter("start")):
        if m.negated:
            negated.setdefault(m.sentence_start, []).append(m)
        else:
            by_sentence.setdefault(m.sentence_start, []).append(m)
            by_block.setdefault(m.block, []).append(m)
    cues = _sentence_cues(document, text, by_sentence, negated,
                          _section_heads(document, by_block), taxonomy)
    cues += _list_cues(document, text, by_block, taxonomy)
    cues += _fragment_cues(document, text, by_sentence, taxonomy)
    seen: set[tuple[str, str, str, int]] = set()
    unique = []
    for cue in cues:
        key = (cue.source, cue.target, cue.kind, cue.evidence.start)
        if cue.source != cue.target and key not in seen:
            seen.add(key)
            unique.append(cue)
    return unique


def passage(document: Document, start: int, end: int, section: str | None,
            spans: Iterable[tuple[int, int]], text: str | None = None) -> Passage:
    """The passage ``text[start:end]`` of ``document`` (whose ``text`` may be passed when
    known), with highlight spans made relative to it."""
    text = document.text if text is None else text
    return Passage(document.slug, section, text[start:end], start, end,
                   highlights(start, end, spans))


def highlights(start: int, end: int, spans: Iterable[tuple[int, int]]) -> tuple:
    """The parts of ``spans`` inside ``[start, end)``, relative to ``start``, in order."""
    return tuple(sorted((max(s, start) - start, min(e, end) - start)
                        for s, e in spans if s < end and e > start))


def _section_heads(document: Document,
                   by_block: dict[int, list[Mention]]) -> dict[str | None, Mention]:
    """Section heading text -> the concept the heading names (its main mention)."""
    blocks = document.blocks
    return {blocks[b].text: _main(ms) for b, ms in by_block.items()
            if blocks[b].kind == "heading" and blocks[b].level >= 2}


def _sentence_cues(document: Document, text: str, by_sentence: dict[int, list[Mention]],
                   negated: dict[int, list[Mention]], heads: dict[str | None, Mention],
                   taxonomy: Taxonomy | None) -> list[RelationCue]:
    if heads:  # a sentence that speaks of its section's concept as "this" or "the cycle"
        by_sentence = dict(by_sentence)
        for s_start, inside in by_sentence.items():
            m = inside[0]
            head = heads.get(m.section)
            if head is not None and head.block != m.block and len(inside) == 1 \
                    and _ANAPHOR.match(m.sentence):
                by_sentence[s_start] = [head, m]
    found: list[RelationCue] = []
    for s_start, inside in by_sentence.items():
        if len(inside) < 2 or _one_concept(inside, negated.get(s_start, ())):
            continue  # no two concepts to relate (a relation of a concept to itself is dropped)
        first = inside[-1]
        s_end = s_start + len(first.sentence)
        sentence = first.sentence
        if _is_hedged(sentence) or sentence.rstrip().endswith("?"):
            continue

        def add(source: Mention, target: Mention, kind: str, cue: str) -> None:
            if taxonomy is not None and _is_relationship_type(source.concept, taxonomy) and (
                    kind != "ASSOCIATED_WITH") or _is_relationship_type(target.concept, taxonomy) \
                    and kind not in ("ASSOCIATED_WITH", "PART_OF"):
                return  # a relationship type is no cause, sign, remedy, part or contrast
            evidence = passage(document, s_start, s_end, first.section,
                               [(source.start, source.end), (target.start, target.end)], text)
            found.append(RelationCue(source.concept, target.concept, kind, evidence, cue))

        for c_start, c_end, kind, reverse, words in cue_words(sentence):
            c_start, c_end = s_start + c_start, s_start + c_end
            before = [m for m in inside if m.end <= c_start]
            if not before:
                continue
            if any(m.start < c_end and m.end > c_start for m in inside):
                continue  # the cue words are part of a concept's name
            if before[-1].start < s_start:  # the section's concept, named by an anaphor
                if not _ANAPHOR.match(text, s_start, c_start) or len(before) > 1:
                    continue
            contrast = kind == "CONTRASTS_WITH"
            pool = inside + (negated.get(s_start, []) if contrast else [])
            after = [m for m in pool if m.start >= c_end]
            if contrast:  # with the negated mentions: sorted again
                after.sort(key=attrgetter("start"))
            ys = _objects(text, after, c_end, contrast)
            if not ys:
                continue
            near = max(s_start, c_start - 40)  # the few words before the cue
            if _negated_before(text, near, c_start) or _noun_before(text, near, c_start):
                continue
            if contrast:
                parallel = _parallel(text, before, c_start, ys[0], taxonomy)
                if parallel is not before:  # its gap is checked as a subject's
                    before, contrast = parallel, False
            gap = text[max(before[-1].end, s_start):c_start]
            if kind == "PART_OF" and reverse and len(gap.split()) > 2:
                continue  # "serious problems such as infidelity": the list's head is no concept
            if before[-1].start < s_start:
                subjects = before
            elif _RELATIVE_SUBJECT.match(gap):
                subjects = [before[-1]]
            elif _IF_CLAUSE.match(sentence) and _RESUMPTION.search(gap):
                subjects = before  # every concept of the condition
            elif _is_subject_gap(gap, contrast):
                subjects = _coordinated(text, before)
            else:
                continue
            for x in subjects:
                for y in ys:
                    if kind == "FROM":
                        if taxonomy is not None and x.concept in taxonomy \
                                and taxonomy[x.concept].kind is ConceptKind.EMOTION \
                                and y.concept in taxonomy and taxonomy[y.concept].kind in _CAUSE_KINDS \
                                and len(text[x.end:c_start].split()) <= 1 \
                                and len(text[c_end:y.start].split()) <= 2 \
                                and not _AWAY_FROM.search(text, max(s_start, c_start - 12), c_start):
                            add(y, x, "CAUSES", words)
                    elif kind == "HELPS":
                        if _is_problem(y.concept, taxonomy):
                            add(y, x, "TREATED_BY", words)
                        else:
                            add(x, y, "CAUSES", words)
                    else:
                        add(*((y, x) if reverse else (x, y)), kind, words)
        correlative = _CORRELATIVE.match(sentence)
        if correlative:
            split = s_start + correlative.start("then")
            first_part = [m for m in inside if m.start < split]
            second = [m for m in inside if m.start >= split]
            words = f"the {correlative.group('then').lower()}"
            for x in first_part:
                for y in second:
                    if correlative.group("then").lower() in ("less", "fewer") and _is_problem(
                            y.concept, taxonomy):
                        add(y, x, "TREATED_BY", words)
                    elif correlative.group("then").lower() not in ("less", "fewer"):
                        add(x, y, "CAUSES", words)
        if ":" in text[inside[0].start:s_end]:  # "X: A, B and C"
            for i, x in enumerate(inside[:-1]):
                colon = _COLON.match(text, x.end, s_end)
                if colon:
                    items = [m for m in inside[i + 1:] if m.start >= colon.end()]
                    if len(items) >= 2 and all(_COORDINATION.match(text[a.end:b.start])
                                               or "," in text[a.end:b.start]
                                               for a, b in zip(items, items[1:])):
                        for y in items:
                            add(y, x, "PART_OF", "list under a colon")
                    break
        unlike = _UNLIKE.match(sentence)
        if unlike:
            after_unlike = [m for m in inside if m.start >= s_start + unlike.end()]
            comma = sentence.find(",", unlike.end())
            if after_unlike and comma > 0:
                x = after_unlike[0]
                after = [m for m in inside if m.start > s_start + comma]
                if x.end <= s_start + comma and after:
                    add(after[0], x, "CONTRASTS_WITH", "unlike")
    return found


def _fragment_cues(document: Document, text: str, by_sentence: dict[int, list[Mention]],
                   taxonomy: Taxonomy | None) -> list[RelationCue]:
    """A verbless sentence that goes on with the list of the sentence before it ("People have
    many reasons to refuse therapy. From old beliefs to a fear of blame."): its concepts are the
    items of that sentence's frame or cue."""
    found: list[RelationCue] = []
    for s_start, items in by_sentence.items():
        sentence = items[0].sentence
        if not _FRAGMENT.match(sentence) or sentence.count(" ") >= _FRAGMENT_WORDS:
            continue  # (the anchored match first: it fails on the first word of most)
        block = document.blocks[items[0].block]
        spans = split_sentences(text, block.start, block.end)
        previous = [span for span in spans if span[1] <= s_start]
        if not previous:
            continue
        p_start, p_end = previous[-1]
        statement = _statement(text, p_start, p_end, by_sentence.get(p_start, []), taxonomy)
        if statement is None:
            continue
        head, kind, item_first, how = statement
        if kind is None or _is_hedged(text[p_start:p_end]):
            continue
        for m in items:
            if m.concept == head.concept:
                continue
            relation, source, target = kind, *((m, head) if item_first else (head, m))
            if relation == "HELPS":
                relation = "TREATED_BY" if _is_problem(m.concept, taxonomy) else "CAUSES"
                source, target = (m, head) if relation == "TREATED_BY" else (head, m)
            evidence = passage(document, p_start, s_start + len(m.sentence), block.section,
                               [(head.start, head.end), (m.start, m.end)], text)
            found.append(RelationCue(source.concept, target.concept, relation, evidence,
                                     "list under a lead-in sentence"))
    return found


def _one_concept(mentions: list[Mention], others: Iterable[Mention]) -> bool:
    """Whether all ``mentions`` and ``others`` are of one concept."""
    concept = mentions[0].concept
    return all(m.concept == concept for m in mentions) and all(m.concept == concept for m in others)


def _is_hedged(text: str) -> bool:
    """Whether ``text`` states nothing firmly ("does not mean", "not necessarily")."""
    low = text.lower()
    if text.isascii():  # the quick no: none of the words the hedges need
        maybe = "mean" in low or "not necessarily" in low or "not always" in low \
            or "unclear whether" in low
    else:  # case-insensitive matching may take other letters for these
        maybe = "mean" in low or "not " in low or "unclear" in low
    return maybe and bool(_HEDGE.search(text))


def _negated_before(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a negation and at most two words ("does not lead
    to", "never causes")."""
    words = text[start:end]
    if words.isascii():  # case-insensitive matching may take other letters for these
        low = words.lower()
        if not ("not" in low or "n't" in low or "never" in low or "no longer" in low
                or "rarely" in low or "seldom" in low):
            return False  # the quick no: none of the negations is there
    return _NEGATION_BEFORE.search(text, start, end) is not None


def _noun_before(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a word that makes the cue words after it a noun
    ("the cause", "different causes")."""
    last = start + len(text[start:end].rstrip())  # where the last word ends
    return last < end and _NOUN_BEFORE.search(
        text, max(start, last - _LONGEST_NOUN_WORD), end) is not None


def _is_relationship_type(slug: str, taxonomy: Taxonomy | None) -> bool:
    """Whether ``slug`` is a relationship type ("I left my ex due to the abuse" makes no cause of
    the ex)."""
    return taxonomy is not None and slug in taxonomy and \
        taxonomy[slug].kind is ConceptKind.RELATIONSHIP_TYPE


def _is_problem(slug: str, taxonomy: Taxonomy | None) -> bool:
    """Whether helping with ``slug`` treats it (a problem) rather than brings it about."""
    return taxonomy is None or slug not in taxonomy or taxonomy[slug].kind in _PROBLEM_KINDS


def _is_subject_gap(gap: str, contrast: bool = False) -> bool:
    """Whether the words between a mention and a cue leave the mention the cue's subject.

    Not across a clause boundary (";", ":", a relative pronoun, a comma followed by a new
    subject such as ", these remarks tend to"); for a contrast, only a few words.
    """
    if ";" in gap or ":" in gap or _RELATIVE.search(gap):
        return False
    if "," in gap and not (0 if contrast else 1) <= len(gap.rsplit(",", 1)[1].split()) \
            <= MAX_CLAUSE_WORDS:
        return False  # "X, this can lead to" but not "work with X, build Y"
    words = gap.split()
    if not _OTHER_SUBJECT.isdisjoint(w.strip(".,!?\"'()").lower() for w in words):
        return False  # "worthlessness is coming from and help you": a new clause, another subject
    return len(words) <= (MAX_CONTRAST_GAP if contrast else MAX_SUBJECT_GAP)


def _parallel(text: str, before: list[Mention], cue_start: int, y: Mention,
              taxonomy: Taxonomy | None) -> list[Mention]:
    """For "X rather than Y", the mentions up to the nearest one of Y's kind in the clause when
    the mention next to the cue is of another kind: "counselling with a therapist versed in abuse
    rather than couples counselling" contrasts two therapies, not abuse and therapy."""
    if taxonomy is None or y.concept not in taxonomy:
        return before
    kind = taxonomy[y.concept].kind
    if before[-1].concept in taxonomy and taxonomy[before[-1].concept].kind == kind:
        return before
    for i in range(len(before) - 2, -1, -1):
        m = before[i]
        if not _is_subject_gap(text[m.end:cue_start]):
            break
        if m.concept in taxonomy and taxonomy[m.concept].kind == kind:
            return before[:i + 1]
    return before


def _coordinated(text: str, before: list[Mention]) -> list[Mention]:
    """The subject right before the cue and the mentions coordinated with it ("X, Y and Z")."""
    subjects, joined = [before[-1]], False
    for m in reversed(before[:-1]):
        gap = text[m.end:subjects[-1].start]
        if m.end > subjects[-1].start or not _COORDINATION.match(gap):
            break
        joined = joined or bool(_JOINED.search(gap))
        if not joined:
            break  # "once married, cheating leads to": a comma with no "and" before the cue
        subjects.append(m)
    return subjects[::-1]


def _objects(text: str, after: list[Mention], cue_end: int, contrast: bool = False) -> list[Mention]:
    """The first mention after the cue in its clause, and those coordinated with it."""
    if not after:
        return []
    gap = text[cue_end:after[0].start]
    if _PUNCTUATION.search(gap) or len(gap.split()) > MAX_OBJECT_GAP:
        return []
    if not _OTHER_OBJECT.isdisjoint(w.lower() for w in gap.split()):
        return []  # "help center and calm yourself": the cue's object is another verb
    if _QUOTE_OPENS.search(gap) and text[after[0].end:after[0].end + 1] not in _QUOTE_CLOSES:
        return []  # 'such as "This is hard"' is a quotation; '"therapy refusal"' a quoted name
    if contrast and (len(gap.split()) > MAX_CONTRAST_GAP or _PREPOSITION.search(gap)):
        return []
    objects, closed = [after[0]], 1
    for m in after[1:]:
        gap = text[objects[-1].end:m.start]
        if not _COORDINATION.match(gap):
            break
        objects.append(m)
        if _JOINED.search(gap):
            closed = len(objects)
    return objects[:closed]


def _is_item(block: Block) -> bool:
    if block.kind == "list_item":
        return True
    return (block.kind == "paragraph" and not _SENTENCE_END.search(block.text)
            and not _LIST_LEAD_IN.search(block.text) and len(block.text.split()) <= _MAX_ITEM_WORDS)


# What a lead-in or a heading says about the items under it, read in the words before the
# concept it names: (pattern, kind, item first). "Signs of X:" items signal X; "Why X
# happens" items cause X; "How to cope with X" items treat X; "Benefits of X" are caused by X;
# "Types of X" are part of X.
_FRAMES = [
    (r"\b(?:signs?|symptoms?|red flags?|indicators?)\b|\bwhen (?:should|to|do|does) (?:i|you|we|one)"
     r" (?:worry|be concerned|get help|seek help)\b", "SIGNALS", True),
    (r"\b(?:causes?|reasons?|roots?|triggers?|sources?|drivers?)\b|^\W*why\b|\bwhat causes\b"
     r"|\bwhat leads to\b", "CAUSES", True),
    (r"\b(?:ways?|tips?|strategies|steps|how)\s+(?:\w+\s+){0,2}(?:cope|deal|manage|handle|heal|"
     r"overcome|reduce|ease|stop|recover|survive|get over|fix|repair|work through|calm|soothe)\b"
     r"|\b(?:coping|dealing|healing|recovering|recovery) (?:with|from)\b|\btreatments? (?:for|of)\b"
     r"|\bwhat helps\b|\bhelp(?:ing)? (?:with|for)\b", "TREATED_BY", False),
    (r"\bbenefits? of\b|\bwhat \w+ (?:brings|gives|offers)\b", "CAUSES", False),
    (r"\bhow (?:to|you can|can you|couples can) (?:build|create|improve|develop|practi[cs]e|"
     r"strengthen|increase|find|get|restore|rebuild|keep)\b|\bways to (?:build|create|improve|"
     r"develop|strengthen|increase|restore|rebuild|keep)\b", "CAUSES", True),
    (r"\b(?:types?|kinds?|forms?|examples?|parts?|components?|elements?|stages?|tasks?|styles?)"
     r"\s+of\b", "PART_OF", True),
]
_FRAME = re.compile("|".join(f"(?P<f{i}>{p})" for i, (p, _, _) in enumerate(_FRAMES)), re.I)


def _frame(words: str) -> tuple[str, bool] | None:
    """``(kind, item first)`` for the last frame in ``words`` (the text before a head concept)."""
    last = None
    for last in _FRAME.finditer(words):
        pass
    if last is None or last.lastgroup is None:
        return None
    _, kind, item_first = _FRAMES[int(last.lastgroup[1:])]
    return kind, item_first


def _list_cues(document: Document, text: str, by_block: dict[int, list[Mention]],
               taxonomy: Taxonomy | None) -> list[RelationCue]:
    """Relations between a list's items and what its lead-in or heading names, and between an
    FAQ question and its answer.

    A lead-in is a paragraph or heading ending with ":", or a heading right above list items.
    The head is the lead-in's main concept, or failing that its section heading's. What the
    lead-in says decides the kind: a frame before the head ("Signs of X:", "How to cope with
    X:"), or a cue after it ("X can lead to:", "X can help you:"); otherwise membership
    (PART_OF for a role under its cycle or a concept under its broader one, else
    ASSOCIATED_WITH). An item's evidence runs from the lead-in's last sentence to the item. A
    question with a frame or cue ("Why does X happen?") relates its head to the concepts of the
    answer that follows, with the question and the answer's sentence as evidence.
    """
    headings = {block.text: i for i, block in enumerate(document.blocks)
                if block.kind == "heading" and block.level >= 2}
    found: list[RelationCue] = []
    blocks = document.blocks
    for i, lead in enumerate(blocks[:-1]):
        is_heading = lead.kind == "heading" and lead.level >= 2
        asks = lead.kind == "question" and blocks[i + 1].kind == "answer"
        if asks:
            items = [i + 1]
        elif (lead.kind in ("paragraph", "heading") and _LIST_LEAD_IN.search(lead.text)
              or is_heading and blocks[i + 1].kind == "list_item"):
            items = list(itertools.takewhile(lambda j: _is_item(blocks[j]), range(i + 1, len(blocks))))
        else:
            continue
        if not items or _is_hedged(lead.text):
            continue
        lead_start = lead.start if is_heading or asks else _last_sentence_start(text, lead)
        statement = _statement(text, lead_start, lead.end, by_block.get(i, []), taxonomy)
        section = None
        if not is_heading and not asks and lead.section in headings:
            h = headings[lead.section]
            section = _statement(text, blocks[h].start, blocks[h].end, by_block.get(h, []),
                                 taxonomy)
        if statement is None and not asks:
            statement, section = section, None
        if statement is None or asks and statement[1] is None:
            continue
        head, kind, item_first, how = statement
        for j in items:
            item = blocks[j]
            if _is_hedged(item.text) or _QUOTED.match(item.text):
                continue
            for m in by_block.get(j, []):
                end = m.sentence_start + len(m.sentence) if asks else item.end
                start = lead_start if lead_start < item.start else item.start
                if section and section[0].concept not in (m.concept, head.concept) and _membership(
                        m.concept, section[0].concept, taxonomy) == "PART_OF":
                    evidence = passage(document, start, end, item.section, [(m.start, m.end)],
                                       text)
                    found.append(RelationCue(m.concept, section[0].concept, "PART_OF", evidence,
                                             "list under heading"))
                if m.concept == head.concept:
                    continue
                relation = kind or _membership(m.concept, head.concept, taxonomy)
                source, target = (m, head) if item_first else (head, m)
                if relation == "HELPS":
                    relation = "TREATED_BY" if _is_problem(m.concept, taxonomy) else "CAUSES"
                    source, target = (m, head) if relation == "TREATED_BY" else (head, m)
                evidence = passage(document, start, end, item.section,
                                   [(head.start, head.end), (m.start, m.end)], text)
                found.append(RelationCue(source.concept, target.concept, relation, evidence,
                                         "list under a question" if asks else how))
    return found


def _statement(text: str, start: int, end: int, mentions: list[Mention],
               taxonomy: Taxonomy | None) -> tuple[Mention, str | None, bool, str] | None:
    """What a lead-in or heading (``text[start:end]``, with its mentions) says about the items
    under it: ``(head, kind, item first, cue)``; kind None means membership."""
    inside = [m for m in mentions if m.start >= start]
    if not inside:
        return None
    head = _main(inside)
    frame = _frame(text[start:head.start])
    if frame:
        return head, frame[0], frame[1], f"list under {frame[0].lower()} lead-in"
    for c_start, _, kind, reverse, words in cue_words(text[head.end:end]):
        if kind not in ("CONTRASTS_WITH", "ASSOCIATED_WITH", "FROM") and _is_subject_gap(
                text[head.end:head.end + c_start]):
            return head, kind, reverse, f"list under lead-in: {words}"
    return head, None, True, "list under lead-in"


def _last_sentence_start(text: str, block: Block) -> int:
    """Where the last sentence of ``block`` starts."""
    spans = split_sentences(text, block.start, block.end)
    return spans[-1][0] if spans else block.start


def _main(mentions: list[Mention]) -> Mention:
    """The mention a lead-in or heading is about (of one or more): the longest match, the first
    on ties."""
    return max(mentions, key=lambda m: (m.end - m.start, -m.start))


def _membership(item: str, head: str, taxonomy: Taxonomy | None) -> str:
    if taxonomy is not None and item in taxonomy and head in taxonomy:
        concept = taxonomy[item]
        if head in concept.broader or (concept.kind, taxonomy[head].kind) in _PART_KINDS:
            return "PART_OF"
    return "ASSOCIATED_WITH"
