"""User-facing labels for the vocabularies (kinds, levels, relations, aspects), translated.

Each label is looked up at call time so that a language switch takes effect at once.
"""

from __future__ import annotations

from belgai_desktop.core.i18n import pgettext


def N_(context: str, message: str) -> tuple[str, str]:
    """Mark a (context, message) pair for extraction without translating it yet."""
    return context, message


_KINDS = {
    "government": N_("kind", "Government"),
    "ministry": N_("kind", "Ministry / public service"),
    "department": N_("kind", "Department"),
    "agency": N_("kind", "Agency"),
    "regulator": N_("kind", "Regulator"),
    "advisory-committee": N_("kind", "Advisory committee"),
    "steering-group": N_("kind", "Steering group"),
    "coalition": N_("kind", "Coalition"),
    "research-centre": N_("kind", "Research centre"),
    "university": N_("kind", "University"),
    "lab": N_("kind", "Lab"),
    "unit": N_("kind", "Unit / mission"),
    "hub": N_("kind", "Hub"),
    "association": N_("kind", "Association"),
    "company": N_("kind", "Company"),
    "eu-body": N_("kind", "EU body"),
    "international-organisation": N_("kind", "International organisation"),
    "strategy": N_("kind", "Strategy"),
    "plan": N_("kind", "Plan"),
    "programme": N_("kind", "Programme"),
    "pillar": N_("kind", "Pillar / track / axis"),
    "objective": N_("kind", "Objective"),
    "call": N_("kind", "Call"),
    "tool": N_("kind", "Tool"),
    "initiative": N_("kind", "Initiative"),
    "report": N_("kind", "Report"),
    "law": N_("kind", "Law"),
    "decree": N_("kind", "Decree"),
    "agreement": N_("kind", "Agreement"),
    "person": N_("kind", "Person"),
    "event": N_("kind", "Event"),
}

_GROUPS = {
    "body": N_("kind group", "Bodies"),
    "strategy": N_("kind group", "Strategies, plans and programmes"),
    "law": N_("kind group", "Laws and decrees"),
    "person": N_("kind group", "People"),
    "event": N_("kind group", "Events"),
}

_LEVELS = {
    "eu": N_("level", "European Union"),
    "federal": N_("level", "Federal"),
    "flemish": N_("level", "Flanders"),
    "walloon": N_("level", "Wallonia"),
    "brussels": N_("level", "Brussels-Capital"),
    "community": N_("level", "Communities"),
    "international": N_("level", "International"),
    "non-governmental": N_("level", "Non-governmental"),
}

# (out, in): how a relation reads from its subject and from its object.
_RELATIONS = {
    "part_of": (N_("relation", "part of"), N_("relation", "has part")),
    "leads": (N_("relation", "leads"), N_("relation", "led by")),
    "chairs": (N_("relation", "chairs"), N_("relation", "chaired by")),
    "member_of": (N_("relation", "member of"), N_("relation", "has member")),
    "works_at": (N_("relation", "works at"), N_("relation", "staff")),
    "advises": (N_("relation", "advises"), N_("relation", "advised by")),
    "supervises": (N_("relation", "supervises"), N_("relation", "supervised by")),
    "funds": (N_("relation", "funds"), N_("relation", "funded by")),
    "implements": (N_("relation", "implements"), N_("relation", "implemented by")),
    "coordinates": (N_("relation", "coordinates"), N_("relation", "coordinated by")),
    "manages": (N_("relation", "manages"), N_("relation", "managed by")),
    "responsible_for": (N_("relation", "responsible for"), N_("relation", "under the responsibility of")),
    "established_by": (N_("relation", "established by"), N_("relation", "established")),
    "approved_by": (N_("relation", "approved by"), N_("relation", "approved")),
    "organised_by": (N_("relation", "organised by"), N_("relation", "organises")),
    "concerns": (N_("relation", "concerns"), N_("relation", "related event")),
    "partner_of": (N_("relation", "partner of"), N_("relation", "partner")),
    "hosts": (N_("relation", "hosts"), N_("relation", "hosted by")),
    "informed": (N_("relation", "informed"), N_("relation", "informed by")),
    "supports": (N_("relation", "supports"), N_("relation", "supported by")),
}

_PERIODS = {
    "year": N_("budget period", "per year"),
    "total": N_("budget period", "in total"),
    "multi-year": N_("budget period", "over several years"),
    "unspecified": N_("budget period", "period not stated"),
}


def _t(pair: tuple[str, str] | None, fallback: str) -> str:
    return pgettext(*pair) if pair else fallback


def kind_label(kind: str) -> str:
    return _t(_KINDS.get(kind), kind)


def group_label(group: str) -> str:
    return _t(_GROUPS.get(group), group)


def level_label(level: str) -> str:
    return _t(_LEVELS.get(level), level)


def relation_label(relation: str, direction: str = "out") -> str:
    pair = _RELATIONS.get(relation)
    if pair is None:
        return relation.replace("_", " ")
    return pgettext(*(pair[0] if direction == "out" else pair[1]))


def period_label(period: str) -> str:
    return _t(_PERIODS.get(period), period)


