"""A template's parts as a reader sees them (publish.markdown_parts)."""

from __future__ import annotations

from booty.publish import markdown_parts as md
from booty.publish.placeholders import placeholders
from tests.support import locations

DATA = locations.DATA / "pr_templates"


def read(path: str) -> str:
    return (DATA / path).read_text(encoding="utf-8")


def test_comments_and_code_are_not_structure():
    text = (
        "# Title\n<!-- ## hidden heading\n- [ ] hidden box -->\nshown <!-- inline --> text\n"
        "```\n## code heading\n<placeholder in code>\n```\n~~~~\n```\n## still code\n~~~~\n## Last\n"
    )
    assert [h.render() for h in md.headings(text)] == ["# Title", "## Last"]
    lines = md.visible_lines(text)
    assert [ln.text for ln in lines[:4]] == ["# Title", "", "", "shown  text"]
    assert [ln.number for ln in lines if ln.code] == [5, 6, 7, 8, 9, 10, 11, 12]
    assert placeholders(text) == []


def test_headings_match_by_level_and_words_not_spacing_or_case():
    a, b, c = md.headings("##  Type of   Changes ##\n## type of changes\n### Type of Changes\n")
    assert a.key == b.key != c.key and a.text == "Type of   Changes"


def test_sections_split_at_headings_and_know_when_they_are_empty():
    first, one, two = md.sections("intro\n## One\n<!-- only a comment -->\n\n## Two\ntext\n")
    assert first.heading is None and first.has_content
    assert one.heading.text == "One" and not one.has_content
    assert two.has_content


def test_options_read_boxes_marked_table_rows_and_list_items():
    pylint = read("pylint/.github/PULL_REQUEST_TEMPLATE.md")
    [_, types, _] = md.sections(pylint)
    rows = md.options(types.lines)
    assert [(o.text, o.ticked, o.style) for o in rows] == [
        (":bug: Bug fix", True, "row"),
        (":sparkles: New feature", True, "row"),
        (":hammer: Refactoring", True, "row"),
        (":scroll: Docs", True, "row"),
    ]
    unmarked = md.options(md.visible_lines("| | Type |\n|---|---|\n| ✓ | Bug fix |\n|   | New feature |\n"))
    assert [(o.text, o.ticked) for o in unmarked] == [("Bug fix", True), ("New feature", False)]
    boxes = md.options(md.visible_lines("- [x] done\n* [ ] open\n1. [X] numbered\n- plain item\n"))
    assert [(o.text, o.ticked, o.style) for o in boxes] == [
        ("done", True, "box"),
        ("open", False, "box"),
        ("numbered", True, "box"),
        ("plain item", True, "item"),
    ]
    assert (
        md.options(md.visible_lines("| a | b |\n|---|---|\n| 1 | 2 |\n")) == []
    )  # a table without marks holds no options


def test_markers_are_the_comments_a_tool_reads_not_instructions():
    text = (
        read("sympy/PULL_REQUEST_TEMPLATE.md") + "<!-- please choose -->\n<!-- Optional opt-out -->\n"
        "<!-- Reviewable:start -->\n<!-- CHANGELOG -->\n<!-- Start with a summary of the change -->\n"
    )
    assert md.markers(text) == [
        "<!-- BEGIN RELEASE NOTES -->",
        "<!-- END RELEASE NOTES -->",
        "<!-- Reviewable:start -->",
        "<!-- CHANGELOG -->",
    ]


def test_blocks_pair_begin_and_end_of_the_same_name():
    text = "<!-- BEGIN NOTES -->\nA note\n<!-- END OTHER -->\n<!-- END NOTES -->\n<!-- START X --><!-- STOP X -->"
    assert md.blocks(text) == [
        ("<!-- BEGIN NOTES -->", "<!-- END NOTES -->", "\nA note\n<!-- END OTHER -->\n"),
        ("<!-- START X -->", "<!-- STOP X -->", ""),
    ]
