"""The README documents every command and starts with the two commands a fresh machine needs."""

from pathlib import Path

from contentgraph.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _command_names(group, prefix=""):
    for name, command in group.commands.items():
        yield f"{prefix}{name}"
        if hasattr(command, "commands"):
            yield from _command_names(command, f"{prefix}{name} ")


def test_every_cli_command_is_documented():
    missing = [name for name in _command_names(main) if f"contentgraph {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_readme_opens_with_the_serve_and_test_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make serve", "make test"]
