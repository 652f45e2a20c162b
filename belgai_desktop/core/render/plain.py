"""A record as plain text for the terminal (``belgai show``) and as the JSON of ``show --json``.

The key facts come first, then the summary, then the long sections; every phrase is taken
from :mod:`belgai_desktop.core.text.phrases` and :mod:`belgai_desktop.core.text.keyfacts`,
so the terminal says what the page and the print say.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from belgai_desktop.core.data.model import Citation, Record
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.text import phrases
from belgai_desktop.core.text.keyfacts import key_facts


def show_json(record: Record) -> dict[str, Any]:
    """The whole record (``Record.to_json``) plus its key facts in the record's language."""
    data = record.to_json()
    data["key_facts"] = [k.to_json() for k in key_facts(record)]
    return data


def _cite(cites: list[Citation], lang: str) -> str:
    return f"  [{phrases.citations_text(cites, lang)}]" if cites else ""


def _facts(facts: Sequence[phrases.Fact], lang: str) -> list[str]:
    """One line per fact; a dispute is headed by what is disputed, each value on its own line
    below (a tab asks ``section`` to indent it)."""
    lines: list[str] = []
    for group in phrases.dispute_groups(facts):
        if phrases.is_dispute(group):
            lines.append(phrases.dispute_title(group))
            lines += [f"\t{phrases.DISPUTED_SIGN} {phrases.fact_text(f, lang)}{_cite(f.citations, lang)}"
                      for f in group]
        else:
            lines.append(phrases.fact_line(group[0], lang) + _cite(group[0].citations, lang))
    return lines


def render_text(record: Record) -> str:
    """The whole record as plain text."""
    lang = record.lang
    out: list[str] = []
    title = record.title + (f" ({', '.join(record.acronyms)})" if record.acronyms else "")
    if record.title_descriptive:
        title += " " + phrases.descriptive_mark()
    out += [title, "=" * min(len(title), 78)]
    out += [fact.line for fact in key_facts(record)]
    if record.acronyms_ours.get(lang):
        out.append(phrases.label_value(_("Acronyms"), phrases.acronyms_text(record)))
    names = phrases.other_names(record)
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
            # Lines of a second level (what a part holds) start with a tab.
            out.extend(f"      {line[1:]}" if line.startswith("\t") else f"  - {line}" for line in lines)
            out.append("")

    section(_("Part of:"), [phrases.marked_title(r) for r in record.parents])
    parts = []
    for r in record.children:
        parts.append(phrases.marked_title(r))
        parts += ["\t· " + phrases.part_phrase(p) for p in r.parts]
    section(_("Parts:"), parts)
    section(_("People:"), [phrases.person_phrase(r) + _cite(r.citations, lang) for r in record.people])
    section(_("Roles:"), [phrases.role_phrase(r) + _cite(r.citations, lang) for r in record.roles])
    section(_("Related:"), [phrases.relation_phrase(r) + _cite(r.citations, lang) for r in record.related])
    section(_("Budgets:"), _facts(record.budgets, lang))
    section(_("Dates:"), _facts(record.dates, lang))
    section(_("Facts:"), _facts(record.statements, lang))
    section(_("Links:"), [link.url for link in record.links])
    section(_("Sources:"), [phrases.source_line(s, lang) + f" ({s.file})" for s in record.sources])
    out.append(_("Record id: {id}").format(id=record.id))
    if phrases.needs_translation_legend(record):
        out.append(phrases.translation_legend())
    return "\n".join(out).rstrip() + "\n"
