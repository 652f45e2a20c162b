"""The fixed vocabularies of the reference data: languages, kinds, levels, relations.

Labels for users live in :mod:`belgai_desktop.core.text.labels` (translated); here are only ids.
"""

from __future__ import annotations

# The languages of the data's texts are the interface's (defined with the catalogs).
from belgai_desktop.core.i18n import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
from belgai_desktop.core.i18n import LANGUAGES as LANGUAGES

# The locale each language formats dates and money in (babel) and Qt's widgets use: Belgian
# Dutch, French and German; British English for day-month-year dates.
LOCALES: dict[str, str] = {"en": "en_GB", "nl": "nl_BE", "fr": "fr_BE", "de": "de_BE"}

KIND_GROUPS: dict[str, tuple[str, ...]] = {
    "body": (
        "government", "ministry", "department", "agency", "regulator",
        "advisory-committee", "steering-group", "coalition", "research-centre",
        "university", "lab", "unit", "hub", "association", "company", "eu-body",
        "international-organisation",
    ),
    "strategy": (
        "strategy", "plan", "programme", "pillar", "objective", "call", "tool",
        "initiative", "report",
    ),
    "law": ("law", "decree", "agreement"),
    "person": ("person",),
    "event": ("event",),
}
KINDS: tuple[str, ...] = tuple(k for kinds in KIND_GROUPS.values() for k in kinds)
GROUP_OF_KIND: dict[str, str] = {k: g for g, kinds in KIND_GROUPS.items() for k in kinds}

LEVELS: tuple[str, ...] = (
    "eu", "federal", "flemish", "walloon", "brussels", "community", "international",
    "non-governmental",
)

RELATIONS: tuple[str, ...] = (
    "part_of", "leads", "chairs", "member_of", "works_at", "advises", "supervises",
    "funds", "implements", "coordinates", "manages", "responsible_for", "established_by",
    "approved_by", "organised_by", "concerns", "partner_of", "hosts", "informed", "supports",
)
BUDGET_PERIODS: tuple[str, ...] = ("year", "total", "multi-year", "unspecified")
BUDGET_QUALIFIERS: tuple[str, ...] = ("more-than", "at-least", "less-than", "about")


def kinds_matching(kind_or_group: str) -> tuple[str, ...]:
    """Kinds selected by a filter value: a kind (``plan``) or a group (``strategy``)."""
    if kind_or_group in KIND_GROUPS:
        return KIND_GROUPS[kind_or_group]
    if kind_or_group in KINDS:
        return (kind_or_group,)
    raise ValueError(kind_or_group)
