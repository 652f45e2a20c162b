"""The governance map as data (issue 13): every body once, every typed relation between the
records drawn, bands by level, a layout without overlaps that is cached per data version,
and the one-line refusals of ``belgai map|timeline|compare``. No Qt here."""

from __future__ import annotations

import json
import re

import pytest

from belgai_desktop.cli import main
from belgai_desktop.core.data import vocab
from belgai_desktop.core.landscape import routes
from belgai_desktop.core.landscape.graph import BANDS, DEFAULT_KINDS, MapEdge
from belgai_desktop.core.landscape.layout import CACHE_FOLDER, Metrics
from belgai_desktop.core.text.formatting import format_date


def test_the_map_holds_every_body_exactly_once(library):
    graph = library.landscape.graph("en")
    ids = [n.id for n in graph.nodes]
    assert len(ids) == len(set(ids))
    bodies = {s.id for s in library.list(kind="body")}
    assert bodies <= set(ids)
    plans = {s.id for s in library.list() if s.kind in ("plan", "programme", "strategy", "law")}
    assert plans <= set(ids)
    assert all(library.get(i).kind in DEFAULT_KINDS for i in ids)


def test_every_typed_relation_between_the_records_drawn_is_an_edge(library):
    graph = library.landscape.graph("nl")
    drawn = {n.id for n in graph.nodes}
    expected = {(f, s, r, o) for f, s, r, o in library.relation_rows() if s in drawn and o in drawn}
    got = {(e.fact_id, e.source, e.relation, e.target) for e in graph.edges}
    assert got == expected
    assert {"part_of", "supervises", "funds", "advises"} <= {e.relation for e in graph.edges}


def test_filters_by_level_kind_and_relation(library):
    land = library.landscape
    flemish = land.graph("en", levels=["flemish"])
    assert flemish.nodes and {n.level for n in flemish.nodes} == {"flemish"}
    people = land.graph("en", kinds=["person"])
    assert people.nodes and {n.kind for n in people.nodes} == {"person"}
    funds = land.graph("en", relations=["funds"])
    assert funds.edges and {e.relation for e in funds.edges} == {"funds"}
    assert len(funds.nodes) == len(land.graph("en").nodes)  # a relation filter hides arrows, not records


def test_titles_are_in_the_language_with_our_marks(library):
    land = library.landscape
    graph = land.graph("de")
    labels = land.labels(graph)
    bipt = graph.node("bipt")
    assert bipt.title == library.title("bipt", "de")
    translated = [n for n in graph.nodes if n.translated and not n.descriptive]
    assert translated and all(labels[n.id].endswith("*") for n in translated)
    descriptive = [n for n in graph.nodes if n.descriptive]
    assert descriptive and all("(beschreibender Titel)" in labels[n.id] for n in descriptive)


def test_every_record_has_a_box_inside_its_band_and_no_two_boxes_overlap(library):
    graph = library.landscape.graph("fr")
    layout = library.landscape.layout(graph, cache=False)
    assert set(layout.boxes) == {n.id for n in graph.nodes}
    bands = {b: (top, bottom) for b, top, bottom in layout.bands}
    assert list(bands) == [b for b in BANDS if b in {n.level for n in graph.nodes}]
    for n in graph.nodes:
        x, y, w, h = layout.boxes[n.id]
        top, bottom = bands[n.level]
        assert top <= y and y + h <= bottom, n.id
        assert 0 <= x and x + w <= layout.width + 0.01, n.id
    boxes = list(layout.boxes.items())
    for k, (a, (ax, ay, aw, ah)) in enumerate(boxes):
        for b, (bx, by, bw, bh) in boxes[k + 1:]:
            assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay, (a, b)


def _on_border(point, box, slack=0.01):
    x, y, w, h = box
    px, py = point
    inside = x - slack <= px <= x + w + slack and y - slack <= py <= y + h + slack
    return inside and min(abs(px - x), abs(px - x - w), abs(py - y), abs(py - y - h)) <= slack


