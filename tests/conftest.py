"""Session fixtures shared by every test package: the example corpus built once."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"


@pytest.fixture(scope="session")
def example_graph():
    """ConceptGraph of the bundled example corpus (built once per test session)."""
    from contentgraph.examples import corpus_path
    from contentgraph.graph.build import build

    if not corpus_path().is_dir():
        pytest.skip("the example corpus is not there yet")
    return build([corpus_path()]).graph


@pytest.fixture(scope="session")
def example_store(example_graph, tmp_path_factory) -> Path:
    """Path of the example graph's saved store."""
    path = tmp_path_factory.mktemp("store") / "example.graph"
    example_graph.save(path)
    return path


@pytest.fixture(scope="session")
def seeds_graph():
    """ConceptGraph of the real seed articles in shared/corpus (skips when they are absent)."""
    from contentgraph.graph.build import build

    seeds = SHARED_CORPUS / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/corpus is absent")
    return build([seeds]).graph


@pytest.fixture(scope="session")
def practice_graph():
    """ConceptGraph of a practice as a content team sees it: the two real seed articles plus
    counsel-chat's reader questions and therapists' answers (skips when they are absent)."""
    from contentgraph.graph.build import build

    seeds, qa = SHARED_CORPUS / "seeds", SHARED_CORPUS / "counsel-chat"
    if not (seeds.is_dir() and qa.is_dir()):
        pytest.skip("shared/corpus is absent")
    return build([seeds, *sorted(qa.glob("*.csv"))]).graph
