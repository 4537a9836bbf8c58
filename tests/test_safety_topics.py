"""What people with a pump need answered (issue 12): withdrawal, overdose, alarms, refills and stopping,
from the second source only (FDA label, pump maker), each ending with what to do if the signs are
happening now. Asked through the real lambda_handler, as Alexa sends the intents."""

from __future__ import annotations

import re

import pytest

from itb_skill import content

TEXTS = content.load("en-US")
SAFETY_SOURCE = "safety facts: "
APPOINTMENT_SSML = '<say-as interpret-as="telephone">800-436-7936</say-as>'

# Every topic that rests on the safety facts, by what it must tell.
WITHDRAWAL_TOPICS = ("withdrawal", "withdrawal_early_signs", "withdrawal_causes", "withdrawal_prevention")
OVERDOSE_TOPICS = ("overdose_signs", "overdose_timing")
ALARM_AND_REFILL_TOPICS = ("pump_alarm", "alarm_sounds", "refills", "missed_refill", "no_info_refill_details")
DECLINED_AS_ADVICE = ("stopping_the_pump", "delaying_refill")
SAFETY_TOPICS = (
    *WITHDRAWAL_TOPICS,
    *OVERDOSE_TOPICS,
    "warning_signs",
    *ALARM_AND_REFILL_TOPICS,
    *DECLINED_AS_ADVICE,
)


def safety_topic_ids() -> set[str]:
    return {
        topic.id
        for topic in TEXTS.topics.values()
        if any(source.startswith(SAFETY_SOURCE) for source in topic.sources)
    }


def last_sentence(text: str) -> str:
    return re.split(r"(?<=[.?!])\s+", text.strip())[-1]


def test_every_safety_topic_the_issue_asks_for_exists_and_rests_on_the_safety_facts():
    assert set(SAFETY_TOPICS) <= safety_topic_ids()


@pytest.mark.parametrize("topic_id", sorted(safety_topic_ids() - {"no_info_pump_life"}))
def test_every_safety_topic_ends_with_what_to_do_if_the_signs_are_happening_now(topic_id):
    # Only the battery answer mentions the alarm in passing; every answer about the signs ends with 911.
    parts = TEXTS.topics[topic_id].parts
    assert "call 911" in last_sentence(parts[-1]), parts[-1]


@pytest.mark.parametrize(
    "intent_name", ["WithdrawalIntent", "OverdoseIntent", "PumpAlarmIntent", "RefillIntent"]
)
def test_a_question_about_the_signs_is_answered_not_treated_as_an_emergency(conversation, intent_name):
    heard = conversation.intent(intent_name)
    assert "call 911" in heard.speech
    assert not heard.speech.startswith("Call 911 now")
    assert heard.end_session is False and heard.reprompt


def test_withdrawal_names_its_signs_its_danger_and_that_it_is_an_emergency(conversation):
    heard = conversation.intent("WithdrawalIntent")
    for sign in ("high fever", "confusion", "spasticity coming back worse", "rigid muscles"):
        assert sign in heard.speech
    assert "death" in heard.speech and "Suspected withdrawal is an emergency" in heard.speech


def test_the_early_signs_and_causes_of_withdrawal_are_each_answered(conversation):
    early = conversation.intent("WithdrawalEarlySignsIntent").speech
    for sign in ("spasticity coming back", "itching", "low blood pressure", "tingling"):
        assert sign in early
    causes = conversation.intent("WithdrawalCausesIntent").speech
    for cause in ("missed", "alarm", "ran empty or stopped", "catheter", "programming"):
        assert cause in causes


def test_overdose_names_its_signs_and_when_it_can_come_on(conversation):
    signs = conversation.intent("OverdoseIntent").speech
    for sign in ("drowsiness", "slow or shallow", "seizures", "spreading up the body", "coma"):
        assert sign in signs
    timing = conversation.intent("OverdoseTimingIntent").speech
    assert "slowly" in timing and "refill" in timing and "dose" in timing


