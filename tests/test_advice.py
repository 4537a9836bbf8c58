"""Requests for personal medical advice are recognised by named patterns and declined, never answered
with a topic that reads like an answer (issue 12: doses in milligrams, doubling up, stopping or keeping
pills, stopping antibiotics early, sports with the pump, a "safe" dose)."""

from __future__ import annotations

import pytest

from itb_skill import advice, content

TEXTS = content.load("en-US")


@pytest.mark.parametrize(
    ("said", "recogniser", "topic"),
    [
        ("how many milligrams should I be getting", "dose_amount", "medical_advice"),
        ("can I double up on my pills", "dose_amount", "medical_advice"),
        ("if my spasms come back can I take extra tablets", "dose_amount", "medical_advice"),
        ("is my dose too high", "dose_amount", "medical_advice"),
        ("should we turn his dose down", "change_the_dose", "medical_advice"),
        ("can I stop my antibiotics early", "medicine_with_the_pump", "medical_advice"),
        ("is it safe to take sleeping pills with baclofen", "medicine_with_the_pump", "medical_advice"),
        ("should I keep taking my oral baclofen", "medicine_with_the_pump", "medical_advice"),
        ("can I have a glass of wine with dinner", "medicine_with_the_pump", "medical_advice"),
        ("can I play soccer with the pump", "activity_with_the_pump", "no_info_daily_life"),
        ("is the hot tub okay with a pump", "activity_with_the_pump", "no_info_daily_life"),
        ("can I turn the pump off for a week", "stop_the_therapy", "stopping_the_pump"),
        ("could I have it taken out", "stop_the_therapy", "stopping_the_pump"),
        ("can she go back to pills", "stop_the_therapy", "stopping_the_pump"),
        ("can I push my refill back a month", "skip_or_delay_a_refill", "delaying_refill"),
        ("how long can he go without a refill", "skip_or_delay_a_refill", "delaying_refill"),
        ("is it okay to ignore the beeping", "leave_an_alarm", "alarm_sounds"),
        ("should my daughter get the pump", "should_a_person", "medical_advice"),
        ("he has headaches should he change something", "should_a_person", "medical_advice"),
        ("is it okay if the dressing gets wet", "is_it_okay", "medical_advice"),
    ],
)
def test_each_kind_of_advice_is_recognised_by_a_named_pattern_that_explains_itself(said, recogniser, topic):
    hit = advice.recognise(said)
    assert hit is not None, said
    assert (hit.recogniser, hit.topic) == (recogniser, topic)
    assert hit.matched and hit.explanation
    assert hit.topic in TEXTS.topics


@pytest.mark.parametrize(
    "said",
    [
        "what happens if you miss a refill",  # a fact about refills, not a decision
        "what should I do if the pump alarm goes off",  # what to do is the alarm's answer
        "what signs should I watch for",
        "who should I call to make an appointment",
        "can the pump run out of medicine",
        "can you have a baclofen pump with a pacemaker",
        "how often does the pump need a refill",
        "can the medicine make you sleepy",
        "what is the usual dose",
        "can my husband get a pump",
        "why do people stop the pump",
    ],
)
def test_questions_about_facts_are_not_taken_for_advice(said):
    assert advice.recognise(said) is None


def test_the_carrier_phrase_of_the_advice_intent_counts_as_asking_for_a_decision():
    # "is it okay to {request}": only "go swimming after the surgery" reaches the skill.
    assert advice.recognise("go swimming after the surgery") is None
    hit = advice.recognise("go swimming after the surgery", framed=True)
    assert hit.topic == "no_info_daily_life" and hit.framed_by == "the question asked"


def test_every_recogniser_has_a_unique_name_and_declines_with_a_topic_the_content_has():
    names = [r.name for r in advice.RECOGNISERS]
    assert len(names) == len(set(names))
    for recogniser in advice.RECOGNISERS:
        assert recogniser.topic in TEXTS.topics and recogniser.explanation


