"""Returning users, across sessions: shorter welcome, continue offer, remembered pace, forget me.

Each ``sessions()`` call is a new Alexa session of the same user, through the real ``lambda_handler``.
"""

from __future__ import annotations

import re

import pytest

from fakes import BrokenStore, FakeClock
from itb_skill import content
from itb_skill.memory import stores as storage
from itb_skill.memory.profile import Profile
from skill_sim import envelope


@pytest.fixture
def clock():
    """The skill's clock in a test that asks for it (``conftest.skill``)."""
    return FakeClock()


def words(text: str) -> int:
    return len(text.split())


# ---- through the default (SQLite) store, as `skill-sim chat` uses it ----


def test_second_visit_gets_a_shorter_welcome_and_can_pick_up_the_last_topic(sessions):
    first = sessions()
    welcome = first.launch()
    assert not welcome.speech.startswith("Welcome back")
    first.intent("AppointmentIntent")
    first.intent("AMAZON.StopIntent")

    second = sessions()
    again = second.launch()
    assert again.speech.startswith("Welcome back")
    assert words(again.speech) < words(welcome.speech)
    assert "not medical advice" in again.speech and "call 911" in again.speech
    assert "Last time, you heard how to make an appointment." in again.speech
    assert again.reprompt and again.end_session is False
    picked_up = second.intent("AMAZON.YesIntent")
    assert picked_up.card["title"] == "Make an appointment"
    assert "800-436-7936" in picked_up.ssml


def test_returning_user_who_heard_no_topic_gets_the_short_welcome_without_an_offer(sessions):
    first = sessions()
    welcome = first.launch()
    first.end()

    again = sessions().launch()
    assert again.speech.startswith("Welcome back")
    assert "Last time" not in again.speech
    assert words(again.speech) < words(welcome.speech)
    assert again.reprompt


def test_declining_the_offer_keeps_the_conversation_going(sessions):
    first = sessions()
    first.launch()
    first.intent("TherapyOverviewIntent")
    first.end()

    second = sessions()
    assert "Would you like to hear it again?" in second.launch().speech
    declined = second.intent("AMAZON.NoIntent")
    assert declined.reprompt and declined.end_session is False


def test_speak_slower_applies_to_every_later_answer_and_next_session(sessions):
    first = sessions()
    assert "prosody" not in first.launch().ssml
    slower = first.intent("SpeakSlowerIntent")
    assert '<prosody rate="85%">' in slower.ssml
    assert "normal speed" in slower.speech  # tells how to undo it
    assert '<prosody rate="85%">' in first.intent("AppointmentIntent").ssml
    first.intent("AMAZON.StopIntent")

    second = sessions()
    assert '<prosody rate="85%">' in second.launch().ssml
    normal = second.intent("SpeakNormalIntent")
    assert "prosody" not in normal.ssml
    second.end()

    assert "prosody" not in sessions().launch().ssml


def test_other_users_are_not_recognised(sessions):
    first = sessions()
    first.launch()
    first.intent("SpeakSlowerIntent")
    first.end()

    stranger = sessions(user_id="amzn1.ask.account.SOMEONE-ELSE").launch()
    assert not stranger.speech.startswith("Welcome back")
    assert "prosody" not in stranger.ssml


# ---- forget me ----


def remembered_user(sessions) -> None:
    first = sessions()
    first.launch()
    first.intent("SpeakSlowerIntent")
    first.intent("AppointmentIntent")
    first.intent("AMAZON.StopIntent")


def test_forget_me_asks_first_and_yes_deletes_everything(sessions, memory_store):
    remembered_user(sessions)
    assert len(memory_store.profiles) == 1

    second = sessions()
    second.launch()
    asked = second.intent("ForgetMeIntent")
    assert "yes or no" in asked.speech and asked.reprompt and asked.end_session is False
    assert len(memory_store.profiles) == 1  # nothing deleted before the answer
    done = second.intent("AMAZON.YesIntent")
    assert "deleted" in done.speech
    assert "prosody" not in done.ssml  # the pace is forgotten too
    assert memory_store.profiles == {}
    second.intent("AMAZON.StopIntent")
    assert memory_store.profiles == {}  # the end of this session does not write it back

    welcome = sessions().launch()
    assert not welcome.speech.startswith("Welcome back")
    assert "prosody" not in welcome.ssml


