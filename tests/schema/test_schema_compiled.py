"""Compiled plans (schema/compiled.py) answer exactly as graphql-core's executor does."""

from __future__ import annotations

import dataclasses

import pytest
from graphql import execute, parse
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from tiny_graph import TinyGraph

from contentgraph.schema import Context, build_schema
from contentgraph.schema.compiled import compile_operation, compiled_executor

CYCLE = "pursue-withdraw-cycle"

CONCEPT_PAGE = """query ConceptPage($slug: String!) { concept(slug: $slug) {
  slug label kind altLabels definition articleCount mentionCount broader { slug }
  related(first: 10) { concept { slug label kind } score relations
                       evidence(first: 2) { text section start end article { slug title } } }
  articles(first: 10) { totalCount pageInfo { hasNextPage endCursor }
                        edges { cursor node { slug title } } }
  passages(first: 3) { text section article { slug title } } } }"""

ARTICLE_PAGE = """query ArticlePage($slug: String!) { article(slug: $slug) {
  slug kind title url author published wordCount
  concepts(first: 10) { concept { slug label } count weight central
                        passages(first: 1) { text section start end } }
  related(first: 3) { article { slug title } score sharedConcepts { slug label } } } }"""

FRAGMENTS = """query($slug: String!) { concept(slug: $slug) { ...Head
  related(first: 3) { ... on RelatedConcept { score concept { ...Head } } ... { relations } } } }
fragment Head on Concept { slug label __typename }"""

ALIASES_AND_MERGED_FIELDS = """{ a: concept(slug: "pursuer") { slug }
  b: concept(slug: "withdrawer") { slug label }
  concept(slug: "pursuer") { slug } concept(slug: "pursuer") { label kind } }"""

COVERED = [
    (CONCEPT_PAGE, {"slug": CYCLE}),
    (CONCEPT_PAGE, {"slug": "no-such-concept"}),
    (FRAGMENTS, {"slug": CYCLE}),
    (ALIASES_AND_MERGED_FIELDS, {}),
    ("{ concepts(kind: CYCLE_ROLE) { totalCount pageInfo { hasNextPage endCursor } "
     "edges { cursor node { slug kind } } } }", {}),
    ('query($after: String) { concepts(first: 3, after: $after) { edges { node { slug } } } }',
     {"after": None}),
    ('query($a: String!, $b: String!) { path(from: $a, to: $b) { length steps { from { slug } '
     'to { slug } relations evidence(first: 1) { text article { slug } } } } }',
     {"a": "pursuer", "b": "withdrawer"}),
    ('{ neighborhood(slug: "pursuer", depth: 2, first: 10) { truncated nodes { slug } '
     'edges { source { slug } target { slug } relation weight } } }', {}),
    ("{ gaps { uncovered { slug } thin { slug } candidateTerms(first: 5) { phrase count } "
     "missingLinks(first: 3) { from { slug } to { slug } via { slug } score } "
     "unansweredQuestions { concept { slug } questionCount examples { slug } } } "
     "stats { articles questions concepts relations builtAt } }", {}),
    ('{ articles(search: "withdraw", first: 5) { totalCount edges { node { slug title '
     'concepts(first: 2) { concept { slug } central } } } } }', {}),
]

ERRORS = [
    ("{ concepts(first: 500) { totalCount } }", {}),
    ('{ concepts(first: 5, after: "not a cursor") { totalCount } }', {}),
    ('{ concept(slug: "pursuer") { related(first: 101) { score } } }', {}),
    ('query($a: String!) { path(from: $a, to: $a, maxHops: 9) { length } }', {"a": "pursuer"}),
]


@pytest.fixture(scope="module")
def graphql_schema():
    return build_schema()._schema


@pytest.fixture(scope="module")
def run(example_graph, graphql_schema):
    """Run a query with an executor class: ``run(executor, query, variables) -> result``."""

    def run(executor, query, variables, graph=example_graph):
        return execute(graphql_schema, parse(query), variable_values=variables,
                       context_value=Context(graph), executor_class=executor)

    return run


@pytest.fixture
def fallbacks(monkeypatch):
    """The operations graphql-core's executor had to run: a list of their names (or '-')."""
    ran: list[str] = []
    original = StrawberryGraphQLCoreExecutionContext.execute_operation

    def counting(self, serially=None):
        ran.append(self.operation.name.value if self.operation.name else "-")
        return original(self, serially)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_operation", counting)
    return ran


def formatted(result):
    return result.data, [error.formatted for error in result.errors or ()]


