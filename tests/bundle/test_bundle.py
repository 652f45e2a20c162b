"""The portable bundle as a public servant gets it: unpacked into a read-only folder, run as an
ordinary user with a bare environment (``env -i``), no Python and nothing installed.

``bash tools/dev.sh test`` builds the bundle first and names it in ``BELGAI_BUNDLE``; without
it these tests skip (CI always has it). Results are compared with the same query made in
this process on the same database, not with fixed strings.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from belgai_desktop import __version__
from belgai_desktop.core.data import vocab
from belgai_desktop.core.library import Library
from tests.conftest import SOURCE_DB_DIR

BUNDLE = os.environ.get("BELGAI_BUNDLE")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BUNDLE, reason="no bundle built (BELGAI_BUNDLE unset: run `bash tools/dev.sh test`)"),
]
GUI_SECONDS = 4


class Runner:
    """Runs the unpacked bundle with ``env -i``, as ``nobody`` when the tests run as root."""

    def __init__(self, root: Path, home: Path, user: str | None) -> None:
        self.exe = root / "belgai" / "belgai"
        self.home = home
        self.user = user

    def command(self, *args: str, extra_env: dict[str, str] | None = None) -> list[str]:
        env = ["PATH=/usr/bin:/bin", f"HOME={self.home}", *(f"{k}={v}" for k, v in (extra_env or {}).items())]
        return ["env", "-i", *env, str(self.exe), *args]

    @property
    def as_user(self) -> dict:
        """subprocess arguments that drop root for ``nobody`` (with no supplementary groups)."""
        if not self.user:
            return {}
        entry = pwd.getpwnam(self.user)
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*args), capture_output=True, text=True, timeout=120, cwd=self.home,
                              **self.as_user)


@pytest.fixture(scope="module")
def bundle() -> Runner:
    tarball = Path(BUNDLE or "")
    assert tarball.is_file(), f"{tarball} does not exist"
    root = Path(tempfile.mkdtemp(prefix="belgai-bundle-"))
    with tarfile.open(tarball) as tar:
        tar.extractall(root, filter="tar")
    assert (root / "belgai" / "belgai").is_file(), "the tarball must unpack to belgai/belgai"
    home = root / "home"
    home.mkdir()
    user = None
    if os.geteuid() == 0:
        user = "nobody"
        shutil.chown(home, user=pwd.getpwnam(user).pw_uid)
    os.chmod(root, 0o755)
    for path in [root / "belgai", *(root / "belgai").rglob("*")]:  # read-only, like a share or USB stick
        if not path.is_symlink():
            os.chmod(path, path.stat().st_mode & ~0o222)
    yield Runner(root, home, user)
    for path in [root / "belgai", *(root / "belgai").rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, 0o755)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def library():
    lib = Library(SOURCE_DB_DIR / "belgai.sqlite")
    yield lib
    lib.close()


def test_version_runs_without_python_or_root(bundle):
    result = bundle.run("--version")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == f"BelgAI Desktop {__version__}"


@pytest.mark.parametrize("lang", vocab.LANGUAGES)
def test_search_answers_in_each_language_from_the_shipped_index(bundle, library, lang):
    result = bundle.run("search", "data protection", "--lang", lang, "--json")
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert data["lang"] == lang and data["results"]
    top = data["results"][0]
    assert top["title"] == library.get(top["id"], lang).title
    # the prebuilt index travelled inside: nothing was built into the user's cache
    assert not list(bundle.home.rglob("index")), "the bundle built a search index instead of using its own"


def test_show_in_german(bundle, library):
    result = bundle.run("show", "bipt", "--lang", "de")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(library.get("bipt", "de").title)
    assert "Quellen:" in result.stdout


def test_print_writes_a_one_page_pdf_with_its_fonts(bundle, library):
    out = bundle.home / "bipt-fr.pdf"
    result = bundle.run("print", "bipt", "--lang", "fr", "-o", str(out))
    assert (result.returncode, result.stderr) == (0, "")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert " ".join(library.get("bipt", "fr").title.split()) in text
    fonts = {str(f["/BaseFont"]) for f in (reader.pages[0]["/Resources"]["/Font"].get_object()).values()
             for f in [f.get_object()]}
    assert any("DejaVuSans" in f for f in fonts), fonts


def test_db_build_says_it_needs_a_checkout(bundle):
    result = bundle.run("db", "build")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "source checkout" in result.stderr


@pytest.fixture(scope="module")
def display(bundle) -> str:
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        pytest.fail("Xvfb is needed to start the bundle's window (bash tools/dev.sh test installs it)")
    read, write = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(write), "-ac", "-nolisten", "tcp", "-screen", "0", "1366x768x24"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    yield f":{number}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.parametrize("lang", vocab.LANGUAGES)
def test_the_window_opens_in_each_language_with_nothing_on_stderr(bundle, display, lang):
    cmd = bundle.command("gui", "--lang", lang, extra_env={"DISPLAY": display})
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=bundle.home, start_new_session=True, **bundle.as_user)
    time.sleep(GUI_SECONDS)
    still_running = proc.poll() is None
    if still_running:
        os.killpg(proc.pid, signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert still_running, f"the window closed by itself (exit {proc.returncode}): {err}"
    assert err == ""


def test_portable_mode_keeps_settings_and_cache_beside_the_executable(bundle, display, tmp_path):
    """With portable.ini beside the executable (a USB stick), nothing is written in the user's home."""
    stick = Path(tempfile.mkdtemp(prefix="belgai-stick-"))
    try:
        with tarfile.open(Path(BUNDLE or "")) as tar:
            tar.extractall(stick, filter="tar")
        (stick / "belgai" / "portable.ini").write_text("")
        if bundle.user:
            shutil.chown(stick, user=bundle.user)
            for path in (stick / "belgai").rglob("*"):
                if not path.is_symlink():
                    shutil.chown(path, user=bundle.user)
            shutil.chown(stick / "belgai", user=bundle.user)
        os.chmod(stick, 0o755)
        home = bundle.home / "portable-home"
        home.mkdir()
        if bundle.user:
            shutil.chown(home, user=bundle.user)
        env = ["PATH=/usr/bin:/bin", f"HOME={home}", f"DISPLAY={display}", "BELGAI_QUIT_AFTER_SHOW=1"]
        result = subprocess.run(["env", "-i", *env, str(stick / "belgai" / "belgai"), "gui", "--lang", "fr"],
                                capture_output=True, text=True, timeout=120, cwd=home, **bundle.as_user)
        assert (result.returncode, result.stderr) == (0, "")
        user_data = stick / "belgai" / "user-data"
        assert list(user_data.rglob("*.ini")), "the settings were not written beside the executable"
        assert list(home.rglob("*")) == [], f"portable mode wrote into the home folder: {list(home.rglob('*'))}"
    finally:
        shutil.rmtree(stick, ignore_errors=True)


def test_qt_dialogs_are_translated_and_unused_qt_is_left_out(bundle):
    """Qt's own strings (dialog buttons, the file dialog) come from qtbase_<lang>.qm; the
    bundle carries those of our three languages and no others."""
    internal = bundle.exe.parent / "_internal"
    shipped = {p.name for p in internal.rglob("qtbase_*.qm")}
    assert shipped == {"qtbase_nl.qm", "qtbase_fr.qm", "qtbase_de.qm"}
    assert not list(internal.rglob("libQt6Network*")), "QtNetwork is shipped though the app never uses it"
    babel_locales = {p.stem for p in internal.rglob("babel/locale-data/*.dat")}
    assert {"en_GB", "nl_BE", "fr_BE", "de_BE"} <= babel_locales and len(babel_locales) < 20


def test_data_updates_work_inside_the_bundle(bundle):
    """The signature code (cryptography) travels too: make a key, say which data is in use."""
    result = bundle.run("data", "keygen", "-o", str(bundle.home / "keys"))
    assert (result.returncode, result.stderr) == (0, "")
    assert (bundle.home / "keys" / "belgai.pub").read_text().startswith("untrusted comment: minisign public key")
    result = bundle.run("data", "status", "--json")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["origin"] == "bundled"
