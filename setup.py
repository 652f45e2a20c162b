"""The wheel's build step: ``belgai_desktop/data`` gets the built database, the compiled
catalogs and the prebuilt search index (tools/package_data.py), so an installed wheel runs
from any folder. Everything else about the package is in pyproject.toml."""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads db/ and locales/ from the checkout
        sys.path.insert(0, str(ROOT / "tools"))
        try:
            from package_data import stage
        finally:
            sys.path.pop(0)
        stage(Path(self.build_lib) / "belgai_desktop" / "data", ROOT)


setup(cmdclass={"build_py": BuildWithData})
