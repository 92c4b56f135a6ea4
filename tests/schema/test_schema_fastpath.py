"""The direct resolvers of schema/fastpath.py answer like strawberry's own on the example graph."""

from __future__ import annotations

from contentgraph.schema.execute import execute

RELATED = """query($slug: String!) { concept(slug: $slug) { slug articleCount
  related(first: 5, kind: CYCLE_ROLE) { concept { slug kind } relations } } }"""


CYCLE = "pursue-withdraw-cycle"


def test_enum_argument_filters_related_concepts(example_graph):
    slug = CYCLE
    out = execute(example_graph, RELATED, {"slug": slug})
    assert "errors" not in out
    concept = out["data"]["concept"]
    assert concept["slug"] == slug and concept["articleCount"] >= 1
    assert {r["concept"]["kind"] for r in concept["related"]} == {"CYCLE_ROLE"}
    assert {"pursuer", "withdrawer"} <= {r["concept"]["slug"] for r in concept["related"]}


def test_renamed_arguments_reach_the_resolver_and_bounds_still_apply(example_graph):
    slug = CYCLE
    ok = execute(example_graph, 'query($a: String!) { path(from: $a, to: $a, maxHops: 2) '
                                '{ length } }', {"a": slug})
    assert "errors" not in ok and ok["data"]["path"] is not None
    bad = execute(example_graph, 'query($a: String!) { path(from: $a, to: $a, maxHops: 9) '
                                 '{ length } }', {"a": slug})
    assert "maxHops" in bad["errors"][0]["message"] and "6" in bad["errors"][0]["message"]
