"""Bytes -> text: UTF-8 first, then the right legacy encoding, never mojibake.

>>> decode_bytes("caf\\u00e9 \\u2019".encode("cp1252"))
'café ’'
>>> decode_bytes("caf\\u00e9".encode("utf-8").decode("cp1252").encode("utf-8"))  # double-encoded
'café'
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# UTF-8 read as cp1252: "â€™", "Ã©", "Â " ... (lead byte as a Latin-1 letter, then a continuation)
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
                       "\u2039\u203a\u20ac\u2122]")


class DecodeProblem(ValueError):
    """The bytes are not text this package can read; the message says why."""


def is_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes, or many control characters."""
    head = data[:65536]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 20)


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """Decode ``data`` to text, with ``\\n`` line ends.

    Order: a byte-order mark; the ``encoding`` given; UTF-8; Windows-1252 (a superset of
    Latin-1's printable characters) when the result reads as Western text; otherwise the encoding
    charset-normalizer detects. Text that was UTF-8 decoded as cp1252 and saved again is repaired.
    Raises DecodeProblem for binary data and for bytes no encoding explains.
    """
    if is_binary(data):
        raise DecodeProblem("binary file, not text")
    text = _decode(data, encoding)
    return _repair_mojibake(text).replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, encoding: str | None) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name)
            except UnicodeDecodeError as exc:
                raise DecodeProblem(f"starts with a {name} byte-order mark but is not {name} "
                                    f"(byte {exc.start})") from exc
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeProblem(f"cannot decode as {encoding}: {exc}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    western = _try(data, "cp1252")
    if western is not None and _reads_as_western(western):
        return western
    guess = from_bytes(data).best()
    if guess is not None and _reads_as_text(str(guess)):
        return str(guess)
    if western is not None:
        return western
    raise DecodeProblem("cannot decode: not UTF-8, and no other encoding fits the bytes "
                        "(pass an explicit encoding if you know it)")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _reads_as_western(text: str) -> bool:
    """Most letters are ASCII, as in English or other Western European text."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    accented = sum(1 for c in letters if ord(c) > 127)
    return accented / len(letters) < 0.3


def _reads_as_text(text: str) -> bool:
    """Nearly all characters are letters, digits, spaces or punctuation (not symbols/controls)."""
    plain = sum(1 for c in text if c in "\n\t" or unicodedata.category(c)[0] in "LNZPM")
    return plain >= 0.9 * len(text)


def _repair_mojibake(text: str) -> str:
    if not _MOJIBAKE.search(text):
        return text
    try:
        fixed = _as_cp1252_bytes(text).decode("utf-8")
    except UnicodeError:
        return text
    return fixed if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)) else text


def _as_cp1252_bytes(text: str) -> bytes:
    """``text`` encoded as cp1252, the five bytes cp1252 leaves undefined kept as themselves
    (browsers decode them to U+0081, U+008D, U+008F, U+0090, U+009D)."""
    return text.encode("cp1252", errors=_KEEP_C1)


def _keep_c1(exc: UnicodeEncodeError) -> tuple[bytes, int]:
    chars = exc.object[exc.start:exc.end]
    if any(ord(c) > 0xFF for c in chars):
        raise exc
    return bytes(ord(c) for c in chars), exc.end


_KEEP_C1 = "contentgraph-keep-c1"
codecs.register_error(_KEEP_C1, _keep_c1)
