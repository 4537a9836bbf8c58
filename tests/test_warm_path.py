"""The warm-path shortcuts (issue 7) say and store exactly what the plain code would."""

from __future__ import annotations

import json
import logging

import pytest

from itb_skill import observability, safety, speech, storage
from skill_sim import envelope

NOW = 1_800_000_000


def plain_json(record: dict) -> str:
    return json.dumps(record, separators=(",", ":"), sort_keys=True)


@pytest.mark.parametrize(
    "outcome, topic, error_type",
    [
        ("answered", "pump_size", None),
        ("answered", None, None),
        ("fallback", "not a topic", None),
        ("refused", None, "AskSdkException"),
        ("error", None, "RuntimeError"),
        ("something else", 7, None),
    ],
)
def test_the_log_line_is_the_plain_sorted_json_of_the_record(outcome, topic, error_type):
    event = envelope.Session().envelope(envelope.intent_request("AMAZON.HelpIntent"))
    record = observability.build_record(event, outcome, topic, 12.345, error_type)
    assert observability.to_json(record) == plain_json(record)


def test_a_record_of_another_shape_is_still_plain_json():
    record = {
        "b": 1,
        "a": {"CloudWatchMetrics": "x"},
        "_aws": {"CloudWatchMetrics": [{"Namespace": "Other"}]},
    }
    assert observability.to_json(record) == plain_json(record)


def test_the_line_on_stderr_equals_the_line_extra_log_handlers_receive(lambda_handler, capsys):
    class Lines(logging.Handler):
        def __init__(self):
            super().__init__()
            self.lines = []

        def emit(self, record):
            self.lines.append(record.getMessage())

    session = envelope.Session()
    envelope.send(lambda_handler, session, envelope.intent_request("AMAZON.HelpIntent"))
    direct = json.loads(capsys.readouterr().err.strip())
    extra = Lines()
    observability.request_log.addHandler(extra)
    try:
        envelope.send(lambda_handler, session, envelope.intent_request("AMAZON.HelpIntent"))
    finally:
        observability.request_log.removeHandler(extra)
    through_logging = json.loads(capsys.readouterr().err.strip())
    (captured,) = extra.lines
    assert json.loads(captured) == through_logging
    for line in (direct, through_logging):
        line.pop("duration_ms"), line["_aws"].pop("Timestamp")
    assert direct == through_logging


def test_each_slot_text_is_screened_once_per_request(lambda_handler, monkeypatch):
    screened = []

    def counting(text):
        screened.append(text)
        return real(text)

    real = safety.screen
    monkeypatch.setattr(safety, "screen", counting)
    slots = {"query": envelope.slot("query", "he is not breathing", slot_type="AMAZON.SearchQuery")}
    heard = envelope.send(
        lambda_handler, envelope.Session(), envelope.intent_request("QuestionIntent", slots)
    )
    assert "Call 911 now" in heard.speech
    assert screened == ["he is not breathing"]


def test_rendering_follows_changed_phone_numbers():
    first = {"appointments": speech.Phone("800-436-7936", "(800) 436-7936")}
    second = {"appointments": speech.Phone("800-555-0100", "(800) 555-0100")}
    text = "Call {appointments}."
    assert "800-436-7936" in speech.to_ssml(text, first)
    assert "800-555-0100" in speech.to_ssml(text, second)
    assert speech.to_card(text, second) == "Call (800) 555-0100."


def test_a_kept_sqlite_connection_follows_the_file_being_removed(tmp_path):
    path = tmp_path / "data" / "profiles.sqlite3"
    store = storage.SqliteStore(path, clock=lambda: NOW)
    store.save("k1", storage.Profile(visits=2, last_visit=NOW))
    assert store.load("k1") == storage.Profile(visits=2, last_visit=NOW)
    path.unlink()
    assert store.load("k1") is None  # not the deleted file's rows
    store.save("k2", storage.Profile(visits=1, last_visit=NOW))
    assert storage.SqliteStore(path, clock=lambda: NOW).load("k2") == storage.Profile(
        visits=1, last_visit=NOW
    )


