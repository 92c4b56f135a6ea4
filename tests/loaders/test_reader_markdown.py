"""Markdown with YAML front matter."""

from __future__ import annotations

import pytest

from contentgraph.loaders.load import load


def load_one(tmp_path, text: str, name: str = "post.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load([path])


FRONT = ("---\ntitle: On Repair\nurl: https://a.test/blog/on-repair\nauthor: Ann Lee\n"
         "date: 2025-02-10\ntags: [repair, gottman]\nseries: Basics\n---\n")


def test_front_matter_fields(tmp_path):
    [doc] = load_one(tmp_path, FRONT + "# On Repair\n\nText.\n").documents
    assert (doc.slug, doc.title, doc.url, doc.author, doc.published, doc.tags) == (
        "on-repair", "On Repair", "https://a.test/blog/on-repair", "Ann Lee", "2025-02-10",
        ["repair", "gottman"])
    assert doc.metadata == {"series": "Basics"}
    assert [b.text for b in doc.blocks] == ["On Repair", "Text."]  # the H1 is not repeated


@pytest.mark.parametrize("body, expected", [
    ("Para one.\n\n## Part\n\nPara two.",
     [("paragraph", "Para one.", None), ("heading", "Part", "Part"),
      ("paragraph", "Para two.", "Part")]),
    ("Lead-in:\n\n- one\n- two *emphasised*\n\n1. first\n2. second",
     [("paragraph", "Lead-in:", None), ("list_item", "one", None),
      ("list_item", "two emphasised", None), ("list_item", "first", None),
      ("list_item", "second", None)]),
    ("### Deep\n\n> A quote\n> over lines.", [("heading", "Deep", "Deep"),
                                               ("paragraph", "A quote over lines.", "Deep")]),
    ("# Another top heading\n\nText.", [("heading", "Another top heading", "Another top heading"),
                                        ("paragraph", "Text.", "Another top heading")]),
], ids=["sections", "lists", "quote", "second h1 becomes a section"])
def test_blocks(tmp_path, body, expected):
    [doc] = load_one(tmp_path, FRONT + body).documents
    assert [(b.kind, b.text, b.section) for b in doc.blocks[1:]] == expected


def test_links_are_absolute_and_unique(tmp_path):
    body = ("See [one](https://a.test/blog/one), [again](https://a.test/blog/one#top), "
            "[rel](/blog/two) and [mail](mailto:x@a.test).")
    [doc] = load_one(tmp_path, FRONT + body).documents
    assert doc.links == ["https://a.test/blog/one", "https://a.test/blog/two"]
    assert doc.text.endswith("See one, again, rel and mail.")


@pytest.mark.parametrize("text, slug, title", [
    ("# Just a heading\n\nText.", "no-front-matter", "Just a heading"),
    ("---\nslug: Chosen Slug\n---\nText.", "chosen-slug", "no front matter"),
    ("---\ntags: a, b\n---\nText.", "no-front-matter", "no front matter"),
], ids=["no front matter", "explicit slug", "tags as a string"])
def test_defaults(tmp_path, text, slug, title):
    [doc] = load_one(tmp_path, text, "no-front-matter.md").documents
    assert (doc.slug, doc.title) == (slug, title)
