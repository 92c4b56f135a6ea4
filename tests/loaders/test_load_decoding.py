"""Text in any common encoding loads with the right characters, never mojibake."""

from __future__ import annotations

import pytest

from contentgraph.loaders.decoding import DecodeProblem, decode_bytes, is_binary
from contentgraph.loaders.load import load

def as_browser_cp1252(data: bytes) -> str:
    """Bytes decoded as a browser decodes windows-1252 (undefined bytes kept as C1 controls)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


TEXT = "Don\u2019t \u201cpanic\u201d \u2013 a na\u00efve caf\u00e9 r\u00e9sum\u00e9\u2026"


@pytest.mark.parametrize("data, expected", [
    (TEXT.encode("utf-8"), TEXT),
    (TEXT.encode("utf-8-sig"), TEXT),
    (TEXT.encode("utf-16"), TEXT),
    (TEXT.encode("cp1252"), TEXT),
    ("\u00c7a va tr\u00e8s bien, \u00c9lodie \u00e9tait l\u00e0.".encode("latin-1"),
     "\u00c7a va tr\u00e8s bien, \u00c9lodie \u00e9tait l\u00e0."),
    ("\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430? "
     "\u042d\u0442\u043e \u0442\u0435\u043a\u0441\u0442.".encode("cp1251"),
     "\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430? "
     "\u042d\u0442\u043e \u0442\u0435\u043a\u0441\u0442."),
    (as_browser_cp1252(TEXT.encode("utf-8")).encode("utf-8"), TEXT),  # double-encoded
    (b"a\r\nb\rc", "a\nb\nc"),
], ids=["utf-8", "utf-8 bom", "utf-16 bom", "cp1252", "latin-1", "cp1251", "mojibake", "crlf"])
def test_decode(data, expected):
    assert decode_bytes(data) == expected


@pytest.mark.parametrize("data", [b"\x00\x01\x02abc", bytes(range(32)) * 10])
def test_binary(data):
    assert is_binary(data)
    with pytest.raises(DecodeProblem, match="binary"):
        decode_bytes(data)


def test_cp1252_file_loads_without_mojibake(tmp_path):
    path = tmp_path / "old-post.txt"
    path.write_bytes(f"Caf\u00e9 Talk\n\n{TEXT}\n".encode("cp1252"))
    [doc] = load([path]).documents
    assert doc.title == "Caf\u00e9 Talk" and TEXT in doc.text
    assert "\u00e2\u20ac" not in doc.text
