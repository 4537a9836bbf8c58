"""The function answers only its own skill: SKILL_ID from the environment is checked before anything else.

A request for another skill (or one that cannot show whose it is) is refused without running a handler
and without raising: the Lambda runtime would log an exception's message, and the SDK's can quote the
request. The refusal is one plain log line (outcome "refused") that carries nothing from the request.
"""

from __future__ import annotations

import json

import pytest

from itb_skill import config
from itb_skill.skill import create_handler
from skill_sim import envelope

OUR_SKILL = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
OTHER_SKILL = "amzn1.ask.skill.99999999-8888-7777-6666-555555555555"
SAID = "qzxsecretqzx"  # anything the request carries


def _handler(skill_id: str | None, data_dir):
    """The function as Lambda would start it with this SKILL_ID in its environment."""
    environment = {"ITB_DATA_DIR": str(data_dir), **({"SKILL_ID": skill_id} if skill_id else {})}
    return create_handler(config.from_environment(environment))


def assert_refused_quietly(raw: dict, captured, caplog) -> None:
    assert raw == {"version": "1.0", "response": {}}  # nothing said, nothing done
    everything = captured.out + captured.err + caplog.text
    assert SAID not in everything
    (line,) = [json.loads(text) for text in captured.err.splitlines() if text.startswith("{")]
    assert line["outcome"] == "refused" and line["Refused"] == 1 and line["Requests"] == 0
    assert line["intent"] is None and line["request_type"] is None and line["locale"] is None


def test_request_for_our_skill_is_answered(data_dir):
    handler = _handler(OUR_SKILL, data_dir)
    heard = envelope.send(handler, envelope.Session(skill_id=OUR_SKILL), envelope.launch_request())
    assert "not medical advice" in heard.speech
    assert heard.reprompt


@pytest.mark.parametrize(
    "request_body",
    [
        envelope.launch_request(),
        envelope.intent_request("EmergencyIntent"),  # not even the safety-first handler: it was never ours
        envelope.intent_request("QuestionIntent", {"query": envelope.slot("query", SAID)}),
    ],
    ids=["launch", "emergency", "question"],
)
def test_request_for_another_skill_is_refused_before_any_handler(data_dir, capsys, caplog, request_body):
    handler = _handler(OUR_SKILL, data_dir)
    raw = handler(envelope.Session(skill_id=OTHER_SKILL).envelope(request_body), None)
    assert_refused_quietly(raw, capsys.readouterr(), caplog)


def test_a_broken_request_for_another_skill_leaks_nothing_of_it(data_dir, capsys, caplog):
    """The SDK's message for this one quotes the request ("Failed to parse <timestamp> ...")."""
    handler = _handler(OUR_SKILL, data_dir)
    event = envelope.Session(skill_id=OTHER_SKILL).envelope(envelope.launch_request())
    event["request"]["timestamp"] = SAID
    event["request"]["intent"] = {"name": f"Said{SAID}Intent"}
    raw = handler(event, None)
    assert_refused_quietly(raw, capsys.readouterr(), caplog)


@pytest.mark.parametrize("where", ["context", "System", "application", "applicationId"])
def test_a_request_that_cannot_show_its_skill_id_is_refused(data_dir, capsys, caplog, where):
    handler = _handler(OUR_SKILL, data_dir)
    event = envelope.Session(skill_id=OUR_SKILL).envelope(envelope.launch_request())
    node = {"context": event, "System": event["context"], "application": event["context"]["System"]}
    node.get(where, event["context"]["System"]["application"]).pop(where)
    raw = handler(event, None)
    assert_refused_quietly(raw, capsys.readouterr(), caplog)


def test_without_skill_id_local_and_simulator_requests_work(data_dir):
    handler = _handler(None, data_dir)
    for skill_id in (envelope.DEFAULT_SKILL_ID, OTHER_SKILL):
        heard = envelope.send(handler, envelope.Session(skill_id=skill_id), envelope.launch_request())
        assert "call 911" in heard.speech
