"""The reference data in use: the installation's own (``bundled``) or an installed package.

Installed packages live in ``<user data>/reference/`` (``BELGAI_DATA_DIR``; beside the
executable in portable mode), one folder per package, ``v<data_version>-<key>``. Which one is in
use is said by ``state.json`` (``{"current": folder, "previous": folder | "bundled" | null}``),
replaced in one atomic rename, so a process killed at any moment leaves either the old or the
new state, never a mix. The data inside the installation is never modified and stays the last
fallback. Nothing is deleted before the new data is verified (Zeal lost docsets that way).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from belgai_desktop import __version__
from belgai_desktop.core import paths
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.outputs import process_gone
from belgai_desktop.core.updates.minisign import PublicKey, SignatureError
from belgai_desktop.core.updates.package import Package, database_meta, extract, open_package
from belgai_desktop.core.updates.reference import (
    BUNDLED,
    DATABASE,
    INDEX,
    STATE,
    Reference,
    active,
    bundled,
    installed,
    read_state,
    root,
)

TRUSTED_KEYS_FILE = "trusted-keys"
# Publisher keys built into the app. None yet: no publisher has been appointed, and a secret
# key never goes into the repository. Administrators list keys in a trusted-keys file.
BUILT_IN_KEYS: tuple[str, ...] = ()
STALE_STAGING_SECONDS = 3600


def _write_state(state: dict[str, Any]) -> None:
    folder = root()
    tmp = folder / f".{STATE}.{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(state, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, folder / STATE)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def trusted_keys() -> list[PublicKey]:
    """Built-in publisher keys plus those an administrator listed (one public key per entry,
    minisign's format: a comment line and the base64 line, or the base64 line alone)."""
    texts = list(BUILT_IN_KEYS)
    files = []
    if os.environ.get("BELGAI_TRUSTED_KEYS"):
        files.append(Path(os.environ["BELGAI_TRUSTED_KEYS"]))
    install_dir = paths.install_dir()
    if install_dir is not None:
        files.append(install_dir / TRUSTED_KEYS_FILE)
    for file in files:
        try:
            content = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        texts += [line.strip() for line in content.splitlines()
                  if line.strip() and not line.lstrip().startswith(("untrusted comment:", "#"))]
    keys = []
    for text in texts:
        try:
            keys.append(PublicKey.from_text(text))
        except SignatureError:
            continue
    return keys


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".") if p.isdigit())


def data_version(reference: Reference) -> int:
    try:
        return int(database_meta(reference.database).get("data_version", "1"))
    except (BelgaiError, ValueError):
        return 0


def _check_compatible(pkg: Package, current: Reference, allow_downgrade: bool) -> list[str]:
    from belgai_desktop.core.data.schema import SCHEMA_VERSION

    notes = []
    if int(pkg.manifest["schema_version"]) != SCHEMA_VERSION:
        raise BelgaiError(_("{name} has data of schema version {version}; this app reads version {supported} "
                            "(install a newer BelgAI Desktop)").format(
            name=pkg.path.name, version=pkg.manifest["schema_version"], supported=SCHEMA_VERSION))
    needed = str(pkg.manifest.get("min_app_version", "0"))
    if _version_tuple(needed) > _version_tuple(__version__):
        raise BelgaiError(_("{name} needs BelgAI Desktop {needed} or newer (this is {version})").format(
            name=pkg.path.name, needed=needed, version=__version__))
    in_use = data_version(current)
    if pkg.data_version <= in_use:
        if not allow_downgrade:
            raise BelgaiError(_("{name} holds data version {version}, not newer than the {in_use} in use "
                                "(use --allow-downgrade to install it anyway)").format(
                name=pkg.path.name, version=pkg.data_version, in_use=in_use))
        notes.append(_("installing older data (version {version}) over version {in_use}, as asked").format(
            version=pkg.data_version, in_use=in_use))
    return notes


def _verify_unpacked(folder: Path, pkg: Package) -> None:
    from belgai_desktop.core.search import index as search_index

    database = folder / DATABASE
    try:
        conn = sqlite3.connect(f"file:{quote(str(database))}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BelgaiError(_("{name}: its database cannot be opened ({reason})").format(
            name=pkg.path.name, reason=exc)) from None
    if result != "ok":
        raise BelgaiError(_("{name}: its database is damaged ({reason})").format(name=pkg.path.name, reason=result))
    content_hash = database_meta(database).get("source_hash", "")
    if search_index.load_shipped(folder / INDEX, content_hash) is None:
        raise BelgaiError(_("{name}: its search index does not open").format(name=pkg.path.name))


