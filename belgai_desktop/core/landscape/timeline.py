"""The timeline: every dated fact of the data (launches, approvals, renewals, deadlines,
events…) on a time axis, one lane per level. Dates the sources disagree on are one item
drawn as a range from the earliest to the latest value, each value with its sources.

Also where each item goes (in points, like the map's layout); plain Python, no Qt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from belgai_desktop.core.data.model import Citation
from belgai_desktop.core.landscape.graph import BANDS
from belgai_desktop.core.landscape.layout import wrap
from belgai_desktop.core.landscape.source import ReferenceData
from belgai_desktop.core.text import phrases
from belgai_desktop.core.text.formatting import format_date
from belgai_desktop.core.text.labels import aspect_label


@dataclass(frozen=True)
class DatedValue:
    date: str  # as the document gives it: YYYY, YYYY-MM or YYYY-MM-DD
    precision: str | None
    citations: tuple[Citation, ...]


@dataclass
class TimelineItem:
    """One dated fact of one record; several values when the sources disagree."""

    record_id: str
    level: str
    title: str  # with our marks
    aspect: str
    values: list[DatedValue]

    @property
    def disputed(self) -> bool:
        return len({v.date for v in self.values}) > 1

    @property
    def start(self) -> float:
        return min(year_fraction(v.date) for v in self.values)

    @property
    def end(self) -> float:
        return max(year_fraction(v.date) for v in self.values)

    def label(self, lang: str) -> str:
        if self.aspect == "occurred":  # an event: its title says what happened
            return self.title
        return phrases.label_value(self.title, phrases.uncap(aspect_label(self.aspect), lang))

    def dates_text(self, lang: str, numbers: dict[str, int] | None = None) -> str:
        """'March 2019 [4] / July 2019 [2]': each value with the numbers of its source documents."""
        parts = []
        for v in self.values:
            text = format_date(v.date, lang, v.precision)
            if numbers:
                nums = sorted({numbers.get(c.source_id, 0) for c in v.citations})
                text += " [" + ", ".join(map(str, nums)) + "]"
            parts.append(text)
        return " / ".join(parts)


def year_fraction(date: str) -> float:
    """2019 → 2019.5, 2019-03 → 2019.2, 2019-03-15 → 2019.2: where a date sits on the axis."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    day = dt.date(*parts)
    return parts[0] + (day.timetuple().tm_yday - 0.5) / 366


def build_timeline(library: ReferenceData, lang: str) -> list[TimelineItem]:
    """Every dated fact, in date order; disputed dates of one record gathered into one item."""
    items: list[TimelineItem] = []
    for summary in library.list(lang=lang):
        record = library.get(summary.id, lang)
        if not record.dates:
            continue
        title = record.title + (f" {phrases.descriptive_mark()}" if record.title_descriptive
                                else "*" if record.title_is_translation else "")
        for group in phrases.dispute_groups(record.dates):
            items.append(TimelineItem(record.id, record.level, title, group[0].aspect,
                                      [DatedValue(d.date, d.precision, tuple(d.citations)) for d in group]))
    items.sort(key=lambda i: (i.start, BANDS.index(i.level) if i.level in BANDS else 99, i.title))
    return items


@dataclass(frozen=True)
class TimelineMetrics:
    width: float = 1130.0
    lane_label: float = 64.0
    box_width: float = 100.0
    chars_per_line: int = 22
    line_height: float = 8.2
    padding: float = 2.0
    gap: float = 3.0
    axis_height: float = 16.0


@dataclass
class TimelineLayout:
    first_year: int = 2017
    last_year: int = 2026
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)  # per item
    lines: list[list[str]] = field(default_factory=list)
    lanes: list[tuple[str, float, float]] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    metrics: TimelineMetrics = field(default_factory=TimelineMetrics)
    # Where each year starts, first_year … last_year + 1; empty: every year equally wide.
    year_edges: list[float] = field(default_factory=list)

    def x(self, year: float) -> float:
        m = self.metrics
        if len(self.year_edges) == self.last_year - self.first_year + 2:
            k = min(max(int(year) - self.first_year, 0), len(self.year_edges) - 2)
            left, right = self.year_edges[k], self.year_edges[k + 1]
            return left + (year - (self.first_year + k)) * (right - left)
        span = (self.last_year + 1) - self.first_year
        return m.lane_label + (year - self.first_year) / span * (m.width - m.lane_label - m.box_width / 2)


