"""The reference data covers what the issue promises, in four languages."""

from __future__ import annotations

import pytest

from belgai_desktop.core.data import vocab

REQUIRED = [
    # federal
    "fps-bosa", "dg-simplification-digitalisation", "bosa-ai-observatory", "bosa-ethical-legal-support",
    "ai4gov", "bosa-ai-expertise-centre", "bosa-ecosystem-management", "ai4belgium",
    "national-convergence-plan", "bipt", "federal-ai-steering-committee", "federal-data-ai-ethics-committee",
    "fps-economy", "fps-foreign-affairs", "citizens-panel-ai", "data-protection-authority",
    # Flanders
    "flemish-ai-policy-plan", "ewi", "vlaio", "digitaal-vlaanderen", "dv-ai-expertise-centre",
    "flemish-ai-advisory-council", "flemish-ai-steering-group", "flanders-ai-research-program",
    "knowledge-centre-data-society", "vaia", "amai", "fwo", "imec",
    "ku-leuven", "ghent-university", "university-of-antwerp", "hasselt-university", "vub",
    "flanders-make", "vib", "vito", "sirris", "ilvo",
    # Wallonia, Brussels
    "digitalwallonia4-ai", "start-ai", "tremplin-ai", "agence-du-numerique", "agoria", "infopole",
    "innoviris", "team-up", "anticipate", "fari", "sirris-elucidata", "icity-bru", "hub-brussels",
    # EU
    "eu-ai-act", "eu-ai-board", "edihs", "ai-factories", "horizon-europe", "gaia-x",
    # people
    "vanessa-matz", "mathieu-michel", "liliane-verreyen", "matthias-diependaele", "jan-smedts",
    "jeroen-fiers", "rob-heyman", "pieter-duysburgh", "hans-arents", "luc-van-den-hove", "karl-tuyls",
    "steven-latre", "bart-de-moor",
]


@pytest.mark.parametrize("record_id", REQUIRED)
def test_required_record_exists(library, record_id):
    assert library.exists(record_id)


def test_enough_bodies_plans_and_people(library):
    assert len(library.list(kind="body")) >= 40
    assert len(library.list(kind="strategy")) >= 10
    assert len(library.list(kind="person")) >= 13


def test_national_convergence_plan_has_nine_objectives(library):
    plan = library.get("national-convergence-plan")
    objectives = [c for c in plan.children if c.kind == "objective"]
    assert len(objectives) == 9


def test_every_record_has_names_and_summaries_in_all_four_languages(library):
    for item in library.list():
        record = library.get(item.id)
        assert set(record.names) == set(vocab.LANGUAGES), item.id
        assert set(record.summaries) == set(vocab.LANGUAGES), item.id
        assert all(len(s) > 20 for s in record.summaries.values()), item.id


def test_people_hold_roles_with_sources(library):
    verreyen = library.get("liliane-verreyen")
    role = next(r for r in verreyen.roles if r.id == "dg-simplification-digitalisation")
    assert "acting" in role.role.lower() or "a.i." in role.role
    assert role.citations


def test_known_disagreements_are_kept_with_their_sources(library):
    plan = library.get("flemish-ai-policy-plan")
    disputed = [b for b in plan.budgets if b.disputed]
    assert len({(b.amount, b.amount_max) for b in disputed}) >= 5
    assert len({c.source_id for b in disputed for c in b.citations}) >= 4
    ethics = library.get("federal-data-ai-ethics-committee")
    assert any(f.disputed for f in (*ethics.dates, *ethics.statements))
    assert library.get("eu-ai-act").disputed or library.get("bipt").disputed


def _texts(library, lang: str) -> dict[str, str]:
    """Every summary and statement a reader sees in ``lang``, by record."""
    out = {}
    for item in library.list(lang=lang):
        record = library.get(item.id, lang)
        out[item.id] = " ".join([record.summary, *(s.text for s in record.statements)])
    return out


def test_each_language_names_the_bipt_and_the_eu_ai_board_one_way(library):
    import re

    fr, de, nl = (_texts(library, lang) for lang in ("fr", "de", "nl"))
    # French writes l'IBPT (its French name), never "le BIPT"; German has one name for it
    assert [i for i, t in fr.items() if re.search(r"\b(le|du|au) BIPT\b", t)] == []
    assert [i for i, t in de.items() if "Post- und Fernmeldewesen" in t] == []
    board = {lang: library.get("eu-ai-board", lang).title for lang in ("nl", "fr", "de")}
    for lang, texts in (("nl", nl), ("fr", fr), ("de", de)):
        stray = [i for i, t in texts.items() if "EU AI Board" in t or "Comité européen de l'IA" in t]
        assert stray == [], (lang, stray)
    assert board["nl"] in nl["eu-ai-act"] and "Europäischen Gremium für künstliche Intelligenz" in de["eu-ai-act"]
    assert board["fr"] in fr["eu-ai-act"]


def test_grassroots_community_is_not_called_a_belgian_community(library):
    """In Belgium, Gemeenschap/Communauté/Gemeinschaft are the Communities, not a grassroots network."""
    for lang, word in (("nl", "gemeenschap"), ("fr", "communauté"), ("de", "Gemeinschaft")):
        record = library.get("ai4belgium", lang)
        texts = " ".join([record.summary, *(s.text for s in record.statements)])
        assert word.casefold() not in texts.casefold(), lang
