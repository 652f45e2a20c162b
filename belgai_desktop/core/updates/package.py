"""Data packages: one signed zip file, ``belgai-data-<data_version>.belgai``.

Inside: ``manifest.json`` (format, ``data_version``, schema version, minimum app version,
creation time, the data's as-of date, each file's size and sha256, and with ``--previous`` a
summary of what changed), ``manifest.json.minisig`` (its detached signature in minisign's
format), ``belgai.sqlite`` and the prebuilt search index under ``index/``.

:func:`open_package` trusts nothing before the signature checks out; :func:`extract` writes
only the files the signed manifest lists and checks each one's size and sha256 as it goes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from belgai_desktop import __version__
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.updates import diff as diff_mod
from belgai_desktop.core.updates.minisign import PublicKey, SecretKey, SignatureError, verify
from belgai_desktop.core.updates.reference import DATABASE, INDEX

FORMAT_VERSION = 1
SUFFIX = ".belgai"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.minisig"
CHUNK = 1 << 20
# What the zip reader raises on a damaged file (a flipped bit can hit any structure).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError, NotImplementedError,
              UnicodeDecodeError)


class PackageError(BelgaiError):
    """A file that is not a usable, trustworthy data package."""


@dataclass(frozen=True)
class Package:
    path: Path
    manifest: dict[str, Any]
    key: PublicKey

    @property
    def data_version(self) -> int:
        return int(self.manifest["data_version"])


def database_meta(path: Path) -> dict[str, str]:
    """The ``meta`` table of a reference database (read-only)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        try:
            return {k: v for k, v in conn.execute("SELECT key, value FROM meta")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise PackageError(_("{path} is not a BelgAI database ({reason})").format(path=path, reason=exc)) from None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _check_output(output: Path, force: bool) -> None:
    try:
        st = os.lstat(output)
    except FileNotFoundError:
        if not output.parent.is_dir():
            raise BelgaiError(_("cannot write {path}: folder {folder} does not exist").format(
                path=output, folder=output.parent)) from None
        return
    if not stat.S_ISREG(st.st_mode):
        raise BelgaiError(_("{path} is not a regular file; refusing to write over it").format(path=output))
    if not force:
        raise BelgaiError(_("{path} already exists; use --force to overwrite it").format(path=output))


def pack(output: Path, secret_key: Path, database: Path, previous: Path | None = None,
         data_version: int | None = None, force: bool = False) -> Path:
    """Write a signed package of ``database`` (with its prebuilt index) to ``output``."""
    from belgai_desktop.core.data import index_feed
    from belgai_desktop.core.data.schema import SCHEMA_VERSION, connect_read_only
    from belgai_desktop.core.search import index as search_index

    _check_output(output, force)
    try:
        key = SecretKey.from_text(secret_key.read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BelgaiError(_("cannot read the secret key {path}: {reason}").format(
            path=secret_key, reason=exc)) from None
    meta = database_meta(database)
    old_manifest = None
    if previous is not None:
        old_manifest = read_manifest_unverified(previous)
    version = data_version or (int(old_manifest["data_version"]) if old_manifest else 1) + 1
    if old_manifest and version <= int(old_manifest["data_version"]):
        raise BelgaiError(_("--data-version {version} is not newer than the previous package's {previous}").format(
            version=version, previous=old_manifest["data_version"]))
    with tempfile.TemporaryDirectory(prefix="belgai-pack-", dir=output.parent) as tmp:
        stage = Path(tmp) / "content"
        stage.mkdir()
        staged_db = stage / DATABASE
        shutil.copyfile(database, staged_db)
        conn = sqlite3.connect(staged_db)
        with conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('data_version', ?)", (str(version),))
        conn.close()
        # The index the app would build for this database (the façade reads records the same way).
        conn = connect_read_only(staged_db)
        conn.row_factory = sqlite3.Row
        try:
            docs = list(index_feed.index_documents(lambda sql: conn.execute(sql).fetchall()))
        finally:
            conn.close()
        search_index.build(docs, len(docs), stage / INDEX, content_hash=meta.get("source_hash", ""))
        files = {}
        for path in sorted(p for p in stage.rglob("*") if p.is_file()):
            name = path.relative_to(stage).as_posix()
            files[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
        manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "data_version": version,
            "schema_version": int(meta.get("schema_version", SCHEMA_VERSION)),
            "min_app_version": __version__,
            "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "as_of": meta.get("as_of", ""),
            "content_hash": meta.get("source_hash", ""),
            "files": files,
        }
        if previous is not None:
            with tempfile.TemporaryDirectory(prefix="belgai-prev-", dir=output.parent) as prev_dir:
                old_db = Path(prev_dir) / DATABASE
                with zipfile.ZipFile(previous) as z, z.open(DATABASE) as src, old_db.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
                manifest["changes"] = diff_mod.summary(diff_mod.diff(old_db, staged_db))
        manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode() + b"\n"
        signature = key.sign(manifest_bytes, f"belgai-data data_version={version} file={MANIFEST}")
        part = Path(tmp) / "package.zip"
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr(MANIFEST, manifest_bytes)
            z.writestr(SIGNATURE, signature)
            for name in files:
                z.write(stage / name, name)
        os.replace(part, output)
    return output


def _zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise PackageError(_("{path} does not exist").format(path=path)) from None
    except (*ZIP_ERRORS, OSError) as exc:
        raise PackageError(_("{path} is not a BelgAI data package ({reason})").format(path=path, reason=exc)) from None


def read_manifest_unverified(path: Path) -> dict[str, Any]:
    """The manifest of one of our own packages (``pack --previous``), without trusting it."""
    with _zip(path) as z:
        try:
            manifest = json.loads(z.read(MANIFEST))
        except (KeyError, *ZIP_ERRORS) as exc:
            raise PackageError(_("{path} is not a BelgAI data package ({reason})").format(
                path=path, reason=exc)) from None
    if not isinstance(manifest, dict):  # valid JSON, but not the object of ours
        raise PackageError(_("{path} is not a BelgAI data package ({reason})").format(path=path, reason=MANIFEST))
    return manifest


def open_package(path: Path, keys: list[PublicKey]) -> Package:
    """The verified manifest of the package at ``path``; raises PackageError or SignatureError."""
    with _zip(path) as z:
        try:
            manifest_bytes = z.read(MANIFEST)
            signature = z.read(SIGNATURE).decode("utf-8", errors="replace")
        except KeyError:
            raise PackageError(_("{path} is not signed (no {name})").format(path=path, name=SIGNATURE)) from None
        except (*ZIP_ERRORS, OSError) as exc:
            raise PackageError(_("{path} is damaged ({reason})").format(path=path, reason=exc)) from None
    if not keys:
        raise PackageError(_("no trusted data publisher key: an administrator lists them in the install "
                             "folder's trusted-keys file or in BELGAI_TRUSTED_KEYS"))
    try:
        key, _comment = verify(manifest_bytes, signature, keys)
    except SignatureError as exc:
        raise PackageError(_("{path}: {reason}").format(path=path, reason=exc)) from None
    try:
        manifest = json.loads(manifest_bytes)
        int(manifest["data_version"]), int(manifest["schema_version"])  # validates
        files = manifest["files"]
        assert isinstance(files, dict) and DATABASE in files
    except (ValueError, KeyError, TypeError, AssertionError):
        raise PackageError(_("{path}: the manifest is not in the expected form").format(path=path)) from None
    if manifest.get("format") != FORMAT_VERSION:
        raise PackageError(_("{path} is in package format {format}; this app reads {supported}").format(
            path=path, format=manifest.get("format"), supported=FORMAT_VERSION))
    return Package(path, manifest, key)


def _safe_name(name: str) -> PurePosixPath:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in name:
        raise PackageError(_("unsafe file name in the package: {name!r}").format(name=name))
    return pure


def extract(package: Package, target: Path) -> None:
    """Write the files the signed manifest lists into ``target``, checking size and sha256."""
    with _zip(package.path) as z:
        for name, expected in sorted(package.manifest["files"].items()):
            dest = target.joinpath(*_safe_name(name).parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            digest, size = hashlib.sha256(), 0
            try:
                with z.open(name) as src, dest.open("wb") as dst:
                    while chunk := src.read(CHUNK):
                        size += len(chunk)
                        if size > int(expected["size"]):
                            break
                        digest.update(chunk)
                        dst.write(chunk)
                    dst.flush()
                    os.fsync(dst.fileno())
            except KeyError:
                raise PackageError(_("{path}: {name} is missing").format(path=package.path, name=name)) from None
            except ZIP_ERRORS as exc:
                raise PackageError(_("{path} is damaged ({name}: {reason})").format(
                    path=package.path, name=name, reason=exc)) from None
            if size != int(expected["size"]) or digest.hexdigest() != expected["sha256"]:
                raise PackageError(_("{path}: {name} does not match its checksum (damaged or altered)").format(
                    path=package.path, name=name))
