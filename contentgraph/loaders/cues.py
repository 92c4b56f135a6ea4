"""Typed relations stated by the text: cue phrases inside a sentence and lists under a lead-in.

Every relation found carries the sentence (or list item) that states it. Nothing is inferred
without a cue: negated mentions, hedged sentences ("does not mean", "not necessarily") and
questions state no relation. Coordinated concepts each get the relation: "the pursuer and the
withdrawer are both part of the cycle", "X, Y and Z can lead to W", "X can lead to Y and Z".

>>> from contentgraph.loaders.model import Document, Mention, make_blocks
>>> blocks = make_blocks([("heading", "T", 1), ("paragraph", "Stonewalling can lead to loneliness.", 0)])
>>> doc = Document("d", "article", "T", blocks, "d.txt", "h")
>>> s = blocks[1].start
>>> ms = [Mention("stonewalling", "d", 1, None, blocks[1].text, s, s, s + 12, "Stonewalling"),
...       Mention("loneliness", "d", 1, None, blocks[1].text, s, s + 25, s + 35, "loneliness")]
>>> [(c.source, c.kind, c.target) for c in find_cues(doc, ms, [(s, blocks[1].end)])]
[('stonewalling', 'CAUSES', 'loneliness')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..taxonomy.model import ConceptKind, Taxonomy
from .model import Block, Document, Mention, Passage, RelationCue

# (kind, pattern, reversed): reversed means "X cue Y" states Y -> X (X helps with Y: Y TREATED_BY X).
_CUES: list[tuple[str, re.Pattern[str], bool]] = [
    ("CAUSES", re.compile(
        r"\b(?:(?:can|may|will|often|usually|tends? to)\s+)?(?:leads?|led) to\b"
        r"|\bcaus(?:es|ed|e)\b(?!\s+by)|\bresult(?:s|ed)? in\b|\bcontributes? to\b|\bfuels?\b"
        r"|\btrigger(?:s|ed)?\b(?!\s+by)"
        r"|\b(?:is|are|was|were|be)\s+(?:(?:often|usually|sometimes|also)\s+)?"
        r"(?:the|a|an|one of the)\s+(?:\w+\s+)?causes? of\b", re.I),
     False),
    ("CAUSES", re.compile(r"\b(?:caused|triggered|driven) by\b|\bstems? from\b"
                          r"|\bresults? from\b|\bis a result of\b", re.I), True),
    ("SIGNALS", re.compile(
        r"\b(?:(?:may|can|might|is|are|could)\s+(?:be\s+)?)?an?\s+(?:warning\s+|early\s+)?sign of\b"
        r"|\b(?:are|be)\s+(?:(?:both|all|often|usually|sometimes|also)\s+)?"
        r"(?:warning\s+|early\s+|common\s+)?signs of\b"
        r"|\bindicat(?:es|e|ed)\b|\bsignal(?:s|led)?\b|\bred flag for\b|\bpoints? to\b", re.I), False),
    ("PART_OF", re.compile(r"\b(?:is|are|forms?|becomes?)\s+(?:(?:both|all|often|usually|sometimes|also)"
                           r"\s+)?(?:a\s+|one\s+)?part of\b", re.I), False),
    ("TREATED_BY", re.compile(r"\bhelps? (?:with|to ease|to reduce|ease|reduce)\b|\btreats?\b",
                              re.I), True),
    ("CONTRASTS_WITH", re.compile(r"\brather than\b|\binstead of\b|\bas opposed to\b"
                                  r"|\bversus\b|\bvs\.?\s", re.I), False),
]
_UNLIKE = re.compile(r"^\W*unlike\b", re.I)
_CONTRAST_CUE = re.compile(r"\brather than\b|\binstead of\b|\bas opposed to\b|\bunlike\b", re.I)
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
_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|your|my|his|her|our|root|main|different|many|possible|other"
    r"|several|multiple|underlying|common|real|primary|potential|no)\s+$", re.I)
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
# A quoted item is something someone might say ("You never listen"), not a member of the list's topic.
_QUOTED = re.compile(r"^\s*[\"\u201c\u2018']")

# Item kind -> heading kind pairs where membership means composition, not mere association.
_PART_KINDS = {(ConceptKind.CYCLE_ROLE, ConceptKind.RELATIONSHIP_CYCLE)}


def find_cues(document: Document, mentions: Iterable[Mention], sentences: list[tuple[int, int]],
              taxonomy: Taxonomy | None = None) -> list[RelationCue]:
    """Relations that the document's sentences and lists state, each with its evidence.

    ``mentions`` are the document's concept mentions, ``sentences`` its sentence spans in
    ``document.text``. ``taxonomy`` (optional) tells concept kinds, so that a role listed under a
    cycle is PART_OF it rather than ASSOCIATED_WITH it. Duplicates (same pair, kind and sentence)
    are dropped.
    """
    text = document.text
    usable = sorted((m for m in mentions if not m.negated), key=lambda m: m.start)
    every = sorted(mentions, key=lambda m: m.start)
    cues: list[RelationCue] = []
    cues += _sentence_cues(document, text, usable, every, sentences, taxonomy)
    cues += _list_cues(document, text, usable, taxonomy)
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
    highlights = tuple(sorted((max(s, start) - start, min(e, end) - start)
                              for s, e in spans if s < end and e > start))
    text = document.text if text is None else text
    return Passage(document.slug, section, text[start:end], start, end, highlights)


def _section_at(document: Document, offset: int) -> str | None:
    for block in document.blocks:
        if block.start <= offset <= block.end:
            return block.section
    return None


def _sentence_cues(document, text, usable, every, sentences, taxonomy) -> list[RelationCue]:
    found: list[RelationCue] = []
    index = 0
    for s_start, s_end in sorted(sentences):
        while index < len(usable) and usable[index].start < s_start:
            index += 1
        inside = []
        j = index
        while j < len(usable) and usable[j].end <= s_end:
            inside.append(usable[j])
            j += 1
        if len(inside) < 2:
            continue
        sentence = text[s_start:s_end]
        if _HEDGE.search(sentence) or sentence.rstrip().endswith("?"):
            continue
        section = _section_at(document, s_start)
        negated = [m for m in every if m.negated and s_start <= m.start < s_end]
        for kind, pattern, reverse in _CUES:
            for match in pattern.finditer(sentence):
                c_start, c_end = s_start + match.start(), s_start + match.end()
                if _NEGATION_BEFORE.search(text[s_start:c_start]) or _NOUN_BEFORE.search(
                        text[s_start:c_start]):
                    continue
                if any(m.start < c_end and m.end > c_start for m in inside):
                    continue  # the cue words are part of a concept's name
                contrast = kind == "CONTRASTS_WITH"
                before = [m for m in inside if m.end <= c_start]
                if not before:
                    continue
                pool = inside + (negated if contrast else [])
                ys = _objects(text, sorted((m for m in pool if m.start >= c_end), key=lambda m: m.start),
                              c_end, contrast)
                if contrast and ys:
                    parallel = _parallel(text, before, c_start, ys[0], taxonomy)
                    if parallel is not before:  # its gap is checked as a subject's
                        before, contrast = parallel, False
                if not _is_subject_gap(text[before[-1].end:c_start], contrast):
                    continue
                for x in _coordinated(text, before):
                    for y in ys:
                        source, target = (y, x) if reverse else (x, y)
                        evidence = passage(document, s_start, s_end, section,
                                           [(x.start, x.end), (y.start, y.end)], text)
                        found.append(RelationCue(source.concept, target.concept, kind, evidence,
                                                 match.group(0).strip().lower()))
        unlike = _UNLIKE.match(sentence)
        if unlike:
            first = [m for m in inside if m.start >= s_start + unlike.end()]
            comma = sentence.find(",", unlike.end())
            if first and comma > 0:
                x = first[0]
                after = [m for m in inside if m.start > s_start + comma]
                if x.end <= s_start + comma and after:
                    evidence = passage(document, s_start, s_end, section,
                                       [(x.start, x.end), (after[0].start, after[0].end)], text)
                    found.append(RelationCue(after[0].concept, x.concept, "CONTRASTS_WITH",
                                             evidence, "unlike"))
    return found


def _is_subject_gap(gap: str, contrast: bool = False) -> bool:
    """Whether the words between a mention and a cue leave the mention the cue's subject.

    Not across a clause boundary (";", ":", a relative pronoun, a comma followed by a new
    subject such as ", these remarks tend to"); for a contrast, only a few words.
    """
    if ";" in gap or ":" in gap or _RELATIVE.search(gap):
        return False
    if "," in gap and len(gap.rsplit(",", 1)[1].split()) > MAX_CLAUSE_WORDS:
        return False
    return len(gap.split()) <= (MAX_CONTRAST_GAP if contrast else MAX_SUBJECT_GAP)


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
    if re.search(r"[.,;:!?]", gap) or len(gap.split()) > MAX_OBJECT_GAP:
        return []
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


def _list_cues(document: Document, text: str, usable: list[Mention],
               taxonomy: Taxonomy | None) -> list[RelationCue]:
    by_block: dict[int, list[Mention]] = {}
    for m in usable:
        by_block.setdefault(m.block, []).append(m)
    headings = _heading_concepts(document, by_block)
    found: list[RelationCue] = []
    blocks = document.blocks
    for i, lead in enumerate(blocks):
        if lead.kind not in ("paragraph", "heading") or not _LIST_LEAD_IN.search(lead.text):
            continue
        if _HEDGE.search(lead.text):
            continue
        head = _main(by_block.get(i, []))
        section_head = headings.get(lead.section)
        cue = "list under lead-in" if head else "list under heading"
        head = head or section_head
        j = i + 1
        while j < len(blocks) and _is_item(blocks[j]):
            item = blocks[j]
            if not _HEDGE.search(item.text) and not _QUOTED.match(item.text):
                for m in by_block.get(j, []):
                    for target, how in ((head, cue), (section_head, "list under heading")):
                        if target is None or target.concept == m.concept:
                            continue
                        kind = _membership(m.concept, target.concept, taxonomy)
                        if how != cue and kind != "PART_OF":
                            continue  # the section's concept adds only composition
                        evidence = passage(document, item.start, item.end, item.section,
                                           [(m.start, m.end)])
                        found.append(RelationCue(m.concept, target.concept, kind, evidence, how))
            j += 1
    return found


def _heading_concepts(document: Document, by_block: dict[int, list[Mention]]) -> dict:
    """Section heading text -> the concept it names (its main mention)."""
    heads = {}
    for i, block in enumerate(document.blocks):
        if block.kind == "heading" and block.level >= 2:
            main = _main(by_block.get(i, []))
            if main:
                heads[block.text] = main
    return heads


def _main(mentions: list[Mention]) -> Mention | None:
    """The mention a lead-in or heading is about: the longest match, the first on ties."""
    if not mentions:
        return None
    return max(mentions, key=lambda m: (m.end - m.start, -m.start))


def _membership(item: str, head: str, taxonomy: Taxonomy | None) -> str:
    if taxonomy is not None and item in taxonomy and head in taxonomy:
        concept = taxonomy[item]
        if head in concept.broader or (concept.kind, taxonomy[head].kind) in _PART_KINDS:
            return "PART_OF"
    return "ASSOCIATED_WITH"
