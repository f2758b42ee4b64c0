"""build_index: what gets indexed, what is never read, and which definitions are found."""

from __future__ import annotations

import pytest

from booty.locate.index import build_index
from tests.support.samples import PY


def index_of(files: dict[str, bytes], never=lambda p: False, **kw):
    reads: list[str] = []

    def read(path: str) -> bytes | None:
        reads.append(path)
        return files.get(path)

    return build_index(sorted(files), read, never_read=never, **kw), reads


def test_never_read_paths_are_not_even_read():
    files = {".env": b"TOKEN=s3cret", "app/main.py": b"x = 1\n", "keys/id_rsa": b"KEY"}
    index, reads = index_of(files, never=lambda p: p == ".env" or p.startswith("keys/"))
    assert [f.path for f in index.files] == ["app/main.py"]
    assert reads == ["app/main.py"]


def test_vendored_generated_binary_huge_and_non_utf8_files_are_skipped():
    files = {
        "node_modules/lib/index.js": b"function f() {}",
        "vendor/pkg/a.go": b"package a",
        "static/app.min.js": b"var a=1",
        "img/logo.png": b"\x89PNG",
        "data/blob.txt": b"abc\x00def",
        "latin1.txt": "caf\u00e9".encode("latin-1"),
        "big.py": b"x = 1\n" * 1000,
        "ok.py": b"x = 1\n",
    }
    index, reads = index_of(files, max_file_bytes=1000)
    assert [f.path for f in index.files] == ["ok.py"]
    assert not any(p.startswith(("node_modules/", "vendor/", "img/")) or p.endswith(".min.js") for p in reads)


def test_missing_files_are_skipped():
    index = build_index(["gone.py", "here.py"], {"here.py": b"y = 2"}.get, never_read=lambda p: False)
    assert [f.path for f in index.files] == ["here.py"]


def test_python_definitions_with_kinds_signatures_and_docs():
    index, _ = index_of({"pkg/parser.py": PY.encode()})
    symbols = {s.name: s for s in index.files[0].symbols}
    assert index.files[0].language == "python"
    assert set(symbols) == {"Parser", "parse", "close", "tokenize", "windows_only"}  # nested helper left out
    assert symbols["Parser"].kind == "class" and symbols["Parser"].signature == "class Parser(Base, Mixin)"
    assert symbols["Parser"].doc == "Parse things."
    assert symbols["parse"].kind == "method" and symbols["parse"].line == 9
    assert symbols["parse"].signature == 'def parse(self, text: str) -> "Tree"'
    assert symbols["parse"].doc == "Return the tree."
    assert symbols["close"].kind == "method"
    assert symbols["tokenize"].kind == "function" and symbols["windows_only"].kind == "function"


def test_javascript_definitions_via_tree_sitter():
    pytest.importorskip("tree_sitter_javascript")
    src = b"class Cart extends Base {\n  total(items) { return 0 }\n}\nfunction checkout(cart) {}\n"
    index, _ = index_of({"web/cart.js": src})
    found = {(s.name, s.kind, s.line) for s in index.files[0].symbols}
    assert found == {("Cart", "class", 1), ("total", "method", 2), ("checkout", "function", 4)}


def test_unknown_languages_are_indexed_as_text_without_symbols():
    index, _ = index_of({"README.md": b"# Title\nSome words."})
    assert index.files[0].language == "" and index.files[0].symbols == ()
    assert index.files[0].text.startswith("# Title")
