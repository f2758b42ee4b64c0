"""Per-file evidence that an issue concerns a file: one array per signal, aligned with the index."""

from __future__ import annotations

import pytest

from booty.locate.index import build_index
from booty.locate.signals import SIGNALS, compute_signals

FILES = {
    "src/pkg/__init__.py": b"from .core import Parser\n",
    "src/pkg/core.py": b"class Parser:\n    def parse(self):\n        pass\n",
    "src/pkg/util.py": b"def helper():\n    pass\n",
    "tests/test_core.py": b"from pkg import Parser\n",
    "docs/index.md": b"# docs\n",
    "examples/demo.py": b"import pkg\n",
    "setup.cfg": b"[metadata]\n",
}
INDEX = build_index(sorted(FILES), FILES.get, never_read=lambda p: False)


def signals(issue: str) -> dict[str, dict[str, float]]:
    table = compute_signals(issue, INDEX)
    return {name: dict(zip(table.paths, table.values[name], strict=True)) for name in SIGNALS}


def test_every_signal_has_a_value_for_every_file_in_index_order():
    table = compute_signals("anything", INDEX)
    assert table.paths == [f.path for f in INDEX.files]
    assert set(table.values) == set(SIGNALS) and all(
        len(v) == len(INDEX.files) for v in table.values.values()
    )


@pytest.mark.parametrize(
    "prior, path",
    [("is_test", "tests/test_core.py"), ("is_docs", "docs/index.md"), ("is_example", "examples/demo.py"),
     ("is_init", "src/pkg/__init__.py")],
)  # fmt: skip
def test_path_priors_mark_tests_docs_examples_and_package_inits(prior, path):
    assert {p for p, v in signals("x")[prior].items() if v} == {path}


def test_files_without_a_language_are_not_code():
    assert {p for p, v in signals("x")["not_code"].items() if v} == {"docs/index.md", "setup.cfg"}


def test_a_name_qualified_by_its_package_credits_the_file_that_defines_it_through_the_re_export():
    got = signals("pkg.Parser breaks")
    assert got["module_mention"]["src/pkg/__init__.py"] == 1.0
    assert {p for p, v in got["qualified_name"].items() if v} == {"src/pkg/core.py"}


def test_identifiers_credit_their_definitions_more_when_written_as_code():
    prose, code = signals("the parse step fails"), signals("`parse` fails")
    assert 0 < prose["defines_method"]["src/pkg/core.py"] < code["defines_method"]["src/pkg/core.py"] < 1
    assert not any(code["defines_function"].values()) and not any(code["defines_class"].values())


def test_a_traceback_frame_is_a_frame_and_the_last_frame():
    got = signals('File "/ci/src/pkg/util.py", line 2, in helper')
    assert got["trace_frame"]["src/pkg/util.py"] == 1.0 and got["last_frame"]["src/pkg/util.py"] == 1.0
    assert got["path_mention"]["src/pkg/util.py"] == 1.0


def test_size_is_log_scaled_to_the_largest_file():
    sizes = signals("x")["size"]
    assert max(sizes.values()) == 1.0 and min(sizes.values()) > 0
    assert sizes["src/pkg/core.py"] > sizes["setup.cfg"]
