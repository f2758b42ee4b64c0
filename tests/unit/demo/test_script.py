"""The demo's scripted model: the plan for a structured request, the file an editor prompt asks for."""

from __future__ import annotations

from booty.demo.replies import TextReply, ToolReply
from booty.demo.script import FILES, PLAN, respond
from booty.edit.parsing import parse_edits
from booty.models import Plan


def editor_request(path: str) -> dict:
    return {
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": f"...\n# Your file: {path} (modify)\n..."}]}
        ]
    }


def test_a_structured_request_gets_the_plan_and_the_plan_is_valid():
    assert respond({"tools": [{"name": "return_plan"}]}) == ToolReply(input=PLAN)
    assert respond({"output_config": {"format": {"type": "json_schema"}}}) == ToolReply(input=PLAN)
    assert [c.path for c in Plan.model_validate(PLAN).changes] == list(FILES)


def test_an_editor_request_gets_its_file_whole_in_a_form_booty_parses():
    reply = respond(editor_request("textkit/words.py"))
    edits, problems = parse_edits(reply.text, allowed_paths={"textkit/words.py"})
    assert problems == [] and edits[0].content == FILES["textkit/words.py"]


def test_a_request_it_was_not_scripted_for_says_so():
    assert respond(editor_request("other.py")) == TextReply(text="I was not scripted for this request.")
    assert respond({"messages": [{"role": "user", "content": "plain"}]}).text.startswith("I was not scripted")