def test_an_arrow_bends_around_a_box_in_its_way_and_ends_on_its_records_borders():
    boxes = {"a": (0.0, 0.0, 100.0, 30.0), "b": (110.0, 0.0, 100.0, 30.0), "c": (220.0, 0.0, 100.0, 30.0)}
    edges = [MapEdge("f1", "a", "member_of", "c"), MapEdge("f2", "a", "funds", "b"),
             MapEdge("f3", "b", "advises", "a")]
    found = routes.route_edges(edges, boxes)
    # a -> c along the row would pass behind b: it arcs above or below it instead
    assert routes.crossings(routes._route(boxes["a"], boxes["c"], 0.0), [boxes["b"]]) == 1
    assert routes.crossings(found["f1"], [boxes["b"]]) == 0
    # neighbours are joined straight; two relations between the same records do not coincide
    assert found["f2"] != found["f3"][4:6] + found["f3"][2:4] + found["f3"][0:2]
    for fact, source, target in (("f1", "a", "c"), ("f2", "a", "b"), ("f3", "b", "a")):
        assert _on_border(found[fact][0:2], boxes[source]) and _on_border(found[fact][4:6], boxes[target])


def test_the_map_s_arrows_pass_behind_far_fewer_records_than_straight_lines(library):
    graph = library.landscape.graph("en")
    layout = library.landscape.layout(graph, cache=False)

    def behind(route, edge):
        return routes.crossings(route, [b for i, b in layout.boxes.items() if i not in (edge.source, edge.target)])

    straight = sum(behind(routes._route(layout.boxes[e.source], layout.boxes[e.target], 0.0), e)
                   for e in graph.edges)
    routed = sum(behind(layout.routes[e.fact_id], e) for e in graph.edges)
    assert set(layout.routes) == {e.fact_id for e in graph.edges}
    assert routed <= 0.7 * straight, (routed, straight)


def test_a_record_without_relations_still_appears_alone_in_its_band(library):
    graph = library.landscape.graph("en")
    related = {e.source for e in graph.edges} | {e.target for e in graph.edges}
    lonely = [n for n in graph.nodes if n.id not in related]
    assert lonely
    layout = library.landscape.layout(graph, cache=False)
    for n in lonely:
        assert n.id in layout.boxes


def test_the_layout_is_cached_per_data_version_and_a_damaged_cache_is_ignored(library):
    from belgai_desktop.core import paths

    land = library.landscape
    graph = land.graph("en")
    first = land.layout(graph)
    assert not first.from_cache
    again = land.layout(graph)
    assert again.from_cache and again.boxes == {k: tuple(v) for k, v in first.boxes.items()}
    files = list((paths.cache_dir() / CACHE_FOLDER).glob("layout-*.json"))
    assert len(files) == 1
    files[0].write_text("{not json", encoding="utf-8")
    repaired = land.layout(graph)
    assert not repaired.from_cache and set(repaired.boxes) == set(first.boxes)
    json.loads(files[0].read_text(encoding="utf-8"))  # written whole again
    land.layout(graph, Metrics(width=800))  # another page size: another file
    assert len(list((paths.cache_dir() / CACHE_FOLDER).glob("layout-*.json"))) == 2


def test_a_neighbourhood_is_the_record_and_its_direct_relations(library):
    hood = library.landscape.neighbourhood("flemish-ai-policy-plan", "en")
    ids = {n.id for n in hood.nodes}
    rows = [r for r in library.relation_rows() if "flemish-ai-policy-plan" in (r[1], r[3])]
    assert ids == {"flemish-ai-policy-plan"} | {r[1] for r in rows} | {r[3] for r in rows}
    assert len(hood.edges) == len(rows)