@pytest.mark.parametrize(
    ("request_text", "topic_id"),
    [
        ("lower my dose", "medical_advice"),
        ("stop the pump for a while", "stopping_the_pump"),
        ("skip my refill this month", "delaying_refill"),
        ("go horseback riding", "no_info_daily_life"),
        ("wait on the alarm until Monday", "alarm_sounds"),
        ("bring my own snacks", "medical_advice"),  # anything else asked this way is still a decision
    ],
)
def test_the_advice_intent_declines_with_the_answer_its_words_call_for(conversation, request_text, topic_id):
    heard = conversation.intent("MedicalAdviceIntent", request=request_text)
    assert heard.card["title"] == TEXTS.topics[topic_id].title
    assert heard.end_session is False


@pytest.mark.parametrize(
    "query",
    [
        "can I double up on my baclofen pills until the pump is filled",  # got the filling answer
        "is it safe to take my sleeping pills with baclofen",  # "safe" got the complications answer
        "can I stop my antibiotics early",  # got the antibiotics answer
    ],
)
def test_free_text_advice_never_gets_a_topic_answer(conversation, query):
    heard = conversation.intent("QuestionIntent", query=query)
    assert heard.speech.startswith("I can't give medical advice")
    assert "care team" in heard.speech


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("should I get the pump", "I can't give medical advice"),
        ("how many milligrams should I get", "I can't give medical advice"),
        ("can I take ibuprofen while I have the pump", "I can't give medical advice"),
        ("can I keep taking my ms medicine", "I can't give medical advice"),
        ("is it okay to lift weights", "I can't give medical advice"),
        ("can I turn the pump off", "I can't give medical advice: stopping"),
        ("can I skip my next refill", "I can't give medical advice about skipping"),
    ],
)
def test_typed_advice_requests_are_declined_through_the_simulator(said, expected):
    from pathlib import Path

    from skill_sim.simulator import Simulator

    turn = Simulator(repo=Path(__file__).resolve().parent.parent).ask(said)
    assert expected in turn.heard.speech, (said, turn.intent)
    assert "care team" in turn.heard.speech


@pytest.mark.parametrize(
    ("said", "topic"),
    [
        ("switch the pump off at night", "stopping_the_pump"),  # "can I" taken off by "I {report}"
        ("wean myself off the baclofen slowly at home", "stopping_the_pump"),
        ("skip my refill next week because i'm away", "delaying_refill"),
        ("put off his refill until after christmas", "delaying_refill"),
        ("change the pump settings myself", "medical_advice"),
        ("leave the alarm until monday", "alarm_sounds"),
    ],
)
def test_stopping_or_putting_off_said_as_a_statement_is_a_decision_that_gets_the_caution(said, topic):
    hit = advice.recognise(said, statement=True)
    assert (hit.topic, hit.framed_by) == (topic, "said as a statement")
    assert advice.recognise(said) is None  # the same words asked as a question or a case still need a frame


@pytest.mark.parametrize(
    "said",
    [
        "want to turn this speaker off now",  # turning something off that is not the pump
        "read that stopping it can cause organ failure is that true",  # "it", not the pump named
        "what happens if a refill is a few days late",  # a question of fact, whoever carried it
    ],
)
def test_a_statement_is_a_decision_only_when_it_names_the_pump_the_refill_or_the_alarm(said):
    assert advice.recognise(said, statement=True) is None


def test_the_skill_cautions_someone_who_says_they_will_switch_the_pump_off(conversation):
    heard = conversation.intent("ReportIntent", report="switch the pump off at night")
    assert "Stopping baclofen suddenly can be dangerous" in heard.speech
    assert "911" in heard.speech and heard.end_session is False


def test_an_invitation_to_ask_never_sounds_like_permission(conversation):
    # Anything said about the pump without a question invites one; after "can I sleep on my front with the
    # pump" (heard as "I {report}") an invitation that opens "Sure, go ahead" is heard as a yes.
    heard = conversation.intent("ReportIntent", report="sleep on my front with the pump")
    after_opener = heard.speech.split("call 911 now. ", 1)[-1]
    assert not after_opener.lower().startswith(("sure", "yes", "go ahead", "okay", "of course"))
    assert heard.speech.startswith("If this is an emergency, call 911 now.")
