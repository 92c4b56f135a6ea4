"""The examples in the extraction modules' docstrings run."""

import doctest

import pytest

from contentgraph.loaders import (cue_phrases, cues, extract, furniture, negation,
                                  scoring, searchtext, sentences, surface)
from contentgraph.taxonomy import normalize


@pytest.mark.parametrize("module", [normalize, surface, searchtext, sentences, negation, extract,
                                    scoring, furniture, cue_phrases, cues])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
