"""Reader questions where readers look: a concept's questions and answers beside its articles,
a question's answers and related reading; and a help notice on pages about sensitive topics."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from contentgraph.settings import Settings


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start:html.index("</section>", start)]


def test_a_concept_page_lists_its_reader_questions_and_answers(client, example_graph, page):
    slug = max(example_graph.concepts(),
               key=lambda c: example_graph.document_count(c.slug, "question")).slug
    html = client.get(f"/concepts/{quote(slug)}").text
    questions = page(section(html, "questions-heading")).links()
    expected = [dc.document for dc in example_graph.concept_documents(slug, "question", 0, 10)]
    assert [link for link in questions if link.startswith("/articles/")] == \
        [f"/articles/{s}" for s in expected]
    answers = page(section(html, "answers-heading")).links()
    assert any(link.startswith("/articles/") for link in answers)


def test_a_concept_asked_about_but_never_written_says_so(practice_graph, make_app, page):
    with TestClient(make_app(practice_graph)) as client:
        shown = page(client.get("/concepts/dating-relationship").text)
    questions = practice_graph.document_count("dating-relationship", "question")
    assert (f"No article mentions dating relationship yet, though {questions} reader "
            f"questions ask about it") in shown.text
    assert f"1–10 of {questions}" in shown.text  # its questions, a page at a time


def test_a_question_page_shows_related_reading_and_the_answers(practice_graph, make_app, page):
    question = max(practice_graph.documents(kind="question"),
                   key=lambda d: (bool(practice_graph.related_documents(d.slug)),
                                  len(practice_graph.answers(d.slug))))
    answers = practice_graph.answers(question.slug)
    related = practice_graph.related_documents(question.slug)
    assert related and len(answers) > 3
    with TestClient(make_app(practice_graph)) as client:
        response = client.get(f"/articles/{question.slug}")
        second = client.get(f"/articles/{question.slug}", params={"answers": 2})
    shown = page(response.text)
    reading = page(section(response.text, "related-heading")).links()
    assert "Articles that would answer it" in shown.text
    assert f"/articles/{related[0].document}" in reading
    assert all(practice_graph.document(link[10:]).kind == "article"
               for link in reading if link.startswith("/articles/"))
    first_answer = " ".join(answers[0].blocks[0].text.split())
    assert first_answer[:80] in shown.text  # the therapists' answers, in full
    assert f"/articles/{answers[0].slug}" in shown.links()
    assert f"/articles/{answers[3].slug}" in page(second.text).links()
    assert f"/articles/{answers[3].slug}" not in shown.links()


def notice(html: str) -> str | None:
    found = re.search(r'<aside class="help-notice"[^>]*>(.*?)</aside>', html, re.S)
    return found.group(1) if found else None


def test_a_sensitive_concept_page_shows_the_help_notice(practice_graph, make_app):
    sensitive = [c for c in practice_graph.concepts() if c.sensitive
                 and practice_graph.document_count(c.slug, "question")]
    assert sensitive, "counsel-chat asks about abuse and self-harm"
    calm = practice_graph.concept("active-listening")
    assert calm is not None and not calm.sensitive
    with TestClient(make_app(practice_graph)) as client:
        shown = notice(client.get(f"/concepts/{sensitive[0].slug}").text)
        assert shown is not None and "contact your local emergency services" in shown
        assert notice(client.get("/concepts/active-listening").text) is None


def test_the_practice_sets_the_notice_and_its_links(example_graph):
    from contentgraph.server import create_app

    settings = Settings(help_notice="You are not alone: talk to us today.",
                        help_links=(("Call the practice", "tel:+15550100"),
                                    ("Find a crisis line", "https://example.org/help")))
    with TestClient(create_app(example_graph, settings)) as client:
        shown = notice(client.get("/concepts/emotional-abuse").text)
        article = notice(client.get("/articles/warning-signs-emotional-abuse").text)
        calm = notice(client.get("/articles/pursue-withdraw-cycle").text)
    assert "You are not alone: talk to us today." in shown
    assert '<a href="tel:+15550100">Call the practice</a>' in shown
    assert '<a href="https://example.org/help">Find a crisis line</a>' in shown
    assert article == shown  # an article where a sensitive concept is central
    assert calm is None


@pytest.mark.parametrize("kind", ["question", "answer"])
def test_questions_and_answers_about_a_sensitive_topic_show_the_notice(practice_graph, make_app,
                                                                       kind):
    found = next(d for d in practice_graph.documents(kind=kind)
                 if practice_graph.sensitive_concepts(d.slug))
    with TestClient(make_app(practice_graph)) as client:
        assert notice(client.get(f"/articles/{found.slug}").text) is not None
