"""Logs hold no private data, carry one structured line per request with CloudWatch metrics, and requests
for another skill are refused."""

from __future__ import annotations

import json
import logging

import pytest

from itb_skill import content
from itb_skill.skill import create_handler
from skill_sim import envelope

USER_ID = "amzn1.ask.account.PRIVATEUSERqzx1"
DEVICE_ID = "amzn1.ask.device.PRIVATEDEVICEqzx2"
SESSION_ID = "amzn1.echo-api.session.PRIVATESESSIONqzx3"
API_TOKEN = "eyJPRIVATEAPITOKENqzx4"
ACCOUNT_TOKEN = "PRIVATEACCOUNTLINKTOKENqzx5"
SAID = "qzxsaid"  # in every slot value: something the user said
SECRETS = [USER_ID, DEVICE_ID, SESSION_ID, API_TOKEN, ACCOUNT_TOKEN, SAID]

REQUIRED_FIELDS = {"request_type", "intent", "topic", "locale", "outcome", "duration_ms"}


class PrivateSession(envelope.Session):
    """A session whose envelopes carry real-looking ids and tokens."""

    def envelope(self, request):
        event = super().envelope(request)
        system = event["context"]["System"]
        system["apiAccessToken"] = API_TOKEN
        system["device"]["deviceId"] = DEVICE_ID
        system["user"]["accessToken"] = ACCOUNT_TOKEN
        event["session"]["user"]["accessToken"] = ACCOUNT_TOKEN
        return event


def said(text: str) -> str:
    return f"{text} {SAID}"


def topic_slot(name: str, value: str, resolved_id: str, slot_type: str) -> dict:
    return {name: envelope.slot(name, said(value), resolved_id, slot_type=slot_type)}


# (request, outcome the log line must report)
CONVERSATION = [
    (envelope.launch_request(), "answered"),
    (
        envelope.intent_request(
            "TherapyOverviewIntent", topic_slot("person", "my son", "CHILD", "PersonType")
        ),
        "answered",
    ),
    (
        envelope.intent_request(
            "AppointmentIntent", topic_slot("person", "my wife", "PARTNER", "PersonType")
        ),
        "answered",
    ),
    (
        envelope.intent_request(
            "QuestionIntent", {"query": envelope.slot("query", said("my mother's pump and her address"))}
        ),
        None,  # answered or fallback, depending on the keywords the content carries
    ),
    (envelope.intent_request("AMAZON.HelpIntent"), "answered"),
    (envelope.intent_request("AMAZON.FallbackIntent"), "fallback"),
    (envelope.intent_request("AMAZON.StopIntent"), "answered"),
    (envelope.session_ended_request(), "ended"),
]
EMERGENCY = (
    envelope.intent_request(
        "EmergencyIntent", topic_slot("symptom", "he is not breathing", "NOT_BREATHING", "SymptomType")
    ),
    "emergency",
)


def converse(handler, screen) -> list[envelope.Heard]:
    """The whole conversation on a voice-only device or one with a screen; what each reply was."""
    session = PrivateSession(user_id=USER_ID, session_id=SESSION_ID, screen=screen)
    heard = [envelope.send(handler, session, request) for request, _ in CONVERSATION[:3]]
    heard.append(
        envelope.send(handler, session, EMERGENCY[0])
    )  # an emergency ends its session: start another
    session = PrivateSession(user_id=USER_ID, session_id=SESSION_ID, screen=screen)
    heard += [envelope.send(handler, session, request) for request, _ in CONVERSATION[3:]]
    return heard


@pytest.fixture(params=[None, "hub-landscape-medium"], ids=["voice-only", "screen"])
def everything_logged(request, lambda_handler, caplog, capsys):
    """Runs the whole conversation; returns (the JSON request lines, everything logged or printed)."""
    caplog.set_level(logging.DEBUG)
    converse(lambda_handler, request.param)
    captured = capsys.readouterr()
    logged = "\n".join(
        [captured.out, captured.err, caplog.text]
        + [str(record.args) for record in caplog.records]
        + [repr(getattr(record, "exc_info", None)) for record in caplog.records]
    )
    return [line for line in captured.err.splitlines() if line.startswith("{")], logged


def test_no_id_token_or_anything_the_user_said_is_logged(everything_logged):
    lines, logged = everything_logged
    assert len(lines) == len(CONVERSATION) + 1  # it did log
    for secret in SECRETS:
        assert secret not in logged, secret