def test_sqlite_purges_expired_rows_when_writing(tmp_path):
    import sqlite3

    path = tmp_path / "profiles.sqlite3"
    storage.SqliteStore(path, clock=lambda: NOW).save("old", storage.Profile(visits=1, last_visit=NOW))
    later = NOW + storage.RETENTION_SECONDS + 1
    storage.SqliteStore(path, clock=lambda: later).save("new", storage.Profile(visits=1, last_visit=later))
    with sqlite3.connect(path) as db:
        assert [row[0] for row in db.execute("SELECT id FROM profiles")] == ["new"]


# ---- reading requests: serializer.RequestSerializer is the SDK's DefaultSerializer, faster ----


def _requests():
    emergency = envelope.intent_request(
        "EmergencyIntent",
        {
            "person": envelope.slot("person", "my husband", "PARTNER", "my wife", slot_type="PersonType"),
            "symptom": envelope.slot("symptom", "not breathing", "NOT_BREATHING", slot_type="SymptomType"),
        },
    )
    question = envelope.intent_request(
        "QuestionIntent",
        {"query": envelope.slot("query", "how big is the pump", slot_type="AMAZON.SearchQuery")},
    )
    session = envelope.Session(attributes={"offer": {"topic": "pump_size", "part": 1}, "pace": "slow"})
    requests = [envelope.launch_request(), emergency, question, envelope.session_ended_request()]
    return [session.envelope(request) for request in requests]


@pytest.mark.parametrize(
    "timestamp", ["2026-11-25T08:00:00Z", "2026-11-25T08:00:00.5Z", "2024-02-29T23:59:59.123456Z"]
)
@pytest.mark.parametrize("index", range(4))
def test_requests_read_the_same_as_with_the_sdk_serializer(index, timestamp):
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    from itb_skill.serializer import RequestSerializer

    event = _requests()[index]
    event["request"]["timestamp"] = timestamp
    payload = json.dumps(event)
    ours = RequestSerializer().deserialize(payload, RequestEnvelope)
    sdk = DefaultSerializer().deserialize(payload, RequestEnvelope)
    assert ours == sdk  # models compare attribute by attribute; datetimes by the instant
    assert ours.request.timestamp.utcoffset().total_seconds() == 0
    assert DefaultSerializer().serialize(ours) == DefaultSerializer().serialize(sdk)


@pytest.mark.parametrize(
    "timestamp",
    ["2026-11-25T08:00:00+01:00", "2026-11-25 08:00:00", "2026-11-25T08:00:00.1234567Z", "Nov 25 2026 8:00"],
)
def test_other_timestamp_forms_go_to_the_sdk_parser(timestamp):
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    from itb_skill.serializer import RequestSerializer, parse_alexa_timestamp

    assert parse_alexa_timestamp(timestamp) is None
    event = _requests()[0]
    event["request"]["timestamp"] = timestamp
    payload = json.dumps(event)
    ours = RequestSerializer().deserialize(payload, RequestEnvelope).request.timestamp
    assert ours == DefaultSerializer().deserialize(payload, RequestEnvelope).request.timestamp
    assert repr(ours) == repr(DefaultSerializer().deserialize(payload, RequestEnvelope).request.timestamp)


@pytest.mark.parametrize("timestamp", ["2026-02-30T08:00:00Z", "yesterday", "2026-13-01T00:00:00Z"])
def test_impossible_timestamps_fail_as_with_the_sdk_serializer(timestamp):
    from ask_sdk_core.exceptions import SerializationException
    from ask_sdk_model import RequestEnvelope

    from itb_skill.serializer import RequestSerializer

    event = _requests()[0]
    event["request"]["timestamp"] = timestamp
    with pytest.raises(SerializationException):
        RequestSerializer().deserialize(json.dumps(event), RequestEnvelope)


def test_answering_an_alexa_request_never_loads_the_general_date_parser(tmp_path):
    """The timestamp is read without dateutil's parser (about 3 ms of a cold start to import)."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    script = (
        "import json, sys; import lambda_function; "
        "lambda_function.lambda_handler(json.loads(sys.argv[1]), None); "
        "print('dateutil.parser' in sys.modules)"
    )
    env = {"PYTHONPATH": str(root / "lambda"), "ITB_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for event in _requests():
        out = subprocess.run(
            [sys.executable, "-c", script, json.dumps(event)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert out.stdout.strip() == "False"
