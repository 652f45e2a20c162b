"""Turns model facts into translated, locale-formatted phrases, shared by the CLI text
output, the record page and the printed summary, so all three say the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from belgai_desktop.core.data.model import Budget, Citation, DateFact, Record, Related, Source, Statement
from belgai_desktop.core.text import labels
from belgai_desktop.core.text.formatting import format_date, format_money_range
from belgai_desktop.core.text.i18n import gettext as _
from belgai_desktop.core.text.i18n import pgettext

F = TypeVar("F", Budget, DateFact, Statement)


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


def citation_text(c: Citation, lang: str) -> str:
    """'A.I. Governance in Belgium, §1.4 (as of 28 September 2025)'."""
    where = f", {c.where}" if c.where else ""
    if c.as_of:
        return _("{title}{where} (as of {date})").format(
            title=c.title, where=where, date=format_date(c.as_of, lang, c.as_of_precision))
    return f"{c.title}{where}"


def citations_text(cites: list[Citation], lang: str) -> str:
    return "; ".join(citation_text(c, lang) for c in cites)


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
    return [*record.parents, *record.children, *record.people, *record.roles, *record.related]


def render_text(record: Record) -> str:
    """The whole record as plain text for the terminal (``belgai show``)."""
    lang = record.lang
    out: list[str] = []
    title = record.title + (f" ({', '.join(record.acronyms)})" if record.acronyms else "")
    if record.title_descriptive:
        title += " " + descriptive_mark()
    out += [title, "=" * min(len(title), 78)]
    out.append(f"{labels.kind_label(record.kind)} · {labels.level_label(record.level)} · {record.id}")
    if record.acronyms_ours.get(lang):
        out.append(pgettext("label and value", "{label}: {value}").format(
            label=_("Acronyms"), value=acronyms_text(record)))
    names = other_names(record)
    if names:
        out.append(_("Other names:"))
        for name_lang, text, translated in names:
            mark = " " + _("(our translation)") if translated else ""
            out.append(f"  [{name_lang}] {text}{mark}")
    out.append("")
    summary = record.summary
    if record.summary_lang != lang:
        summary += " " + _("(English)")
    out += [summary, ""]

    def section(heading: str, lines: list[str]) -> None:
        if lines:
            out.append(heading)
            out.extend(f"  - {line}" for line in lines)
            out.append("")

    def cite(cites: list[Citation]) -> str:
        return f"  [{citations_text(cites, lang)}]" if cites else ""

    def t(r: Related) -> str:
        return r.title + title_mark(r)

    section(_("Part of:"), [t(r) for r in record.parents])
    section(_("Parts:"), [t(r) for r in record.children])
    section(_("People:"), [
        f"{t(r)} — {r.role or labels.relation_label(r.relation, 'in')}" + cite(r.citations)
        for r in record.people])
    section(_("Roles:"), [f"{r.role or labels.relation_label(r.relation)}, {t(r)}" + cite(r.citations)
                          for r in record.roles])
    def lv(label: str, value: str) -> str:  # "Label: value", with the language's own colon
        return pgettext("label and value", "{label}: {value}").format(label=label, value=value)

    section(_("Related:"), [lv(labels.relation_label(r.relation, r.direction), t(r)) + cite(r.citations)
                            for r in record.related])
    disputed = " " + _("[DISPUTED: the sources disagree]")
    section(_("Budgets:"), [
        lv(labels.aspect_label(b.aspect), budget_text(b, lang)) + (disputed if b.disputed else "")
        + (f" — {b.note}" if b.note else "") + cite(b.citations)
        for b in record.budgets])
    section(_("Dates:"), [
        lv(labels.aspect_label(d.aspect), date_text(d, lang)) + (disputed if d.disputed else "")
        + (f" — {d.note}" if d.note else "") + cite(d.citations)
        for d in record.dates])
    section(_("Facts:"), [
        lv(labels.aspect_label(s.aspect), s.text) + (disputed if s.disputed else "") + cite(s.citations)
        for s in record.statements])
    section(_("Links:"), [link.url for link in record.links])
    def source_date(s: Source) -> str:
        return format_date(s.date, lang, s.date_precision) if s.date else _("undated")

    section(_("Sources:"), [f"{s.title} — {s.publisher}, {source_date(s)} ({s.file})"
                            for s in record.sources])
    if any(r.title_is_translation and not r.title_descriptive for r in all_related(record)):
        out.append(translation_legend())
    return "\n".join(out).rstrip() + "\n"

