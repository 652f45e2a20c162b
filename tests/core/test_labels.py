"""Every id a reader could see has a translatable label: no raw 'ai-act-role' on a page."""

from __future__ import annotations

import sqlite3

import pytest

from belgai_desktop.core.data import vocab
from belgai_desktop.core.text import labels


def test_every_aspect_in_the_data_has_a_label(bundled_db_path):
    conn = sqlite3.connect(bundled_db_path)
    aspects = {a for t in ("statements", "dates", "budgets")
               for (a,) in conn.execute(f"SELECT DISTINCT aspect FROM {t}")}
    unlabelled = sorted(a for a in aspects
                        if labels.ASPECT_CATEGORY.get(a, a) not in labels.ASPECT_LABELS)
    assert unlabelled == []


def test_category_targets_exist():
    assert set(labels.ASPECT_CATEGORY.values()) <= set(labels.ASPECT_LABELS)


@pytest.mark.parametrize("kind", vocab.KINDS)
def test_every_kind_has_a_label(kind):
    assert labels.kind_label(kind) != kind


@pytest.mark.parametrize("relation", vocab.RELATIONS)
def test_every_relation_reads_both_ways(relation):
    assert labels.relation_label(relation, "out") != labels.relation_label(relation, "in")


def test_labels_follow_the_interface_language():
    from belgai_desktop.core import i18n

    assert labels.aspect_label("belgian-alignment") == "Alignment and cooperation"
    i18n.set_language("nl")
    try:
        assert labels.level_label("flemish") == "Vlaanderen"
    finally:
        i18n.set_language("en")