@pytest.mark.parametrize(("query", "variables"), COVERED)
def test_plans_answer_like_graphql_core(run, fallbacks, query, variables):
    expected = run(StrawberryGraphQLCoreExecutionContext, query, variables)
    fallbacks.clear()
    got = run(compiled_executor(), query, variables)
    assert fallbacks == []  # the plan answered
    assert expected.errors is None
    assert formatted(got) == formatted(expected)


def test_the_pages_get_real_content_from_plans(run, example_graph, fallbacks):
    executor = compiled_executor()
    concept = run(executor, CONCEPT_PAGE, {"slug": CYCLE}).data["concept"]
    assert {"pursuer", "withdrawer"} <= {r["concept"]["slug"] for r in concept["related"]}
    article = max(example_graph.documents(),
                  key=lambda doc: len(example_graph.document_concepts(doc.slug)))
    page = run(executor, ARTICLE_PAGE, {"slug": article.slug}).data["article"]
    assert page["title"] == article.title and page["concepts"] and page["related"]
    assert fallbacks == []


@pytest.mark.parametrize(("query", "variables"), ERRORS)
def test_errors_come_from_graphql_core_with_their_paths(run, fallbacks, query, variables):
    expected = run(StrawberryGraphQLCoreExecutionContext, query, variables)
    fallbacks.clear()
    got = run(compiled_executor(), query, variables)
    assert len(fallbacks) == 1  # the plan gave up and graphql-core answered
    assert expected.errors and formatted(got) == formatted(expected)


def test_a_null_where_the_schema_forbids_one_is_graphql_cores_error(run, fallbacks):
    graph = TinyGraph()
    graph._concepts["pursuer"] = dataclasses.replace(graph._concepts["pursuer"], label=None)
    query = '{ concept(slug: "pursuer") { slug label } }'
    expected = run(StrawberryGraphQLCoreExecutionContext, query, None, graph)
    fallbacks.clear()
    got = run(compiled_executor(), query, None, graph)
    assert fallbacks == ["-"]
    assert "non-nullable field Concept.label" in expected.errors[0].message
    assert formatted(got) == formatted(expected)


@pytest.mark.parametrize("query", [
    "{ __schema { queryType { name } } }",
    'query($on: Boolean!) { concept(slug: "pursuer") { slug label @include(if: $on) } }',
])
def test_introspection_and_directives_get_no_plan(graphql_schema, query):
    document = parse(query)
    assert compile_operation(graphql_schema, document.definitions[0], {}) is None


def test_the_schema_runs_plans_and_answers_what_they_do_not_cover(example_graph, fallbacks):
    schema = build_schema()
    covered = schema.execute_sync(CONCEPT_PAGE, variable_values={"slug": CYCLE},
                                  context_value=Context(example_graph))
    assert covered.errors is None and fallbacks == []
    skipped = schema.execute_sync(
        'query Skipped($on: Boolean!) { concept(slug: "pursuer") { slug label @skip(if: $on) } }',
        variable_values={"on": True}, context_value=Context(example_graph))
    assert skipped.data == {"concept": {"slug": "pursuer"}} and fallbacks == ["Skipped"]


def test_every_page_of_the_real_seeds_is_answered_like_graphql_core(run, seeds_graph,
                                                                    fallbacks):
    pages = [(CONCEPT_PAGE, concept.slug) for concept in seeds_graph.concepts()]
    pages += [(ARTICLE_PAGE, doc.slug) for kind in ("article", "question", "answer")
              for doc in seeds_graph.documents(kind=kind)]
    executor = compiled_executor()
    for query, slug in pages:
        expected = run(StrawberryGraphQLCoreExecutionContext, query, {"slug": slug}, seeds_graph)
        assert expected.errors is None, (slug, expected.errors)
        assert formatted(run(executor, query, {"slug": slug}, seeds_graph)) == formatted(expected)
    assert len(fallbacks) == len(pages)  # only the graphql-core runs
    assert sum(page is ARTICLE_PAGE for page, _ in pages) >= 2


def test_random_queries_answer_like_graphql_core(run, graphql_schema):
    """hypothesis-graphql queries over the whole schema: same data, same errors."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis_graphql import from_schema

    executor = compiled_executor()

    @given(query=from_schema(graphql_schema))
    @settings(max_examples=300, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(query):
        expected = run(StrawberryGraphQLCoreExecutionContext, query, None)
        assert formatted(run(executor, query, None)) == formatted(expected), query

    check()
