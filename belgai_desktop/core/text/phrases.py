"""The one wording of a record: names, relations, budgets, dates, disputes, source lines and
citations as translated, locale-formatted plain text.

The terminal text, the record page and the printed summary (``core/render``,
``printing/sheet.py``) take every phrase from here, so all three say the same thing in
every language; a renderer only adds its markup (links, bold, escaping) around the pieces,
which is why phrases that hold a title take it already rendered (``title=``) and run the
words around it through ``esc``. The key facts are in :mod:`belgai_desktop.core.text.keyfacts`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from belgai_desktop.core.data.model import Budget, Citation, DateFact, Record, Related, Source, Statement
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import pgettext
from belgai_desktop.core.text import labels
from belgai_desktop.core.text.formatting import format_date, format_list, format_money_range

Fact = Budget | DateFact | Statement
F = TypeVar("F", bound=Fact)
Escape = Callable[[str], str]

DISPUTED_SIGN = "\u26a0"  # ⚠, always beside words: never a sign (or a colour) alone


def _same(text: str) -> str:
    return text


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def uncap(text: str, lang: str) -> str:
    """A label as it reads inside a sentence: "Launched" -> "launched", but German nouns and a
    leading acronym keep their capitals ("Gründung", "AI focus from", "axe IA depuis")."""
    first = text.split(" ", 1)[0]
    if lang == "de" or (len(first) > 1 and first[:2].isupper()):
        return text
    return text[:1].lower() + text[1:]


def label_value(label: str, value: str) -> str:
    """'Label: value', with the language's own colon (French: a no-break space before it)."""
    return pgettext("label and value", "{label}: {value}").format(label=label, value=value)


# -- facts ----------------------------------------------------------------------------------


def dispute_groups(facts: Sequence[F]) -> list[list[F]]:
    """Facts in order, each alone, except that disputed facts sharing a dispute key are
    gathered into one group at the place of the first: shown side by side, never one picked."""
    groups: list[list[F]] = []
    by_key: dict[str, list[F]] = {}
    for fact in facts:
        key = fact.dispute if fact.disputed else None
        if key and key in by_key:
            by_key[key].append(fact)
            continue
        groups.append([fact])
        if key:
            by_key[key] = groups[-1]
    return groups


def is_dispute(group: Sequence[Fact]) -> bool:
    return len(group) > 1 or group[0].disputed


def budget_text(b: Budget, lang: str) -> str:
    """'€32M – €35M per year (2019), approximately'."""
    amount = format_money_range(b.amount, b.amount_max, b.currency, lang)
    if b.qualifier == "more-than":
        amount = pgettext("budget", "more than {amount}").format(amount=amount)
    elif b.qualifier == "at-least":
        amount = pgettext("budget", "at least {amount}").format(amount=amount)
    elif b.qualifier == "less-than":
        amount = pgettext("budget", "less than {amount}").format(amount=amount)
    elif b.approximate or b.qualifier == "about":
        amount = pgettext("budget", "about {amount}").format(amount=amount)
    period = labels.period_label(b.period)
    if b.period == "unspecified":
        # Translators: an amount whose period no document states, e.g. "€30M (period not stated)"
        text = pgettext("budget", "{amount} ({period})").format(amount=amount, period=period)
    else:
        # Translators: an amount of money and its period, e.g. "€32M per year"
        text = pgettext("budget", "{amount} {period}").format(amount=amount, period=period)
    if b.year and b.year_end:
        text += f" ({b.year}–{b.year_end})"
    elif b.year:
        text += f" ({b.year})"
    return text


def date_text(d: DateFact, lang: str) -> str:
    return format_date(d.date, lang, d.precision)


def fact_value(f: Fact, lang: str) -> str:
    """The value alone: an amount, a date or a statement's text."""
    if isinstance(f, Budget):
        return budget_text(f, lang)
    if isinstance(f, DateFact):
        return date_text(f, lang)
    return f.text


def with_note(value: str, note: str | None) -> str:
    """'€32M per year — Additional yearly budget foreseen by …'."""
    if not note:
        return value
    return pgettext("value and note", "{value} \u2014 {note}").format(value=value, note=note)


def fact_text(f: Fact, lang: str) -> str:
    """The value with its note, as each renderer shows one fact."""
    return with_note(fact_value(f, lang), getattr(f, "note", None))


