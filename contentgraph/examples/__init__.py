"""The bundled example corpus, written for this project."""

from importlib.resources import files
from pathlib import Path


def corpus_path() -> Path:
    """Folder of the example corpus (articles in every format and a question/answer CSV)."""
    return Path(str(files(__package__) / "corpus"))
