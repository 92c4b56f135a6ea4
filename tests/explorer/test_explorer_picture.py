"""The neighbourhood picture: capped to what reads, labels that never overlap or leave the
picture, and a legend that names exactly the link styles and concept kinds drawn."""

from __future__ import annotations

import itertools
import re

import pytest

from contentgraph.explorer.concepts import NEIGHBOURS
from contentgraph.explorer.picture import STYLES, fan, picture, style_of
from contentgraph.graph.results import RelatedConcept
from contentgraph.taxonomy.model import Concept, ConceptKind, RelationKind

LAYOUTS = [picture, fan]


def made_up(n: int) -> tuple[Concept, list]:
    """A concept with ``n`` related ones of long labels, every relation kind in turn."""
    kinds = list(RelationKind)
    centre = Concept("centre", "a concept with a rather long label", ConceptKind.EMOTION)
    related = [(Concept(f"c{i}", f"related concept number {i} of many words", list(ConceptKind)[
        i % len(ConceptKind)]), RelatedConcept(f"c{i}", 1 - i / 40, (kinds[i % len(kinds)],), ()))
               for i in range(n)]
    return centre, related


def boxes(drawn) -> list[tuple[float, float, float, float]]:
    return [node.label_box() for node in (drawn.centre, *drawn.nodes)]


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("n", [1, 2, 7, NEIGHBOURS])
def test_labels_never_overlap_nor_leave_the_picture(layout, n):
    drawn = layout(*made_up(n), truncated=False)
    for a, b in itertools.combinations(boxes(drawn), 2):
        assert not overlap(a, b), (a, b)
    for left, top, right, bottom in boxes(drawn):
        assert 0 <= left and right <= drawn.width and 0 <= top and bottom <= drawn.height
    for node in drawn.nodes:  # nor does a label cross a node
        circle = (node.x - node.radius, node.y - node.radius, node.x + node.radius,
                  node.y + node.radius)
        assert not any(overlap(circle, box) for box in boxes(drawn))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_long_labels_are_cut_and_kept_whole_in_the_tooltip(layout):
    drawn = layout(*made_up(4), truncated=True)
    assert all(n.shown.endswith("…") and len(n.shown) < len(n.label) for n in drawn.nodes)
    assert all(n.label.startswith(n.shown[:-1]) for n in drawn.nodes)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_legend_names_exactly_what_is_drawn(layout):
    drawn = layout(*made_up(NEIGHBOURS), truncated=True)
    assert {line.style.name for line in drawn.lines} == {s.name for s in drawn.styles}
    assert {n.kind for n in (drawn.centre, *drawn.nodes)} == set(drawn.kinds)
    few = layout(*made_up(1), truncated=False)
    assert [s.name for s in few.styles] == [style_of(few.lines[0].relations).name]


def test_each_relation_kind_has_one_style_the_strongest_decides():
    assert {kind for style in STYLES for kind in style.kinds} == set(RelationKind)
    assert sum(len(style.kinds) for style in STYLES) == len(RelationKind)
    both = (RelationKind.CAUSES, RelationKind.CO_OCCURS)
    assert style_of(both).name == "causes" and style_of(both[::-1]).name == "cooccurs"


def test_stronger_links_are_drawn_thicker():
    drawn = picture(*made_up(6), truncated=False)
    widths = [line.width for line in drawn.lines]
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]


def test_a_busy_concept_draws_its_strongest_links_only(practice_graph, make_app):
    from starlette.testclient import TestClient

    slug = max(practice_graph.concepts(),
               key=lambda c: len(practice_graph.related_concepts(c.slug, n=500))).slug
    linked = practice_graph.related_concepts(slug, n=500)
    assert len(linked) > NEIGHBOURS
    with TestClient(make_app(practice_graph)) as client:
        html = client.get(f"/concepts/{slug}").text
    ring = html[html.index('<div class="picture-frame ring">'):]
    ring = ring[:ring.index("</svg>")]
    drawn = re.findall(r'<a href="/concepts/([^"]+)"', ring)
    assert drawn == [r.concept for r in linked[:NEIGHBOURS]] + [slug]
    legend = html[html.index('<div class="legend">'):html.index('<details class="picture-table">')]
    used = set(re.findall(r'class="link-(\w+)"', ring))
    assert set(re.findall(r'class="link-(\w+)"', legend)) == used
    for style in STYLES:
        assert (style.label in legend) == (style.name in used)