def test_forget_me_answered_no_keeps_the_data(sessions, memory_store):
    remembered_user(sessions)
    before = dict(memory_store.profiles)

    second = sessions()
    second.launch()
    second.intent("ForgetMeIntent")
    kept = second.intent("AMAZON.NoIntent")
    assert "won't delete" in kept.speech and kept.reprompt
    second.end()
    assert set(memory_store.profiles) == set(before)
    assert sessions().launch().speech.startswith("Welcome back")


def test_topic_offers_still_work_after_an_abandoned_forget_me(sessions, memory_store):
    remembered_user(sessions)
    second = sessions()
    second.launch()
    second.intent("ForgetMeIntent")
    second.intent("TherapyOverviewIntent")  # changed their mind, asked something else
    heard = second.intent("AMAZON.YesIntent")  # yes to the topic's follow-up, not to deleting
    assert heard.card["title"] == "Make an appointment"
    assert len(memory_store.profiles) == 1


def test_forget_me_when_the_database_fails_says_so(sessions_of):
    class DeleteFails(storage.MemoryStore):
        def delete(self, key):
            raise storage.StorageError("dynamodb delete failed: AccessDeniedException")

    sessions = sessions_of(DeleteFails())
    remembered_user(sessions)
    second = sessions()
    second.launch()
    second.intent("ForgetMeIntent")
    heard = second.intent("AMAZON.YesIntent")
    assert "couldn't delete" in heard.speech and heard.reprompt


# ---- skill disabled ----


def skill_disabled_event(user_id: str = envelope.DEFAULT_USER_ID) -> dict:
    """``AlexaSkillEvent.SkillDisabled`` as Alexa sends it: no session, the user in the context."""
    return {
        "version": "1.0",
        "context": {
            "System": {
                "application": {"applicationId": envelope.DEFAULT_SKILL_ID},
                "user": {"userId": user_id},
                "apiEndpoint": "https://api.amazonalexa.com",
            }
        },
        "request": {
            "type": "AlexaSkillEvent.SkillDisabled",
            "requestId": "amzn1.echo-api.request.event-1",
            "timestamp": "2026-11-25T08:00:00Z",
            "eventCreationTime": "2026-11-25T08:00:00Z",
            "eventPublishingTime": "2026-11-25T08:00:01Z",
            "body": {"userId": user_id, "userInformationPersistenceStatus": "NOT_PERSISTED"},
        },
    }


def test_disabling_the_skill_deletes_the_users_data(sessions, memory_store, lambda_handler):
    remembered_user(sessions)
    other = sessions(user_id="amzn1.ask.account.SOMEONE-ELSE")
    other.launch()
    other.end()
    assert len(memory_store.profiles) == 2

    raw = lambda_handler(skill_disabled_event(), None)
    assert "outputSpeech" not in (raw.get("response") or {})
    assert len(memory_store.profiles) == 1  # only this user's data
    assert memory_store.calls[-1] == "delete"
    assert not sessions().launch().speech.startswith("Welcome back")


def test_disabling_the_skill_with_the_default_store_deletes_too(sessions, lambda_handler):
    remembered_user(sessions)
    lambda_handler(skill_disabled_event(), None)
    assert not sessions().launch().speech.startswith("Welcome back")


# ---- cost: one read, at most one write per session; at most one storage call per request ----


def test_a_whole_session_reads_once_and_writes_once(sessions, memory_store, clock):
    conversation = sessions()
    per_request = []
    for step in (
        lambda: conversation.launch(),
        lambda: conversation.intent("TherapyOverviewIntent"),
        lambda: conversation.intent("AMAZON.YesIntent"),
        lambda: conversation.intent("AMAZON.RepeatIntent"),
        lambda: conversation.intent("SpeakSlowerIntent"),
        lambda: conversation.intent("AMAZON.HelpIntent"),
        lambda: conversation.intent("AMAZON.StopIntent"),
    ):
        before = len(memory_store.calls)
        step()
        per_request.append(len(memory_store.calls) - before)
    assert memory_store.calls == ["load", "save"]
    assert max(per_request) == 1
    (profile,) = memory_store.profiles.values()
    assert profile == Profile(visits=1, last_visit=int(clock.now), last_topic="appointments", pace="slow")

    conversation.end()  # a stray SessionEndedRequest after the stop: no second write
    assert memory_store.calls == ["load", "save"]


