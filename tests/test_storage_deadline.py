"""Every storage wait is bounded by a clock around the whole call, not by botocore's per-read timeout.

Measured against a local DynamoDB endpoint that answers correctly but one byte at a time
(``slow_endpoint.py``): each socket read is quick, so botocore's 1 s read timeout never fires, and
without a deadline a launch waited for the whole reply (about 50 s for this one).
"""

from __future__ import annotations

import threading
import time

from itb_skill.memory import interceptors
from itb_skill.memory import stores as storage
from itb_skill.memory.profile import RETENTION_SECONDS
from skill_sim import envelope

NOW = 1_800_000_000
STORED = {  # a returning user's profile, as DynamoDB's GetItem returns it
    "Item": {
        "id": {"S": "key"},
        "attributes": {
            "M": {
                "visits": {"N": "3"},
                "last_visit": {"N": str(NOW)},
                "last_topic": {"S": "appointments"},
                "pace": {"S": "slow"},
            }
        },
        "expires_at": {"N": str(NOW + RETENTION_SECONDS)},
    }
}
# Alexa gives up after 8 s; the template's 7 s timeout leaves the function less.
ALEXA_WAITS_SECONDS = 8


def launch(handler, context) -> tuple[envelope.Heard, float, envelope.Session]:
    session = envelope.Session()
    started = time.monotonic()
    heard = envelope.send(handler, session, envelope.launch_request(), context)
    return heard, time.monotonic() - started, session


def test_a_reply_that_trickles_in_cannot_hold_the_answer(trickling_dynamodb, caplog):
    # the whole reply: over 60 s
    endpoint = trickling_dynamodb(delay=0.2, bodies={"GetItem": STORED}, clock=lambda: NOW + 60)
    heard, waited, session = launch(endpoint.skill.lambda_handler, envelope.LambdaContext())
    assert waited < ALEXA_WAITS_SECONDS - 1, waited
    assert endpoint.requests == ["GetItem"]
    assert not heard.speech.startswith("Welcome back") and "prosody" not in heard.ssml  # not personalized
    assert "not medical advice" in heard.speech and heard.reprompt
    assert "profile read skipped" in caplog.text and "DeadlineExceeded" in caplog.text

    goodbye = envelope.send(
        endpoint.skill.lambda_handler, session, envelope.intent_request("AMAZON.StopIntent")
    )
    assert goodbye.end_session is True
    assert endpoint.requests == ["GetItem"]  # a profile it could not read is never written


def test_the_same_endpoint_without_the_trickle_personalizes(trickling_dynamodb):
    endpoint = trickling_dynamodb(delay=0, bodies={"GetItem": STORED}, clock=lambda: NOW + 60)
    heard, _, _ = launch(endpoint.skill.lambda_handler, envelope.LambdaContext())
    assert heard.speech.startswith("Welcome back") and '<prosody rate="85%">' in heard.ssml


def test_no_storage_call_starts_without_time_left_to_answer(trickling_dynamodb):
    endpoint = trickling_dynamodb(delay=0, bodies={"GetItem": STORED})
    no_time = envelope.LambdaContext(timeout_ms=interceptors.ANSWER_RESERVE_SECONDS * 1000)
    heard, _, _ = launch(endpoint.skill.lambda_handler, no_time)
    assert endpoint.requests == []
    assert "not medical advice" in heard.speech and heard.reprompt


class StuckStore:
    """Any store (one that does not promise to bound its own waits) whose write never comes back, until
    the test lets it go."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.release = threading.Event()

    def load(self, key):
        self.calls.append("load")
        return None

    def save(self, key, profile):
        self.calls.append("save")
        self.release.wait(60)

    def delete(self, key):
        self.calls.append("delete")


def test_a_write_that_never_returns_cannot_hold_the_goodbye(sessions_of, caplog):
    stuck = StuckStore()
    try:
        conversation = sessions_of(stuck)()
        conversation.launch()
        conversation.intent("SpeakSlowerIntent")
        started = time.monotonic()
        goodbye = envelope.send(
            conversation.handler,
            conversation.session,
            envelope.intent_request("AMAZON.StopIntent"),
            envelope.LambdaContext(),
        )
        waited = time.monotonic() - started
    finally:
        stuck.release.set()
    assert goodbye.speech == "Goodbye, and take care." and goodbye.end_session is True
    assert waited < ALEXA_WAITS_SECONDS - 1, waited
    assert stuck.calls == ["load", "save"]
    assert "profile write skipped" in caplog.text


def test_a_locked_sqlite_file_cannot_hold_the_goodbye(sessions, data_dir, caplog):
    """The local store runs without a thread: its only wait, another writer's lock, is bounded by itself."""
    import sqlite3

    conversation = sessions()
    conversation.launch()  # creates the file
    conversation.intent("SpeakSlowerIntent")
    other_writer = sqlite3.connect(data_dir / storage.SQLITE_FILE, isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a stuck process would
    try:
        started = time.monotonic()
        goodbye = conversation.intent("AMAZON.StopIntent")
        waited = time.monotonic() - started
    finally:
        other_writer.execute("ROLLBACK")
        other_writer.close()
    assert goodbye.speech == "Goodbye, and take care." and goodbye.end_session is True
    assert waited < interceptors.STORAGE_DEADLINE_SECONDS, waited
    assert "profile write skipped" in caplog.text and "OperationalError" in caplog.text
