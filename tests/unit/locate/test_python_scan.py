"""The fast line scanner of Python definitions, checked against ``ast`` (python_symbols)."""

from __future__ import annotations

from booty.locate.python_scan import scan_python
from booty.locate.python_symbols import python_symbols
from tests.support.samples import PY


def without_ends(symbols):
    """The scanner does not know where a definition ends (``end_line`` 0); ``ast`` does."""
    return tuple(s.model_copy(update={"end_line": 0}) for s in symbols)


def test_fast_scanner_agrees_with_ast():
    assert scan_python(PY) == without_ends(python_symbols(PY))
    assert all(s.end_line >= s.line for s in python_symbols(PY))


def test_unparsable_python_still_yields_scanned_definitions():
    broken = "def good(a):\n    return a\n\ndef bad(:\n"
    assert python_symbols(broken) == ()
    assert [s.name for s in scan_python(broken)] == ["good", "bad"]


def test_fast_scanner_agrees_with_ast_on_nesting_and_dedents():
    src = (
        "class A:\n"
        "    def m1(self):\n"
        "        def helper():\n"
        "            pass\n"
        "# a comment at column 0 does not end the class\n"
        "        return helper\n"
        "\n"
        "    class Inner:\n"
        "        def deep(self): pass\n"
        "    def m2(self):\n"
        "        pass\n"
        "x = 1\n"
        "def top():\n"
        "    class Local:\n"
        "        def hidden(self): pass\n"
        "def after(): pass\n"
        "class B:\n"
        "    def m3(self): pass\n"
    )
    assert scan_python(src) == without_ends(python_symbols(src))
    assert [(s.name, s.end_line) for s in python_symbols(src) if s.name in ("A", "m1", "Inner", "top")] == [
        ("A", 11),
        ("m1", 6),
        ("Inner", 9),
        ("top", 15),
    ]
    assert [(s.name, s.kind) for s in scan_python(src)] == [
        ("A", "class"),
        ("m1", "method"),
        ("Inner", "class"),
        ("deep", "method"),
        ("m2", "method"),
        ("top", "function"),
        ("after", "function"),
        ("B", "class"),
        ("m3", "method"),
    ]
