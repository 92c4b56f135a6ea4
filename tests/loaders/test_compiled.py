"""The extraction's compiled modules: they run compiled, an edited source runs as written, and the
package installs where there is no C compiler."""

import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from contentgraph.loaders import compiled

ROOT = Path(__file__).resolve().parents[2]
SO = tuple(importlib.machinery.EXTENSION_SUFFIXES)
compiled_only = pytest.mark.skipif(compiled.status() != "compiled",
                                   reason="the extraction modules are not compiled in this install")


def copy_package(to: Path, extensions: bool) -> None:
    """The package's files in ``to``, with or without what setup.py compiled."""
    left_out = () if extensions else ("*.so", compiled.SOURCES_FILE)
    shutil.copytree(ROOT / "contentgraph", to / "contentgraph",
                    ignore=shutil.ignore_patterns("__pycache__", *left_out))
    if extensions:  # the shared library of the compiled modules
        shutil.copy(importlib.util.find_spec("contentgraph_extraction__mypyc").origin, to)


def python(where: Path, code: str) -> subprocess.CompletedProcess:
    """Runs ``code`` with the package in ``where``."""
    return subprocess.run([sys.executable, "-c", code], cwd=where, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(where)}, timeout=300)


@compiled_only
def test_the_compiled_modules_are_what_runs(tmp_path):
    copy_package(tmp_path, extensions=True)
    run = python(tmp_path, "from contentgraph.loaders import extract, cues, sentences as s\n"
                           "print(extract.__file__, cues.__file__)\n"
                           "print(s.split_sentences('It hurts.Seriously, it does!'))")
    assert run.returncode == 0, run.stderr
    files, spans = run.stdout.splitlines()
    assert all(f.endswith(SO) for f in files.split())
    assert spans == "[(0, 9), (9, 28)]"
    assert "interpreted" not in run.stderr


@compiled_only
def test_an_edited_module_runs_from_its_source(tmp_path):
    """An extension module shadows its .py file: after an edit, all the compiled modules run
    from their sources (they call each other directly), and a warning says so."""
    copy_package(tmp_path, extensions=True)
    with open(tmp_path / "contentgraph" / "loaders" / "sentences.py", "a") as source:
        source.write("\nEDITED = True\n")
    run = python(tmp_path, "from contentgraph.loaders import sentences, extract\n"
                           "print(sentences.EDITED, extract.__file__)")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", str(tmp_path / "contentgraph" / "loaders" / "extract.py")]
    assert "extraction modules: edited since compiled: sentences.py (they run interpreted, " \
        "slower, until `make install` compiles them again)" in run.stderr


def test_installs_without_a_c_compiler(tmp_path):
    pytest.importorskip("mypyc", reason="mypy (a build requirement) is not installed here")
    copy_package(tmp_path, extensions=False)
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path)
    build = subprocess.run([sys.executable, "setup.py", "build_ext", "--inplace"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=600,
                           env={**os.environ, "CC": str(tmp_path / "no-such-compiler")})
    assert build.returncode == 0, build.stderr
    assert "warning: contentgraph's extraction modules were not compiled" in build.stderr
    assert "they run interpreted, slower" in build.stderr
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(SO)]
    run = python(tmp_path, "from contentgraph.loaders import compiled, sentences as s\n"
                           "print(compiled.status(), s.__file__)\n"
                           "print(s.split_sentences('It hurts.Seriously, it does!'))")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "not compiled (they run interpreted, slower: see docs/development.md) "
        f"{tmp_path / 'contentgraph' / 'loaders' / 'sentences.py'}",
        "[(0, 9), (9, 28)]"]
