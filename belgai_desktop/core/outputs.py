"""Where the app may write a file the user named (``print -o``, ``db build --output``).

Owns the checks made before an output file is swapped into place: the path must be
reachable, its folder must exist, and whatever is there already must be a regular file
(or a link to one; the link itself is then replaced, never followed). Anything else — a
device, a pipe, a folder, a socket — is refused with one clear line, because ``os.replace``
would silently turn it into a regular file. Also names the temporary files written beside
an output (with the writer's pid in the name) and removes those a killed process left behind,
and writes an output through such a file (``write_atomically``).
Plain Python; imports only ``core.errors`` and ``core.i18n``.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _


def _reason(exc: OSError | ValueError) -> str:
    if isinstance(exc, ValueError):
        return str(exc)
    return exc.strerror or os.strerror(exc.errno or errno.EIO)


def exists(path: Path) -> bool:
    """Whether anything (even a dangling link) is at ``path``; BelgaiError when that cannot be
    known (a folder that cannot be traversed, a name too long, a NUL in it)."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except (OSError, ValueError) as exc:
        raise BelgaiError(_("cannot write {path}: {reason}").format(path=path, reason=_reason(exc))) from None
    return True


def check_output(path: Path) -> None:
    """Raise BelgaiError unless a new regular file may replace whatever is at ``path``."""
    folder = path.parent
    try:
        folder_ok = stat.S_ISDIR(os.stat(folder).st_mode)
    except FileNotFoundError:
        folder_ok = False
    except (OSError, ValueError) as exc:
        raise BelgaiError(_("cannot write {path}: {reason}").format(path=path, reason=_reason(exc))) from None
    if not folder_ok:
        raise BelgaiError(_("cannot write {path}: folder {folder} does not exist").format(
            path=path, folder=folder))
    if not exists(path):
        if len(path.name.encode("utf-8", "surrogateescape")) > 255:
            raise BelgaiError(_("cannot write {path}: {reason}").format(
                path=path, reason=os.strerror(errno.ENAMETOOLONG)))
        return
    try:
        mode = os.stat(path).st_mode  # follows a link: what would be written over
    except FileNotFoundError:
        return  # a dangling link: replacing it writes nowhere else
    except (OSError, ValueError) as exc:
        raise BelgaiError(_("cannot write {path}: {reason}").format(path=path, reason=_reason(exc))) from None
    if not stat.S_ISREG(mode):
        raise BelgaiError(_("will not write over {path}: it is not a regular file").format(path=path))


def temp_prefix(kind: str) -> str:
    """The start of the name of a temporary file written beside an output: ``.belgai-<kind>-<pid>-``."""
    return f".belgai-{kind}-{os.getpid()}-"


def process_gone(pid: int) -> bool:
    """True only when the process ``pid`` certainly no longer runs, so that what it left
    behind (a temporary file or folder named with its pid) may be removed. Never on Windows,
    where os.kill would end the process: there, callers rely on age alone."""
    if os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError, ValueError):
        return False
    return False


def remove_abandoned(folder: Path, kind: str) -> None:
    """Delete our temporary ``kind`` files in ``folder`` whose writer is gone (killed
    mid-write); never anything else, and never raises."""
    start = f".belgai-{kind}-"
    try:
        names = [n for n in os.listdir(folder) if n.startswith(start)]
    except (OSError, ValueError):
        return
    for name in names:
        pid = name[len(start):].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and process_gone(int(pid)):
            try:
                if stat.S_ISREG(os.lstat(folder / name).st_mode):
                    os.unlink(folder / name)
            except OSError:
                pass


def write_atomically(path: Path, data: bytes, kind: str, suffix: str = ".tmp") -> None:
    """Write ``data`` to ``path`` through a temporary file beside it, swapped in at once, with
    the permissions ``open()`` would give; BelgaiError (one line) when it cannot."""
    tmp_name = None
    try:
        check_output(path)  # (again: a render takes a while, the path may have changed meanwhile)
        remove_abandoned(path.parent, kind)
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(kind), suffix=suffix, dir=path.parent or ".")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(tmp_name, 0o666 & ~mask)
        os.replace(tmp_name, path)
        tmp_name = None
    except (OSError, ValueError) as exc:
        raise BelgaiError(_("cannot write {path}: {reason}").format(path=path, reason=_reason(exc))) from None
    finally:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
