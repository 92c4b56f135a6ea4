"""The examples in the extraction modules' docstrings run, compiled or not."""

import ast
import doctest
from pathlib import Path

import pytest

from contentgraph.loaders import (cue_phrases, cues, extract, furniture, negation,
                                  scoring, searchtext, sentences, surface)
from contentgraph.taxonomy import normalize


def source_examples(module) -> doctest.TestResults:
    """Runs the examples of the docstrings in ``module``'s source file in its namespace (a
    compiled module keeps no docstrings, so ``doctest.testmod`` would find none)."""
    path = Path(module.__file__).parent / f"{module.__name__.rpartition('.')[2]}.py"
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) \
                and ast.get_docstring(node):
            name = f"{module.__name__}.{getattr(node, 'name', '')}"
            runner.run(parser.get_doctest(ast.get_docstring(node), dict(vars(module)), name,
                                          str(path), getattr(node, "lineno", 0)))
    return runner.summarize(verbose=False)


@pytest.mark.parametrize("module", [normalize, surface, searchtext, sentences, negation, extract,
                                    scoring, furniture, cue_phrases, cues])
def test_docstring_examples(module):
    result = source_examples(module)
    assert result.attempted > 0 and result.failed == 0
