"""``booty context``: the run's repository map as JSON (``--json``) and as text for a terminal."""

from __future__ import annotations

import json

from booty.locate.context_report import build_report, format_report
from booty.locate.repository_map import RepositoryMap
from booty.models import ContextFile, RankedFile, RepoContext, RepoIndex

RANKED = [RankedFile(path="calc/ops.py", score=10.85, signals=("bm25_text", "defines_function")),
          RankedFile(path="calc/io.py", score=0.5)]  # fmt: skip
FILES = (ContextFile(path="calc/ops.py", detail="full", tokens=44, text="..."),
         ContextFile(path="calc/io.py", detail="outline", tokens=20, text="..."),
         *(ContextFile(path=f"extra/m{i}.py", detail="path", tokens=3) for i in range(12)))  # fmt: skip
FOUND = RepositoryMap(
    index=RepoIndex(), ranked=RANKED, context=RepoContext(budget=500, tokens=100, files=FILES)
)


def test_the_report_holds_the_top_candidates_and_every_packed_file():
    report = build_report(FOUND, top=1)
    assert report["ranked"] == [
        {"path": "calc/ops.py", "score": 10.85, "signals": ["bm25_text", "defines_function"]}
    ]
    assert report["context"]["budget"] == 500 and report["context"]["tokens"] == 100
    assert [f["path"] for f in report["context"]["files"]] == [f.path for f in FILES]
    assert json.loads(json.dumps(report)) == report  # what --json prints


def test_the_text_lists_candidates_then_the_map_by_detail_with_paths_only_summarized():
    text = format_report(build_report(FOUND, top=2))
    lines = text.splitlines()
    assert lines[0] == "Ranked candidates (top 2):"
    assert lines[1].split() == ["1.", "10.850", "calc/ops.py", "[bm25_text,", "defines_function]"]
    assert lines[2].endswith("calc/io.py  [-]")
    assert "Repository map: 100 of 500 tokens, 14 files" in text
    assert "  full         44  calc/ops.py" in text and "  outline      20  calc/io.py" in text
    assert (
        "12 files: extra/m0.py, extra/m1.py" in text and "and 2 more" in text and "extra/m11.py" not in text
    )
