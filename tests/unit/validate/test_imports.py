"""Import checks: stdlib, workspace modules, declared dependencies, imports used elsewhere."""

from __future__ import annotations

import pytest

from booty.validate.imports import check_imports, known_modules, workspace_modules

REPO = {
    "src/shop/__init__.py": "",
    "src/shop/cart.py": "import numpy as np\nfrom shop import prices\n",
    "src/shop/prices.py": "from .cart import total\n",
    "src/shop/fast.pyx": "",
    "tests/test_cart.py": "import pytest\nfrom shop.cart import total\n",
    "tools/lint.py": "",
    "requirements.txt": "PyYAML>=6\n# comment\n-r requirements-dev.txt\nrequests==2.0 ; python_version>'3'\n",
    "requirements-dev.txt": "-e git+https://example.invalid/x.git#egg=internal_helpers\n",
    "pyproject.toml": '[project]\ndependencies = ["beautifulsoup4", "python-dateutil>=2"]\n'
    '[project.optional-dependencies]\nplot = ["scikit-learn"]\n',
    "README.md": "",
}


@pytest.fixture(scope="module")
def known():
    return known_modules(REPO)


def problems_for(known, after: str, before: str | None = None, path: str = "src/shop/cart.py"):
    return check_imports(path, before, after, known)


def test_stdlib_is_accepted(known):
    assert (
        problems_for(known, "import os, json\nfrom collections import abc\nimport xml.etree.ElementTree\n")
        == []
    )


def test_hallucinated_module_is_flagged_with_its_line(known):
    problems = problems_for(known, "import os\nimport fancy_magic_lib\n")
    assert len(problems) == 1
    p = problems[0]
    assert p.kind == "import" and p.line == 2 and "`fancy_magic_lib`" in p.message


@pytest.mark.parametrize("line", ["import yaml", "import bs4", "from dateutil import parser", "import sklearn",
                                  "import requests", "import internal_helpers"])  # fmt: skip
def test_declared_dependencies_are_accepted(known, line):
    assert problems_for(known, line + "\n") == []


def test_imported_elsewhere_is_accepted(known):
    assert problems_for(known, "import numpy.linalg\nimport pytest\n") == []


def test_workspace_modules_including_src_layout(known):
    after = "from shop import cart\nimport shop.prices\nfrom shop.cart import total\nimport shop.fast\nimport tools.lint\n"
    assert problems_for(known, after) == []


def test_missing_submodule_of_the_project_is_flagged(known):
    problems = problems_for(known, "from shop.discounts import rebate\n")
    assert [p.message.split(":")[0] for p in problems] == ["`from shop.discounts import ...`"]


def test_relative_imports_resolve_against_the_package(known):
    assert problems_for(known, "from . import prices\nfrom .prices import x\n") == []
    problems = problems_for(known, "from .coupons import c\n")
    assert "`src.shop.coupons`" in problems[0].message


def test_relative_import_above_the_top_is_flagged(known):
    problems = problems_for(known, "from .... import x\n")
    assert "above the top-level package" in problems[0].message


def test_only_new_imports_are_checked(known):
    before = "import legacy_thing\n"
    assert problems_for(known, before + "x = 1\n", before) == []
    assert len(problems_for(known, before + "import other_ghost\n", before)) == 1


def test_optional_imports_guarded_by_importerror_are_not_checked(known):
    after = "try:\n    import ujson as json\nexcept ImportError:\n    import json\n"
    assert problems_for(known, after) == []


def test_unguarded_import_inside_functions_is_checked(known):
    after = "def f():\n    import phantom\n"
    assert problems_for(known, after)[0].line == 2


def test_non_python_and_unparsable_files_are_skipped(known):
    assert check_imports("app.js", None, "import x from 'ghost';", known) == []
    assert problems_for(known, "import ghost\ndef f(:\n") == []


def test_modules_created_and_dependencies_declared_by_the_same_change(known):
    extended = known.with_files({"src/shop/coupons.py": "", "requirements.txt": "attrs\n"})
    assert problems_for(extended, "from .coupons import c\nimport attr\n") == []


def test_workspace_modules_know_compiled_modules_and_nested_requirements_reading_only_python_and_manifests():
    texts = {
        "pkg/__init__.py": "",
        "pkg/core.py": "import attr\n",
        "pkg/_speedups.pyx": "cdef int x",
        "pkg/_native.cpython-311-x86_64-linux-gnu.so": "\x7fELF",
        "requirements/docs.txt": "sphinx-rtd-theme\n",
        "ci/requirements.txt": "hypothesis\n",
        "docs/conf.py": "",
        "data.csv": "a,b",
    }
    read: list[str] = []
    known = workspace_modules(texts, lambda p: read.append(p) or texts[p])
    assert sorted(read) == [
        "ci/requirements.txt",
        "docs/conf.py",
        "pkg/__init__.py",
        "pkg/core.py",
        "requirements/docs.txt",
    ]
    new = "from pkg._speedups import run\nfrom pkg._native import go\nimport sphinx_rtd_theme\nimport hypothesis\nimport attr\n"
    assert check_imports("pkg/core.py", "", new, known) == []
