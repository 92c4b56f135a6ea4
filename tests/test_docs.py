"""The docs: the README opens with the two commands a fresh machine needs, and docs/ documents
every CLI command, every option and every server setting, and builds as a site without warnings."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from contentgraph.cli import main
from contentgraph.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))


def _commands(group, prefix=""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")


def test_readme_opens_with_the_serve_and_test_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make serve", "make test"]


def test_readme_is_a_front_page_not_a_manual():
    assert len(README.splitlines()) <= 250


def test_every_cli_command_is_documented():
    missing = [name for name, _ in _commands(main) if f"contentgraph {name}" not in DOCS]
    assert not missing, f"commands missing from docs/: {missing}"


def test_every_cli_option_is_documented():
    missing = [f"{name} {opt}" for name, command in _commands(main)
               for param in command.params if isinstance(param, click.Option)
               for opt in param.opts if opt.startswith("--") and f"`{opt}" not in DOCS
               and f" {opt}" not in DOCS and f"[{opt}" not in DOCS]
    assert not missing, f"options missing from docs/: {missing}"


def test_every_setting_is_documented():
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.option}`" not in text or f"`{s.env}`" not in text]
    assert not missing, f"settings missing from docs/settings.md: {missing}"


def test_readme_links_point_at_existing_docs():
    for target in {part.split(")")[0] for part in README.split("](")[1:]}:
        if not target.startswith("http"):
            assert (ROOT / target.split("#")[0]).exists(), target


@pytest.mark.skipif(shutil.which("mkdocs", path=str(Path(sys.executable).parent)) is None,
                    reason="mkdocs is not installed (pip install -e '.[dev]')")
def test_docs_site_builds_without_warnings(tmp_path):
    mkdocs = shutil.which("mkdocs", path=str(Path(sys.executable).parent))
    done = subprocess.run([mkdocs, "build", "--strict", "--site-dir", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING" not in done.stderr, done.stderr[-3000:]
    assert (tmp_path / "index.html").is_file()


def test_the_store_example_runs_on_a_store(example_store, tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    page = (ROOT / "docs" / "graph.md").read_text(encoding="utf-8")
    code = next(b for b in page.split("```python")[1:] if "pd.read_sql" in b).split("```")[0]
    shutil.copy(example_store, tmp_path / "contentgraph.graph")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - the documented example, as a reader would run it
    from contentgraph.graph.facade import ConceptGraph

    assert len(namespace["concepts"]) == ConceptGraph.load(example_store).stats().concepts
    assert not namespace["typed"].empty
    assert namespace["matrix"].shape[0] == 10  # the example corpus's ten articles
    graph = ConceptGraph.load(example_store)
    assert set(namespace["affirmed"].concept) <= set(graph.taxonomy.concepts)
    stated = namespace["stated"]
    assert len(stated) == len(namespace["typed"].query("sentences > 0"))
    for document, sentence in zip(stated.document, stated.sentence):
        assert sentence in graph.document(document).text  # the evidence's own words


def test_the_readmes_store_example_runs_on_a_store(example_store, tmp_path, monkeypatch):
    pytest.importorskip("pandas")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = next(b for b in readme.split("```python")[1:] if "pd.read_sql" in b).split("```")[0]
    shutil.copy(example_store, tmp_path / "contentgraph.graph")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 - the documented example, as a reader would run it
    top = namespace["top"]
    assert len(top) == 10 and list(top.articles) == sorted(top.articles, reverse=True)
    assert top.articles.iloc[0] > 0


def test_the_graph_page_states_the_stores_format_version_and_meta_keys(example_store):
    from contentgraph.graph.facade import ConceptGraph
    from contentgraph.graph.store import FORMAT_VERSION

    page = (ROOT / "docs" / "graph.md").read_text(encoding="utf-8")
    assert f"`user_version` ({FORMAT_VERSION};" in page
    table_row = next(line for line in page.splitlines() if line.startswith("| `meta` |"))
    missing = [key for key in ConceptGraph.load(example_store).meta if f"`{key}`" not in table_row]
    assert not missing, f"meta keys missing from docs/graph.md: {missing}"


API_QUERIES = re.findall(r"```graphql\n(.*?)```",
                         (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("query", API_QUERIES,
                         ids=[f"example-{i}" for i in range(len(API_QUERIES))])
def test_every_query_of_the_api_page_answers_on_the_example_graph(example_graph, query):
    from contentgraph.schema.execute import execute

    answer = execute(example_graph, query, {"slug": "pursuer"} if "$slug" in query else None)
    assert "errors" not in answer, answer["errors"]
    assert all(value is not None for value in answer["data"].values()), answer["data"]


def test_every_explorer_route_is_in_the_explorer_page():
    from starlette.routing import Route

    from contentgraph.explorer.routing import routes

    page = (ROOT / "docs" / "explorer.md").read_text(encoding="utf-8")
    missing = []
    for route in routes():
        if isinstance(route, Route):
            pattern = re.sub(r"\\\{\w+\\\}", "(<[^>]+>|[a-z-]+)", re.escape(route.path))
            if not re.search(f"`{pattern}[`?( ]", page):
                missing.append(route.path)
    assert not missing, f"explorer pages missing from docs/explorer.md: {missing}"