def year_edges(items: list[TimelineItem], first: int, last: int, metrics: TimelineMetrics) -> list[float]:
    """Where each year starts on the axis: a year is wider the more facts one lane holds in it
    (as wide as its most crowded lane has facts, at least one), so a busy year such as 2019 or
    2024 spreads its boxes side by side instead of stacking them into a page too tall to print."""
    crowd: dict[tuple[str, int], int] = {}
    for item in items:
        key = (item.level, int(item.start))
        crowd[key] = crowd.get(key, 0) + 1
    weights = [max((n for (_, y), n in crowd.items() if y == year), default=1)
               for year in range(first, last + 1)]
    span = metrics.width - metrics.lane_label - metrics.box_width / 2
    edges, x = [metrics.lane_label], metrics.lane_label
    for w in weights:
        x += span * w / sum(weights)
        edges.append(x)
    return edges


def layout_timeline(items: list[TimelineItem], lang: str, metrics: TimelineMetrics | None = None,
                    numbers: dict[str, int] | None = None) -> TimelineLayout:
    """Boxes for ``items``: each in its level's lane, starting at its (earliest) date, in the
    first row of the lane where it overlaps nothing."""
    m = metrics or TimelineMetrics()
    out = TimelineLayout(metrics=m, width=m.width)
    if items:
        out.first_year = int(min(i.start for i in items))
        out.last_year = int(max(i.end for i in items))
        out.year_edges = year_edges(items, out.first_year, out.last_year, m)
    out.boxes = [(0.0, 0.0, 0.0, 0.0)] * len(items)
    out.lines = [wrap(f"{i.label(lang)} \u2014 {i.dates_text(lang, numbers)}", m.chars_per_line, max_lines=12)
                 for i in items]
    y = m.axis_height
    for level in BANDS:
        mine = [k for k, i in enumerate(items) if i.level == level]
        if not mine:
            continue
        # Each box goes as high in the lane as it can without touching another box, sliding
        # along its year (its centre stays inside the year's column) when that makes room; the
        # box says its date, and a tick on the axis of the box marks it, with a leader line
        # when the box had to move off it.
        placed: list[tuple[float, float, float, float]] = []
        top = y + m.gap
        for k in mine:
            x = out.x(items[k].start)
            h = len(out.lines[k]) * m.line_height + 2 * m.padding
            year = int(items[k].start)
            lo = max(m.lane_label, out.x(year) - m.box_width / 2)
            hi = max(lo, min(out.x(year + 1) - m.box_width / 2, m.width - m.box_width))
            start = min(max(x - 8, lo), hi)  # preferred: the date just inside the box's left
            box = None
            for cy in sorted({y + m.gap} | {b[1] + b[3] + m.gap for b in placed}):
                rows = [b for b in placed if not (cy + h + m.gap <= b[1] or b[1] + b[3] + m.gap <= cy)]
                for left in sorted({start, hi, lo} | {b[0] + b[2] + m.gap for b in rows}
                                   | {b[0] - m.box_width - m.gap for b in rows}, key=lambda v: abs(v - start)):
                    if lo - 0.01 <= left <= hi + 0.01 and all(
                            left + m.box_width + m.gap <= b[0] or b[0] + b[2] + m.gap <= left for b in rows):
                        box = (left, cy, m.box_width, h)
                        break
                if box:
                    break
            assert box is not None  # the row below every box is always free
            placed.append(box)
            out.boxes[k] = box
            top = max(top, box[1] + h + m.gap)
        out.lanes.append((level, y, top))
        y = top + 2
    out.height = y
    return out


BOX_WIDTHS = ((100.0, 22), (110.0, 24), (120.0, 26))  # box width in points, characters per line


def compact_layout(items: list[TimelineItem], lang: str, width: float | None = None,
                   numbers: dict[str, int] | None = None, line_height: float | None = None) -> TimelineLayout:
    """The lowest of a few layouts with wider or narrower boxes: which packs best depends on
    the language's word lengths, and a lower timeline fits one page at its full 7 pt. The
    screen passes a taller ``line_height`` (its fonts are drawn a little larger than on paper)."""
    layouts = []
    for box_width, chars in BOX_WIDTHS:
        metrics = TimelineMetrics(box_width=box_width, chars_per_line=chars)
        if width is not None:
            metrics = dataclasses.replace(metrics, width=width)
        if line_height is not None:
            metrics = dataclasses.replace(metrics, line_height=line_height, padding=3.0)
        layouts.append(layout_timeline(items, lang, metrics, numbers))
    return min(layouts, key=lambda layout: layout.height)
