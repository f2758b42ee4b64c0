"""The outline of a file: one line per definition with its first docstring line, or the first lines."""

from __future__ import annotations

from booty.locate.outline import outline
from booty.models import IndexedFile, Symbol

PY = '''class Cart:
    """A basket of items.

    More words the outline leaves out."""

    def total(self, tax: float,
              rounding: int = 2) -> float:
        return 0.0


def checkout(cart):
    """Pay for the cart."""
'''


def python(text: str) -> IndexedFile:
    return IndexedFile(path="shop/cart.py", size=len(text), language="python", text=text)


def test_one_line_per_definition_with_its_line_signature_and_first_doc_line():
    assert outline(python(PY)).splitlines() == [
        "    1: class Cart  # A basket of items.",
        "    6:     def total(self, tax: float, rounding: int = 2) -> float",
        "   11: def checkout(cart)  # Pay for the cart.",
    ]


def test_compact_leaves_out_methods_and_docstrings():
    assert outline(python(PY), compact=True).splitlines() == [
        "    1: class Cart",
        "   11: def checkout(cart)",
    ]


def test_python_is_read_exactly_so_definitions_inside_strings_are_not_shown():
    text = 'TEMPLATE = """\ndef not_a_function():\n    pass\n"""\n\ndef real():\n    pass\n'
    assert outline(python(text)) == "    6: def real()"


def test_other_languages_use_the_indexed_symbols():
    js = IndexedFile(
        path="a.js",
        size=1,
        language="javascript",
        text="...",
        symbols=(
            Symbol(name="Cart", kind="class", line=1, signature="class Cart"),
            Symbol(name="total", kind="method", line=2, signature="total(items)"),
        ),
    )
    assert outline(js) == "    1: class Cart\n    2:     total(items)"


def test_a_file_without_definitions_shows_its_first_non_blank_lines():
    doc = IndexedFile(path="README.md", size=1, text="# proj\n\nline 2\n\n3\n4\n5\n6\n" + "x" * 500)
    assert outline(doc) == "# proj\nline 2\n3\n4\n5"
    assert len(outline(IndexedFile(path="x.txt", size=1, text="y" * 500))) == 160
