"""Syntax checks per language, and files already broken before the edit."""

from __future__ import annotations

import pytest

from booty.validate.syntax import check_syntax, checked_languages

CASES = [
    ("a.py", "def f(x):\n    return x\n", "def f(x):\n    return (x\n"),
    ("a.pyi", "def f(x: int) -> int: ...\n", "def f(x: int -> int: ...\n"),
    ("a.json", '{"a": [1, 2]}\n', '{"a": [1, 2],}\n'),
    ("a.yaml", "a:\n  - 1\n  - 2\n", "a:\n  - 1\n - 2\n"),
    ("a.yml", "k: v\n", "k: [v\n"),
    ("a.toml", '[tool]\nname = "x"\n', '[tool\nname = "x"\n'),
    ("a.js", "function f(a) { return a + 1; }\n", "function f(a) { return a + ; }\n"),
    ("a.jsx", "const A = () => <div>{x}</div>;\n", "const A = () => <div>{x</div>;\n"),
    ("a.ts", "let x: number = 1;\n", "let x: number = ;\n"),
    ("a.tsx", "const A = (p: P) => <b>{p.x}</b>;\n", "const A = (p: P) => <b>{p.x</b>;\n"),
    (
        "main.go",
        "package main\n\nfunc main() {\n\tx := 1\n\t_ = x\n}\n",
        "package main\n\nfunc main() {\n\tx := \n}\n",
    ),
    ("lib.rs", "fn main() {\n    let x = 1;\n}\n", "fn main() {\n    let x = ;\n}\n"),
    ("A.java", "class A {\n  int f() { return 1; }\n}\n", "class A {\n  int f() { return 1 }\n}\n"),
    ("a.c", "int main(void) { return 0; }\n", "int main(void) { return 0 }\n"),
    ("a.h", "int f(int x);\n", "int f(int x;\n"),
    (
        "a.cpp",
        "#include <vector>\nint main() { std::vector<int> v; return 0; }\n",
        "int main() { std::vector<int> v return 0; }\n",
    ),
    ("a.rb", "def f(x)\n  x + 1\nend\n", "def f(x)\n  x + 1\n"),
    ("a.php", "<?php\nfunction f($x) { return $x; }\n", "<?php\nfunction f($x) { return $x }\n"),
    ("a.cs", "class A { int F() { return 1; } }\n", "class A { int F() { return 1 } }\n"),
    ("a.sh", "if true; then\n  echo hi\nfi\n", "if true; then\n  echo hi\n"),
]


@pytest.mark.parametrize("path, good, bad", CASES, ids=[c[0] for c in CASES])
def test_each_language(path, good, bad):
    assert check_syntax(path, None, good) == []
    problems = check_syntax(path, good, bad)
    assert problems, f"{path}: the broken version passed"
    assert all(
        p.kind == "syntax" and p.path == path and p.message.startswith("Syntax error") for p in problems
    )
    assert all(p.line is None or p.line >= 1 for p in problems)


def test_python_error_carries_its_line():
    problems = check_syntax("m.py", None, "x = 1\ny = 2\ndef f(:\n    pass\n")
    assert problems[0].line == 3


def test_python_compile_errors_beyond_the_parser():
    assert check_syntax("m.py", None, "return 1\n")[0].message == "Syntax error: 'return' outside function"


def test_json_and_toml_report_lines():
    assert check_syntax("c.json", None, '{\n  "a": 1,\n  "b": \n}\n')[0].line == 4
    assert check_syntax("c.toml", None, "a = 1\nb = \n")[0].line == 2


def test_yaml_custom_tags_are_not_errors():
    assert check_syntax("cf.yaml", None, "Value: !Ref Bucket\nList: !GetAZs ''\n") == []


def test_file_broken_before_is_not_blamed():
    broken = "def f(:\n    pass\n"
    assert check_syntax("m.py", broken, broken + "\nx = 1\n") == []
    assert check_syntax("c.json", "{oops", "{oops, still}") == []
    js = "function f( { }\n"
    assert check_syntax("a.js", js, js + "const y = 2;\n") == []


def test_broken_file_with_new_errors_is_blamed_at_the_new_error():
    py2 = 'print "legacy"\n'
    assert check_syntax("m.py", py2, py2 + "x = 1\n") == []
    problems = check_syntax("m.py", py2, py2 + "x = (\n")
    assert problems and problems[0].line == 2
    rust = "fn a() { let = 1; }\n"
    problems = check_syntax("a.rs", rust, rust + "fn b( {}\n")
    assert problems and all(p.line == 2 for p in problems)


def test_edit_that_fixes_a_broken_file_passes():
    assert check_syntax("m.py", "def f(:\n", "def f():\n    pass\n") == []


def test_unknown_file_types_are_not_checked():
    assert check_syntax("notes.txt", None, "{{{ (((") == []
    assert check_syntax("Makefile", None, "all:\n\t(((") == []


def test_common_languages_are_checked():
    langs = set(checked_languages())
    assert {
        ".py",
        ".json",
        ".yaml",
        ".toml",
        ".js",
        ".ts",
        ".tsx",
        ".go",
        ".rs",
        ".java",
        ".c",
        ".cpp",
        ".rb",
    } <= langs


CPP_HEADER = (
    "#pragma once\nnamespace geo {\nclass Point {\n public:\n  double x() const;\n};\n}  // namespace geo\n"
)


def test_a_cpp_header_is_judged_as_cpp_new_or_edited():
    with_template = CPP_HEADER.replace(
        "  double x() const;\n",
        "  double x() const;\n  template <typename T> T as() const { return T(x()); }\n",
    )
    assert check_syntax("geo/point.h", None, CPP_HEADER) == []
    assert check_syntax("geo/point.h", CPP_HEADER, with_template) == []
    assert check_syntax("geo/point.h", CPP_HEADER, CPP_HEADER.replace("};\n", "\n"))  # still checked


TSCONFIG = '{\n  // emitted JS goes to "dist/*" \n  "compilerOptions": {\n    "outDir": "dist", /* see README */\n    "paths": {"@/*": ["src/*"]},\n  },\n}\n'


def test_tsconfig_and_vscode_files_are_json_with_comments_but_package_json_is_not():
    assert check_syntax("tsconfig.json", None, TSCONFIG) == []
    assert check_syntax("web/tsconfig.build.json", TSCONFIG, TSCONFIG.replace('"dist"', '"out"')) == []
    assert check_syntax(".vscode/settings.json", None, '{"a": 1, // on\n}\n') == []
    [broken] = check_syntax("tsconfig.json", TSCONFIG, TSCONFIG.replace('"outDir"', "outDir"))
    assert broken.line == 4
    assert check_syntax("package.json", None, '{"a": 1 // no\n}\n')