def fact_line(f: Fact, lang: str) -> str:
    """'Annual budget: €875,000 per year (2019) — Annual budget from 2019 onwards.'"""
    return label_value(labels.aspect_label(f.aspect), fact_text(f, lang))


def dispute_heading(aspect: str) -> str:
    """What a dispute box is headed by: the aspect that is disputed, not the record."""
    # Translators: the heading of a box that lists the values the documents give for one
    # thing, e.g. "Budget: the sources disagree"; {aspect} is that thing.
    return pgettext("dispute heading", "{aspect}: the sources disagree").format(aspect=aspect)


def dispute_aspect(group: Sequence[Fact]) -> str:
    """What a group of disagreeing values is about: their aspect ('Launched'), or, when the
    documents file the values under different aspects, what they have in common ('Budget')."""
    aspects = {labels.aspect_label(f.aspect) for f in group}
    if len(aspects) == 1:
        return aspects.pop()
    if isinstance(group[0], Budget):
        return pgettext("aspect", "Budget")
    if isinstance(group[0], DateFact):
        return pgettext("aspect", "Date")
    return pgettext("aspect", "Fact")


def dispute_title(group: Sequence[Fact]) -> str:
    """'⚠ Budget: the sources disagree'."""
    return f"{DISPUTED_SIGN} " + dispute_heading(dispute_aspect(group))


def dispute_explanation() -> str:
    return _("Each value is shown with its source.")


def disputed_values(values: list[str], lang: str) -> str:
    """'March 2019 or July 2019 (the sources disagree)': a short form for the key facts."""
    joined = format_list(values, lang, style="or")
    return pgettext("disputed values", "{values} (the sources disagree)").format(values=joined)


# -- names and relations --------------------------------------------------------------------


def other_names(record: Record) -> list[tuple[str, str, bool]]:
    """(lang, name, is_translation) for the languages other than the record's."""
    seen = {record.title}
    out = []
    for lang, name in record.names.items():
        if lang != record.lang and name.text not in seen:
            seen.add(name.text)
            out.append((lang, name.text, name.is_translation))
    return out


def descriptive_mark() -> str:
    """Beside a title that we wrote to describe a record, which no document gives."""
    # Translators: beside a title we wrote ourselves, e.g. "Launch of the Team Up AI call
    # (descriptive title)": it is not an official name and no source document gives it.
    return _("(descriptive title)")


def title_mark(r: Related) -> str:
    """What follows a related record's title: '(descriptive title)' for a title we wrote, an
    asterisk for our translation (explained by translation_legend), nothing for a given name."""
    if r.title_descriptive:
        return " " + descriptive_mark()
    return "*" if r.title_is_translation else ""


def marked_title(r: Related) -> str:
    return r.title + title_mark(r)


def translation_legend() -> str:
    return _("* our translation, not found in the source documents")


def acronyms_text(record: Record) -> str:
    """'BIPT, IBPT (our usage, not in the source documents)': the documents' acronyms, then the
    ones this language uses that no document gives, marked as ours."""
    ours = record.acronyms_ours.get(record.lang, [])
    parts = list(record.acronyms)
    if ours:
        # Translators: after acronyms a language uses (e.g. the French "IBPT") that no source document gives
        parts.append(_("{acronyms} (our usage, not in the source documents)").format(acronyms=", ".join(ours)))
    return ", ".join(parts)


def all_related(record: Record) -> list[Related]:
    parts = [p for c in record.children for p in c.parts]
    return [*record.parents, *record.children, *parts, *record.people, *record.roles, *record.related]


def needs_translation_legend(record: Record) -> bool:
    return any(r.title_is_translation and not r.title_descriptive for r in all_related(record))


def person_role(r: Related) -> str:
    """What a person is to the record shown: the role the documents give, else the relation."""
    return r.role or labels.relation_label(r.relation, r.direction)


def person_phrase(r: Related, title: str | None = None, esc: Escape = _same) -> str:
    """'Hans Arents — supported by' / 'Matthias Diependaele — responsible minister'."""
    return pgettext("person and role", "{name} \u2014 {role}").format(
        name=marked_title(r) if title is None else title, role=esc(person_role(r)))


