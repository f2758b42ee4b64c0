"""Which repository files are guidance for the model (AGENTS.md, CONTRIBUTING, ...), each once."""

from __future__ import annotations


def test_guidance_is_found_in_every_usual_place_and_spelling():
    from booty.locate.guidance import guidance_paths

    paths = [
        "docs/contributing.txt", "CONTRIBUTING.rst", ".github/CONTRIBUTING.md", "claude.md", "AGENTS.md",
        ".github/copilot-instructions.md", "src/CONTRIBUTING.md", "docs/guide/CONTRIBUTING.rst",
        "CONTRIBUTING.html", "README.md", "AGENTS.md.bak", "docs/AGENTS.md",
    ]  # fmt: skip
    assert guidance_paths(paths) == [
        "AGENTS.md", "claude.md", ".github/copilot-instructions.md",
        "CONTRIBUTING.rst", "docs/contributing.txt", ".github/CONTRIBUTING.md",
    ]  # fmt: skip


def test_a_copy_of_a_guide_takes_no_second_share():
    from booty.locate.guidance import distinct

    docs = distinct(
        {"AGENTS.md": "Use tabs.\n", "CLAUDE.md": "Use tabs.", "CONTRIBUTING.rst": "Sign off.", "x.md": " "}
    )
    assert docs == {"AGENTS.md": "Use tabs.\n", "CONTRIBUTING.rst": "Sign off."}