def test_no_write_when_nothing_changed(sessions, memory_store, clock):
    first = sessions()
    first.launch()
    first.intent("AppointmentIntent")
    first.end()
    assert memory_store.calls == ["load", "save"]

    clock.now += 10 * 60  # back ten minutes later: the same visit
    second = sessions()
    second.launch()
    second.intent("AMAZON.NoIntent")  # declines the offer, hears no topic, keeps the pace
    second.end()
    assert memory_store.calls == ["load", "save", "load"]

    clock.now += 2 * 60 * 60  # a new visit two hours later is counted
    third = sessions()
    third.launch()
    third.end()
    assert memory_store.calls[-2:] == ["load", "save"]
    (profile,) = memory_store.profiles.values()
    assert profile.visits == 2 and profile.last_visit == int(clock.now)


def test_session_ended_by_alexa_saves_once(sessions, memory_store):
    conversation = sessions()
    conversation.launch()
    conversation.intent("SpeakSlowerIntent")
    conversation.end()  # e.g. the user walked away
    assert memory_store.calls == ["load", "save"]
    (profile,) = memory_store.profiles.values()
    assert profile.pace == "slow"


# ---- faults and the emergency path ----


def test_emergency_first_with_broken_storage_says_call_911_and_never_touches_storage(sessions_of):
    broken = BrokenStore()
    heard = sessions_of(broken)().intent("EmergencyIntent")
    assert heard.speech.startswith("Call 911 now.")
    assert heard.end_session is True
    assert broken.calls == []


def test_danger_in_a_slot_mid_session_makes_no_storage_call(sessions, memory_store):
    conversation = sessions()
    conversation.launch()
    conversation.intent("SpeakSlowerIntent")
    heard = conversation.intent("QuestionIntent", query="my husband is not breathing")
    assert heard.speech.startswith("Call 911 now.")
    assert memory_store.calls == ["load"]  # the emergency ended the session without a write


def test_broken_storage_never_breaks_an_answer_and_logs_no_user_data(sessions_of, caplog):
    broken = BrokenStore()
    conversation = sessions_of(broken)()
    welcome = conversation.launch()
    assert "not medical advice" in welcome.speech and welcome.reprompt
    assert not welcome.speech.startswith("Sorry")
    assert conversation.intent("SpeakSlowerIntent").ssml.count("prosody") == 2  # still works for now
    assert conversation.intent("AMAZON.StopIntent").speech == "Goodbye, and take care."
    assert broken.calls == ["load"]  # the failed read; no write of a profile it could not read
    assert "ServiceUnavailable" in caplog.text
    assert envelope.DEFAULT_USER_ID not in caplog.text
    assert "SIMULATED-USER" not in caplog.text


# ---- the offer to hear the last topic again reads right for every topic (issue 12: "about about") ----


TEXTS = content.load("en-US")


@pytest.mark.parametrize("topic_id", sorted(TEXTS.topics))
def test_the_welcome_back_offer_reads_right_for_every_topic(sessions, topic_id):
    first = sessions()
    first.launch()
    first.session.attributes["offer"] = {"topic": topic_id, "part": 0}
    assert first.intent("AMAZON.YesIntent").card["title"] == TEXTS.topics[topic_id].title  # hears the topic
    first.intent("AMAZON.StopIntent")

    again = sessions().launch()
    offer = TEXTS.topics[topic_id].offer
    assert f"Last time, you heard {offer}." in again.speech
    for said in (again.speech, again.reprompt):
        assert not re.search(r"\b(\w+) \1\b", said.lower()), said  # "about about"
