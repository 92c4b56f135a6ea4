"""Question-and-answer corpora: grouping, links to questions, authors, column mapping."""

from __future__ import annotations

import csv
import json

import pytest

from contentgraph.loaders.load import LoadOptions, QAColumns, load
from contentgraph.loaders.readers.qa import therapist_name

HEADER = ["", "questionID", "questionTitle", "questionText", "questionLink", "topic",
          "therapistInfo", "therapistURL", "answerText", "upvotes", "views", "split"]


def write_csv(path, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def row(qid, title, answer, who="Ann Lee, LCSWCouples Therapist", topic="intimacy", text=None):
    return [0, qid, title, text or f"{title} Details.", f"https://q.test/{qid}", topic, who,
            "https://t.test/ann", answer, 3, 40, "train"]


def test_counsel_chat_layout(tmp_path):
    path = write_csv(tmp_path / "qa.csv", [
        row(1, "Why does he shut down?", "It may be flooding.Try a pause."),
        row(2, "Is jealousy normal?", "Some is.", who="Bo Ray\u2019sHelping you heal",
            topic="relationships"),
        row(1, "Why does he shut down?", "Talk later.", who="Cy Dee", topic="marriage"),
    ])
    result = load([path])
    assert result.errors == []
    questions = [d for d in result.documents if d.kind == "question"]
    answers = [d for d in result.documents if d.kind == "answer"]
    assert [q.slug for q in questions] == ["why-does-he-shut-down", "is-jealousy-normal"]
    assert questions[0].tags == ["intimacy", "marriage"]
    assert [(b.kind, b.text) for b in questions[0].blocks] == [
        ("heading", "Why does he shut down?"), ("question", "Why does he shut down? Details.")]
    assert [(a.slug, a.parent, a.author) for a in answers] == [
        ("why-does-he-shut-down-answer-1", "why-does-he-shut-down", "Ann Lee"),
        ("why-does-he-shut-down-answer-2", "why-does-he-shut-down", "Cy Dee"),
        ("is-jealousy-normal-answer-1", "is-jealousy-normal", "Bo Ray\u2019s"),
    ]
    first = answers[0]
    assert [(b.kind, b.text) for b in first.blocks] == [("answer", "It may be flooding. Try a pause.")]
    assert first.tags == ["intimacy"] and first.metadata["upvotes"] == 3
    assert first.source.endswith("qa.csv#row=2")


def test_same_title_different_questions_get_distinct_slugs(tmp_path):
    path = write_csv(tmp_path / "qa.csv", [row(7, "Help", "A."), row(8, "Help", "B.")])
    slugs = [d.slug for d in load([path]).documents if d.kind == "question"]
    assert slugs == ["help", "help-8"]


def test_explicit_columns_and_jsonl(tmp_path):
    path = tmp_path / "qa.jsonl"
    lines = [{"q": "Can we fix this?", "a": "Often, yes.", "who": "Ann Lee"},
             {"q": "Can we fix this?", "a": "With help.", "who": "Bo Ray"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    options = LoadOptions(qa_columns=QAColumns(question_title="q", answer_text="a",
                                               author="who"))
    docs = load([path], options).documents
    assert [(d.kind, d.parent, d.author) for d in docs] == [
        ("question", None, None), ("answer", "can-we-fix-this", "Ann Lee"),
        ("answer", "can-we-fix-this", "Bo Ray")]


def test_generic_preset(tmp_path):
    path = write_csv(tmp_path / "g.csv", [["1", "Title?", "Text?", "Answer.", "t", "Ann Lee"]],
                     header=["question_id", "title", "question", "answer", "topic", "author"])
    docs = load([path], LoadOptions(qa_preset="generic")).documents
    assert [d.kind for d in docs] == ["question", "answer"]


@pytest.mark.parametrize("info, name", [
    ("Rena Holt, LCSWCouples and Family Therapist, LCSW", "Rena Holt"),
    ("Mira CastellLicensed Professional Counselor", "Mira Castell"),
    ("Iris Vale-MontoyaSmall Steps Forward", "Iris Vale-Montoya"),
    ("Tess McAlister Bay\"Be well\"", "Tess McAlister Bay"),
    ("Noel Avery Brandt LPCPsychotherapist", "Noel Avery Brandt"),
    ("Pia Lindwww.Lind.test", "Pia Lind"),
    ("Tomas Ribera24/7 Support", "Tomas Ribera"),
    ("Gail Westover", "Gail Westover"),
])
def test_therapist_name(info, name):
    assert therapist_name(info) == name
