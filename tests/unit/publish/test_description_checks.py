"""Is a description its template filled in? (publish.description_checks), on real-world shapes."""

from __future__ import annotations

import pytest

from booty.publish.description_checks import (
    change_kind,
    check_description,
    closing_keyword,
    closing_references,
    option_kind,
)
from tests.support import locations

DATA = locations.DATA / "pr_templates"
PAIRS = {  # scripted answer -> its template
    "sympy": "sympy/PULL_REQUEST_TEMPLATE.md",
    "pylint": "pylint/.github/PULL_REQUEST_TEMPLATE.md",
    "sphinx": "sphinx/.github/PULL_REQUEST_TEMPLATE.md",
    "astropy": "astropy/.github/PULL_REQUEST_TEMPLATE.md",
    "xarray": "xarray/.github/PULL_REQUEST_TEMPLATE.md",
    "docs_location": "docs_location/docs/pull_request_template.md",
    "odd_case": "odd_case/.github/Pull_Request_Template.TXT",
    "folder_fix": "folder/.github/PULL_REQUEST_TEMPLATE/fix.md",
    "folder_docs": "folder/.github/PULL_REQUEST_TEMPLATE/docs.md",
}


def read(path: str) -> str:
    return (DATA / path).read_text(encoding="utf-8")


def problems(
    description: str, template: str, *, kind: str | None = "fix", paths=("calc/ops.py",)
) -> list[str]:
    return [
        p.message
        for p in check_description(
            description, template, issue_number=1, kind=kind, changed_paths=list(paths)
        )
    ]


@pytest.mark.parametrize("answer", sorted(PAIRS))
def test_each_filled_in_fixture_passes_and_its_bare_template_does_not(answer):
    template = read(PAIRS[answer])
    assert problems(read(f"answers/{answer}.md"), template) == []
    assert any(
        "closing keyword" in p for p in problems(template, template)
    )  # the template as is never passes


def test_sympy_release_notes_block_must_be_kept_and_filled():
    template, good = read(PAIRS["sympy"]), read("answers/sympy.md")
    lost = good.replace("<!-- END RELEASE NOTES -->\n", "")
    assert problems(lost, template) == [
        "The marker `<!-- END RELEASE NOTES -->` is missing; keep it exactly as in the template, on its own line."
    ]
    emptied = good.replace(
        "* calc\n  * `divide(a, 0)` now raises `ValueError` with a clear message.\n", "<!-- none -->\n"
    )
    assert problems(emptied, template) == [
        "Nothing is written under `#### Release Notes`; write what it asks for (or say briefly that nothing applies).",
        "The block between `<!-- BEGIN RELEASE NOTES -->` and `<!-- END RELEASE NOTES -->` is empty; "
        "fill it as the template asks (or with the template's own word for none).",
    ]
    no_entry = good.replace(
        "* calc\n  * `divide(a, 0)` now raises `ValueError` with a clear message.", "NO ENTRY"
    )
    assert problems(no_entry, template) == []  # the template's own convention for none
    swapped = (
        good.replace("<!-- BEGIN RELEASE NOTES -->", "@@")
        .replace("<!-- END RELEASE NOTES -->", "<!-- BEGIN RELEASE NOTES -->")
        .replace("@@", "<!-- END RELEASE NOTES -->")
    )
    assert any("out of order" in p for p in problems(swapped, template))


def test_headings_must_all_be_there_in_order_each_with_content():
    template, good = read(PAIRS["sympy"]), read("answers/sympy.md")
    assert problems(good.replace("#### Other comments\n\nNone.\n\n", ""), template) == [
        "The template's heading `#### Other comments` is missing; keep every heading of the template, in its order."
    ]
    moved = good.replace("#### Other comments\n\nNone.\n\n", "").replace(
        "#### References", "#### Other comments\n\nNone.\n\n#### References"
    )
    assert problems(moved, template) == [
        "The template's heading `#### Other comments` is out of order; keep every heading of the template, in its order."
    ]
    assert problems(good.replace("None.\n", ""), template) == [
        "Nothing is written under `#### Other comments`; write what it asks for (or say briefly that nothing applies)."
    ]
    assert problems(good.replace("#### Other comments", "### Other comments"), template)[0].startswith(
        "The template's heading `#### Other comments`"
    )
    parent = "## Changes\n### Code\n\nFixed. Closes #1\n"
    assert problems(parent, "## Changes\n### Code\n") == []  # a heading with sub-headings may be empty


def test_placeholders_left_are_named_and_kept_sentences_count_only_word_for_word():
    template = read(PAIRS["astropy"])
    kept = read("answers/astropy.md").replace(
        "This pull request is to address the crash", "This pull request is to address ...\n\nThe crash"
    )
    assert problems(kept, template) == [
        "The placeholder `This pull request is to address ...` is still there; replace it with the real content or remove it."
    ]
    own_ellipsis = read("answers/astropy.md").replace(
        "`ZeroDivisionError`.", "`ZeroDivisionError`, and so on..."
    )
    assert problems(own_ellipsis, template) == []
    sphinx = read("answers/sphinx.md").replace(
        "- `calc.ops.divide` checks", "- <feature2 or bug2>\n- `calc.ops.divide` checks"
    )
    assert problems(sphinx, read(PAIRS["sphinx"])) == [
        "The placeholder `<feature2 or bug2>` is still there; replace it with the real content or remove it."
    ]


