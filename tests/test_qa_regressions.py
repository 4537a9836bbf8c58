"""Phrasings and flows that failed in a listener's QA pass (MS, dystonia, caregivers) and now work.

Each phrasing below went to the fallback, to the wrong topic, or (for a question) to 911 before the
model gained the samples; they run through the simulator's resolver and the real lambda_handler.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from itb_skill import content, safety
from itb_skill.speech import ssml_to_text, to_ssml

REPO = Path(__file__).resolve().parent.parent

TEXTS = content.load("en-US")


OPENER = safety.OPENER


def spoken(text: str) -> str:
    return ssml_to_text(to_ssml(text, TEXTS.phones))


@pytest.fixture(scope="module")
def simulator():
    from skill_sim.simulator import Simulator

    return Simulator(repo=REPO)


# topic id -> what people said that missed it
MISSED: dict[str, tuple[str, ...]] = {
    "therapy_overview": (
        "what is this baclofen pump thing",
        "my neurologist said something about a pump what is it",
        "what is it",  # the first thing many people say after the welcome
        "tell me about it",
        "I was wondering about the pump",  # QA2: a first-person statement
    ),
    "what_baclofen_does": (
        "will it help my stiffness",
        "my legs are stiff all the time",
        "I have spasms in my legs",
        "my son has always been stiff would the pump help",
    ),
    "right_for_me": (
        "can my wife get it",
        "is this pump something that would be right for my son",
    ),
    "surgery_steps": (
        "what do they do in the operation",
        "what is the surgery like",
        "I want to know about the surgery",
    ),
    "surgery_length": ("how long will my son be in the operating room",),
    "hospital_stay": ("how long will I be in the hospital",),
    "pump_location": (
        "where do they put the pump",
        "where will it go",
        "I want to know where it goes",
    ),
    "pump_filling": ("is the pump full when they put it in", "when do they put the medicine in the pump"),
    "anesthesia": ("is my son going to be awake",),
    "pain_medicine": ("do I get pain killers",),
    "complications": ("is it dangerous", "are there any risks with the surgery"),
    "complication_paralysis": ("could I be paralyzed",),  # issue 12: paralysis has its own answer now
    "complication_infection": ("can I get an infection",),
    "complication_meningitis": ("can you get meningitis from it",),
    "complication_swelling": ("will there be swelling",),
    "side_effect_sleepiness": ("will I feel drowsy",),
    "side_effect_dizziness": ("will I get dizzy",),
    "side_effect_upset_stomach": ("does it make you throw up",),
    "side_effect_not_listed": ("does it cause weight gain",),
    "side_effects_temporary": ("can they fix the side effects",),
    "condition_not_named": ("what about cerebral palsy", "I had a stroke will it help"),
    "appointments": (
        "can you give me the number",
        "what number should my husband call",
        "I need the number to call",
        "I want to talk to someone",
        "I need to talk to a nurse",
        "I can't remember the number",
    ),
    "schedule_online": ("can I make an appointment online", "is there a website"),
    "mychart": ("what is mychart",),
    "hearing_services": ("services for the hearing impaired",),
    "no_info_cost": (
        "how much will it cost for my son",
        "I can't afford it",
    ),
    "no_info_dosing": ("what dose will I get", "how much medicine does the pump give"),
    "refills": ("how do they refill it",),
    "no_info_mri": ("can I get an MRI",),
    "no_info_daily_life": ("can I drive with the pump", "can I take a shower after surgery"),
    "no_info_general": ("who are the doctors",),
    # Issue 12: age, children, pregnancy are not on the page; these got "Is it right for me?" (heard as yes)
    "no_info_groups": (
        "my mom is eighty can she get it",
        "I'm seventy five am I too old",
        "can kids get the pump",
    ),
    # QA2: first-person statements and caregivers' free text (ReportIntent), and "I want to know about ..."
    "who_it_is_for": (
        "I have MS will it help",
        "my wife can't walk because of her ms will the pump let her walk",
    ),
    "screening_test": ("I'd like to know about the test", "do you have information about the screening test"),
    "screening_result": ("I had the test and it worked", "my test went well what now", "I passed the trial"),
    "recovery": ("I would like to know about recovery",),
    "how_it_works": ("i'm confused about how the pump works",),
    "pump_feel_and_show": ("I'm worried it will show",),  # issue 12: its own answer, not the size
    "no_info_recovery_time": ("I work full time how long will I be off",),
    "get_started": (
        "I think I want the pump",
        "I want to get started",
        "I'm thinking about getting the pump",
        "my doctor wants me to get a pump",
        "I think my husband needs the pump",
        "what's the first step",
        "how do I get the pump",
    ),
    "medical_advice": (
        "is it okay to miss a dose",
        "can I adjust the pump myself",
        "do you think I need the pump",
    ),
}


@pytest.mark.parametrize(("topic_id", "utterance"), [(t, u) for t, said in MISSED.items() for u in said])
def test_phrasings_that_missed_now_reach_their_topic(simulator, topic_id, utterance):
    turn = simulator.ask(utterance)
    assert turn.heard.card["title"] == TEXTS.topics[topic_id].title, (utterance, turn.intent)
    # A loose statement ("I think I want the pump") is not understood for sure: 911 first, then the topic.
    speech = turn.heard.speech.removeprefix(OPENER + " ")
    assert speech.startswith(spoken(TEXTS.topics[topic_id].parts[0]))
    assert turn.intent != "EmergencyIntent" and turn.heard.end_session is False


# QA2: statements that name no topic but still deserve an answer, not "Sorry, I can't help with that"
STATEMENTS: dict[str, tuple[str, ...]] = {
    "ask_away": (
        "I have a question",
        "I've got a couple of questions",
        "I want to ask something",
        "my wife has a question",
        "I'm a caregiver",
    ),
    "worried": ("I'm scared", "I'm nervous", "I'm really anxious about all this", "I don't like needles"),
}


@pytest.mark.parametrize(("key", "utterance"), [(k, u) for k, said in STATEMENTS.items() for u in said])
def test_statements_without_a_topic_get_their_own_reply_not_the_fallback(simulator, key, utterance):
    turn = simulator.ask(utterance)
    assert turn.heard.speech == f"{OPENER} {spoken(TEXTS.text(key))}", (utterance, turn.intent)
    assert turn.heard.reprompt == spoken(TEXTS.text(f"{key}_reprompt"))
    assert turn.heard.end_session is False


def test_the_worried_reply_points_to_the_care_team_and_911_without_advice(simulator):
    heard = simulator.ask("I'm nervous").heard
    assert TEXTS.phones["appointments"].spoken in heard.speech
    assert "call 911" in heard.speech
    assert "Call 911 now." not in heard.speech  # a feeling, not an emergency


@pytest.mark.parametrize(
    ("utterance", "topic_id"),
    [
        ("I'm worried about the surgery", "surgery_steps"),
        ("I'm scared of infection", "complication_infection"),
        ("I have a question about the side effects", "side_effects"),
    ],
)
def test_a_named_topic_beats_the_statement_around_it(simulator, utterance, topic_id):
    assert simulator.ask(utterance).heard.card["title"] == TEXTS.topics[topic_id].title


def test_every_statement_answers_with_a_topic_or_a_string_and_its_reprompt():
    assert TEXTS.statements
    for key, keywords in TEXTS.statements.items():
        assert keywords, key
        assert key in TEXTS.topics or (TEXTS.text(key).strip() and TEXTS.text(f"{key}_reprompt").strip())


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("tell me more", "AMAZON.YesIntent"),
        ("go on", "AMAZON.YesIntent"),
        ("what else", "AMAZON.HelpIntent"),
        ("I'm done", "AMAZON.StopIntent"),
        ("that's all", "AMAZON.StopIntent"),
        ("goodbye", "AMAZON.StopIntent"),
        ("I didn't catch that", "AMAZON.RepeatIntent"),
        ("can you say that slower", "SpeakSlowerIntent"),
        ("say that again slower", "SpeakSlowerIntent"),
    ],
)
def test_conversation_words_reach_the_conversation_intents(simulator, utterance, intent):
    turn = simulator.ask(utterance)
    assert turn.intent == intent, utterance


def test_i_am_done_ends_politely_not_with_911(simulator):
    heard = simulator.ask("I'm done").heard
    assert heard.end_session is True
    assert "911" not in heard.speech


def test_speak_slower_after_an_answer_says_that_answer_again_slowly(conversation):
    conversation.launch()
    answer = conversation.intent("SurgeryLengthIntent")
    slower = conversation.intent("SpeakSlowerIntent")
    assert '<prosody rate="85%">' in slower.ssml
    assert slower.speech.startswith(spoken(TEXTS.text("pace_slow_again")))
    assert slower.speech.endswith(answer.speech)  # the whole answer and its offer, again
    assert slower.reprompt == answer.reprompt and slower.end_session is False
    assert slower.card["title"] == answer.card["title"]
    # the offer still stands: "yes" takes the follow-up the answer offered
    follow_up = TEXTS.topics[TEXTS.topics["surgery_length"].follow_up]
    assert conversation.intent("AMAZON.YesIntent").card["title"] == follow_up.title


def test_speak_slower_with_nothing_said_yet_just_confirms_the_pace(conversation):
    conversation.launch()
    slower = conversation.intent("SpeakSlowerIntent")
    assert slower.speech == spoken(TEXTS.text("pace_slow"))


@pytest.mark.parametrize(
    "intent_name", ["InterpreterIntent", "AssistiveDevicesIntent", "HearingServicesIntent"]
)
def test_the_hearing_services_line_is_said_twice_to_write_it_down(conversation, intent_name):
    heard = conversation.intent(intent_name)
    assert heard.speech.count("313-916-1896") == 2
