"""The user's own data in the main window: bookmarks and their labels, saved and past
searches, recently viewed records, the menus that list them, and clearing them.

A mixin of :class:`belgai_desktop.gui.main_window.MainWindow`; everything is stored
through ``library.user``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QMessageBox

from belgai_desktop.core import messages
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.gui.history import History
from belgai_desktop.gui.user_panels import shown_title

APP_TITLE = "BelgAI Desktop"


class WindowUserData(QMainWindow):
    """Bookmarks, searches, history and their menus."""

    def _save_quietly(self, save: Any, *args: Any) -> bool:
        try:
            save(*args)
        except BelgaiError as exc:
            messages.error(str(exc))
            return False
        return True

    def toggle_bookmark(self) -> None:
        if self.current_record is None:
            return
        if self._save_quietly(self.user.toggle_bookmark, self.current_record, self.lang):
            on = self.user.is_bookmarked(self.current_record)
            self.statusBar().showMessage(_("Bookmarked") if on else _("Bookmark removed"), 4000)
        self._render_page()
        self._refresh_user_lists()

    def label_bookmark(self, label: str | None = None) -> None:
        record_id = self.current_record
        if record_id is None or not self.user.is_bookmarked(record_id):
            return
        if label is None:
            current = next((b.label for b in self.user.bookmarks(self.lang) if b.id == record_id), "")
            label, ok = QInputDialog.getText(self, _("Label this bookmark"), _("Label:"), text=current)
            if not ok:
                return
        if self._save_quietly(self.user.add_bookmark, record_id, " ".join(label.split()), self.lang):
            self._refresh_user_lists()

    def _refresh_user_lists(self) -> None:
        self.bookmarks_list.show_items(self.user.bookmarks(self.lang), with_text=False)
        self.notes_list.show_items(self.user.notes(self.lang), with_text=True)

    def _remember_search(self, _record_id: str) -> None:
        if self.search_bar.query.strip():
            self._save_quietly(self.user.add_search, self.search_bar.query)

    @staticmethod
    def _menu_text(text: str) -> str:
        return text.replace("&", "&&")  # a record's title is text, never an accelerator

    def _fill_record_menu(self, menu: QMenu, items: list[Any]) -> None:
        menu.clear()
        for entry in items:
            action = menu.addAction(self._menu_text(shown_title(entry)))
            action.setData(entry.id)
            action.triggered.connect(lambda checked=False, rid=entry.id: self.open_record(rid))
        if not items:
            menu.addAction(_("(none yet)")).setEnabled(False)

    def _fill_recent_menu(self) -> None:
        self._fill_record_menu(self.recent_menu, self.user.recent(self.lang))

    def _fill_bookmarks_menu(self) -> None:
        menu = self.bookmarks_menu
        menu.clear()
        menu.addAction(self.bookmark_action)
        menu.addAction(self.label_bookmark_action)
        menu.addAction(self.bookmarks_tab_action)
        menu.addSeparator()
        items = self.user.bookmarks(self.lang)
        for entry in items:
            action = menu.addAction(self._menu_text(shown_title(entry)))
            action.setData(entry.id)
            action.triggered.connect(lambda checked=False, rid=entry.id: self.open_record(rid))

    def _fill_searches_menu(self) -> None:
        self.searches_menu.clear()
        for query in self.user.search_history()[:20]:
            action = self.searches_menu.addAction(self._menu_text(query))
            action.triggered.connect(lambda checked=False, q=query: self.search_for(q))
        if self.searches_menu.isEmpty():
            self.searches_menu.addAction(_("(none yet)")).setEnabled(False)

    def _fill_saved_searches_menu(self) -> None:
        menu = self.saved_searches_menu
        menu.clear()
        menu.addAction(self.save_search_action)
        self.save_search_action.setEnabled(bool(self.search_bar.query.strip()))
        menu.addSeparator()
        for saved in self.user.saved_searches():
            action = menu.addAction(self._menu_text(saved.name))
            action.setData(saved.name)
            action.triggered.connect(lambda checked=False, s=saved: self.run_saved_search(s))

    def show_recent_menu(self) -> None:
        self._fill_recent_menu()
        self.recent_menu.popup(self.page.mapToGlobal(self.page.rect().topLeft()))

    def save_search(self, name: str | None = None) -> None:
        query = self.search_bar.query.strip()
        if not query:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, _("Save this search"), _("Name:"), text=query)
            if not ok:
                return
        if self._save_quietly(self.user.save_search, name, query, self.search_bar.kind_filter,
                              self.search_bar.level_filter):
            self.statusBar().showMessage(_("Saved the search “{name}”").format(name=name.strip()), 5000)

    def run_saved_search(self, saved: Any) -> None:
        self.search_bar.set_filters(saved.kind or None, saved.level or None)
        self.search_for(saved.query)
        self._search_changed()

    def clear_history(self) -> None:
        self._save_quietly(self.user.clear_history)
        self.history = History()
        if self.current_record:
            self.history.visit(self.current_record)
        self._update_history_actions()
        self.statusBar().showMessage(_("History cleared; bookmarks and notes are kept."), 5000)

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, APP_TITLE, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def clear_bookmarks(self) -> None:
        if self._confirm(_("Delete all your bookmarks? This cannot be undone.")):
            self._save_quietly(self.user.clear_bookmarks)
            self._render_page()
            self._refresh_user_lists()

    def clear_notes(self) -> None:
        if self._confirm(_("Delete all your notes? This cannot be undone (export them first with "
                           "`belgai notes export`).")):
            self.note_editor.flush()
            self._save_quietly(self.user.clear_notes)
            self.note_editor.set_record(None, self.lang)
            self._render_page()
            self._refresh_user_lists()