@dataclass(frozen=True)
class Installed:
    package: Package
    before: Reference
    after: Reference
    notes: list[str]


def install(path: Path, allow_downgrade: bool = False) -> Installed:
    """Verify the package at ``path`` completely, then switch to it in one atomic rename."""
    pkg = open_package(path, trusted_keys())
    current = active()
    notes = _check_compatible(pkg, current, allow_downgrade)
    base = root()
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BelgaiError(_("cannot write the data folder {path}: {reason}").format(path=base, reason=exc.strerror)) \
            from None
    clean_up()
    name = f"v{pkg.data_version}-{pkg.manifest['files'][DATABASE]['sha256'][:12]}"
    staging = base / f".staging-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        staging.mkdir()
        extract(pkg, staging)
        _verify_unpacked(staging, pkg)
        _fsync_dir(staging)
        final = base / name
        if final.exists():  # the same package again (after a rollback): keep the verified new copy
            shutil.rmtree(final)
        os.replace(staging, final)
        _fsync_dir(base)
        state = read_state()
        previous = current.folder if current.origin == "installed" else BUNDLED
        _write_state({"current": name, "previous": previous, "key_id": pkg.key.id_text,
                      "installed": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                      "keys": {**state.get("keys", {}), name: pkg.key.id_text}})
    except OSError as exc:
        raise BelgaiError(_("could not install {name}: {reason} (the data in use is unchanged)").format(
            name=path.name, reason=exc.strerror or exc)) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    clean_up()
    return Installed(pkg, current, active(), notes)


def rollback() -> tuple[Reference, Reference]:
    """Go back to the data in use before the last install (or rollback); returns (before, after)."""
    state = read_state()
    current, previous = state.get("current"), state.get("previous")
    if not previous:
        raise BelgaiError(_("there is no previous data to go back to"))
    if previous != BUNDLED and installed(previous) is None:
        raise BelgaiError(_("the previous data ({name}) is no longer there").format(name=previous))
    before = active()
    try:
        _write_state({**state, "current": previous if previous != BUNDLED else None,
                      "previous": current or BUNDLED})
    except OSError as exc:
        raise BelgaiError(_("cannot write the data folder {path}: {reason}").format(
            path=root(), reason=exc.strerror)) from None
    return before, active()


def clean_up() -> None:
    """Remove folders that neither the current nor the previous state names, and staging
    folders of installs that died (their process is gone, or they are over an hour old)."""
    base = root()
    if not base.is_dir():
        return
    state = read_state()
    keep = {state.get("current"), state.get("previous")}
    for child in base.iterdir():
        try:
            if child.name.startswith(".staging-"):
                pid = int(child.name.split("-")[1])
                if not process_gone(pid) and time.time() - child.stat().st_mtime < STALE_STAGING_SECONDS:
                    continue
                shutil.rmtree(child, ignore_errors=True)
            elif child.is_dir() and child.name.startswith("v") and child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)
            elif child.name.startswith(f".{STATE}.") and child.name.endswith(".tmp"):
                child.unlink(missing_ok=True)
        except (OSError, ValueError, IndexError):
            continue


def status() -> dict[str, Any]:
    """What ``belgai data status`` prints: which data is in use, from where, signed by whom."""
    ref = active()
    state = read_state()
    meta = {}
    try:
        meta = database_meta(ref.database)
    except BelgaiError:
        pass
    previous = state.get("previous") if ref.origin == "installed" or state.get("current") is None else None
    previous_version = None
    if previous == BUNDLED:
        previous_version = data_version(bundled())
    elif previous:
        prev_ref = installed(previous)
        previous_version = data_version(prev_ref) if prev_ref else None
    return {
        "data_version": int(meta.get("data_version", "1")) if meta else None,
        "as_of": meta.get("as_of"),
        "origin": ref.origin,
        "key_id": state.get("keys", {}).get(ref.folder) if ref.origin == "installed" else None,
        "previous": None if previous is None else {"origin": BUNDLED if previous == BUNDLED else "installed",
                                                   "data_version": previous_version},
        "database": str(ref.database),
    }
