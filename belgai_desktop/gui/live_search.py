"""Search as you type, off the GUI thread.

Keystrokes restart a short debounce timer; when it fires, one search runs on a worker
thread (a one-thread ``QThreadPool``, so the searcher is only ever used from one thread),
and its result comes back to the GUI thread by a queued signal. Every request carries a
generation number: a result is delivered only if no newer request was made since, so a
slow, stale search can never overwrite a newer one.

With a filter on, the same words are also counted without it, so the window can say how
many results the filter hides; a filter with no words lists every record it lets through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from belgai_desktop.core import messages

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library

DEBOUNCE_MS = 60
RESULT_LIMIT = 50


@dataclass(frozen=True)
class SearchRequest:
    query: str
    lang: str
    kind: str | None
    level: str | None


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted from the worker are queued to it."""

    finished = Signal(int, object)
    failed = Signal(int, str)
    hidden = Signal(int, int)  # generation, results the filters leave out


class _SearchTask(QRunnable):
    def __init__(self, owner: LiveSearch, generation: int, request: SearchRequest | None) -> None:
        super().__init__()
        self._owner, self._generation, self._request = owner, generation, request

    def run(self) -> None:
        if self._generation != self._owner.generation:
            return  # a newer request is queued: skip the work
        try:
            library = self._owner.library  # its first search loads (or builds) the index
            if self._request is None:  # warm-up: the typo index now, not on the first misspelling
                library.warm_up_search()
                return
            r = self._request
            if not r.query.strip():  # a filter with no words: everything it lets through
                result = library.browse(lang=r.lang, kind=r.kind, level=r.level)
            else:
                result = library.search(r.query, lang=r.lang, kind=r.kind, level=r.level, limit=RESULT_LIMIT)
                if r.kind or r.level:
                    everything = library.search(r.query, lang=r.lang, limit=1)
                    self._tell("hidden", max(everything.total - result.total, 0))
        except Exception as exc:  # noqa: BLE001 - shown to the user in the status bar, never a crash
            if self._generation == self._owner.generation:  # else stale: the window moved on or closed
                self._tell("failed", str(exc))
            return
        self._tell("finished", result)

    def _tell(self, signal: str, value: Any) -> None:
        try:
            getattr(self._owner.relay, signal).emit(self._generation, value)
        except RuntimeError:  # the window closed while this search ran: nobody to tell
            pass


class LiveSearch(QObject):
    """Debounced background search; emits ``results`` (a SearchResult) for the newest request."""

    results = Signal(object)
    cleared = Signal()

    def __init__(self, library: Library, parent: QObject | None = None,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.library = library
        self.generation = 0
        self.relay = _Relay(self)
        self.relay.finished.connect(self._on_finished)
        self.relay.failed.connect(self._on_failed)
        self.relay.hidden.connect(self._on_hidden)
        self.hidden = 0  # how many results of the newest search the filters leave out
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)
        self._pending: SearchRequest | None = None

    def warm_up(self) -> None:
        """Open (or build) the search index in the background before the first keystroke."""
        self._pool.start(_SearchTask(self, self.generation, None))

    def request(self, request: SearchRequest) -> None:
        """Ask for a search; an empty query with no filter clears the results at once."""
        self.generation += 1
        self.hidden = 0
        if not request.query.strip() and not (request.kind or request.level):
            self._timer.stop()
            self._pending = None
            self.cleared.emit()
            return
        self._pending = request
        self._timer.start()

    def run_now(self) -> None:
        """Start the pending search without waiting for the debounce (Enter pressed)."""
        if self._timer.isActive():
            self._timer.stop()
            self._start()

    def is_busy(self) -> bool:
        return self._timer.isActive() or self._pool.activeThreadCount() > 0

    def stop(self, msecs: int = 5000) -> bool:
        """No more results: drop the pending request and any result still on its way."""
        self._timer.stop()
        self._pending = None
        self.generation += 1
        return self._pool.waitForDone(msecs)

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot()
    def _start(self) -> None:
        if self._pending is not None:
            self._pool.start(_SearchTask(self, self.generation, self._pending))

    @Slot(int, object)
    def _on_finished(self, generation: int, result: Any) -> None:
        if generation == self.generation:
            self.results.emit(result)

    @Slot(int, int)
    def _on_hidden(self, generation: int, hidden: int) -> None:
        if generation == self.generation:
            self.hidden = hidden

    @Slot(int, str)
    def _on_failed(self, generation: int, text: str) -> None:
        if generation == self.generation:
            messages.error(text)
