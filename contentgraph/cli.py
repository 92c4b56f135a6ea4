"""The command line: parse options, call one library function, print. Library errors become
CLI errors here and only here."""

from __future__ import annotations

import contextlib

import click

from . import __version__
from .loaders.options import QA_PRESETS

DEFAULT_GRAPH = "contentgraph.graph"  # the graph store `build` writes and the others read
_GRAPH_OPTION = click.option("--graph", "graph", type=click.Path(dir_okay=False), default=None,
                             help="Graph store written by `build` (default: the one `build` "
                                  "writes without --out).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="contentgraph")
def main() -> None:
    """contentgraph: a content knowledge graph and GraphQL API for a therapy practice's writing."""


@main.group()
def taxonomy() -> None:
    """Inspect and validate taxonomy files."""


@taxonomy.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
def taxonomy_check(files: tuple[str, ...]) -> None:
    """Validate FILES merged in order over the default taxonomy (no FILES: the default alone);
    exit 1 listing every problem."""
    from .errors import TaxonomyError
    from .taxonomy.load import load_taxonomy

    try:
        merged = load_taxonomy(files)
    except TaxonomyError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"ok: {len(merged)} concepts")


@taxonomy.command("suggest")
@_GRAPH_OPTION
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Taxonomy file to write (default: print it).")
@click.option("--top", default=30, show_default=True, type=click.IntRange(1, 200),
              help="How many candidate terms to propose.")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
def taxonomy_suggest(graph: str | None, out: str | None, top: int, force: bool) -> None:
    """Write the best candidate terms as a taxonomy file to edit and pass back with --taxonomy
    (phrases moved to its `rejected:` list are never proposed again)."""
    from pathlib import Path

    from .graph.proposals import taxonomy_proposals

    text = taxonomy_proposals(_open_graph(graph), top)
    if out is None:
        click.echo(text, nl=False)
        return
    path = Path(out)
    if path.exists() and not force:
        raise click.ClickException(f"'{path}' exists (perhaps the team's edited proposals): give "
                                   "another --out, or --force to overwrite it.")
    if not path.parent.is_dir():
        raise click.ClickException(f"Cannot write '{path}': no such folder '{path.parent}'.")
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {text.count(chr(10) + '  - slug: ')} proposals to {path}; edit it, then "
               f"build with --taxonomy {path}")


@contextlib.contextmanager
def _progress():
    """A ``progress(stage, done, total)`` callback for a build: a bar per stage on a terminal,
    else one line per stage when it is done."""
    import sys

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, \
        TimeRemainingColumn

    terminal = sys.stderr.isatty()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    names = {"read": "files read and extracted", "score": "documents weighed",
             "related": "related documents"}
    with Progress(*columns, transient=True, disable=not terminal) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(names.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done)
            if not terminal and done == total:
                click.echo(f"  {names.get(stage, stage)}: {done}/{total}", err=True)

        yield progress


@main.command("build")
@click.argument("sources", nargs=-1, required=True)
@click.option("--taxonomy", "taxonomy_files", multiple=True, type=click.Path(dir_okay=False),
              help="Extra taxonomy file merged over the default (repeatable, in order).")
@click.option("--out", "out", default=DEFAULT_GRAPH, show_default=True,
              type=click.Path(dir_okay=False), help="Graph store to write; if it exists, build "
              "incrementally from it.")
@click.option("--full", is_flag=True, help="Ignore an existing graph store: re-read everything.")
@click.option("--allow-empty", is_flag=True, help="Write the graph even when no document loads "
              "(an empty folder, a glob that matches nothing).")
@click.option("--prune", is_flag=True, help="Write the graph even when it drops most of the "
              "documents of the graph store it replaces.")
@click.option("--scheduler", envvar="CONTENTGRAPH_SCHEDULER", default="auto", show_default=True,
              help="Where the per-file work runs: auto (a local Dask cluster of one process per "
                   "core when there are many files, else this process), local, synchronous, or "
                   "the address of a Dask scheduler (tcp://host:8786) [env "
                   "CONTENTGRAPH_SCHEDULER].")
