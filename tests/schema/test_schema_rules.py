"""Schema rules on a tiny stand-in graph: paging, cursors, argument bounds, nulls, cost."""

from __future__ import annotations

from pathlib import Path

from contentgraph.schema import Limits, build_schema, schema
from contentgraph.schema.pagination import encode_cursor

SDL = Path(__file__).resolve().parents[2] / "schema.graphql"

PAGE = """query($after: String) { concept(slug: "pursuer") { articles(first: 10, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug } } } } }"""


def test_schema_graphql_is_up_to_date():
    assert SDL.read_text(encoding="utf-8") == schema.as_str() + "\n", (
        "schema.graphql is out of date: run `contentgraph schema > schema.graphql`")


def test_every_type_field_and_argument_has_a_description():
    from graphql import GraphQLObjectType

    for name, kind in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(kind, GraphQLObjectType):
            continue
        assert kind.description, name
        for field_name, field in kind.fields.items():
            assert field.description, f"{name}.{field_name}"
            for arg_name, arg in field.args.items():
                assert arg.description, f"{name}.{field_name}({arg_name})"


def test_every_concept_kind_says_what_it_covers():
    kinds = schema._schema.type_map["ConceptKind"].values
    assert "CONDITION" in kinds
    assert all(value.description for value in kinds.values()), \
        [name for name, value in kinds.items() if not value.description]


def test_pages_follow_each_other_until_the_end(tiny):
    seen, after = [], None
    for _ in range(5):
        data = tiny(PAGE, after=after).data["concept"]["articles"]
        assert data["totalCount"] == 25
        seen += [e["node"]["slug"] for e in data["edges"]]
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert seen == [f"note-{i:02d}" for i in range(25)]


def test_cursors_are_opaque():
    assert "1" not in encode_cursor(1).lower().replace("cg1", "")


def test_malformed_cursor_is_an_error_that_says_so(tiny):
    for bad in ["nonsense", encode_cursor(3)[:-3], "Y2cxOi0x"]:  # last one is 'cg1:-1'
        result = tiny(PAGE, after=bad)
        assert result.errors and "Malformed cursor in argument 'after'" in result.errors[0].message


def test_first_out_of_bounds_names_the_argument_and_the_limit(tiny):
    for value in (101, -1):
        result = tiny("{ concepts(first: %d) { totalCount } }" % value)
        assert result.errors[0].message == (
            f"Argument 'first' must be between 0 and 100; got {value}")


def test_null_first_means_the_default(tiny):
    result = tiny("{ concepts(first: null) { edges { node { slug } } } }")
    assert len(result.data["concepts"]["edges"]) == 3


def test_unknown_slugs_are_null_not_errors(tiny):
    result = tiny('{ concept(slug: "nope") { label } article(slug: "nope") { title } '
                  'path(from: "nope", to: "pursuer") { length } '
                  'neighborhood(slug: "nope") { nodes { slug } } }')
    assert result.errors is None
    assert result.data == {"concept": None, "article": None, "path": None,
                           "neighborhood": {"nodes": []}}


def test_search_is_trimmed_and_bounded(tiny):
    found = tiny('{ concepts(search: "  purs  ") { edges { node { slug } } } }')
    assert [e["node"]["slug"] for e in found.data["concepts"]["edges"]] == ["pursuer"]
    long = tiny("query($s: String) { concepts(search: $s) { totalCount } }", s="x" * 201)
    assert long.errors[0].message == "Argument 'search' is 201 characters long; the limit is 200"


def test_cost_limit_names_the_computed_cost(tiny):
    query = ("{ concepts(first: 100) { edges { node { articles(first: 100) "
             "{ edges { node { slug } } } } } } }")
    result = tiny(query)
    # the connection, 100 edges and nodes, and per node a connection of 100 edges and nodes
    assert result.errors[0].message.startswith(
        "Query cost 20301 exceeds the cost limit of 10000")
    assert tiny(query.replace("100)", "10)", 1)).errors is None  # 2031: allowed


def test_cost_counts_variables_and_fragments(tiny):
    query = """query($n: Int) { concepts(first: $n) { ...page } }
      fragment page on ConceptConnection {
        edges { node { articles(first: 100) { edges { node { slug } } } } } }"""
    assert "Query cost 20301 " in tiny(query, n=100).errors[0].message
    assert tiny(query, n=2).errors is None


def test_introspection_switch_and_no_suggestions():
    from contentgraph.schema import Context
    from tiny_graph import TinyGraph

    closed = build_schema(Limits(introspection=False))
    result = closed.execute_sync("{ __schema { types { name } } }",
                                 context_value=Context(TinyGraph()))
    assert "introspection" in result.errors[0].message.lower()
    typo = closed.execute_sync("{ concpt(slug: \"x\") { label } }",
                               context_value=Context(TinyGraph()))
    assert "Did you mean" not in typo.errors[0].message
    open_typo = schema.execute_sync("{ concpt(slug: \"x\") { label } }",
                                    context_value=Context(TinyGraph()))
    assert "Did you mean 'concept'" in open_typo.errors[0].message
