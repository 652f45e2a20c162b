"""The key facts that open every record, in the same words on the page, in the terminal and
on the printed summary: kind, level, what it is part of, who leads it, the budget in one
line, the key dates, and who supervises, coordinates or funds it.

Each :class:`KeyFact` is a label and a few :class:`Piece` s of plain text; a piece may point
to a record (``record_id``) or to the box on the page that shows every value with its
source (``anchor``), so that each value is one click or one keypress away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from belgai_desktop.core.data.model import Budget, DateFact, Record, Related
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import ngettext, pgettext
from belgai_desktop.core.text import labels
from belgai_desktop.core.text.formatting import format_money_range
from belgai_desktop.core.text.phrases import (
    cap,
    date_text,
    dispute_aspect,
    dispute_groups,
    disputed_values,
    fact_value,
    is_dispute,
    label_value,
    marked_title,
)

# Who the record answers to, in the order a reader asks: who leads it, then who oversees it.
LEAD_RELATIONS = ("leads", "chairs", "responsible_for", "manages")
OVERSIGHT_RELATIONS = ("supervises", "coordinates", "funds")
# What a person does, for a person's own page.
PERSON_RELATIONS = ("leads", "chairs", "responsible_for", "member_of", "works_at", "advises", "coordinates")
MAX_DATES = 3
MAX_NAMES = 4

BUDGET_ANCHOR = "fact-budgets"
DATES_ANCHOR = "fact-dates"
STATEMENTS_ANCHOR = "fact-statements"


@dataclass
class Piece:
    text: str
    record_id: str | None = None
    anchor: str | None = None


@dataclass
class KeyFact:
    key: str  # stable, for --json: "kind", "level", "part_of", "leads", "budget", "dates", …
    label: str
    pieces: list[Piece] = field(default_factory=list)

    @property
    def value(self) -> str:
        return "; ".join(p.text for p in self.pieces)

    @property
    def line(self) -> str:
        return label_value(self.label, self.value)

    def to_json(self) -> dict[str, str]:
        return {"key": self.key, "label": self.label, "value": self.value}


def _who(r: Related) -> Piece:
    text = marked_title(r)
    if r.role:
        text = pgettext("person and role", "{name} \u2014 {role}").format(name=text, role=r.role)
    return Piece(text, record_id=r.id)


def budget_line(budgets: list[Budget], lang: str) -> str | None:
    """'€30M – €36M — 6 figures: the sources disagree', or the one budget as it is given."""
    if not budgets:
        return None
    group = dispute_groups(budgets)[0]
    if not is_dispute(group):
        return fact_value(group[0], lang)
    currencies = {b.currency for b in group}
    if len(currencies) > 1:
        return disputed_values([fact_value(b, lang) for b in group], lang)
    low = min(b.amount for b in group)
    high = max(b.amount_max or b.amount for b in group)
    amount = format_money_range(low, high if high != low else None, group[0].currency, lang)
    periods = {b.period for b in group}
    if len(periods) == 1 and "unspecified" not in periods:
        amount = pgettext("budget", "{amount} {period}").format(
            amount=amount, period=labels.period_label(periods.pop()))
    # Translators: the budget in one line when documents give different figures,
    # e.g. "€30M – €36M — 6 figures: the sources disagree".
    return ngettext("{amount} \u2014 {n} figure: the sources disagree",
                    "{amount} \u2014 {n} figures: the sources disagree", len(group)).format(
        amount=amount, n=len(group))


def date_pieces(dates: list[DateFact], lang: str) -> list[Piece]:
    """'Launched: March 2019 or July 2019 (the sources disagree)', 'Renewed: March 2024'."""
    out = []
    for group in dispute_groups(dates)[:MAX_DATES]:
        label = labels.aspect_label(group[0].aspect)
        if is_dispute(group):
            value = disputed_values([date_text(d, lang) for d in group], lang)
            out.append(Piece(label_value(label, value), anchor=DATES_ANCHOR))
        else:
            out.append(Piece(label_value(label, date_text(group[0], lang))))
    return out


def key_facts(record: Record) -> list[KeyFact]:
    lang = record.lang
    facts = [KeyFact("kind", _("Type"), [Piece(labels.kind_label(record.kind))]),
             KeyFact("level", _("Government level"), [Piece(labels.level_label(record.level))])]
    if record.parents:
        facts.append(KeyFact("part_of", _("Part of"), [Piece(marked_title(p), p.id) for p in record.parents]))
    oversight: list[KeyFact] = []
    if record.kind == "person":
        for relation in PERSON_RELATIONS:
            roles = [r for r in record.roles + record.related if r.relation == relation and r.direction == "out"]
            if roles:
                facts.append(KeyFact(relation, cap(labels.relation_label(relation, "out")),
                                     [_who(r) for r in roles[:MAX_NAMES]]))
    else:
        incoming = record.people + record.related
        for relation in LEAD_RELATIONS + OVERSIGHT_RELATIONS:
            who = [r for r in incoming if r.relation == relation and r.direction == "in"]
            if who:
                (facts if relation in LEAD_RELATIONS else oversight).append(KeyFact(
                    relation, cap(labels.relation_label(relation, "in")), [_who(r) for r in who[:MAX_NAMES]]))
    budget = budget_line(record.budgets, lang)
    if budget:
        facts.append(KeyFact("budget", pgettext("print heading", "Budget"), [Piece(budget, anchor=BUDGET_ANCHOR)]))
    dates = date_pieces(record.dates, lang)
    if dates:
        facts.append(KeyFact("dates", _("Key dates"), dates))
    disputed = [dispute_aspect(g) for g in dispute_groups(record.statements) if is_dispute(g)]
    if disputed:  # budgets and dates say so on their own line above
        # Translators: a key fact's label, followed by what the documents disagree on, e.g. "Mandate; Status"
        facts.append(KeyFact("disputes", _("The sources disagree on"),
                             [Piece(aspect, anchor=STATEMENTS_ANCHOR) for aspect in dict.fromkeys(disputed)]))
    return facts + oversight
