"""Definitions in non-Python files, read with tree-sitter grammars.

tree-sitter-language-pack 1.25 ships no grammars (it downloads them on first use, which a
network-less container cannot do), so each language uses its own grammar wheel
(named in ``booty.languages``) when installed. A language whose grammar is absent simply yields
no symbols; its files are still ranked by path and text.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from booty.languages import grammar_of, load_grammar
from booty.models import Symbol

if TYPE_CHECKING:
    import tree_sitter

_MAX_SIGNATURE = 200

# Definition node types and the kind they map to. Types a grammar lacks are dropped when the
# query is compiled, so one list can serve related grammars.
_CLASS_NODES = (
    "class_declaration",
    "abstract_class_declaration",
    "interface_declaration",
    "enum_declaration",
    "struct_declaration",
    "type_alias_declaration",
    "type_spec",
    "struct_item",
    "enum_item",
    "trait_item",
    "class_specifier",
    "struct_specifier",
    "class",
    "module",
    "trait_declaration",
)
_FUNCTION_NODES = (
    "function_declaration",
    "generator_function_declaration",
    "function_item",
    "function_definition",
)
_METHOD_NODES = (
    "method_definition",
    "method_declaration",
    "constructor_declaration",
    "method",
    "singleton_method",
)


def treesitter_symbols(text: str, language: str) -> tuple[Symbol, ...]:
    """Classes/types, functions and methods of a file in ``language``; empty when unsupported."""
    compiled = _query(language)
    if compiled is None:
        return ()
    parser, query = compiled
    import tree_sitter

    source = text.encode("utf-8")
    tree = parser.parse(source)
    found: list[Symbol] = []
    for _, captures in tree_sitter.QueryCursor(query).matches(tree.root_node):
        defs, names = captures.get("def"), captures.get("name")
        if not defs or not names:
            continue
        node, name = defs[0], names[0]
        first_line = source[node.start_byte : node.end_byte].split(b"\n", 1)[0]
        found.append(
            Symbol(
                name=source[name.start_byte : name.end_byte].decode("utf-8", "replace"),
                kind=_kind(node.type),
                line=node.start_point[0] + 1,
                signature=first_line.decode("utf-8", "replace").rstrip(" {").strip()[:_MAX_SIGNATURE],
                end_line=node.end_point[0] + 1,
            )
        )
    found.sort(key=lambda s: s.line)
    return tuple(found)


def _kind(node_type: str) -> str:
    if node_type in _METHOD_NODES:
        return "method"
    if node_type in _FUNCTION_NODES:
        return "function"
    return "class"


@cache
def _query(language: str) -> tuple[tree_sitter.Parser, tree_sitter.Query] | None:
    """(parser, query) for ``language``, or None when its grammar wheel is not installed."""
    grammar = grammar_of(language)
    lang = load_grammar(grammar) if grammar is not None else None
    if lang is None:
        return None
    import tree_sitter

    patterns = []
    for node_type in (*_CLASS_NODES, *_FUNCTION_NODES, *_METHOD_NODES):
        for pattern in _patterns(node_type):
            try:
                tree_sitter.Query(lang, pattern)
            except Exception:  # the grammar lacks this node type or field
                continue
            patterns.append(pattern)
    if not patterns:
        return None
    return tree_sitter.Parser(lang), tree_sitter.Query(lang, "\n".join(patterns))


def _patterns(node_type: str) -> tuple[str, ...]:
    """Ways to find the name of a definition: a ``name`` field, or C-style nested declarators."""
    return (
        f"({node_type} name: (_) @name) @def",
        f"({node_type} declarator: (function_declarator declarator: (_) @name)) @def",
    )
