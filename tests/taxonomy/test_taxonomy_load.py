"""Loading, merging and validating taxonomy files."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from contentgraph.cli import main
from contentgraph.errors import TaxonomyError
from contentgraph.taxonomy.load import check_files, load_taxonomy
from contentgraph.taxonomy.model import ConceptKind, ConceptLink, RelationKind


@pytest.fixture
def write(tmp_path):
    """Write a YAML file (dedented) and return its path."""
    counter = iter(range(1000))

    def _write(text: str, name: str | None = None) -> str:
        path = tmp_path / (name or f"extra{next(counter)}.yaml")
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return str(path)

    return _write


def problems_of(*paths) -> list[str]:
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(paths)
    return info.value.problems


# --- merging ------------------------------------------------------------------------------------

def test_extra_file_adds_a_concept(write):
    path = write("""
        concepts:
          - slug: glimmer-check-in
            label: glimmer check-in
            kind: behaviour
            alt_labels: [glimmer ritual]
            definition: A small move that invites a partner to turn towards you.
            related: [{kind: associated_with, target: pursuer}]
    """)
    taxonomy = load_taxonomy([path])
    concept = taxonomy["glimmer-check-in"]
    assert concept.kind is ConceptKind.BEHAVIOR
    assert concept.alt_labels == ["glimmer ritual"]
    assert concept.related == [ConceptLink(RelationKind.ASSOCIATED_WITH, "pursuer")]
    assert concept.source == path
    assert taxonomy.files[-1] == path
    assert len(taxonomy) == len(load_taxonomy()) + 1


def test_extra_file_adds_alt_labels_and_keeps_the_others(write):
    before = list(load_taxonomy()["pursuer"].alt_labels)
    path = write("""
        concepts:
          - slug: pursuer
            alt_labels: [the one who runs after]
    """)
    concept = load_taxonomy([path])["pursuer"]
    assert concept.alt_labels == before + ["the one who runs after"]
    assert concept.label == "pursuer"


def test_extra_file_overrides_label_definition_broader_related_sensitive(write):
    path = write("""
        concepts:
          - slug: withdrawer
            label: distancing partner
            definition: Our house definition.
            broader: [pursuer]
            related: [{kind: contrasts_with, target: secure-attachment}]
            sensitive: true
    """)
    concept = load_taxonomy([path])["withdrawer"]
    assert concept.label == "distancing partner"
    assert concept.definition == "Our house definition."
    assert concept.broader == ["pursuer"]
    assert concept.related == [ConceptLink(RelationKind.CONTRASTS_WITH, "secure-attachment")]
    assert concept.sensitive is True


def test_later_files_win(write):
    first = write("concepts: [{slug: pursuer, definition: First.}]")
    second = write("concepts: [{slug: pursuer, definition: Second.}]")
    concept = load_taxonomy([first, second])["pursuer"]
    assert concept.definition == "Second."
    assert concept.source == second


@pytest.mark.parametrize("text", [
    "concepts: [{slug: pursuer, retire: true}]",
    "retire: [pursuer]",
])
def test_retiring_a_concept_drops_it_and_every_reference_to_it(write, text):
    path = write(text)
    taxonomy = load_taxonomy([path])
    assert "pursuer" not in taxonomy
    for concept in taxonomy:
        assert "pursuer" not in concept.broader
        assert all(link.target != "pursuer" for link in concept.related)


def test_a_retired_slug_can_be_defined_again(write):
    retire = write("retire: [pursuer]")
    again = write("concepts: [{slug: pursuer, label: chaser, kind: cycle_role}]")
    assert load_taxonomy([retire, again])["pursuer"].label == "chaser"


def test_retiring_a_broader_concept_leaves_its_narrower_ones_at_the_top(write):
    path = write("retire: [insecure-attachment]")
    taxonomy = load_taxonomy([path])
    assert taxonomy["anxious-attachment"].broader == []


def test_narrower_is_derived_from_broader():
    taxonomy = load_taxonomy()
    assert "anxious-attachment" in taxonomy.narrower("insecure-attachment")


def test_check_files_returns_no_problem_for_a_valid_file(write):
    assert check_files([write("concepts: [{slug: pursuer, alt_labels: [chaser]}]")]) == []


def test_empty_file_is_valid(write):
    assert check_files([write("")]) == []


# --- validation: every problem names the file, the concept and the problem ------------------------

def test_duplicate_slug_within_a_file(write):
    path = write("""
        concepts:
          - {slug: bids, label: glimmer check-in, kind: behavior}
          - {slug: bids, label: turning towards, kind: skill}
    """)
    [problem] = problems_of(path)
    assert path in problem and "'bids'" in problem and "duplicate slug" in problem
    assert "line 3" in problem  # where the first one is


def test_unknown_kind(write):
    path = write("concepts: [{slug: bids, label: glimmer check-in, kind: feelings}]")
    [problem] = problems_of(path)
    assert path in problem and "'bids'" in problem and "unknown kind 'feelings'" in problem
    assert "attachment_style" in problem  # tells the fix


@pytest.mark.parametrize("entry, fragment", [
    ("{slug: bids, label: b, kind: skill, broader: [nowhere]}", "broader 'nowhere'"),
    ("{slug: bids, label: b, kind: skill, related: [{kind: causes, target: nowhere}]}",
     "related causes 'nowhere'"),
])
def test_unknown_reference(write, entry, fragment):
    path = write(f"concepts: [{entry}]")
    [problem] = problems_of(path)
    assert path in problem and "'bids'" in problem and "unknown reference" in problem
    assert fragment in problem


def test_unknown_relation_kind(write):
    path = write("concepts: [{slug: bids, label: b, kind: skill, "
                 "related: [{kind: loves, target: pursuer}]}]")
    [problem] = problems_of(path)
    assert "'bids'" in problem and "unknown relation kind 'loves'" in problem


def test_broader_cycle_names_the_cycle(write):
    path = write("""
        concepts:
          - {slug: a-thing, label: a thing, kind: skill, broader: [b-thing]}
          - {slug: b-thing, label: b thing, kind: skill, broader: [c-thing]}
          - {slug: c-thing, label: c thing, kind: skill, broader: [a-thing]}
    """)
    [problem] = problems_of(path)
    assert path in problem and "broader cycle" in problem
    assert "a-thing -> b-thing -> c-thing -> a-thing" in problem


def test_broader_cycle_through_the_default_taxonomy(write):
    path = write("concepts: [{slug: attachment-style, broader: [secure-attachment]}]")
    [problem] = problems_of(path)
    assert "broader cycle" in problem and "secure-attachment" in problem
    assert "attachment-style" in problem


def test_concept_cannot_be_its_own_broader(write):
    path = write("concepts: [{slug: a-thing, label: a thing, kind: skill, broader: [a-thing]}]")
    [problem] = problems_of(path)
    assert "'a-thing'" in problem and "its own broader" in problem


@pytest.mark.parametrize("claimed", [
    "pursuer", "Pursuer", "PURSUING  partner", "pursue–withdraw cycle", "pursue withdraw cycle",
    "Pursuer‑Withdrawer Cycle", "pursuers", "pursuing partners",
])
def test_alt_label_claimed_by_two_concepts(write, claimed):
    path = write(f"""
        concepts:
          - slug: chaser
            label: chaser
            kind: cycle_role
            alt_labels: ["{claimed}"]
    """)
    [problem] = problems_of(path)
    assert path in problem and "'chaser'" in problem and "already claimed" in problem
    assert repr(" ".join(claimed.split())) in problem


def test_alt_label_claimed_twice_in_one_extra_file(write):
    path = write("""
        concepts:
          - {slug: one, label: one thing, kind: skill, alt_labels: [shared phrase]}
          - {slug: two, label: two thing, kind: skill, alt_labels: [Shared-Phrase]}
    """)
    [problem] = problems_of(path)
    assert "'two'" in problem and "'one'" in problem and "'Shared-Phrase'" in problem


def test_added_alt_label_is_blamed_on_the_file_that_added_it(write):
    path = write("concepts: [{slug: pursuer, alt_labels: [withdrawal]}]")
    [problem] = problems_of(path)
    assert path in problem and "'withdrawal'" in problem and "'withdrawer'" in problem


def test_bad_yaml_names_the_line(write):
    path = write("""
        concepts:
          - slug: bids
            label: [unclosed
            kind: skill
    """)
    [problem] = problems_of(path)
    assert path in problem and "bad YAML" in problem and "line " in problem


@pytest.mark.parametrize("entry, fragment", [
    ("{slug: Bad Slug, label: b, kind: skill}", "bad or missing slug"),
    ("{label: b, kind: skill}", "bad or missing slug"),
    ("{slug: bids, kind: skill}", "new concept without label"),
    ("{slug: bids, label: b, kind: skill, colour: red}", "unknown field(s) colour"),
    ("{slug: bids, label: b, kind: skill, definition: \"one\\ntwo\"}", "one line"),
    ("{slug: bids, label: b, kind: skill, sensitive: maybe}", "'sensitive' must be true or false"),
    ("{slug: bids, label: b, kind: skill, alt_labels: bid}", "'alt_labels' must be a list"),
    ("{slug: bids, label: b, kind: skill, alt_labels: [ok, 911]}", "quote numbers), got 911"),
    ("{slug: bids, label: b, kind: skill, related: [plain]}", "must be {kind, target}, got 'plain'"),
    ("{slug: bids, label: b, kind: skill, related: [{kind: causes, goal: x}]}",
     "must be {kind, target}, got {'kind': 'causes', 'goal': 'x'}"),
    ("{slug: bids, label: b, kind: skill, retire: maybe}", "'retire' must be true or false"),
    ("{slug: bids, label: '', kind: skill}", "'label' must be a non-empty string"),
])
def test_malformed_entries(write, entry, fragment):
    path = write(f"concepts: [{entry}]")
    problems = problems_of(path)
    assert any(path in p and fragment in p for p in problems), problems


@pytest.mark.parametrize("text, fragment", [
    ("- just a list", "must be a mapping with a 'concepts' list"),
    ("concepts: {slug: x}", "'concepts' must be a list"),
    ("concepts: []\nconcept: []", "unknown top-level key 'concept'"),
    ("retire: pursuer", "'retire' must be a list of concept slugs"),
    ("concepts: [just-a-slug]", "each item of 'concepts' must be a mapping"),
])
def test_malformed_files(write, text, fragment):
    path = write(text)
    [problem] = problems_of(path)
    assert path in problem and fragment in problem


def test_retiring_an_unknown_concept(write):
    path = write("retire: [no-such-concept]")
    [problem] = problems_of(path)
    assert path in problem and "'no-such-concept'" in problem and "unknown" in problem


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path):
    missing = str(tmp_path / "missing.yaml")
    [problem] = problems_of(missing)
    assert missing in problem and "cannot read" in problem


def test_every_problem_is_reported_at_once(write):
    first = write("concepts: [{slug: x-one, label: x one, kind: nope}]")
    second = write("concepts: [{slug: x-two, label: x two, kind: skill, broader: [nowhere]}]")
    problems = problems_of(first, second)
    assert len(problems) == 2
    assert first in problems[0] and second in problems[1]


# --- CLI ----------------------------------------------------------------------------------------

def test_cli_taxonomy_check_ok(write):
    path = write("concepts: [{slug: bids, label: glimmer check-in, kind: behavior}]")
    result = CliRunner().invoke(main, ["taxonomy", "check", path])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"ok: {len(load_taxonomy()) + 1} concepts"


def test_cli_taxonomy_check_lists_problems_and_exits_1(write):
    path = write("concepts: [{slug: bids, label: b, kind: feelings, broader: [nowhere]}]")
    result = CliRunner().invoke(main, ["taxonomy", "check", path])
    assert result.exit_code == 1
    assert "unknown kind 'feelings'" in result.output
    assert path in result.output


# --- gaps, context labels, unless phrases -------------------------------------------------------

def test_context_and_unless_are_read_and_merged(write):
    path = write("""
        concepts:
          - slug: pursuer
            context:
              - {labels: [the chaser], words: [cycle, withdraw]}
            unless: [pursue a career]
            alt_labels: [chase * for contact]
    """)
    pursuer = load_taxonomy([path])["pursuer"]
    assert pursuer.context[-1].labels == ("the chaser",) and pursuer.context[-1].words == (
        "cycle", "withdraw")
    assert pursuer.unless[-1] == "pursue a career"
    assert "chase * for contact" in pursuer.alt_labels


@pytest.mark.parametrize(("entry", "fragment"), [
    ("alt_labels: ['* chase']", "a gap '*' may only stand between two words"),
    ("alt_labels: [chase * * more]", "a gap '*' may only stand between two words"),
    ("alt_labels: [be * chased]", "each part around a gap '*' needs a word other than"),
    ("label: chase * more", "the label cannot hold a gap"),
    ("context: [{labels: [chaser]}]", "each 'context' item must be {labels: [...], words: [...]}"),
    ("context: [{labels: [chaser], words: [a * b]}]", "a context word 'a * b': no gap '*' here"),
    ("context: chaser", "'context' must be a list of {labels, words} mappings"),
    ("unless: [pursue, 3]", "'unless' must be a list of phrases"),
    ("unless: ['!!']", "'unless' phrase '!!' has no words"),
])
def test_bad_gaps_context_and_unless_are_named(write, entry, fragment):
    path = write(f"""
        concepts:
          - slug: chaser-x
            label: chaser x
            kind: cycle_role
            {entry}
    """)
    assert any(fragment in p and "chaser-x" in p for p in problems_of(path)), problems_of(path)


def test_clinical_conditions_are_their_own_kind():
    taxonomy = load_taxonomy()
    for slug in ("adhd", "autism", "bipolar-disorder", "ptsd", "ocd"):
        assert taxonomy[slug].kind is ConceptKind.CONDITION, slug
    assert taxonomy["abuse"].kind is ConceptKind.WARNING_SIGN


def test_cli_taxonomy_check_without_files_validates_the_default():
    result = CliRunner().invoke(main, ["taxonomy", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"ok: {len(load_taxonomy())} concepts"
