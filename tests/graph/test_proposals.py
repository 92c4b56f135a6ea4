"""The review loop: candidate terms proposed as a taxonomy file, edited, passed back."""

from __future__ import annotations

import re

import yaml
from click.testing import CliRunner

from contentgraph.cli import main
from contentgraph.taxonomy.load import load_taxonomy

POSTS = {
    "one": "A screen curfew protects the mood of both partners. Hedonic adaptation at work spills "
           "into evenings at home.",
    "two": "A shared bedtime is part of any screen curfew. Hedonic adaptation makes praise hard to "
           "hear from a partner.",
    "three": "The screen curfew again: phones off at ten. Some partners feel hedonic adaptation "
             "about being loved.",
}


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def build_posts(tmp_path, *taxonomy):
    folder = tmp_path / "posts"
    folder.mkdir(exist_ok=True)
    for name, text in POSTS.items():
        (folder / f"{name}.md").write_text(f"---\ntitle: {name}\n---\n\n{text}\n", encoding="utf-8")
    out = tmp_path / "g.graph"
    args = [a for f in taxonomy for a in ("--taxonomy", str(f))]
    run("build", str(folder), "--out", str(out), *args)
    return out


def candidates(graph):
    return {t["phrase"] for t in __import__("json").loads(
        run("gaps", "--graph", str(graph), "--format", "json"))["candidate_terms"]}


def test_suggest_writes_a_valid_taxonomy_the_team_edits_and_passes_back(tmp_path):
    graph = build_posts(tmp_path)
    assert {"screen curfew", "hedonic adaptation"} <= candidates(graph)
    proposals = tmp_path / "proposals.yaml"
    assert "wrote" in run("taxonomy", "suggest", "--graph", str(graph), "--out", str(proposals))
    assert len(load_taxonomy([proposals])) > len(load_taxonomy())  # valid as it is
    data = yaml.safe_load(proposals.read_text(encoding="utf-8"))
    by_label = {c["label"]: c for c in data["concepts"]}
    assert {"screen curfew", "hedonic adaptation"} <= set(by_label)
    assert data["rejected"] == []
    # the team keeps one, with its own kind and definition, and turns the other down
    kept = dict(by_label["screen curfew"], kind="skill", definition="Habits that protect sleep.")
    proposals.write_text(yaml.safe_dump({"concepts": [kept], "rejected": ["Hedonic Adaptations"]}),
                         encoding="utf-8")
    again = build_posts(tmp_path, proposals)
    assert candidates(again).isdisjoint({"screen curfew", "hedonic adaptation"})
    concept = run("query", '{ concept(slug: "screen-curfew") { kind articleCount } }',
                  "--graph", str(again))
    assert '"kind": "SKILL"' in concept and '"articleCount": 3' in concept


def test_rejecting_a_phrase_alone_re_ranks_the_candidates(tmp_path):
    assert "screen curfew" in candidates(build_posts(tmp_path))
    team = tmp_path / "team.yaml"
    team.write_text("rejected: [screen curfew]\n", encoding="utf-8")
    again = build_posts(tmp_path, team)
    assert "screen curfew" not in candidates(again) and "hedonic adaptation" in candidates(again)


def test_suggest_never_overwrites_the_teams_file_by_accident(tmp_path):
    graph = build_posts(tmp_path)
    edited = tmp_path / "proposals.yaml"
    edited.write_text("concepts: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["taxonomy", "suggest", "--graph", str(graph),
                                       "--out", str(edited)])
    assert result.exit_code == 1 and "--force" in result.output
    assert edited.read_text(encoding="utf-8") == "concepts: []\n"


SPEECH = {"say", "said", "tell", "told", "ask", "asked", "talk", "talking", "speak", "explain"}
EDGE_STOP = {"a", "an", "the", "to", "of", "and", "or", "you", "your", "i", "my", "it", "is",
             "be", "can", "will", "with", "for", "in", "on", "that", "this"}


def test_top_candidates_on_real_writing_are_phrases_of_the_field(practice_graph):
    top = practice_graph.gaps().candidate_terms[:30]
    assert len(top) == 30
    for term in top:
        words = term.phrase.split()
        assert words[0] not in EDGE_STOP and words[-1] not in EDGE_STOP, term.phrase
        assert not SPEECH & set(words), term.phrase
        assert not re.search(r"www|https?|\.(com|org|net)\b", term.phrase), term.phrase
        assert term.examples and term.score > 0
