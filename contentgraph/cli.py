"""The command line: parse options, call one library function, print. Library errors become
CLI errors here and only here."""

from __future__ import annotations

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="contentgraph")
def main() -> None:
    """contentgraph: a content knowledge graph and GraphQL API for a therapy practice's writing."""
