"""The command line: parse options, call one library function, print. Library errors become
CLI errors here and only here."""

from __future__ import annotations

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="contentgraph")
def main() -> None:
    """contentgraph: a content knowledge graph and GraphQL API for a therapy practice's writing."""


@main.group()
def taxonomy() -> None:
    """Inspect and validate taxonomy files."""


@taxonomy.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def taxonomy_check(files: tuple[str, ...]) -> None:
    """Validate FILES merged in order over the default taxonomy; exit 1 listing every problem."""
    from .errors import TaxonomyError
    from .taxonomy.load import load_taxonomy

    try:
        merged = load_taxonomy(files)
    except TaxonomyError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"ok: {len(merged)} concepts")
