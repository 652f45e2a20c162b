"""The locked dependencies: what `bash tools/dev.sh` installs is exactly requirements/*.txt.

After `bash tools/dev.sh lock` upgrades the pins, these tests name every package whose
installed version differs from the lock until `dev.sh install` has run, and the behaviour
tests (money, dates, search) say what the new versions change for users.
"""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)")


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    return {canonicalize_name(m[1]): m[2] for line in text.splitlines() if (m := PIN.match(line))}


def test_every_pin_has_hashes():
    for name in ("app", "dev"):
        text = (ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
        for block in re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text.split("\n", 6)[-1]):
            if PIN.match(block):
                assert "--hash=sha256:" in block, f"requirements/{name}.txt: {block.splitlines()[0]} has no hash"


def test_the_two_locks_agree_and_cover_pyproject():
    app, dev = pins("app"), pins("dev")
    assert {k: v for k, v in app.items() if k in dev} == {k: dev[k] for k in app if k in dev}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"]:
        req = Requirement(spec)
        assert canonicalize_name(req.name) in app, f"{req.name} is not in requirements/app.txt"
        assert req.specifier.contains(app[canonicalize_name(req.name)]), f"the lock breaks pyproject's {spec!r}"
    for extra in project["optional-dependencies"].values():
        for spec in extra:
            req = Requirement(spec)
            assert canonicalize_name(req.name) in dev, f"{req.name} is not in requirements/dev.txt"
            assert req.specifier.contains(dev[canonicalize_name(req.name)]), f"the lock breaks pyproject's {spec!r}"


# Left out on purpose of the Qt-free environment (`tools/dev.sh` core_tests, BELGAI_QT_FREE=1).
QT_PACKAGES = frozenset({"pyside6-essentials", "shiboken6", "pytest-qt"})


def test_installed_versions_are_the_locked_ones():
    differ = []
    qt_free = os.environ.get("BELGAI_QT_FREE") == "1"
    for name, version in pins("dev").items():
        if name in ("pip", "setuptools"):  # the venv's own tools may be newer; they are not shipped
            continue
        if qt_free and name in QT_PACKAGES:
            with pytest.raises(metadata.PackageNotFoundError):
                metadata.version(name)  # really absent: the Qt-free run proves something
            continue
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            differ.append(f"{name}: not installed, locked {version}")
            continue
        if installed != version:
            differ.append(f"{name}: installed {installed}, locked {version}")
    if differ:
        pytest.fail("the environment is not the lock (run `bash tools/dev.sh install`):\n  " + "\n  ".join(differ))
