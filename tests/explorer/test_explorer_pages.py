"""Each explorer page rendered on the example corpus shows what its reader came for."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from contentgraph.dates import readable_date, readable_time


def concept_with_evidence(graph):
    """A concept that has a definition and a related concept with an evidence sentence (on the
    first page of its related concepts)."""
    from contentgraph.explorer.concepts import RELATED

    for concept in graph.concepts():
        if not concept.definition:
            continue
        for related in graph.related_concepts(concept.slug, n=RELATED):
            if related.evidence:
                return concept, related
    raise AssertionError("no concept of the example corpus has related evidence")


def test_home_shows_the_headline_figures(client, example_graph, page):
    response = client.get("/")
    assert response.status_code == 200
    text = page(response.text).text
    stats = example_graph.stats()
    for label, value in (("Articles", stats.articles), ("Reader questions", stats.questions),
                         ("Concepts", stats.concepts), ("Relations", stats.relations)):
        assert f"{label} {value:,}" in text
    assert readable_time(stats.built_at) in text and stats.built_at not in text
    assert re.search(r"Built \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC\.", text)


def test_search_without_javascript_finds_a_concept_by_another_name(client, example_graph, page):
    response = client.get("/", params={"q": "anxiously attached"})
    assert response.status_code == 200
    assert "/concepts/anxious-attachment" in page(response.text).links()


def test_search_finds_articles(client, example_graph, page):
    response = client.get("/", params={"q": "roommate"})
    links = page(response.text).links()
    assert any(link.startswith("/articles/") for link in links)


def test_a_misspelt_search_finds_the_concept_and_the_documents_spelled_right(client,
                                                                              example_graph,
                                                                              page):
    # a concept spelled alike does not keep the documents from being found spelled right
    total, right = example_graph.search_documents("stonewalling")
    assert total and example_graph.search("stonewalling")[1][0].kind == "concept"
    links = page(client.get("/", params={"q": "stonewaling"}).text).links()
    assert "/concepts/stonewalling" in links
    assert {f"/articles/{h.slug}" for h in right} <= set(links)


def test_search_with_no_hits_says_so(client, page):
    response = client.get("/", params={"q": "zzqxv"})
    assert "Nothing matches “zzqxv”" in page(response.text).text


def test_search_json_suggests_concepts(client):
    hits = client.get("/search.json", params={"q": "anxious attach"}).json()
    assert hits[0] == {"kind": "concept", "slug": "anxious-attachment",
                       "label": hits[0]["label"], "url": "/concepts/anxious-attachment"}
    assert client.get("/search.json").json() == []


def test_concept_page_shows_definition_related_concept_and_evidence(client, example_graph, page):
    concept, related = concept_with_evidence(example_graph)
    response = client.get(f"/concepts/{quote(concept.slug)}")
    assert response.status_code == 200
    shown = page(response.text)
    assert concept.label in shown.text
    assert " ".join(concept.definition.split()) in shown.text
    assert f"/concepts/{quote(related.concept)}" in shown.links()
    assert " ".join(related.evidence[0].text.split()) in shown.text
    assert "<mark>" in response.text  # the matched words of the evidence are highlighted


def test_concept_page_draws_the_neighbourhood_with_a_link_per_node(client, example_graph, page):
    concept, _ = concept_with_evidence(example_graph)
    response = client.get(f"/concepts/{quote(concept.slug)}")
    shown = page(response.text)
    drawn = [r.concept for r in example_graph.related_concepts(concept.slug, n=15)]
    for layout in ("ring", "fan"):
        start = response.text.index(f'<div class="picture-frame {layout}">')
        svg = response.text[start:response.text.index("</svg>", start)]
        for slug in [concept.slug, *drawn]:
            assert f'href="/concepts/{quote(slug)}"' in svg
        assert svg.count("<circle") == len(drawn) + 1
    assert any(tag == "svg" and attrs.get("role") == "img" for tag, attrs in shown.elements)
    assert "Neighbourhood of " + concept.label in shown.text
    assert "The picture as a table" in shown.text


def test_related_concepts_come_six_a_page_to_the_last(client, example_graph, page):
    slug = max(example_graph.concepts(),
               key=lambda c: example_graph.related_count(c.slug)).slug
    total = example_graph.related_count(slug)
    ranked = [r.concept for r in example_graph.related_concepts(slug, n=total)]
    assert len(ranked) == total > 12
    last = -(-total // 6)
    for number, shown in ((2, ranked[6:12]), (last, ranked[(last - 1) * 6:])):
        text = client.get(f"/concepts/{quote(slug)}", params={"related": number}).text
        start = text.index('<ol class="related')
        end = text.index("</ol>", start)
        listed = [link.split("/")[-1] for link in page(text[start:end]).links()
                  if link.startswith("/concepts/")]
        assert list(dict.fromkeys(listed)) == [quote(s) for s in shown], number
        assert f"{(number - 1) * 6 + 1}–{min(number * 6, total)} of {total}" in page(text).text


def test_concept_page_lists_the_articles_that_mention_it_central_first(client, example_graph,
                                                                        page):
    documents = example_graph.concept_documents("anxious-attachment")
    assert len(documents) > 1, "the example corpus mentions anxious attachment twice or more"
    response = client.get("/concepts/anxious-attachment")
    section = response.text[response.text.index('id="articles-heading"'):]
    section = section[:section.index("</section>")]
    listed = [link for link in page(section).links() if link.startswith("/articles/")]
    assert listed == [f"/articles/{d.document}" for d in documents]


def test_article_page_shows_byline_concepts_and_linked_mentions(client, example_graph, page):
    from contentgraph.explorer.articles import main_concepts

    document = example_graph.document("attachment-styles-adult-relationships")
    assert document is not None
    response = client.get(f"/articles/{document.slug}")
    assert response.status_code == 200
    shown = page(response.text)
    assert document.title in shown.text and document.author in shown.text
    assert readable_date(document.published) in shown.text
    main = main_concepts(example_graph.document_concepts(document.slug))
    title = document.blocks[0]
    mention = next(m for m in example_graph.mentions(document.slug)
                   if m.start > title.end and m.concept in main)
    assert (f'<a class="mention" href="/concepts/{quote(mention.concept)}">'
            f"{html.escape(mention.text, quote=False)}</a>") in response.text
    central = [dc for dc in example_graph.document_concepts(document.slug) if dc.central]
    assert central and f"/concepts/{quote(central[0].concept)}" in shown.links()


def test_article_highlights_its_main_concepts_and_all_on_request(client, example_graph, page):
    from contentgraph.explorer.articles import HIGHLIGHTED, main_concepts

    slug = max((d.slug for d in example_graph.documents()),
               key=lambda s: len(example_graph.document_concepts(s)))
    standings = example_graph.document_concepts(slug)
    main = main_concepts(standings)
    assert 0 < len(main) <= HIGHLIGHTED < len(standings)

    def marked(response) -> set[str]:
        text = response.text[response.text.index('<div class="text">'):]
        return set(re.findall(r'<a class="mention" href="/concepts/([^"]+)"', text))

    default = client.get(f"/articles/{slug}")
    assert marked(default) == set(main)
    assert f"The {len(main)} main concepts are highlighted ({len(standings)} found)" in \
        page(default.text).text
    assert "?highlights=all" in page(default.text).links()
    every = client.get(f"/articles/{slug}", params={"highlights": "all"})
    assert marked(every) == {dc.concept for dc in standings}
    assert "Highlight the main ones only" in page(every.text).text


def test_article_page_lists_related_reading_with_shared_concepts(client, example_graph, page):
    slug = "attachment-styles-adult-relationships"
    related = example_graph.related_documents(slug)
    assert related
    shown = page(client.get(f"/articles/{slug}").text)
    assert f"/articles/{related[0].document}" in shown.links()
    assert example_graph.concept(related[0].shared[0]).label in shown.text


def test_path_page_shows_each_step_with_evidence(client, example_graph, page):
    paths = [path for concept in example_graph.concepts()
             if (path := example_graph.path("anxious-attachment", concept.slug))]
    path = max(paths, key=lambda p: p.length)
    assert path.length >= 1
    target = path.steps[-1].target
    response = client.get("/path", params={"from": "Anxious Attachment", "to": target})
    assert response.status_code == 200
    shown = page(response.text)
    links = shown.links()
    for step in path.steps:
        assert f"/concepts/{step.source}" in links and f"/concepts/{step.target}" in links
        if step.evidence:
            assert " ".join(step.evidence[0].text.split()) in shown.text
    assert f"{path.length} step" in shown.text


def test_path_page_names_an_unknown_concept(client, page):
    response = client.get("/path", params={"from": "anxious attachment", "to": "zzqxv"})
    assert response.status_code == 404
    assert "To: no concept matches “zzqxv”" in page(response.text).text


def test_path_page_says_when_no_path_exists(client, example_graph, page):
    uncovered = next(slug for slug in example_graph.gaps().uncovered
                     if example_graph.path("anxious-attachment", slug) is None)
    response = client.get("/path", params={"from": "anxious-attachment", "to": uncovered})
    assert response.status_code == 200
    assert "No path of at most four steps links" in page(response.text).text


def test_gaps_lists_a_concept_the_corpus_never_mentions(client, example_graph, page):
    from contentgraph.examples import corpus_path

    corpus = " ".join(p.read_text(encoding="utf-8").lower()
                      for p in corpus_path().rglob("*") if p.is_file())
    never = [c for c in map(example_graph.concept, example_graph.gaps().uncovered)
             if not any(name.lower() in corpus for name in [c.label, *c.alt_labels])]
    assert never, "some taxonomy concept appears nowhere in the example corpus"
    overview = page(client.get("/gaps").text)
    for name in ("write-next", "uncovered", "thin", "unanswered-questions", "candidate-terms",
                 "missing-links"):
        assert f"/gaps/{name}.csv" in overview.links()
    listed = []
    for number in range(1, 30):
        shown = page(client.get("/gaps/uncovered", params={"page": number}).text)
        listed += [link for link in shown.links() if link.startswith("/concepts/")]
        if f"?page={number + 1}#page" not in shown.links():
            break
    assert f"/concepts/{quote(never[0].slug)}" in listed
    assert len(listed) == len(example_graph.gaps().uncovered)


def test_gaps_open_with_what_to_write_next_and_its_reasons(client, example_graph, page):
    from contentgraph.explorer.gaps import SUMMARY

    response = client.get("/gaps")
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", response.text)
    assert headings[0] == "What to write next"
    shown = page(response.text)
    top = example_graph.write_next()[:SUMMARY]
    for entry in top:
        assert entry.reason in shown.text and f"/concepts/{quote(entry.concept)}" in shown.links()
    assert f"/articles/{top[0].examples[0]}" in shown.links()
    assert f"/articles/{top[0].nearest[0]}" in shown.links()
    assert "/gaps/write-next" in shown.links()


def test_a_long_gap_list_pages_through_to_its_end(client, example_graph, page):
    from contentgraph.explorer.gaps import LISTS

    size = LISTS["write-next"].per_page
    entries = example_graph.write_next()
    assert len(entries) > 2 * size
    second = page(client.get("/gaps/write-next", params={"page": 2}).text)
    assert entries[size].reason in second.text and entries[size - 1].reason not in second.text
    assert {"?#page", "?page=3#page"} <= set(second.links())
    assert f"{size + 1}–{2 * size} of {len(entries)}" in second.text
    last = -(-len(entries) // size)
    for wrong in ("0", "-3", "x", "99999"):  # a page that is not one: the nearest that is
        shown = page(client.get("/gaps/write-next", params={"page": wrong}).text)
        expected = entries[0] if wrong in ("0", "-3", "x") else entries[(last - 1) * size]
        assert expected.reason in shown.text


def test_unknown_slugs_get_a_404_page(client, page):
    for url in ("/concepts/no-such-concept", "/articles/no-such-article", "/gaps/nothing.csv"):
        response = client.get(url)
        assert response.status_code == 404
        assert "No " in page(response.text).text


def test_static_files_are_served(client):
    assert "text/css" in client.get("/static/explorer.css").headers["content-type"]
    assert client.get("/static/suggest.js").status_code == 200


def test_home_offers_the_most_connected_concepts(client, example_graph, page):
    top = max(example_graph.centrality().items(), key=lambda kv: kv[1])[0]
    assert f"/concepts/{quote(top)}" in page(client.get("/").text).links()


def test_an_uncovered_concept_page_sends_the_reader_to_the_gaps(client, example_graph, page):
    slug = example_graph.gaps().uncovered[0]
    response = client.get(f"/concepts/{quote(slug)}")
    assert response.status_code == 200
    shown = page(response.text)
    assert "No article mentions" in shown.text and "/gaps" in shown.links()


def test_an_answer_page_links_its_question_and_the_question_lists_it(client, example_graph,
                                                                     page):
    answer = next(d for d in example_graph.documents(kind="answer") if d.parent)
    shown = page(client.get(f"/articles/{answer.slug}").text)
    assert f"/articles/{answer.parent}" in shown.links()
    assert f"/articles/{answer.slug}" in page(client.get(f"/articles/{answer.parent}").text).links()


def test_a_path_from_a_concept_to_itself_is_named(client, page):
    response = client.get("/path", params={"from": "anxious-attachment",
                                           "to": "anxious attachment"})
    assert "That is the same concept." in page(response.text).text