@pytest.mark.parametrize("view", ["map", "timeline", "compare"])
def test_bad_input_is_one_line_and_exit_2(view, tmp_path, capsys):
    out = tmp_path / "page.pdf"
    if view != "compare":  # compare has no --level: always the four governments
        assert main([view, "--level", "moon", "-o", str(out), "--lang", "en"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "moon" in err and "flemish" in err
    assert main([view, "-o", str(tmp_path / "page.docx"), "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "page.docx" in err and ".pdf" in err
    out.write_bytes(b"mine")
    assert main([view, "-o", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--force" in err
    assert out.read_bytes() == b"mine"
    assert not list(tmp_path.glob(".belgai-*"))


def test_every_level_of_the_vocabulary_is_a_band():
    assert set(BANDS) == set(vocab.LEVELS)



def test_the_timeline_carries_every_dated_fact_with_its_sources(library):
    from belgai_desktop.core.landscape.timeline import build_timeline, compact_layout

    items = build_timeline(library, "en")
    got = sorted((i.record_id, v.date, tuple(c.source_id for c in v.citations)) for i in items for v in i.values)
    expected = sorted((s.id, d.date, tuple(c.source_id for c in d.citations))
                      for s in library.list() for d in library.get(s.id).dates)
    assert got == expected and len(got) > 30
    disputed = [i for i in items if i.disputed]
    assert any(i.record_id == "flemish-ai-policy-plan" for i in disputed)
    for i in disputed:
        assert i.start < i.end and all(v.citations for v in i.values)
    layout = compact_layout(items, "en")
    lanes = {level: (top, bottom) for level, top, bottom in layout.lanes}
    for item, (x, y, w, h) in zip(items, layout.boxes, strict=True):
        top, bottom = lanes[item.level]
        assert top <= y and y + h <= bottom
        year = int(item.start)  # the box sits in its year (its centre inside the year's column)
        assert layout.x(year) - 0.01 <= x + w / 2 <= layout.x(year + 1) + 0.01
        assert any(format_date(v.date, "en", v.precision) in " ".join(lines)
                   for v in item.values for lines in [layout.lines[items.index(item)]])
    for k, a in enumerate(layout.boxes):
        for b in layout.boxes[k + 1:]:
            assert a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]


def test_timeline_labels_keep_the_language_s_capitals_and_colon(library):
    from belgai_desktop.core import i18n
    from belgai_desktop.core.landscape.timeline import build_timeline

    def labels(lang):
        with i18n.in_language(lang):
            return [i.label(lang) for i in build_timeline(library, lang) if i.aspect != "occurred"]

    de, fr, en = labels("de"), labels("fr"), labels("en")
    assert any(t.endswith(": Gründung") for t in de) and not any(": gründung" in t for t in de)  # a noun
    assert any(t.endswith("\u00a0: lancement") for t in fr) and not any(re.search(r"\S:", t) for t in fr)
    assert any(t.endswith(": AI focus from") for t in en) and any(t.endswith(": launched") for t in en)


def test_the_comparison_carries_every_budget_and_supervisor_with_its_sources(library):
    from belgai_desktop.core.landscape.compare import REGIONS, build_comparison

    comparison = build_comparison(library, "en")
    assert comparison.regions == REGIONS
    for region in REGIONS:
        budgets = comparison.cell("budget", region)
        expected = [(s.id, [c.source_id for c in b.citations]) for s in library.list(level=region)
                    for b in library.get(s.id).budgets]
        assert sorted((e.record_id, [c.source_id for c in e.citations]) for e in budgets) == sorted(expected)
        assert all(e.citations for row in ("strategy", "budget", "lead", "supervisory", "advisory", "programmes")
                   for e in comparison.cell(row, region))
    flemish = comparison.cell("budget", "flemish")
    plan = [e for e in flemish if e.record_id == "flemish-ai-policy-plan"]
    assert len(plan) > 1 and len({e.dispute for e in plan}) == 1 and plan[0].dispute
    supervisors = {e.record_id for e in comparison.cell("supervisory", "flemish")}
    assert {"vlaio", "ewi"} <= supervisors
    assert {"bipt", "data-protection-authority"} <= {e.record_id for e in comparison.cell("supervisory", "federal")}


def test_unknown_level_names_the_valid_ones_in_the_language(tmp_path, capsys):
    assert main(["map", "--level", "mars", "-o", str(tmp_path / "m.pdf"), "--lang", "de"]) == 2
    err = capsys.readouterr().err
    assert "mars" in err and "unknown level" not in err  # translated
