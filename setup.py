"""Builds contentgraph (the rest of its metadata is in pyproject.toml), compiling the extraction's
hot modules (``contentgraph/loaders/compiled.py`` lists them) to C with mypyc: the same ``.py``
files, type-checked, made into extension modules beside them.

Where they cannot be compiled (no C compiler or no Python headers), the package installs with
them interpreted, as written: the same results, slower extraction. A type error in them is a
bug, and fails the build.
"""

import json
import runpy
import sys
from pathlib import Path

from mypyc.build import mypycify
from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, CompileError, ExecError, LinkError, PlatformError

LOADERS = Path("contentgraph", "loaders")
compiled = runpy.run_path(str(LOADERS / "compiled.py"))
SOURCES = [str(LOADERS / f"{name}.py") for name in compiled["MODULES"]]


class BuildOrInterpret(build_ext):
    """Compiles the modules and records their sources' digests, or leaves them interpreted."""

    def run(self) -> None:
        try:
            super().run()
        except (CCompilerError, CompileError, ExecError, LinkError, PlatformError) as error:
            for path in self.get_outputs():  # no half-built set: the .py files are imported
                Path(path).unlink(missing_ok=True)
            print(f"warning: contentgraph's extraction modules were not compiled ({error}); "
                  "they run interpreted, slower (see docs/development.md)", file=sys.stderr)
            return
        first = f"contentgraph.loaders.{compiled['MODULES'][0]}"
        target = Path(self.get_ext_fullpath(first)).parent  # where the extension modules went
        digests = {name: compiled["digest"](LOADERS / f"{name}.py") for name in compiled["MODULES"]}
        (target / compiled["SOURCES_FILE"]).write_text(json.dumps(digests, indent=1) + "\n")


setup(
    ext_modules=mypycify(["--ignore-missing-imports", "--follow-imports=silent", *SOURCES],
                         group_name="contentgraph_extraction"),  # its shared library's name
    cmdclass={"build_ext": BuildOrInterpret},
)