def aspect_label(aspect: str) -> str:
    """The translated label of a fact's aspect. Aspects are free-form ids in the data
    ('annual-budget', 'belgian-alignment'); each maps to one of a small set of labels, so
    that a reader never sees an untranslated id. tests/core/test_labels.py keeps every
    aspect of the bundled data mapped."""
    label = ASPECT_LABELS.get(ASPECT_CATEGORY.get(aspect, aspect))
    return pgettext(*label) if label else pgettext("aspect", "Fact")


ASPECT_LABELS = {
    # budgets
    "annual-budget": N_("aspect", "Annual budget"),
    "budget": N_("aspect", "Budget"),
    "investment": N_("aspect", "Investment"),
    "ai-budget": N_("aspect", "AI budget"),
    "ai-data-subsidies": N_("aspect", "AI and data subsidies"),
    "ai-plan-allocation": N_("aspect", "Allocation from the AI plan"),
    "ai-project-funding": N_("aspect", "Funding of AI projects"),
    "allocation": N_("aspect", "Allocation"),
    "recommended-annual-investment": N_("aspect", "Recommended yearly investment"),
    "recommended-cumulative-investment": N_("aspect", "Recommended cumulative investment"),
    "research-allocation": N_("aspect", "Allocation to research"),
    "sme-digitalisation-fund": N_("aspect", "SME digitalisation fund"),
    "subsidies-awarded": N_("aspect", "Subsidies awarded"),
    # dates
    "launched": N_("aspect", "Launched"),
    "started": N_("aspect", "Started"),
    "renewed": N_("aspect", "Renewed"),
    "approved": N_("aspect", "Approved"),
    "established": N_("aspect", "Established"),
    "appointed": N_("aspect", "Appointed"),
    "adopted": N_("aspect", "Adopted"),
    "occurred": N_("aspect", "Date"),
    "deadline": N_("aspect", "Deadline"),
    "created": N_("aspect", "Created"),
    "founded": N_("aspect", "Founded"),
    "published": N_("aspect", "Published"),
    "implemented": N_("aspect", "Implemented"),
    "expected": N_("aspect", "Expected"),
    "planned-publication": N_("aspect", "Planned publication"),
    "target": N_("aspect", "Target"),
    "ai-focus": N_("aspect", "AI focus from"),
    # statements
    "mandate": N_("aspect", "Mandate"),
    "role": N_("aspect", "Role"),
    "description": N_("aspect", "Description"),
    "focus": N_("aspect", "Focus"),
    "status": N_("aspect", "Status"),
    "ai-act": N_("aspect", "EU AI Act"),
    "legal-basis": N_("aspect", "Legal basis"),
    "figure": N_("aspect", "Key figure"),
    "objective": N_("aspect", "Objective"),
    "recommendation": N_("aspect", "Recommendation"),
    "cooperation": N_("aspect", "Alignment and cooperation"),
    "name": N_("aspect", "Name"),
    "authors": N_("aspect", "Authors"),
    "portfolio": N_("aspect", "Portfolio"),
    "score-government": N_("aspect", "Score, Government pillar"),
    "score-technology": N_("aspect", "Score, Technology pillar"),
    "score-data-infrastructure": N_("aspect", "Score, Data & Infrastructure pillar"),
}

# Aspects of the data shown under a shared label (aspect → key of ASPECT_LABELS).
ASPECT_CATEGORY = {
    **dict.fromkeys(["purpose", "competence", "competences", "ai-act-role"], "mandate"),
    **dict.fromkeys(["role-in-belgium", "operator", "chair", "management", "regional-agency"], "role"),
    **dict.fromkeys(["profile", "content", "format", "platform", "approach", "structure", "governance",
                     "data-governance", "cycle", "access", "headquarters", "affiliation", "membership",
                     "partners", "composition", "co-funding", "funding"], "description"),
    **dict.fromkeys(["focus-themes", "research-focus", "research-agenda", "specialisation", "activities",
                     "experimentation", "public-sector-ai"], "focus"),
    **dict.fromkeys(["ai-strategy-status", "ai-strategy", "ai-policy", "digital-strategy", "ai-sandbox",
                     "ai-factory", "ai-hub-ambition", "ai-overview", "first-results", "outcome",
                     "regional-measures", "regional-context", "brussels", "edih", "ai-labs",
                     "ai-expert-pool"], "status"),
    **dict.fromkeys(["ai-act-supervision", "national-supervisory-authority", "high-risk-oversight",
                     "member-state-obligations", "eu-ai-act", "definition", "compliance-example"], "ai-act"),
    **dict.fromkeys(["cited-instrument", "official-title", "citation"], "legal-basis"),
    **dict.fromkeys(["share", "assessment", "budget-consistency"], "figure"),
    **dict.fromkeys(["motto"], "objective"),
    **dict.fromkeys(["recommendations", "belgian-recommendation", "citizen-input", "advice-flow"],
                    "recommendation"),
    **dict.fromkeys(["belgian-alignment", "flemish-alignment", "policy-alignment", "national-alignment",
                     "international-engagement", "belgian-participation", "belgian-involvement",
                     "belgian-hubs", "federal-regional-coordination", "belgium-country-report"], "cooperation"),
    **dict.fromkeys(["name-variant", "identification"], "name"),
}
