"""What every ``belgai`` command does the same way: the ``--lang`` option, and JSON for other tools.

Shared by cli.py and its command groups (cli_data.py, cli_user.py), which import it rather
than each other.
"""

from __future__ import annotations

import argparse
import json
import sys

from belgai_desktop.core.data import vocab


def add_lang_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--lang en|nl|fr|de``; None when absent, so that the command uses the system language."""
    parser.add_argument("--lang", choices=vocab.LANGUAGES, default=None, help=help_text)


def print_json(data: object) -> None:
    """JSON is UTF-8 whatever the terminal's encoding, so other tools can always read it."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream: escape what is not ASCII
        sys.stdout.write(json.dumps(data, ensure_ascii=True, indent=2) + "\n")
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8", "replace"))
    buffer.flush()
