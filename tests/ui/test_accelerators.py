"""No Alt+letter does two things: in every language, the menu bar titles and the window's
own labelled controls (the filters) have distinct accelerators, and so do the items of
each menu and of each dialog the app opens."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QWidget

from belgai_desktop.core.data import vocab
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def accelerator(text: str) -> str | None:
    match = re.search(r"&([^&])", text.replace("&&", ""))
    return match.group(1).casefold() if match else None


def clashes(texts: list[str]) -> dict[str, list[str]]:
    keys = Counter(k for k in map(accelerator, texts) if k)
    return {k: [t for t in texts if accelerator(t) == k] for k, n in keys.items() if n > 1}


def window_level_texts(window: QWidget) -> list[str]:
    """Menu bar titles and the texts of labels (with a buddy) and buttons outside the menus."""
    texts = [a.text() for a in window.menuBar().actions()]
    for label in window.findChildren(QLabel):
        if label.buddy() is not None and label.isVisibleTo(window):
            texts.append(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and "&" in button.text():
            texts.append(button.text())
    return texts


def menu_levels(menu: QMenu) -> list[tuple[str, list[str]]]:
    menu.aboutToShow.emit()  # menus filled on opening (bookmarks, saved searches)
    out = [(menu.title(), [a.text() for a in menu.actions() if not a.isSeparator()])]
    for action in menu.actions():
        if action.menu() is not None:
            out += menu_levels(action.menu())
    return out


@pytest.mark.parametrize("lang", vocab.LANGUAGES)
def test_accelerators_are_unique_per_menu_level(make_window, lang: str) -> None:
    window = make_window(lang=lang)
    assert clashes(window_level_texts(window)) == {}
    for menu in window.menus:
        for title, texts in menu_levels(menu):
            assert clashes(texts) == {}, f"{lang}: menu {title!r}"


@pytest.mark.parametrize("lang", vocab.LANGUAGES)
def test_accelerators_are_unique_in_the_dialogs(make_window, qtbot, lang: str) -> None:
    from belgai_desktop.gui.about import AboutDialog

    window = make_window(lang=lang)
    dialogs: list[QWidget] = [AboutDialog(window.library, window)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        texts = [w.text() for w in dialog.findChildren(QAbstractButton)]
        texts += [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
        assert clashes(texts) == {}, f"{lang}: {dialog.windowTitle()}"
