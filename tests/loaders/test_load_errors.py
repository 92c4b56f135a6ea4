"""Every bad input gives a LoadError naming the file (and line) and the problem; the other files
still load."""

from __future__ import annotations

import pytest

from contentgraph.loaders.load import LoadOptions, load

GOOD = "Good Page\n\nThis page is fine and loads.\n"
CSV_HEADER = "questionID,questionTitle,questionText,answerText,topic,therapistInfo\n"
WXR_HEAD = ('<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/">'
            "<channel><item><title>x</title>\n<wp:status>publish</wp:status>\n")

CASES = [
    # (id, file name, content (str: utf-8 text, bytes: raw), options, reason fragment, line)
    ("empty", "empty.txt", b"", None, "empty file", None),
    ("whitespace only", "blank.md", "  \n\n \t\n", None, "empty file", None),
    ("binary", "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), None,
     "binary file", None),
    ("undecodable", "noise.txt", bytes(range(0x80, 0x100)) * 4, None, "cannot decode", None),
    ("wrong explicit encoding", "u.txt", "Caf\u00e9\n\nText.".encode("cp1252"),
     LoadOptions(encoding="ascii"), "cannot decode as ascii", None),
    ("over the size limit", "big.txt", "Big\n\n" + "word " * 400, LoadOptions(max_bytes=1000),
     "over the 0.000953674 MB limit", None),
    ("html without tags", "page.html", "just words, no markup", None, "no tags", None),
    ("html without content", "page.htm", "<html><head><title>T</title></head><body></body></html>",
     None, "no main content", None),
    ("unclosed front matter", "a.md", "---\ntitle: A\n\nText.", None, "never closed", 1),
    ("front matter not yaml", "b.md", "---\ntitle: A\ntags: [x, y\n---\nText.", None,
     "not valid YAML", 3),
    ("front matter not a mapping", "c.md", "---\n- a\n- b\n---\nText.", None,
     "must be a mapping", 2),
    ("front matter bad date", "d.md", "---\ndate: someday\n---\nText.", None,
     "'date' is not a date", None),
    ("front matter bad tags", "e.md", "---\ntags: {a: 1}\n---\nText.", None,
     "'tags' must be a list", None),
    ("csv missing columns", "qa.csv", "questionTitle,answer\nQ?,A.\n", None,
     "missing column(s) questionText, answerText", 1),
    ("csv row without answer", "qa2.csv", CSV_HEADER + "1,Q?,Text?,,t,Ann\n", None,
     "empty answerText", 2),
    ("csv row with extra fields", "qa3.csv", CSV_HEADER + "1,Q?,Text?,A.,t,Ann,extra\n", None,
     "row has 7 fields, but the header has 6", 2),
    ("jsonl bad line", "qa.jsonl", '{"questionTitle": "Q", "questionText": "T", '
     '"answerText": "A"}\n{not json\n', None, "not valid JSON", 2),
    ("malformed wxr", "site.xml", WXR_HEAD + "<broken></item></channel></rss>", None,
     "malformed WordPress export XML", 3),
    ("xml of another kind", "data.xml", "<?xml version='1.0'?><config><a>1</a></config>", None,
     "not an RSS or Atom feed", None),
    ("malformed feed", "feed.rss", "<rss><channel><item><title>x</channel>", None,
     "malformed feed XML", 1),
    ("unsupported type", "notes.pdf", b"%PDF-1.4 hello", None, "unsupported file type '.pdf'",
     None),
]


@pytest.mark.parametrize("name, content, options, reason, line",
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input(tmp_path, name, content, options, reason, line):
    bad = tmp_path / name
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = load([bad, good], options)
    assert [d.title for d in result.documents if d.source == str(good)] == ["Good Page"]
    errors = [e for e in result.errors if e.path.startswith(str(bad))]
    assert len(errors) == 1, result.errors
    assert reason in errors[0].reason
    assert errors[0].line == line
    assert str(bad) in str(errors[0])


def test_duplicate_explicit_slugs(tmp_path):
    (tmp_path / "a.md").write_text("---\nslug: same\ntitle: A\n---\nText A.", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nslug: same\ntitle: B\n---\nText B.", encoding="utf-8")
    result = load([tmp_path])
    assert [d.title for d in result.documents] == ["A"]
    [error] = result.errors
    assert error.path.endswith("b.md")
    assert "duplicate slug 'same'" in error.reason and "a.md" in error.reason


def test_duplicate_derived_slugs_are_numbered(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "post.txt").write_text(GOOD, encoding="utf-8")
    result = load([tmp_path])
    assert [d.slug for d in result.documents] == ["post", "post-2"]
    assert result.errors == []


def test_missing_paths_and_empty_globs(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = load([tmp_path / "nope.md", str(tmp_path / "*.html"), str(tmp_path / "*.txt")])
    assert [d.title for d in result.documents] == ["Good Page"]
    assert [(e.path, e.reason) for e in result.errors] == [
        (str(tmp_path / "nope.md"), "no such file or folder"),
        (str(tmp_path / "*.html"), "the pattern matches no supported file")]


def test_folders_skip_unsupported_and_hidden_files(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    result = load([tmp_path, tmp_path / "good.txt"])
    assert len(result.documents) == 1 and result.errors == []


def test_options_are_checked():
    with pytest.raises(ValueError, match="unknown qa_preset 'nope'"):
        LoadOptions(qa_preset="nope")
    with pytest.raises(ValueError, match="max_bytes must be positive"):
        LoadOptions(max_bytes=0)


def test_a_reader_crash_is_an_error_for_that_file_only(tmp_path, monkeypatch):
    from contentgraph.loaders import load as load_module

    def crash(source, options):
        raise RuntimeError("boom")

    monkeypatch.setitem(load_module.READERS, ".md", crash)
    (tmp_path / "a.md").write_text("# A\n\nText.", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = load([tmp_path])
    assert [d.title for d in result.documents] == ["Good Page"]
    assert "the .md reader failed (RuntimeError: boom)" in result.errors[0].reason
