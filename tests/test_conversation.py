"""The built-in conversation: launch, help, yes/no, repeat, start over, stop, fallback, session end."""

from __future__ import annotations


def test_launch_welcomes_and_says_not_medical_advice_and_911(conversation):
    heard = conversation.launch()
    assert "not medical advice" in heard.speech
    assert "call 911" in heard.speech
    assert heard.reprompt
    assert heard.end_session is False


def test_help_lists_topics_and_keeps_listening(conversation):
    heard = conversation.intent("AMAZON.HelpIntent")
    assert "side effects" in heard.speech and "911" in heard.speech
    assert heard.reprompt and heard.end_session is False


def test_fallback_offers_topics_and_reminds_of_911(conversation):
    heard = conversation.intent("AMAZON.FallbackIntent")
    assert "call 911" in heard.speech
    assert heard.reprompt and heard.end_session is False


def test_stop_and_cancel_end_the_session(conversation):
    for name in ("AMAZON.StopIntent", "AMAZON.CancelIntent"):
        heard = conversation.intent(name)
        assert heard.end_session is True
        assert heard.reprompt is None


def test_repeat_says_the_last_answer_again(conversation):
    first = conversation.intent("TherapyOverviewIntent")
    again = conversation.intent("AMAZON.RepeatIntent")
    assert again.speech == first.speech
    assert again.reprompt == first.reprompt


def test_yes_plays_the_offered_follow_up_and_no_declines(conversation):
    conversation.intent("TherapyOverviewIntent")
    heard = conversation.intent("AMAZON.YesIntent")
    assert heard.card["title"] == "Make an appointment"
    declined = conversation.intent("AMAZON.NoIntent")
    assert declined.reprompt and declined.end_session is False


def test_session_ended_returns_no_speech(conversation):
    conversation.launch()
    heard = conversation.end()
    assert heard.speech == ""


def test_unknown_intent_gets_the_fallback_not_an_error(conversation):
    heard = conversation.intent("SomethingNobodyDeclaredIntent")
    assert "call 911" in heard.speech and heard.reprompt


def test_emergency_intent_says_call_911_first_and_ends_session(conversation):
    heard = conversation.intent("EmergencyIntent")
    assert heard.speech.startswith("Call 911 now.")
    assert heard.end_session is True
    assert heard.card["title"] == "Call 911 now"


def test_danger_in_any_slot_beats_the_intent_that_carried_it(conversation):
    heard = conversation.intent("QuestionIntent", query="my husband is not breathing")
    assert heard.speech.startswith("Call 911 now.")
    assert heard.end_session is True