def role_phrase(r: Related, title: str | None = None, esc: Escape = _same) -> str:
    """A person's role in a body: 'Minister-President of the Government of Flanders, Government of Flanders'."""
    return pgettext("role in a body", "{role}, {body}").format(
        role=esc(person_role(r)), body=marked_title(r) if title is None else title)


def relation_phrase(r: Related, title: str | None = None, esc: Escape = _same) -> str:
    """'supervised by: Department of Economy, Science and Innovation'."""
    return pgettext("relation to a record", "{relation}: {title}").format(
        relation=esc(labels.relation_label(r.relation, r.direction)),
        title=marked_title(r) if title is None else title)


def part_phrase(r: Related, title: str | None = None, esc: Escape = _same) -> str:
    """One thing inside a part: a part of it by its title alone, anything else with its relation
    ('implemented by: Knowledge Centre Data & Society')."""
    if r.relation == "part_of":
        return marked_title(r) if title is None else title
    return relation_phrase(r, title, esc)


# -- sources and citations ------------------------------------------------------------------


def citation_text(c: Citation, lang: str) -> str:
    """'A.I. Governance in Belgium, §1.4 (as of 28 September 2025)'."""
    where = f", {c.where}" if c.where else ""
    if c.as_of:
        return _("{title}{where} (as of {date})").format(
            title=c.title, where=where, date=format_date(c.as_of, lang, c.as_of_precision))
    return f"{c.title}{where}"


def citations_text(cites: list[Citation], lang: str) -> str:
    return "; ".join(citation_text(c, lang) for c in cites)


def source_date(s: Source, lang: str) -> str:
    return format_date(s.date, lang, s.date_precision) if s.date else _("undated")


def source_line(s: Source, lang: str, title: str | None = None, esc: Escape = _same) -> str:
    """'A.I. Governance in Belgium — Blog post (community category), 28 September 2025': one
    format for the page, the terminal, the print and the About dialog."""
    who = ", ".join(p for p in (s.author, s.publisher) if p)
    if not who:
        return pgettext("source line", "{title}, {date}").format(
            title=s.title if title is None else title, date=esc(source_date(s, lang)))
    return pgettext("source line", "{title} \u2014 {who}, {date}").format(
        title=s.title if title is None else title, who=esc(who), date=esc(source_date(s, lang)))


def data_version(meta: dict[str, str]) -> str:
    """The dataset's version: an explicit one if the build records it, else its content hash."""
    return meta.get("dataset_version") or meta.get("version") or meta.get("source_hash", "")[:10]


def _citation_footer(record: Record, meta: dict[str, str]) -> str:
    parts = [_("BelgAI Desktop data version {version}").format(version=data_version(meta) or "?")]
    if meta.get("as_of"):
        parts.append(_("data as of {date}").format(date=format_date(meta["as_of"], record.lang)))
    parts.append(_("record {record_id}").format(record_id=record.id))
    return ", ".join(parts) + "."


def _sources_sentence(cites: list[Citation], lang: str) -> str:
    if not cites:
        return _("Source: not given.")
    return _("Source: {citations}.").format(citations=citations_text(cites, lang))


def record_citation(record: Record, meta: dict[str, str]) -> str:
    """The record as a citation to paste into a note or a letter: name, what it is, its
    summary's sources with section and as-of date, and the data version."""
    name = record.title + (f" ({record.acronym})" if record.acronym else "")
    if record.title_descriptive:
        name += " " + descriptive_mark()
    elif record.title_is_translation:
        name += " " + _("(our translation)")
    what = f"{labels.kind_label(record.kind)}, {labels.level_label(record.level)}"
    cites = record.summary_citations or record.name_citations
    return "\n".join([f"{name} — {what}.", _sources_sentence(cites, record.lang),
                      _citation_footer(record, meta)])


def fact_citation(record: Record, fact: Fact | Related, meta: dict[str, str]) -> str:
    """One fact of the record as a citation: the record's name, the fact, where it comes from."""
    if isinstance(fact, Related):
        if record.kind == "person" and fact.direction == "out":
            text = role_phrase(fact)
        else:
            text = person_phrase(fact) if fact.kind == "person" else relation_phrase(fact)
    else:
        text = fact_line(fact, record.lang)
        if fact.disputed:
            text += " " + pgettext("disputed fact", "(one of several values: the sources disagree)")
    return "\n".join([f"{record.title} — {text}", _sources_sentence(fact.citations, record.lang),
                      _citation_footer(record, meta)])
