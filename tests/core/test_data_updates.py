"""Signed offline data updates, as an administrator and a reader meet them: a data team packs
new data with its key, a laptop installs it, `show` gives the new values, `diff` says exactly
what changed, `rollback` brings the old data back, and every bad package is refused with one
line and exit 2 while the data in use stays untouched."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from belgai_desktop.core.data.build import build
from belgai_desktop.core.updates import minisign
from belgai_desktop.core.updates.package import MANIFEST, SIGNATURE
from tests.conftest import SOURCE_DB_DIR

PLAN = "flemish-ai-policy-plan"
REMOVED = "agoria-ai-course"
ADDED = "test-added-tool"


def belgai(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "belgai_desktop", *args], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture(scope="module")
def publisher(tmp_path_factory) -> dict[str, Path]:
    """A throw-away key pair, the edited data packed with it, and the bundled data packed too."""
    work = tmp_path_factory.mktemp("publisher")
    env = {**os.environ, "BELGAI_CACHE_DIR": str(work / "cache"), "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("BELGAI_DB", None)
    assert belgai(env, "data", "keygen", "-o", str(work / "keys")).returncode == 0
    key = work / "keys" / "belgai.key"
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    # the data as it is today, as version 2
    old = work / "v2.belgai"
    result = belgai(env, "--database", str(SOURCE_DB_DIR / "belgai.sqlite"), "data", "pack", "-o", str(old),
                    "--key", str(key), "--data-version", "2")
    assert result.returncode == 0, result.stderr
    # a data team's edit: a budget changed, a record added, one removed
    db_dir = work / "db"
    shutil.copytree(SOURCE_DB_DIR, db_dir, ignore=shutil.ignore_patterns("*.sqlite", ".belgai-build-*"))
    plan = db_dir / "records" / f"{PLAN}.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("amount = 30000000", "amount = 31000000", 1),
                    encoding="utf-8")
    (db_dir / "records" / f"{REMOVED}.toml").unlink()
    source = (db_dir / "records" / "ai-playbook.toml").read_text(encoding="utf-8")
    (db_dir / "records" / f"{ADDED}.toml").write_text(
        source.replace('id = "ai-playbook"', f'id = "{ADDED}"').replace('"AI Playbook"', '"Test Added Tool"'),
        encoding="utf-8")
    database = build(db_dir)
    new = work / "v3.belgai"
    result = belgai(env, "--database", str(database), "data", "pack", "-o", str(new), "--key", str(key),
                    "--previous", str(old))
    assert result.returncode == 0, result.stderr
    return {"key": key, "pub": work / "keys" / "belgai.pub", "old": old, "new": new, "work": work}


@pytest.fixture
def laptop(tmp_path, publisher) -> dict[str, str]:
    """A user's environment that trusts the publisher's key."""
    env = {**os.environ, "BELGAI_DATA_DIR": str(tmp_path / "data"), "BELGAI_CACHE_DIR": str(tmp_path / "cache"),
           "BELGAI_CONFIG_DIR": str(tmp_path / "config"), "BELGAI_TRUSTED_KEYS": str(publisher["pub"]),
           "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("BELGAI_DB", None)
    return env


def status(env: dict[str, str]) -> dict:
    result = belgai(env, "data", "status", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def plan_budgets(env: dict[str, str]) -> list[float]:
    result = belgai(env, "show", PLAN, "--json")
    assert result.returncode == 0, result.stderr
    return sorted(b["amount"] for b in json.loads(result.stdout)["budgets"])


def test_the_signature_is_minisigns(publisher, tmp_path):
    """`minisign -V` accepts the manifest's signature (where the reference tool is installed)."""
    with zipfile.ZipFile(publisher["new"]) as z:
        (tmp_path / MANIFEST).write_bytes(z.read(MANIFEST))
        (tmp_path / SIGNATURE).write_bytes(z.read(SIGNATURE))
    key = minisign.PublicKey.from_text(publisher["pub"].read_text())
    found, comment = minisign.verify((tmp_path / MANIFEST).read_bytes(), (tmp_path / SIGNATURE).read_text(), [key])
    assert found == key and "data_version=3" in comment
    if shutil.which("minisign"):
        result = subprocess.run(["minisign", "-V", "-p", str(publisher["pub"]), "-m", str(tmp_path / MANIFEST)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_install_shows_new_values_diff_lists_the_changes_and_rollback_restores(publisher, laptop):
    before = status(laptop)
    assert before["origin"] == "bundled" and before["previous"] is None
    old_budgets = plan_budgets(laptop)
    assert 30_000_000 in old_budgets

    result = belgai(laptop, "data", "install", str(publisher["new"]))
    assert result.returncode == 0, result.stderr
    after = status(laptop)
    assert (after["origin"], after["data_version"]) == ("installed", 3)
    assert after["key_id"] == minisign.PublicKey.from_text(publisher["pub"].read_text()).id_text
    assert after["previous"] == {"origin": "bundled", "data_version": before["data_version"]}
    new_budgets = plan_budgets(laptop)
    assert 31_000_000 in new_budgets and 30_000_000 not in new_budgets
    assert belgai(laptop, "show", ADDED).returncode == 0
    assert belgai(laptop, "show", REMOVED).returncode == 2
    # search answers from the index that came with the package: the added record is found
    found = json.loads(belgai(laptop, "search", "Test Added Tool", "--json").stdout)
    assert found["results"][0]["id"] == ADDED

    diff = json.loads(belgai(laptop, "data", "diff", str(publisher["old"]), str(publisher["new"]), "--json").stdout)
    assert diff["added"] == [ADDED] and diff["removed"] == [REMOVED]
    assert [c["id"] for c in diff["changed"]] == [PLAN]
    (fact,) = diff["changed"][0]["facts"]
    assert (fact["before"]["value"]["amount"], fact["after"]["value"]["amount"]) == (30_000_000, 31_000_000)
    assert fact["after"]["sources"], "a changed fact keeps its sources"
    with zipfile.ZipFile(publisher["new"]) as z:
        changes = json.loads(z.read(MANIFEST))["changes"]
    assert (changes["added"], changes["removed"], changes["changed"]) == (1, 1, 1)

    result = belgai(laptop, "data", "rollback")
    assert result.returncode == 0, result.stderr
    back = status(laptop)
    assert back["origin"] == "bundled" and back["data_version"] == before["data_version"]
    assert plan_budgets(laptop) == old_budgets
    assert belgai(laptop, "show", REMOVED).returncode == 0


def _resigned(publisher: dict[str, Path], target: Path, **changes: object) -> Path:
    """The new package with its manifest changed and signed again by the publisher's key."""
    key = minisign.SecretKey.from_text(publisher["key"].read_text())
    with zipfile.ZipFile(publisher["new"]) as src, zipfile.ZipFile(target, "w") as dst:
        manifest = json.loads(src.read(MANIFEST))
        manifest.update(changes)
        data = json.dumps(manifest).encode()
        dst.writestr(MANIFEST, data)
        dst.writestr(SIGNATURE, key.sign(data, "test"))
        for name in src.namelist():
            if name not in (MANIFEST, SIGNATURE):
                dst.writestr(name, src.read(name))
    return target


def _bad_packages(publisher: dict[str, Path], tmp: Path) -> dict[str, Path]:
    new = publisher["new"].read_bytes()
    bad = {}
    unsigned = tmp / "unsigned.belgai"
    with zipfile.ZipFile(publisher["new"]) as src, zipfile.ZipFile(unsigned, "w") as dst:
        for name in src.namelist():
            if name != SIGNATURE:
                dst.writestr(name, src.read(name))
    bad["unsigned"] = unsigned
    other = minisign.generate()
    foreign = tmp / "unknown-key.belgai"
    with zipfile.ZipFile(publisher["new"]) as src, zipfile.ZipFile(foreign, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, other.sign(src.read(MANIFEST), "x").encode() if name == SIGNATURE else data)
    bad["unknown key"] = foreign
    bad["older data version"] = _resigned(publisher, tmp / "older.belgai", data_version=1)
    bad["newer schema"] = _resigned(publisher, tmp / "schema.belgai", schema_version=99)
    bad["newer app"] = _resigned(publisher, tmp / "app.belgai", min_app_version="99.0")
    (tmp / "truncated.belgai").write_bytes(new[: len(new) // 2])
    bad["truncated"] = tmp / "truncated.belgai"
    (tmp / "text.belgai").write_text("not a package")
    bad["not a package"] = tmp / "text.belgai"
    bad["missing"] = tmp / "missing.belgai"
    rng = random.Random(20261130)
    for n in range(12):  # a byte flipped anywhere: header, manifest, signature, database, index
        position = rng.randrange(len(new))
        flipped = bytearray(new)
        flipped[position] ^= 1 << rng.randrange(8)
        path = tmp / f"flip-{n}.belgai"
        path.write_bytes(bytes(flipped))
        bad[f"bit flipped at byte {position}"] = path
    return bad


@pytest.mark.slow
def test_every_bad_package_is_refused_and_the_data_in_use_stays(publisher, laptop, tmp_path):
    assert belgai(laptop, "data", "install", str(publisher["old"])).returncode == 0
    before = status(laptop)
    budgets = plan_budgets(laptop)
    for what, path in _bad_packages(publisher, tmp_path).items():
        result = belgai(laptop, "data", "install", str(path))
        assert result.returncode == 2, f"{what}: exit {result.returncode}, {result.stdout}{result.stderr}"
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, f"{what}: {result.stderr}"
        assert status(laptop) == before, what
    assert plan_budgets(laptop) == budgets
    # with --allow-downgrade an older package installs, and says so
    older = _resigned(publisher, tmp_path / "older-ok.belgai", data_version=1)
    result = belgai(laptop, "data", "install", str(older), "--allow-downgrade")
    assert result.returncode == 0 and "older data" in result.stderr


def test_no_trusted_key_means_no_install(publisher, laptop):
    env = {**laptop}
    env.pop("BELGAI_TRUSTED_KEYS")
    result = belgai(env, "data", "install", str(publisher["new"]))
    assert result.returncode == 2 and "trusted" in result.stderr
    assert status(env)["origin"] == "bundled"


def test_an_unwritable_data_folder_is_refused(publisher, laptop, tmp_path):
    """The data folder cannot be made (a file stands where it should be; for a non-root user,
    also a folder without write permission): one line, exit 2, the bundled data in use."""
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    env = {**laptop, "BELGAI_DATA_DIR": str(blocker / "data")}
    result = belgai(env, "data", "install", str(publisher["new"]))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert status(env)["origin"] == "bundled"
    if os.geteuid() != 0:
        folder = Path(laptop["BELGAI_DATA_DIR"])
        folder.mkdir()
        folder.chmod(0o500)
        try:
            result = belgai(laptop, "data", "install", str(publisher["new"]))
            assert result.returncode == 2 and result.stderr.count("\n") == 1
        finally:
            folder.chmod(0o700)


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system: the package's 5 MB do not fit (root only: it mounts a tmpfs)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)]).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_while_unpacking_keeps_the_data_in_use(publisher, laptop, small_disk):
    env = {**laptop, "BELGAI_DATA_DIR": str(small_disk / "data")}
    result = belgai(env, "data", "install", str(publisher["new"]))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "unchanged" in result.stderr
    assert status(env)["origin"] == "bundled"
    assert not [p for p in (small_disk / "data" / "reference").iterdir() if p.name.startswith(".staging-")]


@pytest.mark.slow
def test_killed_at_any_moment_an_install_leaves_old_or_new_data_working(publisher, laptop):
    """kill -9 at 20 random moments of an install: afterwards `show` works and the data is
    wholly the old (version 2) or wholly the new (version 3), never a mix."""
    assert belgai(laptop, "data", "install", str(publisher["old"])).returncode == 0
    start = time.monotonic()
    assert belgai(laptop, "data", "install", str(publisher["new"])).returncode == 0
    duration = time.monotonic() - start
    assert belgai(laptop, "data", "rollback").returncode == 0
    rng = random.Random(7)
    seen = set()
    for _ in range(20):
        proc = subprocess.Popen([sys.executable, "-m", "belgai_desktop", "data", "install", str(publisher["new"])],
                                env=laptop, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = status(laptop)
        budgets = plan_budgets(laptop)
        assert (state["data_version"], 31_000_000 in budgets) in ((2, False), (3, True)), (state, budgets)
        seen.add(state["data_version"])
        if state["data_version"] == 3:
            assert belgai(laptop, "data", "rollback").returncode == 0
    leftovers = [p.name for p in (Path(laptop["BELGAI_DATA_DIR"]) / "reference").iterdir()
                 if p.name.startswith(".staging-")]
    assert belgai(laptop, "data", "install", str(publisher["new"])).returncode == 0
    assert not [p for p in (Path(laptop["BELGAI_DATA_DIR"]) / "reference").iterdir()
                if p.name.startswith(".staging-")], f"abandoned staging folders stay: {leftovers}"
    assert seen, "no kill was observed"


def test_a_damaged_shipped_index_falls_back_to_one_built_in_the_cache(publisher, laptop):
    assert belgai(laptop, "data", "install", str(publisher["new"])).returncode == 0
    (installed,) = [p for p in (Path(laptop["BELGAI_DATA_DIR"]) / "reference").iterdir() if p.name.startswith("v")]
    segment = max((installed / "index").glob("*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    result = belgai(laptop, "search", "Test Added Tool", "--json")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["results"][0]["id"] == ADDED
    assert list((Path(laptop["BELGAI_CACHE_DIR"]) / "index").iterdir()), "no index was built in the cache"
