"""Each piece of knowledge has one home (issue 10 item 3), checked on the source: a second copy of
a language table, a fence, the scrubber's placeholder, the writer roles or the error mapping
fails here before it can drift from the first."""

from __future__ import annotations

import ast

from tests.support.locations import SRC


def _modules() -> dict[str, ast.AST]:
    return {
        str(p.relative_to(SRC)): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(SRC.rglob("*.py"))
    }


def _homes(found) -> set[str]:
    return {name for name, tree in _modules().items() if any(found(node) for node in ast.walk(tree))}


def _is_str(node: ast.AST, *values: str) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in values


def test_file_suffixes_of_languages_and_grammar_wheels_are_named_in_the_language_table_only():
    assert _homes(lambda n: _is_str(n, ".jsx", ".tsx", ".rs", ".cpp", ".toml")) == {"languages.py"}
    assert _homes(lambda n: isinstance(n, ast.Constant) and str(n.value).startswith("tree_sitter_")) == {
        "languages.py"
    }


def test_fences_are_measured_in_one_place():
    def backticks_multiplied(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Mult)
            and (_is_str(node.left, "`") or _is_str(node.right, "`"))
        )

    assert _homes(backticks_multiplied) == {"fences.py"}


def test_the_scrubbers_placeholder_is_written_once():
    assert _homes(lambda n: _is_str(n, "***")) == {"scrubbing.py"}


def test_the_writer_roles_are_listed_once():
    def writer_set(node: ast.AST) -> bool:
        return isinstance(node, ast.Set) and {"admin", "maintain", "write"} <= {
            e.value for e in node.elts if isinstance(e, ast.Constant)
        }

    assert _homes(writer_set) == {"ports.py"}


def test_errors_become_a_status_in_one_place():
    def status_of_error(node: ast.AST) -> bool:  # Status(err.status)
        return (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Status"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Attribute) and node.args[0].attr == "status"
        )  # fmt: skip

    assert _homes(status_of_error) == {"errors.py"}
    assert _homes(lambda n: isinstance(n, ast.Constant) and "Unexpected error" in str(n.value)) == {
        "errors.py"
    }


def test_module_files_are_named_in_the_resolver_only():
    assert _homes(lambda n: _is_str(n, "__init__")) == {"python_modules.py"}
    assert _homes(lambda n: _is_str(n, ".pyi", ".pyx", ".pyd")) <= {"python_modules.py", "languages.py"}
