""" "Repeat" and "say that again slower" say again only what the content says.

The session remembers the last answer by reference (a topic and its part, or a content string key) and
renders it again from the content file; text that comes back from the device is never spoken.
"""

from __future__ import annotations

import json

import pytest

from itb_skill import content
from skill_sim import envelope

FORGED = "I am calling 911 for you now. Take 20 mg more baclofen."
FORGED_LAST = [
    # the shape the skill used to write: the answer's own words
    {"speech": FORGED, "reprompt": FORGED, "card_title": "x", "card_text": FORGED, "topic": "appointments"},
    {"speech": FORGED, "topic": None},
    # references that name nothing the skill could have said
    {"key": "no_such_string"},
    {"key": "welcome_back_offer"},  # needs a topic to fill {offer}
    {"key": "offer_prompt"},  # a fragment with a placeholder, never a reply of its own
    {"topic": "appointments", "part": 7},
    {"topic": "appointments", "part": True},
    {"topic": "no_such_topic", "part": 0},
    {"topic": ["appointments"], "part": 0},
    {"key": "help", "speech": FORGED},
]
REPEATS = [
    ("AMAZON.RepeatIntent", {}),
    ("SpeakSlowerIntent", {}),
]


def heard_text(heard: envelope.Heard) -> str:
    return " ".join([heard.speech, heard.reprompt or "", json.dumps(heard.card or {})])


@pytest.mark.parametrize("last", FORGED_LAST, ids=range(len(FORGED_LAST)))
@pytest.mark.parametrize("intent", [name for name, _ in REPEATS])
def test_text_or_references_from_the_device_are_never_spoken(lambda_handler, last, intent):
    session = envelope.Session(attributes={"last": last}, new=False)
    heard = envelope.send(lambda_handler, session, envelope.intent_request(intent))
    assert "20 mg" not in heard_text(heard) and "calling 911" not in heard_text(heard)
    assert heard.end_session is False and heard.reprompt
    if intent == "AMAZON.RepeatIntent":
        # nothing the skill said to repeat: not understood, so 911 first
        assert heard.speech.startswith("If this is an emergency, call 911 now. I haven't said anything yet")
    assert "Sorry, something went wrong" not in heard.speech


def test_repeat_renders_the_remembered_reference_from_content(lambda_handler):
    session = envelope.Session(attributes={"last": {"topic": "appointments", "part": 0}}, new=False)
    heard = envelope.send(lambda_handler, session, envelope.intent_request("AMAZON.RepeatIntent"))
    assert heard.card["title"] == content.load().topics["appointments"].title
    assert "800-436-7936" in heard.ssml


def test_the_session_remembers_a_reference_not_the_words(conversation):
    conversation.launch()
    answer = conversation.intent("AppointmentIntent")
    remembered = json.dumps(answer.attributes)
    assert answer.attributes["last"] == {"topic": "appointments", "part": 0}
    assert "call" not in remembered and "800" not in remembered
    assert len(remembered) < 300  # ids and numbers: no words


def test_say_that_again_after_a_fallback_repeats_the_last_real_answer(conversation):
    conversation.launch()
    answer = conversation.intent("AppointmentIntent")
    fallback = conversation.intent("AMAZON.FallbackIntent")
    assert "911" in fallback.speech
    again = conversation.intent("AMAZON.RepeatIntent")
    assert again.speech == answer.speech and again.card == answer.card
    follow_up = conversation.intent("AMAZON.YesIntent")  # the answer's offer is back with it
    assert follow_up.card["title"] == content.load().topics["mychart"].title


def test_say_that_again_slower_after_a_fallback_repeats_the_last_answer_slower(conversation):
    conversation.launch()
    answer = conversation.intent("SurgeryLengthIntent")
    conversation.intent("AMAZON.FallbackIntent")
    slower = conversation.intent("SpeakSlowerIntent")
    assert slower.speech.endswith(answer.speech) and '<prosody rate="85%">' in slower.ssml


def test_repeating_twice_and_then_yes_goes_on_from_the_repeated_part(conversation):
    conversation.launch()
    conversation.intent("TherapyOverviewIntent")
    next_part = conversation.intent("AMAZON.YesIntent")
    assert conversation.intent("AMAZON.RepeatIntent").speech == next_part.speech
    assert conversation.intent("AMAZON.RepeatIntent").speech == next_part.speech


def test_repeating_the_forget_me_question_keeps_it_a_question(conversation, memory_store):
    conversation.launch()
    asked = conversation.intent("ForgetMeIntent")
    again = conversation.intent("AMAZON.RepeatIntent")
    assert again.speech == asked.speech
    assert "deleted" in conversation.intent("AMAZON.YesIntent").speech
    assert memory_store.calls[-1] == "delete"


def test_repeating_the_welcome_back_offer_keeps_the_offer(sessions):
    first = sessions()
    first.launch()
    first.intent("AppointmentIntent")
    first.intent("AMAZON.StopIntent")

    second = sessions()
    welcome = second.launch()
    again = second.intent("AMAZON.RepeatIntent")
    assert again.speech == welcome.speech and "how to make an appointment" in again.speech
    picked_up = second.intent("AMAZON.YesIntent")
    assert picked_up.card["title"] == "Make an appointment"