def build_command(sources: tuple[str, ...], taxonomy_files: tuple[str, ...], out: str,
                  full: bool, allow_empty: bool, prune: bool, scheduler: str) -> None:
    """Build the graph of SOURCES (files, folders, globs) into a graph store.

    A source that does not exist, a file of an unsupported type, a build that loads no document
    (unless --allow-empty) or one that would remove most of the store's documents (unless
    --prune) exits with 1 and leaves the store as it was.
    """
    import signal
    import sys
    from pathlib import Path

    from .errors import BuildRefused, ContentGraphError, StoreError
    from .graph.build import build
    from .graph.facade import ConceptGraph
    from .graph.refusals import check_result, check_sources

    def refuse(err: BuildRefused):
        return click.ClickException(f"{err}; nothing was written, {out} is as it was")

    try:
        check_sources(sources, allow_empty)
    except BuildRefused as err:
        raise refuse(err) from err
    replaced = None
    if Path(out).exists():
        try:
            replaced = ConceptGraph.load(out)
        except StoreError as err:
            click.echo(f"building from scratch: {err}", err=True)
    previous = None if full else replaced

    def check(graph: ConceptGraph, errors) -> None:
        try:
            check_result(graph, replaced, allow_empty, prune)
        except BuildRefused:
            for error in errors:  # why nothing loaded, when that is the reason
                click.echo(f"error: {error}", err=True)
            raise

    # a terminated build stops like an interrupted one: its temporary store is removed
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    with _progress() as progress:
        try:
            report = build(sources, taxonomy_files, previous=previous, progress=progress,
                           out=out, scheduler=scheduler, check=check)
        except BuildRefused as err:
            raise refuse(err) from err
        except ContentGraphError as err:
            raise click.ClickException(str(err)) from err
    stats = report.graph.stats()
    click.echo(f"added {len(report.added)}, changed {len(report.changed)}, removed "
               f"{len(report.removed)}, unchanged {report.unchanged} files; "
               f"{report.extracted} documents extracted")
    click.echo(f"{stats.articles} articles, {stats.questions} questions, {stats.answers} answers, "
               f"{stats.concepts} concepts, {stats.mentions} mentions, {stats.relations} relations")
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"saved {out}")


@main.command("load")
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the documents (with blocks) and "
              "errors as JSON instead of a summary.")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=20,
              show_default=True, help="Refuse files larger than this many megabytes.")
@click.option("--qa-preset", type=click.Choice(sorted(QA_PRESETS)),
              default="counsel-chat", show_default=True,
              help="Column names of question/answer .csv/.jsonl files.")
@click.option("--encoding", default=None, help="Decode text files with this encoding instead "
              "of detecting it.")
def load_command(sources: tuple[str, ...], as_json: bool, max_mb: float, qa_preset: str,
                 encoding: str | None) -> None:
    """Load SOURCES (files, folders, globs) and print the documents found and the errors.

    Exits with 1 when no document could be loaded.
    """
    import json

    from .loaders.load import LoadOptions, load
    from .loaders.options import MB
    from .loaders.summary import result_dict, summary_lines

    options = LoadOptions(max_bytes=int(max_mb * MB), qa_preset=qa_preset, encoding=encoding)
    result = load(sources, options)
    if as_json:
        click.echo(json.dumps(result_dict(result), ensure_ascii=False, indent=2))
    else:
        for line in summary_lines(result):
            click.echo(line)
        for error in result.errors:
            click.echo(f"error: {error}", err=True)
    if not result.documents:
        raise click.ClickException("no documents loaded")


@main.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--taxonomy", "taxonomy_files", multiple=True, type=click.Path(dir_okay=False),
              help="Taxonomy YAML merged over the default (repeatable, in order).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.option("--sentences", "max_sentences", default=3, show_default=True,
              type=click.IntRange(min=0), help="Example sentences shown per concept.")
def extract_command(sources: tuple[str, ...], taxonomy_files: tuple[str, ...], as_json: bool,
                    max_sentences: int) -> None:
    """Show the concepts found in SOURCES (files, folders, globs) and the sentences behind them:
    count, weight, central flag; negated and hypothetical mentions are marked, and concepts
    mentioned only so are listed last as not counted."""
    import json

    from .errors import ContentGraphError
    from .loaders.explain import explain_files

    try:
        explanation = explain_files(sources, taxonomy_files)
    except ContentGraphError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2))
    else:
        from .terminal import print_explanation

        print_explanation(explanation, max_sentences)
    for error in explanation.errors:
        click.echo(f"error: {error}", err=True)
    if not explanation.documents:
        raise click.ClickException("no documents loaded")


def _setting_options(command):
    """One option per server setting, from the settings table (values parsed by Settings)."""
    from .settings import SETTINGS

    for setting in reversed(SETTINGS):
        shown = setting.default
        if setting.type in ("list", "links"):
            shown = ",".join("=".join(v) if isinstance(v, tuple) else v for v in setting.default)
        help_text = f"{setting.help} [env {setting.env}; default: {shown}]"
        if setting.type == "bool":
            flag = setting.option[2:]
            command = click.option(f"--{flag}/--no-{flag}", setting.name, default=None,
                                   help=help_text)(command)
        else:
            command = click.option(setting.option, setting.name, default=None,
                                   metavar=setting.type.upper(), help=help_text)(command)
    return command