def test_an_alarm_means_contact_the_pump_doctor_at_once_and_the_two_sounds_are_told_apart(conversation):
    alarm = conversation.intent("PumpAlarmIntent").speech
    assert "running low" in alarm and "battery" in alarm
    assert "doctor in charge of the pump at once" in alarm
    sounds = conversation.intent("AlarmSoundsIntent").speech
    assert "two-tone alarm is the critical one" in sounds and "single tone is not critical" in sounds


def test_refills_are_answered_from_the_safety_facts_now_not_as_missing_information(conversation):
    heard = conversation.intent("RefillIntent")
    assert not heard.speech.startswith("I don't have")
    assert "needle" in heard.speech and "care team sets the schedule" in heard.speech
    missed = conversation.intent("MissedRefillIntent").speech
    assert "run empty" in missed and "withdrawal" in missed and "today" in missed
    assert "no_info_refills" not in TEXTS.topics


@pytest.mark.parametrize(
    ("intent_name", "slots", "decision"),
    [
        (
            "StopTherapyIntent",
            {"therapy": ("the pump", "PUMP", "TherapyType")},
            "stopping, pausing or removing",
        ),
        ("StopTherapyIntent", {}, "stopping, pausing or removing"),
        (
            "DelayRefillIntent",
            {"refill": ("my next refill", "REFILL", "RefillType")},
            "skipping or putting off",
        ),
    ],
)
def test_stopping_or_delaying_is_declined_as_advice_with_the_caution_the_care_team_today_and_911(
    conversation, intent_name, slots, decision
):
    heard = conversation.intent(intent_name, **slots)
    assert heard.speech.startswith("I can't give medical advice")
    assert decision in heard.speech
    assert "can be dangerous" in heard.speech and "contact the care team today" in heard.speech.lower()
    assert "call 911" in heard.speech and heard.end_session is False


@pytest.mark.parametrize(
    ("said", "slot_id", "topic_id", "sign_of"),
    [
        ("seizures", "OVERDOSE_SIGN", "side_effect_overdose_sign", "too much baclofen"),
        ("breathing problems", "OVERDOSE_SIGN", "side_effect_overdose_sign", "too much baclofen"),
        ("itching", "WITHDRAWAL_SIGN", "side_effect_withdrawal_sign", "withdrawal"),
        ("confusion", "WITHDRAWAL_SIGN", "side_effect_withdrawal_sign", "withdrawal"),
        ("low blood pressure", "WITHDRAWAL_SIGN", "side_effect_withdrawal_sign", "withdrawal"),
    ],
)
@pytest.mark.parametrize(
    ("intent_name", "slot_name", "slot_type"),
    [
        ("SideEffectIntent", "side_effect", "SideEffectType"),
        ("ComplicationIntent", "complication", "ComplicationType"),
    ],
)
def test_a_sign_the_page_does_not_list_is_not_a_no_but_a_sign_of_overdose_or_withdrawal(
    conversation, said, slot_id, topic_id, sign_of, intent_name, slot_name, slot_type
):
    # "can it cause seizures" must not sound like "no": seizures are a sign of too much baclofen.
    heard = conversation.intent(intent_name, **{slot_name: (said, slot_id, slot_type)})
    assert heard.card["title"] == TEXTS.topics[topic_id].title
    assert heard.speech.startswith("That isn't on the hospital's lists")
    assert f"sign of {sign_of}" in heard.speech or f"signs of {sign_of}" in heard.speech
    assert "call 911" in heard.speech and not heard.speech.startswith("Call 911 now")


@pytest.mark.parametrize(
    ("said", "slot_id", "topic_id"),
    [
        ("itching", "ITCHING", "withdrawal_early_signs"),
        ("fever", "FEVER", "withdrawal"),
        ("seizures", "SEIZURES", "overdose_signs"),
        ("green toenails", None, "warning_signs"),
    ],
)
def test_what_a_sign_means_is_answered_by_the_list_it_belongs_to(conversation, said, slot_id, topic_id):
    heard = conversation.intent("SignMeaningIntent", sign=(said, slot_id, "SignType"))
    assert heard.card["title"] == TEXTS.topics[topic_id].title