def test_one_json_line_per_request_with_the_required_fields(everything_logged):
    lines, _ = everything_logged
    records = [json.loads(line) for line in lines]
    assert len(records) == len(CONVERSATION) + 1
    expected = [outcome for _, outcome in CONVERSATION[:3]] + [EMERGENCY[1]]
    expected += [outcome for _, outcome in CONVERSATION[3:]]
    for record, outcome in zip(records, expected, strict=True):
        assert record.keys() >= REQUIRED_FIELDS
        assert isinstance(record["duration_ms"], int | float) and record["duration_ms"] >= 0
        assert record["locale"] == "en-US"
        if outcome is not None:
            assert record["outcome"] == outcome
    assert [r["request_type"] for r in records][:2] == ["LaunchRequest", "IntentRequest"]
    assert records[1]["intent"] == "TherapyOverviewIntent"
    assert records[1]["topic"] == "therapy_overview"
    assert records[2]["topic"] == "appointments"
    assert records[3]["intent"] == "EmergencyIntent" and records[3]["Emergencies"] == 1
    assert records[-3]["Fallbacks"] == 1


def test_no_screen_shows_an_id_a_token_or_anything_the_user_said(lambda_handler):
    heard = converse(lambda_handler, "hub-landscape-medium")
    screens = [turn.screen for turn in heard if turn.screen is not None]
    assert len(screens) == len(heard) - 1  # every reply but the one to the session's end
    shown = json.dumps(screens)
    for secret in SECRETS:
        assert secret not in shown, secret


def test_the_request_line_is_written_once_and_never_to_stdout_or_the_root_logger(lambda_handler, capsys):
    """On Lambda the root logger prints every record again with a prefix (which also breaks EMF)."""
    seen_by_root: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            seen_by_root.append(record.getMessage())

    root = logging.getLogger()
    collect = Collect()
    root.addHandler(collect)
    try:
        envelope.send(lambda_handler, envelope.Session(), envelope.launch_request())
    finally:
        root.removeHandler(collect)
    captured = capsys.readouterr()
    assert captured.out == ""  # stdout stays free for tools that call the handler (skill-sim)
    assert len([line for line in captured.err.splitlines() if line.startswith("{")]) == 1
    assert not [message for message in seen_by_root if message.startswith("{")]


def test_embedded_metrics_are_valid_and_topics_are_bounded(everything_logged):
    lines, _ = everything_logged
    known_topics = set(content.load().topics)
    topic_counts = 0
    for record in map(json.loads, lines):
        meta = record["_aws"]
        assert isinstance(meta["Timestamp"], int)
        assert meta["CloudWatchMetrics"]
        for directive in meta["CloudWatchMetrics"]:
            assert isinstance(directive["Namespace"], str) and directive["Namespace"]
            for dimension_set in directive["Dimensions"]:
                for dimension in dimension_set:  # a dimension is a string member of the line
                    assert isinstance(record[dimension], str)
            for metric in directive["Metrics"]:
                assert isinstance(record[metric["Name"]], int | float)
        names = {m["Name"] for d in meta["CloudWatchMetrics"] for m in d["Metrics"]}
        assert {"Requests", "Emergencies", "Fallbacks", "Errors"} <= names
        if record["topic"] is not None:
            assert record["topic"] in known_topics
            assert record["TopicRequests"] == 1 and "TopicRequests" in names
            topic_counts += 1
    assert topic_counts >= 2


def test_a_topic_from_forged_session_attributes_is_not_a_metric_dimension(lambda_handler, capsys):
    forged = {"last": {"speech": "hello", "topic": f"{SAID} private topic"}}
    session = envelope.Session(attributes=forged)
    envelope.send(lambda_handler, session, envelope.intent_request("AMAZON.RepeatIntent"))
    (line,) = capsys.readouterr().err.splitlines()
    record = json.loads(line)
    assert record["topic"] is None and "TopicRequests" not in record
    assert SAID not in line


# ---- skill id ----


@pytest.fixture
def skill_id_set(skill_config):
    """The Lambda handler of a skill that answers only the simulator's skill id."""
    return create_handler(skill_config._replace(skill_id=envelope.DEFAULT_SKILL_ID))


def test_a_request_for_another_skill_is_refused(skill_id_set, capsys):
    lambda_handler = skill_id_set
    other = PrivateSession(skill_id="amzn1.ask.skill.someone-else", user_id=USER_ID)
    raw = lambda_handler(other.envelope(envelope.launch_request()), None)
    assert raw == {"version": "1.0", "response": {}}  # answered with nothing, not with an exception
    (line,) = capsys.readouterr().err.splitlines()
    assert json.loads(line)["outcome"] == "refused"
    for secret in SECRETS:
        assert secret not in line


def test_a_request_that_cannot_show_its_skill_id_is_refused(skill_id_set, capsys):
    lambda_handler = skill_id_set
    event = envelope.Session().envelope(envelope.launch_request())
    del event["context"]
    assert lambda_handler(event, None) == {"version": "1.0", "response": {}}
    (line,) = capsys.readouterr().err.splitlines()
    assert json.loads(line)["outcome"] == "refused"


def test_this_skills_requests_are_answered_when_the_skill_id_is_checked(skill_id_set):
    from conftest import Conversation

    heard = Conversation(skill_id_set).launch()
    assert "not medical advice" in heard.speech
