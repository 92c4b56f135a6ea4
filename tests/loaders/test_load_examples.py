"""The bundled example corpus loads cleanly, in every format, with stable slugs and offsets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from contentgraph.examples import corpus_path
from contentgraph.loaders.load import load
from contentgraph.loaders.model import BLOCK_SEPARATOR


def test_example_corpus_loads_without_errors():
    result = load([corpus_path()])
    assert result.errors == []
    kinds = Counter(d.kind for d in result.documents)
    assert kinds["article"] == 10 and kinds["question"] == 12 and kinds["answer"] == 20
    formats = {Path(d.source.split("#")[0]).suffix for d in result.documents}
    assert formats == {".md", ".txt", ".html", ".xml", ".atom", ".csv"}


def test_every_article_has_url_author_date_and_300_words():
    for doc in load([corpus_path()]).documents:
        if doc.kind == "article":
            assert doc.url.startswith("https://example-practice.test/blog/"), doc.slug
            assert doc.author and doc.published, doc.slug
            assert 250 <= doc.word_count <= 500, (doc.slug, doc.word_count)


def test_articles_link_to_each_other_by_url():
    docs = [d for d in load([corpus_path()]).documents if d.kind == "article"]
    urls = {d.url for d in docs}
    links = {(d.url, link) for d in docs for link in d.links if link in urls}
    assert len(links) >= 8
    by_slug = {d.slug: d for d in docs}
    for unlinked in [("attachment-styles-adult-relationships", "emotionally-focused-therapy"),
                     ("attachment-styles-adult-relationships", "pursue-withdraw-cycle")]:
        a, b = (by_slug[s] for s in unlinked)
        assert b.url not in a.links and a.url not in b.links  # for missing-link suggestions


def test_slugs_are_stable_and_offsets_index_the_text():
    first, second = load([corpus_path()]), load([corpus_path()])
    assert [d.slug for d in first.documents] == [d.slug for d in second.documents]
    for doc in first.documents:
        text = doc.text
        assert text == BLOCK_SEPARATOR.join(b.text for b in doc.blocks)
        assert all(text[b.start:b.end] == b.text for b in doc.blocks)
        assert doc.kind == "answer" or doc.blocks[0].level == 1


def test_progress_is_reported_per_file():
    from contentgraph.loaders.load import LoadOptions

    seen = []
    load([corpus_path()], LoadOptions(progress=lambda path, done, total: seen.append((done, total))))
    assert seen == [(n, 11) for n in range(1, 12)]
