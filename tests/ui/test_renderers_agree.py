"""The terminal (`belgai show`), the record page and the printed summary say the same thing:
for every record of the bundled data and each language, every relation, budget, date,
statement, dispute heading, source line and key fact is worded identically in all three.

The expected phrases come from the one wording layer (core/text/phrases.py, keyfacts.py);
each renderer's output is reduced to text (HTML tags removed) and must contain each of them,
so a renderer that words a relation its own way ("Hans Arents, Supports") fails here.
No display needed: the print's words are checked on the sheet model's HTML.
"""

from __future__ import annotations

import html
import re

import pytest

from belgai_desktop.core import i18n
from belgai_desktop.core.data.model import Budget, DateFact, Record
from belgai_desktop.core.render.page import record_html
from belgai_desktop.core.render.plain import render_text
from belgai_desktop.core.text import phrases
from belgai_desktop.core.text.keyfacts import key_facts
from belgai_desktop.printing.sheet import build_sheet

BLOCK_TAGS = re.compile(r"<(br|/?p|/?li|/?tr|/?td|/?h\d|/?table|/?ul|/?ol)\b[^>]*>", re.I)
TAGS = re.compile(r"<[^>]+>")


def normalize(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2060", "")
    return re.sub(r"[ \t]+", " ", text)


def html_text(markup: str) -> str:
    return normalize(html.unescape(TAGS.sub("", BLOCK_TAGS.sub("\n", markup))))


def sheet_text(record: Record, meta: dict[str, str]) -> str:
    sheet = build_sheet(record, meta)
    facts = "\n".join(f"{label}\n{value}" for label, value in sheet.facts)
    return html_text(sheet.html(10.0, None) + "\n" + facts)


def expected_phrases(record: Record, *, in_print: bool) -> list[str]:
    """Every phrase a renderer must show; the print leaves out the parents' own section (they
    are in its key facts) and, in its compact dispute tables, the notes of disputed values."""
    lang = record.lang
    out = [phrases.person_phrase(r) for r in record.people]
    out += [phrases.role_phrase(r) for r in record.roles]
    out += [phrases.relation_phrase(r) for r in record.related]
    out += [phrases.marked_title(r) for r in record.parents + record.children]
    out += [phrases.part_phrase(p) for r in record.children for p in r.parts]
    for facts in (record.budgets, record.dates, record.statements):
        for group in phrases.dispute_groups(facts):
            if phrases.is_dispute(group):
                out.append(phrases.dispute_title(group))
                out += [phrases.fact_value(f, lang) if in_print else phrases.fact_text(f, lang) for f in group]
            elif isinstance(group[0], Budget | DateFact):
                out.append(phrases.fact_line(group[0], lang))
            else:
                out.append(phrases.fact_text(group[0], lang))
    out += [phrases.source_line(s, lang) for s in record.sources]
    out += [fact.value for fact in key_facts(record)]
    return [normalize(p) for p in out]


def missing(record: Record, text: str, *, in_print: bool) -> list[str]:
    return [p for p in expected_phrases(record, in_print=in_print) if p not in text]


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_terminal_page_and_print_word_every_record_alike(library, lang) -> None:
    i18n.set_language(lang)
    meta = library.meta
    checked = 0
    for summary in library.list(lang=lang):
        record = library.get(summary.id, lang)
        assert not missing(record, normalize(render_text(record)), in_print=False), (record.id, lang, "terminal")
        assert not missing(record, html_text(record_html(record)), in_print=False), (record.id, lang, "page")
        assert not missing(record, sheet_text(record, meta), in_print=True), (record.id, lang, "print")
        checked += 1
    assert checked == len(library.list()) > 100


def test_a_renderer_that_words_a_person_its_own_way_is_caught(library, monkeypatch) -> None:
    """The print's old wording ("Hans Arents, Supports") makes the check fail."""
    from belgai_desktop.printing import sheet

    i18n.set_language("en")
    record = library.get("dv-ai-expertise-centre", "en")
    person = next(r for r in record.people if r.id == "hans-arents")
    assert phrases.person_phrase(person) == "Hans Arents — supported by"
    assert not missing(record, sheet_text(record, {}), in_print=True)
    monkeypatch.setattr(sheet, "_person_item", lambda r, mark: f"<b>{r.title}</b>, {r.relation.title()}")
    assert "Hans Arents — supported by" in missing(record, sheet_text(record, {}), in_print=True)
