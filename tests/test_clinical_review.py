"""Regressions for the clinical review of issue 12: each finding, as the reviewer said it, through the
simulator's resolver and the real lambda_handler. The patterns behind them are held for every answer by
tests/test_content.py (no "Yes" opener, caregiver wording, the appointment line) and for every safety
topic by tests/test_safety_topics.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from itb_skill import content
from itb_skill.speech import ssml_to_text, to_ssml

REPO = Path(__file__).resolve().parent.parent
TEXTS = content.load("en-US")
APPOINTMENTS = TEXTS.phones["appointments"].spoken
HEARING = TEXTS.phones["hearing_services"].spoken


def spoken(text: str) -> str:
    return ssml_to_text(to_ssml(text, TEXTS.phones))


@pytest.fixture(scope="module")
def simulator():
    from skill_sim.simulator import Simulator

    return Simulator(repo=REPO)


def heard(simulator, utterance: str):
    turn = simulator.ask(utterance)
    assert turn.intent != "EmergencyIntent" and turn.heard.end_session is False, (utterance, turn.intent)
    return turn.heard


def title_of(topic_id: str) -> str:
    return TEXTS.topics[topic_id].title


# ---- "Yes, ..." heard as an answer to the question asked ----


@pytest.mark.parametrize(
    ("utterance", "opening"),
    [
        (
            "is bleeding normal after surgery",
            "Bleeding is on the hospital's list of rare possible complications",
        ),
        ("does he have meningitis", "Meningitis is on the hospital's list of rare possible complications"),
        (
            "is my pump leaking",
            "A spinal fluid leak is on the hospital's list of rare possible complications",
        ),
    ],
)
def test_a_question_about_someones_state_is_never_answered_yes_nor_diagnosed(simulator, utterance, opening):
    speech = heard(simulator, utterance).speech
    assert speech.startswith(opening)
    assert "isn't something expected" in speech and "I can't tell whether" in speech


# ---- fever, and side effects or complications the page does not list ----


def test_a_fever_after_surgery_has_its_own_answer_infection_meningitis_and_911(simulator):
    answer = heard(simulator, "what if he gets a fever after surgery")
    assert answer.card["title"] == title_of("fever")
    assert "infection and meningitis" in answer.speech
    assert "if someone has a fever now after surgery or with a pump, call 911" in answer.speech


@pytest.mark.parametrize(
    ("utterance", "topic_id"),
    [
        ("can it cause seizures", "side_effect_overdose_sign"),
        ("can it cause confusion", "side_effect_withdrawal_sign"),
        ("can it cause itching", "side_effect_withdrawal_sign"),
        ("can baclofen cause hair loss", "side_effect_not_listed"),
    ],
)
def test_something_not_on_the_lists_is_never_heard_as_no(simulator, utterance, topic_id):
    answer = heard(simulator, utterance)
    assert answer.card["title"] == title_of(topic_id)
    assert not answer.speech.lower().startswith("no")
    assert "care team" in answer.speech


def test_not_being_listed_is_said_not_to_mean_it_cannot_happen(simulator):
    for utterance in ("can baclofen cause hair loss", "can the surgery cause nerve damage"):
        assert "not being listed doesn't mean it can't happen" in heard(simulator, utterance).speech


# ---- groups, cures and conditions the page never mentions: no answer that sounds like a yes ----


@pytest.mark.parametrize(
    ("utterance", "topic_id"),
    [
        ("is it safe during pregnancy", "no_info_groups"),
        ("can children get the pump", "no_info_groups"),
        ("is there an age limit", "no_info_groups"),
        ("am I too old", "no_info_groups"),
        ("will it cure MS", "no_info_cure"),
        ("does it help with cerebral palsy", "condition_not_named"),
    ],
)
def test_what_the_page_never_mentions_gets_i_dont_have_that_and_the_appointment_line(
    simulator, utterance, topic_id
):
    answer = heard(simulator, utterance)
    assert answer.card["title"] == title_of(topic_id)
    assert answer.speech.startswith("I don't have information about")
    assert APPOINTMENTS in answer.speech


# ---- the appointment line, and caregivers ----


def test_the_worried_reply_gives_the_appointment_line_as_a_scheduling_line(simulator):
    speech = heard(simulator, "I'm nervous").speech
    assert f"To make an appointment, call {APPOINTMENTS}" in speech
    assert "to reach them" not in speech


@pytest.mark.parametrize("intent_name", ["MyChartIntent", "OnlineSchedulingIntent", "MedicalAdviceIntent"])
def test_answers_fit_someone_asking_for_another_person(conversation, intent_name):
    speech = conversation.intent(intent_name).speech
    assert "If you're already" not in speech and "your own" not in speech


# ---- what was missed: what the therapy is for, spasticity, the pump under the skin, paralysis ... ----


def test_the_overview_says_what_the_therapy_is_for(simulator):
    speech = heard(simulator, "what is baclofen pump therapy").speech
    assert speech.startswith("Baclofen pump therapy calms muscles that are too active")


@pytest.mark.parametrize(
    ("utterance", "topic_id", "must_say"),
    [
        ("what is spasticity", "spasticity", "doesn't define spasticity"),
        ("will the pump show", "pump_feel_and_show", "doesn't say whether the pump shows or can be felt"),
        ("can you feel the pump", "pump_feel_and_show", "computer mouse"),
        ("is paralysis permanent", "complication_paralysis", "such as how long it would last"),
        ("what does outpatient mean", "hospital_stay", "going home the same day"),
        ("does the screening test hurt", "screening_not_covered", "how the screening test feels"),
    ],
)
def test_questions_that_missed_get_their_answer(simulator, utterance, topic_id, must_say):
    answer = heard(simulator, utterance)
    assert answer.card["title"] == title_of(topic_id)
    assert must_say in answer.speech


# ---- Deaf and hard-of-hearing people ----


@pytest.mark.parametrize(
    ("utterance", "topic_id"),
    [
        ("what number do deaf patients call", "hearing_services"),
        ("I'm deaf, how do I get help with my appointment", "hearing_services"),
        ("does an interpreter cost anything", "interpreter"),
    ],
)
def test_deaf_and_hard_of_hearing_questions_get_the_hearing_services_line(simulator, utterance, topic_id):
    answer = heard(simulator, utterance)
    assert answer.card["title"] == title_of(topic_id)
    assert HEARING in answer.speech and APPOINTMENTS not in answer.speech


# ---- single words that routed caregivers wrongly ----


@pytest.mark.parametrize(
    ("utterance", "wrong_topic"),
    [
        ("my son had the pump put in last week", "no_info_pump_life"),
        ("he can't sleep", "anesthesia"),
        ("my stomach hurts", "pump_location"),
    ],
)
def test_a_common_word_alone_does_not_pick_an_unrelated_answer(simulator, utterance, wrong_topic):
    turn = simulator.ask(utterance)
    assert turn.heard.card is None or turn.heard.card.get("title") != title_of(wrong_topic), utterance
    assert spoken(TEXTS.topics[wrong_topic].parts[0]) not in turn.heard.speech


@pytest.mark.parametrize(
    "utterance", ["I have a question about the pump", "my son had the pump put in last week"]
)
def test_saying_something_about_the_pump_is_invited_to_ask_not_refused(simulator, utterance):
    # a statement placed by loose keywords is not understood for sure: 911 first, then the invitation
    said = heard(simulator, utterance).speech
    assert said == f"If this is an emergency, call 911 now. {spoken(TEXTS.text('ask_away'))}"


@pytest.mark.parametrize(
    ("utterance", "topic_id"),
    [
        ("what should I do if my pump starts beeping", "pump_alarm"),
        ("what should we expect after my husband's pump surgery", "recovery"),
    ],
)
def test_what_should_questions_ask_for_facts_not_decisions(simulator, utterance, topic_id):
    assert heard(simulator, utterance).card["title"] == title_of(topic_id)


# ---- the conversation ----


def test_no_topic_is_offered_twice_in_one_session(conversation):
    # All the "not covered" answers lead to MyChart, every complication to the list: one offer each.
    # (The session remembers the last answers.MAX_SEEN topics heard or offered: 30 questions fit.)
    from test_topics import ask, first_route

    offered = []
    for topic_id in list(TEXTS.topics)[:30]:
        intent_name, said = first_route(topic_id)
        ask(conversation, intent_name, **said)
        offer = conversation.session.attributes.get("offer")
        if isinstance(offer, dict) and offer.get("part") == 0:
            offered.append(offer["topic"])
    assert len(offered) == len(set(offered)), [t for t in offered if offered.count(t) > 1]
    assert len(offered) > 10  # offers are still made while there are topics left to offer


def test_the_same_next_step_is_offered_once_then_the_next_one_along(conversation):
    first = conversation.intent("CostIntent")
    assert first.speech.endswith("Would you like to hear about booking with MyChart?")
    second = conversation.intent("RecoveryTimeIntent")  # also leads to MyChart
    assert "MyChart" not in second.speech
    assert second.speech.endswith("?") and second.end_session is False


@pytest.mark.parametrize("utterance", ["no thanks bye", "no thank you, goodbye", "no that's all"])
def test_no_thanks_bye_ends_the_session(simulator, utterance):
    turn = simulator.ask(utterance)
    assert turn.heard.end_session is True
    assert turn.heard.speech == spoken(TEXTS.text("goodbye"))
