"""Reduce GitHub's GraphQL schema to the fields Booty's GraphQL documents use.

The full schema (npm ``@octokit/graphql-schema``, ``schema.graphql``, ~1.2 MB) is slow to load
for every test. This keeps, of each object type a document selects from, only the fields it
selects (with their arguments as GitHub defines them), and every input, enum and scalar type
those arguments need, whole. Descriptions, interfaces and directives are dropped. The result is
what ``tests/fakes/github_graphql.py`` executes requests against.

Usage::

    mkdir -p /tmp/gql && (cd /tmp/gql && npm install @octokit/graphql-schema@15.26.1)
    python scripts/reduce_graphql_schema.py /tmp/gql/node_modules/@octokit/graphql-schema/schema.graphql \\
        tests/fakes/github_schema.graphql

When Booty sends a new GraphQL document, add it to ``booty.adapters.review_threads_gql.DOCUMENTS``
and regenerate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graphql import (
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    build_schema,
    parse,
    print_schema,
    validate,
    visit,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from booty.adapters.review_threads_gql import DOCUMENTS


def fields_used(schema: GraphQLSchema, documents: tuple[str, ...]) -> dict[str, set[str]]:
    """Object type name -> the fields ``documents`` select on it. Raises if a document is invalid."""
    used: dict[str, set[str]] = {}
    for text in documents:
        document = parse(text)
        errors = validate(schema, document)
        if errors:
            raise SystemExit(f"not valid against the schema: {errors[0].message}")
        info = TypeInfo(schema)

        class Collect(Visitor):
            def enter_field(self, node, *_, info=info):  # this document's TypeInfo, bound now
                parent = info.get_parent_type()
                if parent is not None and not node.name.value.startswith("__"):
                    used.setdefault(parent.name, set()).add(node.name.value)

        visit(document, TypeInfoVisitor(info, Collect()))
    return used


def reduce_schema(full: GraphQLSchema, documents: tuple[str, ...] = DOCUMENTS) -> GraphQLSchema:
    used = fields_used(full, documents)
    made: dict[str, GraphQLObjectType] = {}

    def output(type_):
        if isinstance(type_, GraphQLNonNull):
            return GraphQLNonNull(output(type_.of_type))
        if isinstance(type_, GraphQLList):
            return GraphQLList(output(type_.of_type))
        return objected(type_) if isinstance(type_, GraphQLObjectType) else type_

    def objected(original: GraphQLObjectType) -> GraphQLObjectType:
        if original.name not in made:
            names = sorted(used.get(original.name, ()))
            made[original.name] = GraphQLObjectType(
                original.name,
                lambda: {
                    n: GraphQLField(output(original.fields[n].type), args=original.fields[n].args)
                    for n in names
                },
            )
        return made[original.name]

    mutation = objected(full.mutation_type) if full.mutation_type.name in used else None
    return GraphQLSchema(query=objected(full.query_type), mutation=mutation)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="schema.graphql from @octokit/graphql-schema")
    parser.add_argument("target", type=Path, help="where to write the reduced schema")
    args = parser.parse_args(argv)
    # @octokit/graphql-schema 15.26.1 defines two EnterpriseOwnerInfo fields twice, which a strict
    # SDL check refuses; nothing Booty uses is near them.
    full = build_schema(args.source.read_text(encoding="utf-8"), no_location=True, assume_valid_sdl=True)
    # It also deprecates fields that implement interface fields that are not deprecated, which the
    # schema check refuses; queries are still validated against it, field by field.
    full._validation_errors = []  # graphql-core's mark of a schema already checked
    reduced = reduce_schema(full)
    header = "# GitHub's GraphQL schema (@octokit/graphql-schema 15.26.1) reduced by scripts/reduce_graphql_schema.py\n"
    args.target.write_text(header + print_schema(reduced) + "\n", encoding="utf-8")
    print(f"{args.target}: {len(fields_used(reduced, DOCUMENTS))} object types", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
