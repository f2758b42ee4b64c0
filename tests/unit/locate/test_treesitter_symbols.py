"""Definitions in other languages, read with the tree-sitter grammar wheels of requirements.txt: each
grammar must load offline, or its files silently lose their symbols."""

from __future__ import annotations

import pytest

from booty.locate.treesitter_symbols import treesitter_symbols

SAMPLES = {
    "javascript": ("class Cart {\n  total() { return 0 }\n}\nfunction pay() {}\n",
                   [("Cart", "class", 1), ("total", "method", 2), ("pay", "function", 4)]),
    "typescript": ("interface Item { id: number }\nclass Cart {\n  total(): number { return 0 }\n}\nfunction pay(): void {}\n",
                   [("Item", "class", 1), ("Cart", "class", 2), ("total", "method", 3), ("pay", "function", 5)]),
    "tsx": ("function View() { return <div/> }\n", [("View", "function", 1)]),
    "go": ("package main\nfunc Run() {}\ntype T struct{}\nfunc (t T) M() {}\n",
           [("Run", "function", 2), ("T", "class", 3), ("M", "method", 4)]),
    "rust": ("struct P { x: i32 }\nimpl P {\n    fn new() -> P { P { x: 0 } }\n}\nfn main() {}\n",
             [("P", "class", 1), ("new", "function", 3), ("main", "function", 5)]),
    "java": ("class Cart {\n  int total() { return 0; }\n}\n", [("Cart", "class", 1), ("total", "method", 2)]),
    "c": ("struct P { int x; };\nint add(int a, int b) { return a + b; }\n", [("P", "class", 1), ("add", "function", 2)]),
    "cpp": ("class Cart {\n};\nint add(int a) { return a; }\n", [("Cart", "class", 1), ("add", "function", 3)]),
    "ruby": ("class Cart\n  def total\n    0\n  end\nend\n", [("Cart", "class", 1), ("total", "method", 2)]),
    "php": ("<?php\nclass Cart {\n  function total() { return 0; }\n}\nfunction pay() {}\n",
            [("Cart", "class", 2), ("total", "method", 3), ("pay", "function", 5)]),
    "csharp": ("class Cart {\n  int Total() { return 0; }\n}\n", [("Cart", "class", 1), ("Total", "method", 2)]),
    "bash": ("deploy() {\n  echo hi\n}\n", [("deploy", "function", 1)]),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_shipped_grammar_finds_classes_functions_and_methods(language):
    text, expected = SAMPLES[language]
    assert [(s.name, s.kind, s.line) for s in treesitter_symbols(text, language)] == expected


def test_the_signature_is_the_first_line_without_its_opening_brace():
    [cart, total] = treesitter_symbols(
        "class Cart extends Base {\n  total(items) { return 0 }\n}\n", "javascript"
    )
    assert cart.signature == "class Cart extends Base" and total.signature == "total(items) { return 0 }"


def test_a_language_without_a_grammar_yields_nothing():
    assert treesitter_symbols("IDENTIFICATION DIVISION.", "cobol") == ()
    assert treesitter_symbols("", "javascript") == ()
