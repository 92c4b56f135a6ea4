"""A concept's neighbourhood as a picture that reads: the concept and its strongest links, one
label per row (labels never overlap), each link drawn in the style of its strongest relation
kind, with a legend of exactly the styles and kinds drawn.

Two layouts of the same picture: ``ring`` (the concept in the middle, its links on both sides)
for a wide screen, ``fan`` (the concept at the top left, a trunk down from it and a branch to
each link, in one column) for a phone.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from ..graph.results import RelatedConcept
from ..taxonomy.model import Concept, ConceptKind, RelationKind

WIDTH, HEIGHT = 720, 440  # the ring
FAN_WIDTH, FAN_TOP, FAN_ROW = 360, 60, 28  # the fan: its width, its first row, each row
FAN_BRANCH = 64  # where the fan's nodes sit, at the end of their branch
MARGIN_Y = 24  # above the top row and below the bottom one
RADIUS_X = 110  # the ring of neighbours, horizontally (vertically: the rows fill the height)
FONT = 14  # label size in the picture's units
CHAR_WIDTH = 0.6 * FONT  # a generous average width of one character of the label font
LABEL_GAP = 10  # between a ring's node and its side
LABEL_SPACE = 6  # between a node's edge and its label
MAX_LABEL = 30  # characters shown at most; a label longer than its room is cut with "…"
EDGE = 4  # room kept between a label and the side of the picture
NODE_RADIUS, CENTRE_RADIUS = 8, 14


@dataclass(frozen=True, slots=True)
class LinkStyle:
    """How a link of some relation kinds is drawn, and what the legend calls it."""

    name: str  # CSS class of the line and of its legend sample
    label: str
    kinds: frozenset[RelationKind]


# In order of precedence: a link is drawn in the style of its strongest relation kind.
STYLES = (
    LinkStyle("causes", "causes or signals", frozenset({RelationKind.CAUSES,
                                                        RelationKind.SIGNALS})),
    LinkStyle("treats", "treated by", frozenset({RelationKind.TREATED_BY})),
    LinkStyle("part", "part of", frozenset({RelationKind.PART_OF})),
    LinkStyle("contrasts", "contrasts with", frozenset({RelationKind.CONTRASTS_WITH})),
    LinkStyle("hierarchy", "broader or narrower (taxonomy)",
              frozenset({RelationKind.BROADER, RelationKind.NARROWER})),
    LinkStyle("associated", "associated or related",
              frozenset({RelationKind.ASSOCIATED_WITH, RelationKind.RELATED})),
    LinkStyle("cooccurs", "named together in sentences", frozenset({RelationKind.CO_OCCURS})),
)
_STYLE_OF = {kind: style for style in STYLES for kind in style.kinds}


@dataclass(frozen=True, slots=True)
class Node:
    slug: str
    label: str  # the full label
    kind: ConceptKind
    x: float
    y: float
    radius: float
    centre: bool
    anchor: str  # "start": the label reads rightwards from the node; "end": leftwards
    shown: str  # the label as drawn, at most MAX_LABEL characters

    @property
    def label_x(self) -> float:
        space = self.radius + LABEL_SPACE
        return self.x + {"start": space, "end": -space}.get(self.anchor, 0.0)

    @property
    def label_y(self) -> float:
        """The label's baseline: below the node when centred under it, else beside it."""
        return self.y + (self.radius + FONT + 2 if self.anchor == "middle" else FONT * 0.35)

    def label_box(self) -> tuple[float, float, float, float]:
        """``(left, top, right, bottom)`` of the label, for an upper bound of its width."""
        width = len(self.shown) * CHAR_WIDTH
        left = {"start": self.label_x, "end": self.label_x - width}.get(self.anchor,
                                                                         self.label_x - width / 2)
        return left, self.label_y - FONT, left + width, self.label_y + FONT * 0.3


@dataclass(frozen=True, slots=True)
class Line:
    x: float  # where the line starts: the centre, or the fan's trunk
    y: float
    target: Node
    relations: tuple[RelationKind, ...]  # strongest first
    score: float
    width: float
    style: LinkStyle


@dataclass(frozen=True, slots=True)
class Picture:
    layout: str  # "ring" or "fan"
    width: int
    height: int
    centre: Node
    nodes: tuple[Node, ...]  # the neighbours, strongest link first
    lines: tuple[Line, ...]  # one per neighbour, from the centre
    kinds: tuple[ConceptKind, ...]  # concept kinds drawn, for the legend, in enum order
    styles: tuple[LinkStyle, ...]  # link styles drawn, for the legend, in STYLES order
    truncated: bool  # more concepts are linked than drawn
    trunk: tuple[float, float, float] | None = None  # the fan's (x, top, bottom)


