"""One person is one author and one page one readable slug, whatever the reader and the file name."""

from __future__ import annotations

import pytest

from contentgraph.loaders.load import load

BODY = "Couples who argue about chores are often arguing about feeling unseen."

SOURCES = {
    "post.md": f"---\ntitle: Chores\nauthor: Dana Reyes, LMFT\n---\n\n{BODY}\n",
    "page.html": ("<html><head><title>Chores</title><meta name='author' content='Dana Reyes, "
                  f"LMFT'></head><body><article><h1>Chores</h1><p>{BODY}</p><p>{BODY} And "
                  "about fairness.</p></article></body></html>"),
    "page.txt": f"Chores\nBy Dana Reyes, LMFT | 14 January 2025\n\n{BODY}\n",
    "feed.atom": ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                  "<title>S</title><id>x</id><updated>2025-01-01T00:00:00Z</updated><entry>"
                  "<title>Chores</title><link href='https://a.test/blog/chores'/><id>c</id>"
                  "<updated>2025-01-02T00:00:00Z</updated><author><name>Dana Reyes, LMFT</name>"
                  f"</author><content type='html'>&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"),
    "qa.csv": ("questionID,questionTitle,questionText,answerText,topic,therapistInfo\n"
               f"1,Chores,Why do we fight about chores?,{BODY},relationships,"
               "\"Dana Reyes, LMFTCouples Therapist\"\n"),
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_reader_names_the_person_without_credentials(tmp_path, name):
    path = tmp_path / name
    path.write_text(SOURCES[name], encoding="utf-8")
    result = load([path])
    assert not result.errors, result.errors
    authors = {d.author for d in result.documents if d.kind != "question"}
    assert authors == {"Dana Reyes"}


def test_a_page_saved_under_a_hash_takes_its_slug_from_its_title(tmp_path):
    path = tmp_path / "000_9f3ab27c11d04e6a.txt"
    path.write_text(f"When Chores Become a Fight\nBy Dana Reyes\n\n{BODY}\n", encoding="utf-8")
    (doc,) = load([path]).documents
    assert doc.slug == "when-chores-become-a-fight"
