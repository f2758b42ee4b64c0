"""Which pull request template Booty finds and uses (publish.pr_templates): GitHub's places and names."""

from __future__ import annotations

import pytest

from booty.publish.pr_templates import choose_template, template_candidates

OTHER = [
    "README.md",
    "src/app.py",
    "docs/index.md",
    ".github/ISSUE_TEMPLATE/bug.md",
    ".github/workflows/ci.yml",
]


@pytest.mark.parametrize(
    "path",
    [
        ".github/pull_request_template.md",
        ".github/PULL_REQUEST_TEMPLATE.md",
        "PULL_REQUEST_TEMPLATE.md",
        "pull_request_template.txt",
        "docs/pull_request_template.md",
        "docs/Pull_Request_Template.TXT",
        ".github/PULL_REQUEST_TEMPLATE",
        "Pull_Request_Template.Md",
    ],
)
def test_every_place_and_spelling_github_accepts_is_a_default_template(path):
    defaults, folders = template_candidates([*OTHER, path])
    assert (defaults, folders) == ([path], [])


@pytest.mark.parametrize(
    "path",
    [
        "src/pull_request_template.md",
        ".github/pull_request_template.yml",
        "docs/sub/pull_request_template.md",
        "pull_request_template.md.bak",
        ".github/ISSUE_TEMPLATE/pull_request_template_x.md",
    ],
)
def test_other_places_and_extensions_are_not_templates(path):
    assert template_candidates([*OTHER, path]) == ([], [])


def test_github_s_location_order_decides_between_default_files():
    paths = [
        "docs/pull_request_template.md",
        "PULL_REQUEST_TEMPLATE.md",
        ".github/pull_request_template.md",
        *OTHER,
    ]
    choices, notes = choose_template(paths)
    assert [c.path for c in choices] == [
        ".github/pull_request_template.md",
        "PULL_REQUEST_TEMPLATE.md",
        "docs/pull_request_template.md",
    ]
    assert choices[0].how == "the repository's default pull request template" and notes == []


def test_a_folder_s_templates_come_after_a_default_file_and_first_by_name():
    paths = [
        ".github/PULL_REQUEST_TEMPLATE/feature.md",
        ".github/PULL_REQUEST_TEMPLATE/Bug.md",
        ".github/PULL_REQUEST_TEMPLATE/release.txt",
        ".github/PULL_REQUEST_TEMPLATE/config.yml",
        *OTHER,
    ]
    choices, _ = choose_template(paths)
    assert [c.path for c in choices] == [
        ".github/PULL_REQUEST_TEMPLATE/Bug.md",
        ".github/PULL_REQUEST_TEMPLATE/feature.md",
        ".github/PULL_REQUEST_TEMPLATE/release.txt",
    ]
    assert choices[0].how == "the first of 3 templates in `.github/PULL_REQUEST_TEMPLATE/` by name"
    with_default, _ = choose_template([*paths, "docs/pull_request_template.md"])
    assert with_default[0].path == "docs/pull_request_template.md"


def test_template_folders_at_the_root_and_in_docs_count_too():
    choices, _ = choose_template(["PULL_REQUEST_TEMPLATE/only.md", "docs/pull_request_template/a.md", *OTHER])
    assert [c.path for c in choices] == ["PULL_REQUEST_TEMPLATE/only.md", "docs/pull_request_template/a.md"]


@pytest.mark.parametrize(
    "wanted",
    [
        "release.txt",
        "release",
        "RELEASE.TXT",
        ".github/PULL_REQUEST_TEMPLATE/release.txt",
        "/.github/pull_request_template/release.txt",
    ],
)
def test_the_pr_template_input_names_one_by_path_file_name_or_bare_name(wanted):
    paths = [
        ".github/pull_request_template.md",
        ".github/PULL_REQUEST_TEMPLATE/release.txt",
        ".github/PULL_REQUEST_TEMPLATE/a.md",
    ]
    choices, notes = choose_template(paths, wanted)
    assert choices[0].path == ".github/PULL_REQUEST_TEMPLATE/release.txt" and notes == []
    assert choices[0].how == "named by the `pr_template` input"
    assert [c.path for c in choices].count(choices[0].path) == 1  # tried once


def test_a_named_template_that_does_not_exist_is_said_and_the_default_is_used():
    choices, notes = choose_template([".github/pull_request_template.md"], "missing.md")
    assert [c.path for c in choices] == [".github/pull_request_template.md"]
    assert notes == [
        "The `pr_template` input names `missing.md`, which is not a pull request template of this repository "
        "(found: `.github/pull_request_template.md`)."
    ]


def test_a_repository_without_a_template_has_no_choice():
    assert choose_template(OTHER) == ([], [])