def style_of(relations: tuple[RelationKind, ...]) -> LinkStyle:
    """The style of a link whose relation kinds are ``relations``, strongest first."""
    return _STYLE_OF[relations[0]] if relations else STYLES[-1]


def picture(centre: Concept, related: list[tuple[Concept, RelatedConcept]],
            truncated: bool) -> Picture:
    """``centre`` and its ``related`` concepts (strongest link first) laid out as a ring of
    rows: the strongest alternate right and left, top to bottom, so each side's labels have a
    row of their own and read outwards."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    sides = (related[0::2], related[1::2])  # right, left
    nodes: dict[str, Node] = {}
    for side, members in enumerate(sides):
        for row, (concept, _) in enumerate(members):
            offset = (row + 0.5) / len(members) * 2 - 1  # -1 (top) .. 1 (bottom)
            x = RADIUS_X * math.sqrt(max(0.0, 1 - offset * offset)) + 2 * LABEL_GAP
            room = (cx - x - NODE_RADIUS - LABEL_SPACE - EDGE) / CHAR_WIDTH
            nodes[concept.slug] = _node(concept, cx + x if side == 0 else cx - x,
                                        cy + offset * (HEIGHT / 2 - MARGIN_Y),
                                        "start" if side == 0 else "end", room)
    middle = Node(centre.slug, centre.label, centre.kind, cx, cy, CENTRE_RADIUS, True, "middle",
                  "")
    _, top, _, bottom = middle.label_box()  # the band below the centre that its label takes
    beside = [abs(n.x - cx) - n.radius - EDGE for n in nodes.values()
              if n.y + n.radius > top and n.y - n.radius < bottom]
    room = 2 * min(beside, default=cx - EDGE) / CHAR_WIDTH
    middle = dataclasses.replace(middle, shown=_shown(centre.label, int(room)))
    return _picture("ring", WIDTH, HEIGHT, middle, nodes, related, truncated,
                    lambda node: (cx, cy))


def fan(centre: Concept, related: list[tuple[Concept, RelatedConcept]],
        truncated: bool) -> Picture:
    """The same picture for a narrow screen: ``centre`` at the top left, its ``related``
    concepts below it in one column of rows (strongest first), labels reading rightwards."""
    corner = CENTRE_RADIUS + 4
    nodes = {concept.slug: _node(concept, FAN_BRANCH, FAN_TOP + row * FAN_ROW, "start",
                                 (FAN_WIDTH - FAN_BRANCH - NODE_RADIUS - LABEL_SPACE - EDGE)
                                 / CHAR_WIDTH)
             for row, (concept, _) in enumerate(related)}
    room = (FAN_WIDTH - corner - CENTRE_RADIUS - LABEL_SPACE - EDGE) / CHAR_WIDTH
    top = Node(centre.slug, centre.label, centre.kind, corner, corner + 4, CENTRE_RADIUS, True,
               "start", _shown(centre.label, room))
    last = FAN_TOP + max(len(related) - 1, 0) * FAN_ROW
    found = _picture("fan", FAN_WIDTH, last + MARGIN_Y, top, nodes, related, truncated,
                     lambda node: (corner, node.y))
    return dataclasses.replace(found, trunk=(corner, top.y + CENTRE_RADIUS, last))


def _node(concept: Concept, x: float, y: float, anchor: str, room: float) -> Node:
    return Node(concept.slug, concept.label, concept.kind, round(x, 1), round(y, 1),
                NODE_RADIUS, False, anchor, _shown(concept.label, int(room)))


def _picture(layout: str, width: int, height: int, centre: Node, nodes: dict[str, Node],
             related: list[tuple[Concept, RelatedConcept]], truncated: bool,
             start) -> Picture:
    """The lines to ``nodes`` from ``start(node)`` (one per related concept, width by score,
    style by strongest relation) and the legend's kinds and styles."""
    top = max((r.score for _, r in related), default=0.0) or 1.0
    lines = tuple(Line(*start(nodes[c.slug]), nodes[c.slug], r.relations, r.score,
                       round(1.5 + 4.5 * r.score / top, 2), style_of(r.relations))
                  for c, r in related)
    drawn = {centre.kind, *(n.kind for n in nodes.values())}
    used = {line.style.name for line in lines}
    return Picture(layout, width, round(height), centre, tuple(line.target for line in lines),
                   lines, tuple(k for k in ConceptKind if k in drawn),
                   tuple(s for s in STYLES if s.name in used), truncated)


def _shown(label: str, room: int) -> str:
    """``label``, cut with "…" to at most ``room`` (and MAX_LABEL) characters.

    >>> _shown("discomfort with emotional conversations", 20)
    'discomfort with emo…'
    """
    room = max(min(room, MAX_LABEL), 2)
    return label if len(label) <= room else label[:room - 1].rstrip() + "…"
