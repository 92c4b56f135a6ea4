"""Is a match inside a negation, a meaning-flipping contrast or a hypothetical?

A match is negated when a cue comes shortly before it in the same clause: a negation ("not",
"never", "no", "doesn't"...) at most ``NEGATION_REACH`` words before it (a few more
when "or"/"nor" joins it to the negated words: "not a lack of care or commitment"), or a
contrast ("rather than", "instead of", "as opposed to") at most ``CONTRAST_REACH`` words before
it. A comma, semicolon, colon, bracket, sentence end or a clause word ("but", "because",
"although"...) between the cue and the match ends the cue's reach. Cues that do not flip what
follows are skipped: "not only", "not just", "no matter", "no doubt", "no secret", "no one",
"whether or not", a negated verb that keeps its object affirmed ("don't ignore the signs of
abuse", "can't stop feeling jealous"), and advice, which names what it advises against: "without"
("talk without blaming") and an imperative "don't" or "never" at the start of a clause or after
"to" ("don't yell", "try to not shut down").

A match is hypothetical when its sentence sets a condition ("if", "in case", "suppose", "what
if") and a modal of possibility ("might", "could", "may") comes at most
``HYPOTHETICAL_REACH`` words before it in the same clause, followed by a verb that does not
recommend ("you might start a fight", but not "you might want to try couples therapy" or "it
could help with anxiety").

Works on the scan text of ``SearchText`` (lower case, quotes unified). The extractor finds the
cue words (``CUE_PHRASES``, ``CONDITIONS``) in its one scan of a document and asks these questions
only of a match that has one within reach (``last_in_reach``).

>>> scan = "this is not a sign of abuse"
>>> is_negated(scan, scan.index("abuse"))
True
>>> scan = "she chose avoidance rather than openness"
>>> is_negated(scan, scan.index("avoidance")), is_negated(scan, scan.index("openness"))
(False, True)
>>> scan = "if you bring it up you might start a fight"
>>> is_hypothetical(scan, scan.index("fight"))
True
"""

from __future__ import annotations

import re
from bisect import bisect_right

NEGATION_REACH = 5  # words between the cue and the match
CONTRAST_REACH = 3
COORDINATION_REACH = 4  # extra words allowed when "or"/"nor" joins the match to the negated words
WINDOW = 90  # characters looked back from the match for a cue

_NEGATIONS = (
    "not", "no", "never", "cannot", "nothing", "none", "neither", "nor", "dont",
    "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "shouldnt", "wouldnt", "couldnt",
    "havent", "hasnt", "hadnt", "wont",
)
_CONTRASTS = ("rather than", "instead of", "as opposed to")
_CUE_WORDS = frozenset(_NEGATIONS) | {"rather", "instead", "opposed"}
CUE_PHRASES = (*_NEGATIONS, *_CONTRASTS)  # besides any word ending in "n't"
_WORDS = re.compile(r"\w+")
_CUE_BYTES = frozenset(word.encode() for word in _CUE_WORDS)
# ASCII text with each character that ``\w`` does not match made a space
_ASCII_WORDS = bytes(c if c < 128 and (chr(c).isalnum() or chr(c) == "_") else 32
                     for c in range(256))
_LONGEST_CUE = 16  # characters: the cue phrases and most words ending in "n't" are shorter
_CUE_WORDS_PATTERN = r"(?P<contrast>" + "|".join(_CONTRASTS) + r")|" + "|".join(_NEGATIONS)
_CUE = re.compile(rf"(?<![\w'])(?:{_CUE_WORDS_PATTERN}|\w+n't)(?![\w'])")
_CUE_WITHOUT_NT = re.compile(rf"(?<![\w'])(?:{_CUE_WORDS_PATTERN})(?![\w'])")  # where no "n't" is
# What may follow a negation without it flipping the match after it.
_NOT_FLIPPING = re.compile(
    r" (?:only|just|merely|to mention|matter|doubt|one|secret|wonder|surprise|(?:\w+ )?"
    r"(?:hesitate|ignore|forget|underestimate|overlook|dismiss|wait|delay|stop|help|avoid|"
    r"deny|worry|be afraid|let|give up|neglect|jeopardi[sz]e|lose|miss))(?![\w'])"
)
# "don't yell", "never criticise", "try to not shut down": advice, which names what it warns of.
_IMPERATIVES = frozenset({"don't", "dont", "never", "not"})
_CLAUSE_START = re.compile(r"(?:^|[.!?\n,;:(]|(?<![\w'])(?:to|please))\s*(?:do )?$")
_CLAUSE_BREAK = re.compile(
    r"[,;:.!?()\[\]\n]|(?<![\w'])(?:but|because|although|though|however|whereas|while|yet|"
    r"unless|except)(?![\w'])"
)


def last_in_reach(cue_ends: list[int], start: int) -> int:
    """The end of the last of ``cue_ends`` (the sorted ends of cue words in the scan text) close
    enough before ``start`` for ``is_negated`` or ``is_hypothetical`` to find it; 0 if none is.

    >>> last_in_reach([4, 30, 300], 60), last_in_reach([4, 300], 200)
    (30, 0)
    """
    i = bisect_right(cue_ends, start)
    return cue_ends[i - 1] if i and cue_ends[i - 1] > start - WINDOW else 0