def test_exactly_one_closing_reference_to_the_issue_and_none_to_another():
    template, good = read(PAIRS["pylint"]), read("answers/pylint.md")
    assert problems(good + "\nFixes #1\n", template) == [
        "#1 is referred to with a closing keyword 2 times; do it exactly once."
    ]
    assert problems(good.replace("Closes #1", "Closes #1234"), template) == [
        "The description would close #1234, which is not this change's issue; refer only to #1.",
        "Refer to the issue once with a closing keyword (for example `Closes #1`).",
    ]
    assert (
        problems(good + "\n<!-- Closes #99 -->\n`Fixes #98`\n", template) == []
    )  # hidden or code: GitHub closes nothing
    assert closing_references(
        "Resolves octo/app#3, fixed #4 and closes: #5; see #6. Fixes https://github.com/o/r/issues/7"
    ) == ["octo/app#3", "#4", "#5", "#7"]


def test_choices_of_the_kind_of_change_follow_the_change():
    template, good = read(PAIRS["pylint"]), read("answers/pylint.md")
    both = good.replace(
        "| ✓   | :bug: Bug fix          |",
        "| ✓   | :bug: Bug fix          |\n| ✓   | :sparkles: New feature |",
    )
    assert problems(both, template) == [
        "`:sparkles: New feature` is chosen under `## Type of Changes`, but the change is a bug fix, not a new feature: "
        "untick it (or remove the line, where the template says to keep only what applies)."
    ]
    unmarked = good.replace(
        "| ✓   | :bug: Bug fix          |",
        "| ✓   | :bug: Bug fix          |\n|     | :sparkles: New feature |",
    )
    assert problems(unmarked, template) == []  # a row without its mark is not chosen
    assert problems(
        good.replace("| ✓   | :bug: Bug fix          |", "| ✓   | :hammer: Refactoring   |"), template
    ) == ["Choose `:bug: Bug fix` under `## Type of Changes`: the change is a bug fix."]
    assert (
        problems(good, template, kind="feature")[0]
        == "Choose `:sparkles: New feature` under `## Type of Changes`: the change is a new feature."
    )
    sphinx, answer = read(PAIRS["sphinx"]), read("answers/sphinx.md")
    assert problems(answer.replace("- Bugfix", "- Feature\n- Bugfix"), sphinx)[0].startswith(
        "`Feature` is chosen under `### Feature or Bugfix`"
    )
    boxes, filled = read(PAIRS["docs_location"]), read("answers/docs_location.md")
    breaking = filled.replace("- [ ] Breaking change", "- [x] Breaking change")
    assert problems(breaking, boxes)[0].startswith("`Breaking change (fix or feature that would cause")
    assert problems(breaking, boxes, kind="breaking") == []  # a breaking fix is a bug fix too
    assert problems(filled, boxes, kind="breaking") == [
        "Choose `Breaking change (fix or feature that would cause existing functionality "
        "to not work as expected)` under `## Type of change`: the change is a breaking change."
    ]
    assert problems(filled, boxes, kind=None) == []  # no stated kind: nothing to hold the choice to


def test_ticked_boxes_may_not_claim_tests_or_docs_the_change_lacks():
    template, good = read(PAIRS["xarray"]), read("answers/xarray.md")
    tests = good.replace("- [ ] Tests added", "- [x] Tests added")
    assert problems(tests, template) == [
        "`[x] Tests added` is ticked, but the change touches no test file: untick it."
    ]
    assert problems(tests, template, paths=("calc/ops.py", "tests/test_ops.py")) == []
    docs = good.replace("- [ ] User visible", "- [x] User visible")
    assert problems(docs, template) == [
        "`[x] User visible changes (including notable bug fixes) are documented in `whats-new.rst`` is ticked, "
        "but the change touches no documentation or changelog file: untick it."
    ]
    assert problems(docs, template, paths=("calc/ops.py", "doc/whats-new.rst")) == []


def test_empty_and_oversized_descriptions_are_refused():
    assert problems("  \n", "## A\n") == ["The description is empty."]
    assert problems("x" * 40_000, "## A\n")[0].startswith("The description is 40,000 characters")


@pytest.mark.parametrize(
    "title, kind",
    [
        ("fix(ops): x", "fix"),
        ("feat: x", "feature"),
        ("feat(api)!: x", "breaking"),
        ("docs: x", "docs"),
        ("chore(deps): x", "maintenance"),
        ("style: x", None),
        ("Fix the thing", None),
    ],
)
def test_the_kind_of_change_comes_from_the_conventional_title(title, kind):
    assert change_kind(title) == kind


@pytest.mark.parametrize(
    "label, kind",
    [
        (":bug: Bug fix", "fix"),
        ("Bugfix", "fix"),
        ("Bug fix (non-breaking change which fixes an issue)", "fix"),
        ("New feature (non-breaking change which adds functionality)", "feature"),
        (":sparkles: New feature", "feature"),
        ("Breaking change (fix or feature that would cause existing functionality to change)", "breaking"),
        ("Documentation update", "docs"),
        ("Refactoring", "refactor"),
        ("Feature or bug fix", None),
        ("Closes #xxxx", None),
    ],
)
def test_an_option_s_kind_is_read_from_its_label_before_any_explanation(label, kind):
    assert option_kind(label) == kind


def test_the_closing_keyword_is_the_template_s_own():
    assert closing_keyword(read(PAIRS["sympy"])) == "Fixes"
    assert closing_keyword(read(PAIRS["pylint"])) == "Closes"
    assert closing_keyword(read(PAIRS["odd_case"])) == "fixes"
    assert closing_keyword("## Summary\n") == "Closes"
