"""Python definitions read with ``ast``: exact, in source order, a file that does not parse yields none."""

from __future__ import annotations

from booty.locate.python_symbols import python_symbols

SRC = '''class A:
    """Doc A.

    Second paragraph."""
    def m(self, x,
          y):
        pass

    class B:
        def deep(self):
            pass

        class C:
            def deeper(self):
                pass


async def fetch(url: str) -> bytes:
    pass


try:
    from fast import speedup
except ImportError:
    def speedup():
        pass
'''


def test_classes_functions_and_methods_with_their_lines_kinds_and_docs():
    found = [(s.name, s.kind, s.line) for s in python_symbols(SRC)]
    assert found == [("A", "class", 1), ("m", "method", 5), ("B", "class", 9), ("deep", "method", 10),
                     ("C", "class", 13), ("fetch", "function", 18), ("speedup", "function", 25)]  # fmt: skip
    assert python_symbols(SRC)[0].doc == "Doc A."  # the first paragraph only


def test_classes_nest_two_levels_deep_at_most():
    assert "deeper" not in [s.name for s in python_symbols(SRC)]


def test_a_signature_spanning_lines_is_joined_and_capped():
    by_name = {s.name: s for s in python_symbols(SRC)}
    assert by_name["m"].signature == "def m(self, x, y)"
    assert by_name["fetch"].signature == "async def fetch(url: str) -> bytes"
    long = "def f(" + ", ".join(f"a{i}" for i in range(100)) + "):\n    pass\n"
    assert len(python_symbols(long)[0].signature) == 200


def test_a_file_that_does_not_parse_yields_no_symbols():
    assert python_symbols("def broken(:\n") == () and python_symbols("x = '\0'") == ()