@main.command()
@_setting_options
def serve(**options) -> None:
    """Serve the GraphQL API and the explorer (no --graph: the bundled example corpus)."""
    import os

    from .errors import ContentGraphError
    from .server import serve as run_server
    from .settings import Settings

    try:
        settings = Settings.from_sources({k: v for k, v in options.items() if v is not None},
                                         os.environ)
        run_server(settings, say=click.echo, progress_bar=_progress)
    except ContentGraphError as err:
        raise click.ClickException(str(err)) from err


def _parse_var(text: str) -> tuple[str, object]:
    import json

    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"{text!r} is not NAME=VALUE", param_hint="--var")
    try:
        return name, json.loads(value)
    except ValueError:
        return name, value


@main.command()
@click.argument("graphql")
@click.option("--graph", "graph_path", type=click.Path(dir_okay=False),
              help="Graph store to query (default: the bundled example corpus, built on the fly).")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
              help="A variable of the operation (VALUE read as JSON when it parses, else text).")
@click.option("--operation", default=None, help="Name of the operation to run.")
def query(graphql: str, graph_path: str | None, variables: tuple[str, ...],
          operation: str | None) -> None:
    """Run a GraphQL query on a graph store without a server and print the JSON result."""
    import json

    from .errors import ContentGraphError
    from .graph.facade import ConceptGraph
    from .schema.execute import execute

    values = dict(_parse_var(v) for v in variables)
    try:
        if graph_path:
            graph = ConceptGraph.load(graph_path)
        else:
            from .examples import corpus_path
            from .graph.build import build

            graph = build([corpus_path()]).graph
    except ContentGraphError as err:
        raise click.ClickException(str(err)) from err
    result = execute(graph, graphql, values or None, operation)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    if result.get("errors"):
        raise SystemExit(1)


@main.command()
def schema() -> None:
    """Print the GraphQL schema (SDL)."""
    from .schema import schema as graphql_schema

    click.echo(graphql_schema.as_str())


# --- exports, gaps and stats (read a graph store) -----------------------------------------------

def _open_graph(graph: str | None):
    """The ConceptGraph of the store ``graph`` (default: the one `build` writes by default)."""
    from pathlib import Path

    from .errors import ContentGraphError
    from .graph.facade import ConceptGraph

    path = Path(graph or DEFAULT_GRAPH)
    if not path.is_file():
        if graph is None:
            raise click.ClickException(
                f"No graph store at '{path}' (the default): make one with "
                "`contentgraph build SRC...` (e.g. a folder of articles), or pass --graph FILE.")
        raise click.ClickException(f"Graph file '{path}' does not exist: check --graph, or make "
                                   f"it with `contentgraph build SRC... --out {path}`.")
    try:
        return ConceptGraph.load(path)
    except ContentGraphError as err:
        raise click.ClickException(str(err)) from err


@main.command("export")
@click.option("--format", "fmt", required=True,
              type=click.Choice(["graphml", "gexf", "jsonld", "csv"]),
              help="graphml/gexf for Gephi, jsonld for RDF tools, csv for Neo4j's bulk importer.")
@_GRAPH_OPTION
@click.option("--out", type=click.Path(), default=None,
              help="File to write (a folder for csv); default contentgraph.<format> "
                   "(contentgraph-neo4j/ for csv).")
def export_command(fmt: str, graph: str | None, out: str | None) -> None:
    """Write the graph for Gephi (GraphML, GEXF), RDF tools (JSON-LD) or Neo4j (CSV)."""
    from .errors import ExportError
    from .graph.export import export

    cg = _open_graph(graph)
    try:
        written = export(cg, fmt, out)
    except ExportError as err:
        raise click.ClickException(str(err)) from err
    for path in written:
        click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")


def _print_tables(tables, fmt: str) -> None:
    from .graph.report import to_csv, to_json, to_markdown

    if fmt == "markdown":
        click.echo(to_markdown(tables), nl=False)
    elif fmt == "csv":
        click.echo(to_csv(tables), nl=False)
    elif fmt == "json":
        click.echo(to_json(tables))
    else:
        from .terminal import print_tables

        print_tables(tables)


_FORMAT_OPTION = click.option("--format", "fmt", default="table", show_default=True,
                              type=click.Choice(["table", "markdown", "csv", "json"]))


@main.command("gaps")
@_GRAPH_OPTION
@_FORMAT_OPTION
def gaps_command(graph: str | None, fmt: str) -> None:
    """The content gaps: what to write next, then uncovered and thin concepts, candidate terms,
    missing links and unanswered questions."""
    from .graph.report import gap_tables

    _print_tables(gap_tables(_open_graph(graph)), fmt)


@main.command("stats")
@_GRAPH_OPTION
@_FORMAT_OPTION
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 100),
              help="How many central concepts, and concepts per community, to show.")
def stats_command(graph: str | None, fmt: str, top: int) -> None:
    """Counts, the most central concepts (PageRank) and the communities with their top concepts."""
    from .graph.report import stats_tables

    _print_tables(stats_tables(_open_graph(graph), top=top), fmt)
