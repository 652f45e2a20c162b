"""The bundle's executable: the same ``belgai`` command as the installed one (CLI and GUI)."""

import os
import sys

# A frozen Python skips PEP 538's locale coercion, so under the C locale (env -i, a service)
# Qt would warn on every start that it switches to UTF-8 itself: ask for it up front.
_effective = os.environ.get("LC_ALL") or os.environ.get("LC_CTYPE") or os.environ.get("LANG") or ""
if _effective.split(".")[0] in ("", "C", "POSIX") and "UTF" not in _effective.upper():
    os.environ["LC_ALL" if os.environ.get("LC_ALL") else "LC_CTYPE"] = "C.UTF-8"

from belgai_desktop.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
