"""Guidance in the forms repositories use (CLAUDE.md, CONTRIBUTING as .rst or .txt, in docs/ or
.github/) reaches the planner, through booty.main against the fakes; never-read files stay unread."""

from __future__ import annotations

import os

from tests.support.repository import git
from tests.support.scenario import scripted_fix
from tests.support.scripted import planner_request_text


def guidance_of(s) -> str:
    prompt = planner_request_text(s)
    return prompt[prompt.index("<maintainer-guidance>") : prompt.index("</maintainer-guidance>")]


def test_claude_md_and_contributing_in_rst_and_txt_reach_the_planner(scenario, capsys):
    s = scripted_fix(scenario.labeled())
    s.commit_files(
        {
            "CLAUDE.md": "Claude: keep functions pure.\n",
            "CONTRIBUTING.rst": "Contributing\n============\n\nRun ``tox`` before a pull request.\n"
            + "Long guide.\n" * 1_500
            + "TAIL-OF-RST\n",
            "docs/CONTRIBUTING.txt": "Docs: every change needs a changelog entry.\n",
            ".github/copilot-instructions.md": "Copilot: prefer ValueError.\n",
            "src/CONTRIBUTING.md": "NOT-A-GUIDANCE-PLACE\n",
        }
    )
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened", s.summary
    guidance = guidance_of(s)
    for text in (
        "Claude: keep functions pure.",
        "Run ``tox`` before a pull request.",
        "Docs: every change needs a changelog entry.",
        "Copilot: prefer ValueError.",
    ):
        assert text in guidance
    for name in (
        "## CLAUDE.md",
        "## CONTRIBUTING.rst",
        "## docs/CONTRIBUTING.txt",
        "## .github/copilot-instructions.md",
    ):
        assert name in guidance
    assert "NOT-A-GUIDANCE-PLACE" not in guidance and "src/CONTRIBUTING.md" not in guidance
    # one budget shared: the short guides whole, the long one cut to what is left
    assert "TAIL-OF-RST" not in guidance and guidance.count("[... cut ...]") == 1 and len(guidance) < 8_500


def test_a_guide_that_leads_to_a_never_read_file_is_not_read(scenario, capsys):
    s = scripted_fix(scenario.labeled())
    os.symlink(".env", s.work / "CONTRIBUTING.md")  # the conftest repository's .env holds a secret
    (s.work / "docs").mkdir()
    os.symlink("../.env", s.work / "docs" / "contributing.rst")
    s.commit_files({"AGENTS.md": "Agents: small commits.\n"})
    assert "CONTRIBUTING.md" in git("ls-files", cwd=s.work).split()
    code, out = s.run(capsys)

    assert out["status"] == "pr_opened", s.summary
    assert "Agents: small commits." in guidance_of(s)
    assert "do-not-leak-this" not in "".join(str(r) for r in s.model.requests + s.model.count_requests)
    assert "CONTRIBUTING" not in guidance_of(s)
