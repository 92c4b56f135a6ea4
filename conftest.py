"""A compiled extraction module shadows its .py file, which pytest then cannot import as itself
to collect its doctests: tests/loaders/test_extract_doctests.py runs them from the source, against
the compiled module."""

from contentgraph.loaders import compiled

collect_ignore = [f"contentgraph/loaders/{name}.py" for name in compiled.MODULES] \
    if compiled.status() == "compiled" else []
