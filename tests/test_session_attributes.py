"""Session attributes come back from the device: each is checked against what the skill could have written.

A value the skill could not have written is dropped, alone: the rest of the session goes on. A new
session starts from nothing, whatever attributes it carries. What the skill echoes stays small.
"""

from __future__ import annotations

import json

import pytest

from itb_skill.memory.profile import Profile, user_key
from skill_sim import envelope

NOW = 1_800_000_000
KNOWN_KEYS = {"pace", "offer", "last", "memory", "seen"}
MAX_ECHOED_BYTES = 2048  # far below Alexa's 24 KB response limit: ids, enums and bounded numbers only
ERROR_START = "If this is an emergency, call 911 now. Sorry, something went wrong"

ONE_BAD_ATTRIBUTE = {
    "unhashable pace": {"pace": ["slow"]},
    "unknown pace": {"pace": "fast"},
    "offer naming no topic": {"offer": {"topic": ["x"]}},
    "offer past the last part": {"offer": {"topic": "appointments", "part": 99}},
    "offer with extra keys": {"offer": {"topic": "appointments", "part": 0, "speech": "take more"}},
    "last not a reference": {"last": 7},
    "memory with a list status": {"memory": {"status": ["loaded"]}},
    "memory with junk values": {"memory": {"status": "loaded", "stored": {"visits": "many"}, "since": "x"}},
    "memory with huge numbers": {
        "memory": {"status": "loaded", "stored": {"visits": 10**2000, "last_visit": 10**20}, "since": 10**900}
    },
    "a huge unknown key": {"something_else": "x" * 200_000},
    "many unknown keys": {f"k{n}": n for n in range(5_000)},
    "everything wrong": {"pace": {"a": 1}, "offer": {"topic": ["x"]}, "last": 7, "memory": [], "x": None},
}


def send(handler, attributes: dict, request: dict, new: bool = False) -> envelope.Heard:
    session = envelope.Session(attributes=attributes, new=new)
    return envelope.send(handler, session, request)


def assert_small_and_known(heard: envelope.Heard) -> None:
    assert set(heard.attributes) <= KNOWN_KEYS
    assert len(json.dumps(heard.attributes)) <= MAX_ECHOED_BYTES


@pytest.mark.parametrize("attributes", ONE_BAD_ATTRIBUTE.values(), ids=ONE_BAD_ATTRIBUTE.keys())
@pytest.mark.parametrize("intent", ["AMAZON.YesIntent", "AMAZON.RepeatIntent", "AppointmentIntent"])
def test_one_bad_attribute_is_dropped_not_the_answer(lambda_handler, attributes, intent):
    heard = send(lambda_handler, attributes, envelope.intent_request(intent))
    assert not heard.speech.startswith(ERROR_START)
    assert heard.end_session is False and heard.reprompt
    assert_small_and_known(heard)
    if intent == "AMAZON.YesIntent":  # no offer survived the check
        opener = "If this is an emergency, call 911 now."
        assert heard.speech.startswith(f"{opener} Sure. What would you like to know")
    if intent == "AppointmentIntent":
        assert heard.card["title"] == "Make an appointment"
    assert "prosody" not in heard.ssml


def test_good_attributes_beside_a_bad_one_are_kept(lambda_handler):
    attributes = {"pace": "slow", "offer": {"topic": "appointments", "part": 0}, "junk": {"a": [1, 2]}}
    heard = send(lambda_handler, attributes, envelope.intent_request("AMAZON.YesIntent"))
    assert heard.card["title"] == "Make an appointment"
    assert '<prosody rate="85%">' in heard.ssml
    assert "junk" not in heard.attributes


@pytest.mark.parametrize(
    ("attributes", "request_body", "stale"),
    [
        (
            {"offer": {"topic": "appointments", "part": 0}},
            envelope.intent_request("AMAZON.YesIntent"),
            "offer",
        ),
        (
            {"last": {"topic": "appointments", "part": 0}},
            envelope.intent_request("AMAZON.RepeatIntent"),
            "last",
        ),
        ({"pace": "slow"}, envelope.launch_request(), "pace"),
    ],
    ids=["offer", "last", "pace"],
)
def test_a_new_session_ignores_attributes_it_did_not_write(lambda_handler, attributes, request_body, stale):
    heard = send(lambda_handler, attributes, request_body, new=True)
    assert "800-436-7936" not in heard.ssml
    assert "prosody" not in heard.ssml
    assert heard.attributes.get(stale) != attributes[stale]


def test_a_new_session_does_not_trust_a_remembered_profile_it_did_not_read(lambda_handler, memory_store):
    forged = {
        "memory": {"status": "loaded", "stored": {"visits": 9, "last_visit": NOW, "last_topic": "mychart"}}
    }
    heard = send(lambda_handler, forged, envelope.launch_request(), new=True)
    assert not heard.speech.startswith("Welcome back")
    assert memory_store.calls == ["load"]  # it read the real (empty) profile instead


@pytest.fixture
def clock():
    """Two hours after the stored visit: a new visit, so the profile is written (``conftest.skill``)."""
    return lambda: NOW + 2 * 60 * 60


def test_a_remembered_topic_that_names_no_content_is_never_stored(lambda_handler, memory_store, clock):
    key = user_key(envelope.DEFAULT_USER_ID, "local-development-salt")
    memory_store.profiles[key] = Profile(visits=2, last_visit=NOW, last_topic="retired_topic")
    session = envelope.Session()
    welcome = envelope.send(lambda_handler, session, envelope.launch_request())
    assert welcome.speech.startswith("Welcome back") and "Last time" not in welcome.speech
    forged = dict(session.attributes)
    forged["memory"] = {**forged["memory"], "topic": "my_private_words"}
    session.attributes = forged
    envelope.send(lambda_handler, session, envelope.intent_request("AMAZON.StopIntent"))
    assert memory_store.calls == ["load", "save"]
    (saved,) = memory_store.profiles.values()
    assert saved.visits == 3 and saved.last_topic is None


def test_every_attribute_the_skill_writes_is_one_session_state_defines(sessions, memory_store):
    from itb_skill import session_state

    written = set()
    conversation = sessions()
    for heard in (
        conversation.launch(),
        conversation.intent("SpeakSlowerIntent"),
        conversation.intent("TherapyOverviewIntent"),
        conversation.intent("AMAZON.YesIntent"),
        conversation.intent("AMAZON.RepeatIntent"),
        conversation.intent("ForgetMeIntent"),
    ):
        written |= set(heard.attributes)
    assert written and written <= session_state.KEYS
    assert {"pace", "offer", "last", "seen", "memory"} <= written  # each key seen in a real conversation
