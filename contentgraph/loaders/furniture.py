"""Page furniture: text that is not what a document says about people and relationships.

The readers drop whole lines of it (navigation, phone numbers, disclaimers, calls to action; see
``readers.plaintext``). Some reaches the text anyway, inside a paragraph or at the end of a
reader's answer; the extractor skips the sentences it recognises here, so that their words are
neither concepts nor evidence:

- a signature: a short sentence holding credentials ("Jo Lee, MA, LMFT");
- a service offer or call to action in the writer's own voice ("I offer online counseling",
  "feel free to contact me", "I'd love to help"), or a short sign-off ("Best of luck!");
- a web address, e-mail address or phone number in a short sentence;
- a sentence in another language (almost none of the commonest English words, and some of
  another language's).

>>> [is_furniture_sentence(s) for s in ("Robin Lee, DBH, LPC, NCC", "I offer a free consultation.",
...     "Fear of conflict can keep couples quiet.", "Es común pasar por un estado de ajuste.")]
[True, True, False, True]
"""

from __future__ import annotations

import re

PHONE = re.compile(r"(?<![\w/.])\+?\(?\d[\d ().-]{7,}\d(?![\w/])")
DISCLAIMER = re.compile(
    r"not (?:meant|intended|designed) (?:to|as a) (?:replace|substitute|be a substitute)"
    r"|substitute for (?:professional|medical|individual)|for (?:general )?information(?:al)? "
    r"(?:purposes )?only|is general information|^(?:disclaimer|please note)\b.*\b(?:advice|"
    r"informational|information)\b", re.I)
CTA = re.compile(
    r"\b(?:book|schedule|arrange|claim|request)\b[^.]{0,40}\b(?:consultation|call|session|"
    r"appointment)\b|\bcontact us\b|\bget in touch\b|\bcall us\b|\bemail us\b|\bsign up\b|"
    r"\bsubscribe to\b|\bfree consultation\b", re.I)
DISCLAIMER_WORDS = ("replace", "substitute", "information", "disclaimer", "please note")
CTA_WORDS = ("book", "schedule", "arrange", "claim", "request", "contact us", "in touch",
             "call us", "email us", "sign up", "subscribe", "consultation")
# Professional credentials, as written after a name (case matters: "MA", not "ma").
CREDENTIALS = re.compile(
    r"\b(?:LCSW|LMFT|LMFTA|MFT|MFTI|LPC|LPCC|LPCA|LCPC|LMHC|LPC-S|NCC|CADC|LCADC|DBH|PhD|PsyD|"
    r"EdD|MSW|MSc|MEd|MA|MS|LP|LMSW|LISW|RP|RCC|UKCP|BACP|MBACP|CST|CGP|ACSW|BCD|RN|MD)\b")
# The writer's own offer, contact prompt or sign-off.
_OWN_VOICE = re.compile(
    r"\b(?:i|we)(?:'d| would)? (?:offer|provide|specialize|specialise|am available|have openings|"
    r"accept new clients|see clients|work with clients)\b"
    r"|\b(?:contact|call|email|e-mail|text|message|visit|reach) (?:me|us)\b"
    r"|\b(?:my|our) (?:website|web site|practice|office|blog|clinic|page|site)\b"
    r"|\bconsultation with (?:me|us)\b|\bfeel free to (?:contact|reach|call|email|message)\b"
    r"|\b(?:i'd|i would|i'm happy to|i am happy to|happy to) (?:love to )?help\b"
    r"|\bi hope (?:this|that) (?:helps|is helpful)\b", re.I)
_SIGN_OFF = re.compile(r"\b(?:best of|good) luck\b|\ball the best\b|\bbest wishes\b"
                       r"|\bwarm(?:est)? regards\b|\btake care\b(?! of)"
                       r"|\bwish you (?:the best|well|luck)\b|\bbe well\b", re.I)
_ADDRESS = re.compile(r"https?://|www\.|\b[\w.-]+@[\w-]+\.\w|\b[\w-]+\.(?:com|org|net)\b", re.I)
# The commonest English words, and those of the languages readers most often write in instead: a
# sentence of six words or more with almost none of the first and some of the second is in
# another language.
_ENGLISH = frozenset("""the a an and or but to of in on for with is are was were be been it this
that you your i my me he she him her they them we our not have has do can will would if as at by
from so what about all there their when how just like more""".split())
_OTHER = frozenset("""de la que el en los las por para con una es y se del al lo su sus muy pero si tu te mi
le les des du et est une pas qui dans und der die das ist nicht ein eine ich mit não um uma com
você""".split())
_LETTERS = re.compile(r"[^\W\d_]+")
SHORT = 20  # words: a longer sentence with an address in it says something else too


# Words one of which a furniture sentence holds (lower case, words joined by single spaces as in
# the extractor's scan text): the extractor finds them in the same scan as concepts and checks
# only the sentences that hold one (``is_foreign`` needs none).
TRIGGERS = (
    *"""lcsw lmft lmfta mft mfti lpc lpcc lpca lcpc lmhc ncc cadc lcadc dbh phd psyd edd msw msc
    lmsw lisw rcc ukcp bacp mbacp cgp acsw bcd www http https""".split(),
    "i offer", "we offer", "i provide", "we provide", "i specialize", "i specialise",
    "we specialize", "i am available", "i have openings", "accept new clients", "see clients",
    "work with clients", "contact me", "contact us", "call me", "call us", "email me", "email us",
    "e mail me", "text me", "message me", "visit me", "visit us", "reach me", "reach us",
    "my website", "our website", "my web site", "my practice", "our practice", "my office",
    "our office", "my blog", "our blog", "my clinic", "our clinic", "my page", "my site",
    "our site", "consultation", "appointment", "get in touch", "sign up", "subscribe",
    "feel free to", "love to help", "happy to help", "hope this helps", "hope that helps",
    "hope this is helpful", "hope that is helpful", "good luck", "best of luck", "all the best",
    "best wishes", "warm regards", "warmest regards", "take care", "wish you", "be well",
)


def is_furniture_sentence(sentence: str) -> bool:
    """Whether ``sentence`` is a signature, an offer or sign-off in the writer's voice, an
    address or phone number, or in another language."""
    low = sentence.casefold()
    words = sentence.count(" ") + 1
    if words <= 14 and CREDENTIALS.search(sentence):
        return True
    if words <= 60 and _OWN_VOICE.search(low):
        return True
    if words <= 8 and _SIGN_OFF.search(low):
        return True
    if words <= 60 and (any(k in low for k in CTA_WORDS) or not sentence.isascii()) \
            and CTA.search(sentence):  # (case-insensitive matching may read other letters so)
        return True
    if words <= SHORT and (_ADDRESS.search(sentence) or PHONE.search(sentence)):
        return True
    return is_foreign(low)


def is_foreign(sentence: str) -> bool:
    """Whether a sentence of six words or more has almost none of the commonest English words.

    >>> is_foreign("si el problema persiste tu consejero te puede ayudar"), is_foreign("Try it.")
    (True, False)
    """
    if " the " in sentence or " and " in sentence or " to " in sentence or " you" in sentence:
        return False  # the quick answer for most sentences
    words = _LETTERS.findall(sentence.casefold())
    return len(words) >= 6 and sum(w in _ENGLISH for w in words) < 0.1 * len(words) \
        and sum(w in _OTHER for w in words) >= 2
