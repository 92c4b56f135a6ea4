"""The scraped-page reader: title, byline, structure, furniture."""

from __future__ import annotations

import pytest

from contentgraph.loaders.load import load
from contentgraph.loaders.readers.plaintext import is_furniture, parse_page


def blocks(text: str) -> list[tuple[str, str]]:
    return [(kind, line) for kind, line, _ in parse_page(text).items]


@pytest.mark.parametrize("text, expected", [
    ("T\nWhy it happens\nBecause of fear.",
     [("heading", "Why it happens"), ("paragraph", "Because of fear.")]),
    ("T\nSigns include:\nshouting\nsilence\nIt ends here.",
     [("paragraph", "Signs include:"), ("list_item", "shouting"), ("list_item", "silence"),
      ("paragraph", "It ends here.")]),
    ("T\nBefore.\n- first point\n- second point\nAfter.",
     [("paragraph", "Before."), ("list_item", "first point"), ("list_item", "second point"),
      ("paragraph", "After.")]),
    ("T\nIntro text.\nanxious partners seek closeness\navoidant partners pull away\nThen more.",
     [("paragraph", "Intro text."), ("list_item", "anxious partners seek closeness"),
      ("list_item", "avoidant partners pull away"), ("paragraph", "Then more.")]),
    ("T\nFAQ\nIs it normal?\nYes, very.\nIt happens to many.\nCan it change?\nIt can.",
     [("heading", "FAQ"), ("question", "Is it normal?"), ("answer", "Yes, very."),
      ("answer", "It happens to many."), ("question", "Can it change?"), ("answer", "It can.")]),
    ("T\nText.\nCan Couples Change If Only One Goes?\nOften they can.",
     [("paragraph", "Text."), ("heading", "Can Couples Change If Only One Goes?"),
      ("paragraph", "Often they can.")]),
    ("T\nA question for you?\nNot in a FAQ, so a paragraph.",
     [("paragraph", "A question for you?"), ("paragraph", "Not in a FAQ, so a paragraph.")]),
    ("T\n## Marked heading\nBody.", [("heading", "Marked heading"), ("paragraph", "Body.")]),
    ("T\nThis is glued.It should not be.",
     [("paragraph", "This is glued. It should not be.")]),
    ("T\n\nA wrapped paragraph that goes on for quite a while before it\nbreaks mid-sentence "
     "and continues.", [("paragraph", "A wrapped paragraph that goes on for quite a while "
                                      "before it breaks mid-sentence and continues.")]),
], ids=["heading", "lead-in list", "bullets", "run without lead-in", "faq", "title-case question",
        "plain question", "markdown heading", "glued sentences", "wrapped line"])
def test_structure(text, expected):
    assert blocks(text) == expected


@pytest.mark.parametrize("byline, author, published, reading_time", [
    ("- someone99\n- May 12\n- 5 min read", None, None, 5),
    ("By Ann Lee | 14 January 2025 | 4 min read", "Ann Lee", "2025-01-14", 4),
    ("Posted on 2024-03-02", None, "2024-03-02", None),
    ("- Ann Lee\n- Mar 3, 2025", None, "2025-03-03", None),
    ("Updated: 5 Jan 2025\n- 3 min read", None, "2025-01-05", 3),
])
def test_byline(byline, author, published, reading_time):
    page = parse_page(f"Title\n{byline}\n\nThe text starts here.")
    assert (page.author, page.published, page.reading_time) == (author, published, reading_time)
    assert blocks(f"Title\n{byline}\n\nThe text starts here.") == [
        ("paragraph", "The text starts here.")]


def test_byline_date_without_year_is_kept_as_text():
    page = parse_page("Title\n- handle\n- May 12\nText.")
    assert page.published is None and page.metadata["date_text"] == "May 12"


@pytest.mark.parametrize("signature", [
    "Ann Lee\nAnn is a couples therapist in Leeds.",
    "Ann Lee\nRelationship Psychotherapist\n0161 496 0000",
    "About the author\nAnn Lee\nShe has worked with couples for years.",
    "Ann Lee\n+44 161 496 0000",
    "Ann Lee, MA, LMFT\nLicensed Marriage and Family Therapist",
    "Ann Lee, LPC",
])
def test_author_from_signature_and_bio_is_not_content(signature):
    page = parse_page(f"Title\n\nThe text.\nMore text.\n{signature}\nPrevious\nOther title\n"
                      "Next\nAnother title\nComments")
    assert page.author == "Ann Lee"
    assert [t for _, t, _ in page.items] == ["The text.", "More text."]


def test_url_line_under_the_title_is_the_page_url():
    page = parse_page("Title\nhttps://a.test/blog/post\nText with https://a.test/other.")
    assert page.url == "https://a.test/blog/post"
    assert page.links == ["https://a.test/other"]


@pytest.mark.parametrize("line", [
    "Previous", "Next", "Comments", "0 comments", "Share", "Menu", "Skip to content",
    "Home | About | Blog | Contact", "Call us on 020 7946 0321", "07521037092",
    "Please note: these posts are not meant to replace individual advice.",
    "Disclaimer: this article is for general information only.",
    "If you are ready, contact us or book a FREE consultation.",
    "Book a free 15-minute call today.", "***", "12", "Post not marked as liked",
])
def test_furniture(line):
    assert is_furniture(line)
    assert line not in [t for _, t, _ in parse_page(f"Title\nKept text.\n{line}\nMore.").items]


@pytest.mark.parametrize("line", [
    "Couples often argue about money.", "Why the cycle starts", "fear of being blamed",
    "Call it what it is: a pattern.",
])
def test_not_furniture(line):
    assert not is_furniture(line)


def test_txt_file_becomes_one_article(tmp_path):
    path = tmp_path / "my-post.txt"
    path.write_text("My Post\nBy Ann Lee | 3 May 2024\n\nSome text.\n", encoding="utf-8")
    [doc] = load([path]).documents
    assert (doc.slug, doc.kind, doc.title, doc.author, doc.published) == (
        "my-post", "article", "My Post", "Ann Lee", "2024-05-03")
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].level == 1
    assert doc.text == "My Post\n\nSome text."


def test_furniture_above_the_title_is_skipped():
    page = parse_page("Skip to content\nMenu\nHome | Blog\nReal Title\nText.")
    assert page.title == "Real Title"


def test_a_page_of_furniture_only_is_an_error(tmp_path):
    path = tmp_path / "nav.txt"
    path.write_text("Previous\nNext\nComments\n", encoding="utf-8")
    result = load([path])
    assert result.documents == []
    assert "only site furniture" in result.errors[0].reason


@pytest.mark.parametrize("marker", ["Related articles", "Read next", "You might also like"])
def test_related_post_links_after_a_marker_are_not_content(marker):
    page = parse_page(f"Title\n\nThe text.\nMore text.\nAnd more.\nStill more.\n{marker}\n"
                      "Signs of emotional abuse\nHow couples therapy works")
    assert [t for _, t, _ in page.items] == ["The text.", "More text.", "And more.", "Still more."]
