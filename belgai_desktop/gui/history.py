"""Back/Forward history of the records the user opened, like a browser's (no Qt)."""

from __future__ import annotations


class History:
    """A list of record ids and a position in it; visiting cuts off the forward part."""

    def __init__(self, limit: int = 200) -> None:
        self._items: list[str] = []
        self._pos = -1
        self._limit = limit

    @property
    def current(self) -> str | None:
        return self._items[self._pos] if self._pos >= 0 else None

    def visit(self, record_id: str) -> None:
        if record_id == self.current:
            return
        del self._items[self._pos + 1:]
        self._items.append(record_id)
        if len(self._items) > self._limit:
            del self._items[0]
        self._pos = len(self._items) - 1

    def can_go_back(self) -> bool:
        return self._pos > 0

    def can_go_forward(self) -> bool:
        return self._pos < len(self._items) - 1

    def back(self) -> str | None:
        if self.can_go_back():
            self._pos -= 1
        return self.current

    def forward(self) -> str | None:
        if self.can_go_forward():
            self._pos += 1
        return self.current
