"""The warm-path shortcuts (issue 7) say and store exactly what the plain code would."""

from __future__ import annotations

import json
import logging

import pytest

from itb_skill import safety, speech, telemetry
from itb_skill.memory import stores as storage
from itb_skill.memory.profile import RETENTION_SECONDS, Profile
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
    record = telemetry.build_record(event, outcome, topic, 12.345, error_type)
    assert telemetry.to_json(record) == plain_json(record)


def test_a_record_of_another_shape_is_still_plain_json():
    record = {
        "b": 1,
        "a": {"CloudWatchMetrics": "x"},
        "_aws": {"CloudWatchMetrics": [{"Namespace": "Other"}]},
    }
    assert telemetry.to_json(record) == plain_json(record)


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
    telemetry.request_log.addHandler(extra)
    try:
        envelope.send(lambda_handler, session, envelope.intent_request("AMAZON.HelpIntent"))
    finally:
        telemetry.request_log.removeHandler(extra)
    through_logging = json.loads(capsys.readouterr().err.strip())
    (captured,) = extra.lines
    assert json.loads(captured) == through_logging
    for line in (direct, through_logging):
        line.pop("duration_ms"), line["_aws"].pop("Timestamp")
    assert direct == through_logging


def test_each_slot_text_is_screened_once_per_request(lambda_handler, monkeypatch):
    screened = []
    real = safety.assess

    def counting(text, **options):
        screened.append(text)
        return real(text, **options)

    monkeypatch.setattr(safety, "assess", counting)
    slots = {"query": envelope.slot("query", "he is not breathing", slot_type="AMAZON.SearchQuery")}
    heard = envelope.send(
        lambda_handler, envelope.Session(), envelope.intent_request("QuestionIntent", slots)
    )
    assert "Call 911 now" in heard.speech
    assert screened == ["he is not breathing"]  # from the raw envelope; the SDK's objects agree with it


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
    store.save("k1", Profile(visits=2, last_visit=NOW))
    assert store.load("k1") == Profile(visits=2, last_visit=NOW)
    path.unlink()
    assert store.load("k1") is None  # not the deleted file's rows
    store.save("k2", Profile(visits=1, last_visit=NOW))
    assert storage.SqliteStore(path, clock=lambda: NOW).load("k2") == Profile(visits=1, last_visit=NOW)


def test_sqlite_purges_expired_rows_when_writing(tmp_path):
    import sqlite3

    path = tmp_path / "profiles.sqlite3"
    storage.SqliteStore(path, clock=lambda: NOW).save("old", Profile(visits=1, last_visit=NOW))
    later = NOW + RETENTION_SECONDS + 1
    storage.SqliteStore(path, clock=lambda: later).save("new", Profile(visits=1, last_visit=later))
    with sqlite3.connect(path) as db:
        assert [row[0] for row in db.execute("SELECT id FROM profiles")] == ["new"]
