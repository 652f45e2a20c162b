"""Ed25519 keys and signatures in minisign's file formats, made with ``cryptography``.

A data team can check a package's manifest with the reference tool too
(``minisign -V -p belgai.pub -m manifest.json``). Formats (minisign's documentation):

- public key: ``"Ed" | key id (8) | public key (32)``, base64, after an untrusted comment line;
- secret key: ``"Ed" | kdf "\\0\\0" (not encrypted) | "B2" | salt (32) | opslimit (8) |
  memlimit (8) | key id (8) | secret key (64) | BLAKE2b-256 checksum (32)``, base64;
- signature: ``"ED" | key id | Ed25519(BLAKE2b-512(file))`` (the pre-hashed form), then a
  trusted comment and a global signature over the signature and that comment.

The secret key is written without a password: it belongs on the data team's machine, never
in the repository, and its file is created readable by its owner only.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _

SIG_ALG = b"Ed"
PREHASHED_ALG = b"ED"
UNENCRYPTED = b"\0\0"
CHECKSUM_ALG = b"B2"


class SignatureError(BelgaiError):
    """A key or signature that cannot be read, or a signature that does not verify."""


def key_id_text(key_id: bytes) -> str:
    """minisign shows a key id as the little-endian 64-bit number in upper-case hex."""
    return key_id[::-1].hex().upper()


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes
    key: bytes

    @property
    def id_text(self) -> str:
        return key_id_text(self.key_id)

    def to_text(self) -> str:
        return (f"untrusted comment: minisign public key {self.id_text}\n"
                f"{base64.b64encode(SIG_ALG + self.key_id + self.key).decode()}\n")

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """A public key file's text, or its base64 line alone."""
        lines = [line.strip() for line in text.splitlines()
                 if line.strip() and not line.strip().startswith("untrusted comment:")]
        if len(lines) != 1:
            raise SignatureError(_("not a minisign public key"))
        data = _b64(lines[0], "public key")
        if len(data) != 42 or data[:2] != SIG_ALG:
            raise SignatureError(_("not a minisign Ed25519 public key"))
        return cls(data[2:10], data[10:])


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes  # the Ed25519 private key (32 bytes); minisign stores it with the public key

    def public(self) -> PublicKey:
        return PublicKey(self.key_id, _private(self.seed).public_key().public_bytes_raw())

    def to_text(self) -> str:
        secret = self.seed + self.public().key
        checksum = hashlib.blake2b(SIG_ALG + self.key_id + secret, digest_size=32).digest()
        blob = (SIG_ALG + UNENCRYPTED + CHECKSUM_ALG + bytes(32) + bytes(8) + bytes(8)
                + self.key_id + secret + checksum)
        return f"untrusted comment: minisign secret key (not encrypted)\n{base64.b64encode(blob).decode()}\n"

    @classmethod
    def from_text(cls, text: str) -> SecretKey:
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        data = _b64(lines[-1] if lines else "", "secret key")
        if len(data) != 158 or data[:2] != SIG_ALG or data[4:6] != CHECKSUM_ALG:
            raise SignatureError(_("not a minisign Ed25519 secret key"))
        if data[2:4] != UNENCRYPTED:
            raise SignatureError(_("the secret key is password-protected; make one with `belgai data keygen`"))
        key_id, secret, checksum = data[54:62], data[62:126], data[126:158]
        if hashlib.blake2b(SIG_ALG + key_id + secret, digest_size=32).digest() != checksum:
            raise SignatureError(_("the secret key is damaged (checksum mismatch)"))
        return cls(key_id, secret[:32])

    def sign(self, message: bytes, trusted_comment: str) -> str:
        """A ``.minisig`` file's text for ``message``."""
        if "\n" in trusted_comment or "\r" in trusted_comment:
            raise ValueError("a trusted comment is one line")
        private = _private(self.seed)
        signature = private.sign(hashlib.blake2b(message).digest())
        global_signature = private.sign(signature + trusted_comment.encode())
        return (f"untrusted comment: signature from BelgAI Desktop secret key {key_id_text(self.key_id)}\n"
                f"{base64.b64encode(PREHASHED_ALG + self.key_id + signature).decode()}\n"
                f"trusted comment: {trusted_comment}\n"
                f"{base64.b64encode(global_signature).decode()}\n")


def generate() -> SecretKey:
    return SecretKey(secrets.token_bytes(8), Ed25519PrivateKey.generate().private_bytes_raw())


def write_key_pair(folder: Path) -> tuple[Path, Path]:
    """``folder/belgai.key`` (secret, mode 600) and ``folder/belgai.pub``; never overwrites."""
    folder.mkdir(parents=True, exist_ok=True)
    secret_path, public_path = folder / "belgai.key", folder / "belgai.pub"
    for path in (secret_path, public_path):
        if os.path.lexists(path):
            raise BelgaiError(_("{path} already exists; choose another folder").format(path=path))
    key = generate()
    fd = os.open(secret_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.to_text())
    public_path.write_text(key.public().to_text(), encoding="ascii")
    return secret_path, public_path


def verify(message: bytes, signature_text: str, keys: list[PublicKey]) -> tuple[PublicKey, str]:
    """The key among ``keys`` that signed ``message`` and the signed trusted comment.

    Raises :class:`SignatureError` when the signature is malformed, made by a key not in
    ``keys``, or does not match."""
    lines = signature_text.splitlines()
    if len(lines) < 4 or not lines[2].startswith("trusted comment: "):
        raise SignatureError(_("the signature file is not in minisign's format"))
    data = _b64(lines[1], "signature")
    if len(data) != 74 or data[:2] not in (SIG_ALG, PREHASHED_ALG):
        raise SignatureError(_("the signature file is not in minisign's format"))
    key_id, signature = data[2:10], data[10:]
    key = next((k for k in keys if k.key_id == key_id), None)
    if key is None:
        raise SignatureError(_("signed by key {key}, which is not a trusted key").format(key=key_id_text(key_id)))
    public = Ed25519PublicKey.from_public_bytes(key.key)
    signed = hashlib.blake2b(message).digest() if data[:2] == PREHASHED_ALG else message
    trusted_comment = lines[2][len("trusted comment: "):]
    try:
        public.verify(signature, signed)
        public.verify(_b64(lines[3], "signature"), signature + trusted_comment.encode())
    except InvalidSignature:
        raise SignatureError(_("the signature by key {key} does not match: the file was changed").format(
            key=key.id_text)) from None
    return key, trusted_comment


def _private(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def _b64(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (ValueError, TypeError):
        # One sentence per part, so that each language can word it.
        raise SignatureError({"public key": _("the public key is not valid base64"),
                              "secret key": _("the secret key is not valid base64"),
                              "signature": _("the signature is not valid base64")}[what]) from None
