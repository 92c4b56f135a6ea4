"""WordPress exports and RSS/Atom feeds."""

from __future__ import annotations

from contentgraph.loaders.load import load

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Site</title>
<wp:author><wp:author_login>ann</wp:author_login><wp:author_display_name>Ann Lee</wp:author_display_name></wp:author>
<item><title>Post One</title><link>https://a.test/blog/post-one</link>
<pubDate>Mon, 12 May 2025 09:00:00 +0000</pubDate><dc:creator>ann</dc:creator>
<category domain="post_tag">repair</category>
<content:encoded><![CDATA[<h2>Part</h2><p>Body with <a href="/blog/two">a link</a>.</p>]]></content:encoded>
<wp:post_name>post-one</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>photo</title><content:encoded><![CDATA[]]></content:encoded>
<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type></item>
<item><title>Draft</title><content:encoded><![CDATA[<p>Not yet.</p>]]></content:encoded>
<wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
<item><title>Empty</title><content:encoded><![CDATA[]]></content:encoded>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>
</channel></rss>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>S</title>
<item><title>Entry A</title><link>https://a.test/blog/entry-a</link><author>x@a.test (Ann Lee)</author>
<pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate><description>&lt;p&gt;Hello &lt;b&gt;there&lt;/b&gt;.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>S</title><id>x</id><updated>2025-01-01T00:00:00Z</updated>
<entry><title>Entry B</title><link href="https://a.test/blog/entry-b"/><id>b</id>
<updated>2025-01-02T00:00:00Z</updated><author><name>Bo Ray</name></author>
<category term="trust"/><content type="html">&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;/ul&gt;</content></entry></feed>"""


def test_wxr_posts_only(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(WXR, encoding="utf-8")
    result = load([path])
    [doc] = result.documents
    assert (doc.slug, doc.title, doc.author, doc.published, doc.tags, doc.url) == (
        "post-one", "Post One", "Ann Lee", "2025-05-12", ["repair"], "https://a.test/blog/post-one")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Post One"), ("heading", "Part"), ("paragraph", "Body with a link.")]
    assert doc.links == ["https://a.test/blog/two"]
    assert doc.source.endswith("export.xml#item=1")
    [error] = result.errors  # the published post without content; attachment and draft skipped
    assert "post 4 (Empty) has no content" in str(error) and error.line is not None


def test_rss_and_atom(tmp_path):
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "feed.atom").write_text(ATOM, encoding="utf-8")
    docs = {d.slug: d for d in load([tmp_path]).documents}
    a, b = docs["entry-a"], docs["entry-b"]
    assert (a.title, a.author, a.published, a.text) == (
        "Entry A", "Ann Lee", "2025-06-03", "Entry A\n\nHello there.")
    assert (b.author, b.published, b.tags) == ("Bo Ray", "2025-01-02", ["trust"])
    assert [blk.kind for blk in b.blocks] == ["heading", "list_item"]