def negation_ends(scan: str, word_ends: list[int]) -> list[int]:
    """The sorted ends of the negation and contrast cues in the scan text: ``word_ends``, those of
    ``CUE_PHRASES``, and those of the words ending in "n't"."""
    found = scan.find("n't")
    if found < 0:
        return word_ends
    ends = list(word_ends)
    while found >= 0:
        ends.append(found + 3)
        found = scan.find("n't", found + 3)
    ends.sort()
    return ends


def may_be_negated(sentence: str) -> bool:
    """False when a sentence (lower case) holds no negation or contrast cue at all: none of its
    matches is negated."""
    if "n't" in sentence or "n\u2019t" in sentence:
        return True
    if sentence.isascii():  # its words at C speed: every other character read as a space
        return not _CUE_BYTES.isdisjoint(sentence.encode().translate(_ASCII_WORDS).split())
    return not _CUE_WORDS.isdisjoint(_WORDS.findall(sentence))


def may_be_hypothetical(sentence: str) -> bool:
    """False when a sentence (lower case) sets no condition or has no modal: none of its
    matches is hypothetical."""
    if not (sentence.startswith("if ") or " if " in sentence or "in case" in sentence
            or "suppos" in sentence or "imagine" in sentence):
        return False
    return ("might" in sentence or "could" in sentence or "may" in sentence) \
        and _CONDITION.search(sentence) is not None


def is_negated(scan: str, start: int, near: int = 0) -> bool:
    """Whether the match beginning at ``start`` of the scan text is negated or contrasted.

    ``near``, when known, is where the last cue word before the match ends (see
    ``last_in_reach``): the search for the cue starts there instead of at the window's start."""
    low = max(0, start - WINDOW)
    window = scan[low:start]
    if "n't" not in window and (
        ("no" not in window and "nt" not in window and "ne" not in window
         and "rather" not in window and "instead" not in window
         and "opposed" not in window)
        or _CUE_WORDS.isdisjoint(window.split())
    ):
        return False  # a quick no for most matches: no cue word in reach
    cue = _last_cue(_CUE if "n't" in window else _CUE_WITHOUT_NT, scan, low, start, near)
    if cue is None:
        return False
    gap = scan.count(" ", cue.end(), start) - 1
    if cue.group("contrast"):
        return gap <= CONTRAST_REACH and not _CLAUSE_BREAK.search(scan, cue.end(), start)
    coordinated = scan.endswith((" or ", " nor "), 0, start)  # "not a lack of care or commitment"
    if gap > NEGATION_REACH + (COORDINATION_REACH if coordinated else 0):
        return False
    if _CLAUSE_BREAK.search(scan, cue.end(), start):
        return False
    if _NOT_FLIPPING.match(scan, cue.end()) or scan.endswith("or ", 0, cue.start()):
        return False
    return not (cue.group() in _IMPERATIVES
                and _CLAUSE_START.search(scan, max(0, cue.start() - 12), cue.start()))


def _last_cue(pattern: re.Pattern, scan: str, low: int, start: int, near: int) -> re.Match | None:
    """The last match of ``pattern`` in ``scan[low:start]``. It ends at ``near`` (when known)
    unless a character the extractor's scan does not read as a word boundary is in the way, so
    it is looked for in the few characters before ``near`` first, in the whole window otherwise."""
    cue = None
    if near:
        for cue in pattern.finditer(scan, max(low, near - _LONGEST_CUE), min(start, near + 1)):
            pass
        if cue is not None and cue.end() == near:
            return cue
    for cue in pattern.finditer(scan, low, start):
        pass
    return cue


HYPOTHETICAL_REACH = 3  # words between the modal's verb and the match
CONDITIONS = ("if", "in case", "suppose", "supposing", "imagine")
_CONDITION = re.compile(r"(?<![\w'])(?:%s)(?![\w'])" % "|".join(CONDITIONS))
_MODAL = re.compile(
    r"(?<![\w'])(?:might|could|may)(?: (?!(?:be|help|want|like|consider|try|benefit|"
    r"find|need|wish|seek|look|think|feel|have|get|become|also|not|never)\b)[\w']+)"
    r"((?: [\w']+){0,%d}) $" % HYPOTHETICAL_REACH
)
_SENTENCE_START = re.compile(r"[.!?\n]")


def is_hypothetical(scan: str, start: int) -> bool:
    """Whether the match beginning at ``start`` of the scan text is said as a possibility under
    a condition ("if you bring it up you might start a fight")."""
    low = max(0, start - WINDOW)
    window = scan[low:start]
    if not ("might" in window or "could" in window or "may" in window) or (
            "if" not in window and "in case" not in window and "supp" not in window
            and "imagine" not in window):
        return False  # the quick no: no modal, or no condition
    edge = max((m.end() for m in _SENTENCE_START.finditer(scan, low, start)), default=low)
    sentence = scan[edge:start]
    condition = _CONDITION.search(sentence)
    if condition is None:
        return False
    modal = _MODAL.search(sentence, condition.end())
    return modal is not None and not _CLAUSE_BREAK.search(sentence, modal.start())
