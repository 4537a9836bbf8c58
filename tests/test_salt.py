"""With a DynamoDB table configured, the function refuses to run without a secret salt of 32+ characters.

An empty USER_HASH_SALT makes the storage key an unkeyed hash anyone can compute from a user id; an unset
one used a public constant. Refusing means: no storage call at all, every request answered with the error
reply (which says to call 911 in an emergency) and counted as an error, a log line that says why; an
emergency still gets the full 911 answer.
"""

from __future__ import annotations

import json

import pytest

from conftest import TEST_SALT
from itb_skill import config, safety
from itb_skill.skill import create_handler
from itb_skill.speech import ssml_to_text
from skill_sim import envelope

ERROR_HEARD = "If this is an emergency, call 911 now. Sorry, something went wrong on my side"


@pytest.fixture
def table_with_salt(memory_store):
    """A skill started with TABLE_NAME set and USER_HASH_SALT as given (None: unset); its store is the
    in-memory fake. Returns (its Lambda handler, the store)."""

    def configure(salt: str | None):
        environment = {"TABLE_NAME": "itb-skill-profiles"}
        if salt is not None:
            environment["USER_HASH_SALT"] = salt
        return create_handler(config.from_environment(environment), memory_store), memory_store

    return configure


WEAK_SALTS = {"unset": None, "empty": "", "short": "my-salt", "31 characters": "s" * 31}


@pytest.mark.parametrize("salt", WEAK_SALTS.values(), ids=WEAK_SALTS.keys())
def test_a_table_without_a_strong_salt_is_refused(table_with_salt, salt, capsys, caplog):
    lambda_handler, store = table_with_salt(salt)
    conversation = envelope.Session()
    welcome = envelope.send(lambda_handler, conversation, envelope.launch_request())
    assert welcome.speech.startswith(ERROR_HEARD) and "call 911 now" in welcome.speech
    assert welcome.end_session is False
    topic = envelope.send(lambda_handler, conversation, envelope.intent_request("AppointmentIntent"))
    assert topic.speech.startswith(ERROR_HEARD)
    assert store.calls == []  # no key was made from the weak salt, nothing read or written
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    assert [line["outcome"] for line in lines] == ["error", "error"]
    assert "USER_HASH_SALT" in caplog.text and "32" in caplog.text
    if salt:
        assert salt not in caplog.text  # the secret itself is never logged


@pytest.mark.parametrize("salt", WEAK_SALTS.values(), ids=WEAK_SALTS.keys())
def test_the_emergency_path_still_answers_with_a_weak_salt(table_with_salt, salt):
    lambda_handler, store = table_with_salt(salt)
    slots = {"query": envelope.slot("query", "my husband is not breathing")}
    heard = envelope.send(
        lambda_handler, envelope.Session(), envelope.intent_request("QuestionIntent", slots)
    )
    assert heard.speech.startswith("Call 911 now.") and heard.end_session is True
    heard = envelope.send(lambda_handler, envelope.Session(), envelope.intent_request("EmergencyIntent"))
    assert heard.speech == ssml_to_text(f"<speak>{safety.emergency_speech(safety.EMERGENCY)}</speak>")
    assert store.calls == []


def test_a_table_with_a_strong_salt_runs(table_with_salt):
    lambda_handler, store = table_with_salt(TEST_SALT)
    heard = envelope.send(lambda_handler, envelope.Session(), envelope.launch_request())
    assert "not medical advice" in heard.speech and not heard.speech.startswith(ERROR_HEARD)
    assert store.calls == ["load"]


def test_without_a_table_the_local_store_needs_no_salt(data_dir):
    lambda_handler = create_handler(config.from_environment({"ITB_DATA_DIR": str(data_dir)}))
    heard = envelope.send(lambda_handler, envelope.Session(), envelope.launch_request())
    assert "not medical advice" in heard.speech
