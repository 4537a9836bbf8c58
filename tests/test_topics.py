"""Every question the skill answers, asked through the real lambda_handler the way Alexa sends it.

Slot values are resolved against the interaction model (value or synonym -> id), as Alexa's entity
resolution would, so these tests also prove that the model's synonyms reach the right answer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from itb_skill import content, safety
from itb_skill.speech import ssml_to_text, to_card, to_ssml

MODEL_PATH = (
    Path(__file__).resolve().parent.parent
    / "interaction_model/skill-package/interactionModels/custom/en-US.json"
)
LANGUAGE_MODEL = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
INTENTS = {intent["name"]: intent for intent in LANGUAGE_MODEL["intents"]}
TYPES = {slot_type["name"]: slot_type for slot_type in LANGUAGE_MODEL["types"]}
TEXTS = content.load("en-US")
CONTENT_FILE = Path(content.CONTENT_DIR) / "en-US.json"
RAW_TOPICS = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))["topics"]
APPOINTMENT_SSML = '<say-as interpret-as="telephone">800-436-7936</say-as>'
HEARING_SSML = '<say-as interpret-as="telephone">313-916-1896</say-as>'
NOT_IN_ANY_LIST = "green toenails"  # a value Alexa passes through unresolved


def slot_type_of(intent_name: str, slot_name: str) -> str:
    return next(s["type"] for s in INTENTS[intent_name]["slots"] if s["name"] == slot_name)


def resolve(slot_type: str, said: str) -> tuple[str, str | None, str]:
    """What Alexa sends for ``said`` in a slot of ``slot_type``: the value and its resolved id."""
    key = said.lower()
    for value in TYPES[slot_type]["values"]:
        forms = [value["name"]["value"], *value["name"].get("synonyms", [])]
        if key in (form.lower() for form in forms):
            return said, value["id"], slot_type
    return said, None, slot_type


def ask(conversation, intent_name: str, **said: str):
    """Ask ``intent_name`` with slots given as what the person said."""
    slots = {name: resolve(slot_type_of(intent_name, name), text) for name, text in said.items()}
    return conversation.intent(intent_name, **slots)


def spoken(text: str) -> str:
    return ssml_to_text(to_ssml(text, TEXTS.phones))


def expected_prompt(topic_id: str, part: int) -> tuple[str, str]:
    topic = TEXTS.topics[topic_id]
    if part + 1 < len(topic.parts):
        return TEXTS.text("more_prompt"), TEXTS.text("more_reprompt")
    if topic.follow_up:
        offer = TEXTS.topics[topic.follow_up].offer
        return (
            TEXTS.text("offer_prompt").replace("{offer}", offer),
            TEXTS.text("offer_reprompt").replace("{offer}", offer),
        )
    return TEXTS.text("anything_else"), TEXTS.text("anything_else")


def assert_topic(heard, topic_id: str, part: int = 0) -> None:
    """The response is part ``part`` of ``topic_id``: speech, reprompt, card, open microphone."""
    topic = TEXTS.topics[topic_id]
    prompt, reprompt = expected_prompt(topic_id, part)
    assert heard.speech == spoken(f"{topic.parts[part]} {prompt}")
    assert heard.reprompt == spoken(reprompt)
    assert heard.card["title"] == topic.title
    assert heard.card["content"] == to_card(topic.card, TEXTS.phones)
    assert heard.end_session is False
    assert ElementTree.fromstring(heard.ssml).tag == "speak"


def first_form(slot_type: str, value_id: str) -> str:
    value = next(v for v in TYPES[slot_type]["values"] if v["id"] == value_id)
    return value["name"]["value"]


def routes() -> list[tuple[str, dict[str, str], str]]:
    """(intent, what was said in its slot, topic) for every way the content routes an intent."""
    found = []
    for intent_name, route in sorted(TEXTS.intents.items()):
        if route.slot is None:
            found.append((intent_name, {}, route.topic))
            continue
        slot_type = slot_type_of(intent_name, route.slot)
        for value_id, topic_id in sorted((route.by_id or {}).items()):
            found.append((intent_name, {route.slot: first_form(slot_type, value_id)}, topic_id))
        found.append((intent_name, {route.slot: NOT_IN_ANY_LIST}, route.otherwise))
        found.append((intent_name, {}, route.empty))
    return found


@pytest.mark.parametrize(("intent_name", "said", "topic_id"), routes(), ids=lambda x: str(x))
def test_each_route_answers_its_topic(conversation, intent_name, said, topic_id):
    assert_topic(ask(conversation, intent_name, **said), topic_id)


def first_route(topic_id: str) -> tuple[str, dict[str, str]]:
    for intent, said, target in routes():
        if target == topic_id:
            return intent, said
    pytest.fail(f"no intent leads to topic {topic_id!r}: give it a route in the 'intents' of {CONTENT_FILE}")


def test_every_topic_the_content_names_is_defined():
    named = {f"follow_up of {t.id}": t.follow_up for t in TEXTS.topics.values() if t.follow_up}
    for intent_name, route in TEXTS.intents.items():
        for where, topic_id in (
            ("topic", route.topic),
            ("otherwise", route.otherwise),
            ("empty", route.empty),
        ):
            if topic_id:
                named[f"intents.{intent_name}.{where}"] = topic_id
        for value_id, topic_id in (route.by_id or {}).items():
            named[f"intents.{intent_name}.by_id.{value_id}"] = topic_id
    undefined = {where: topic_id for where, topic_id in named.items() if topic_id not in TEXTS.topics}
    assert not undefined, f"topics named but not defined in {CONTENT_FILE}: {undefined}"


def test_every_routed_intent_and_slot_is_in_the_interaction_model():
    for intent_name, route in TEXTS.intents.items():
        assert intent_name in INTENTS, f"{intent_name} is routed in {CONTENT_FILE} but not in {MODEL_PATH}"
        if route.slot is not None:
            slots = [slot["name"] for slot in INTENTS[intent_name].get("slots", [])]
            assert route.slot in slots, f"{intent_name} has no slot {route.slot!r} in {MODEL_PATH}"


@pytest.mark.parametrize("topic_id", sorted(TEXTS.topics))
def test_each_topic_is_answered_part_by_part_with_yes(conversation, topic_id):
    intent_name, said = first_route(topic_id)
    assert_topic(ask(conversation, intent_name, **said), topic_id)
    for part in range(1, len(TEXTS.topics[topic_id].parts)):
        assert_topic(conversation.intent("AMAZON.YesIntent"), topic_id, part)


# ---- specific questions get specific answers ----


@pytest.mark.parametrize(
    ("said", "what"),
    [
        ("dizzy", "Dizziness is"),
        ("lightheaded", "Dizziness is"),
        ("sleepy", "Sleepiness is"),
        ("drowsy", "Sleepiness is"),
        ("tired", "Sleepiness is"),
        ("loose", "Loose muscles are"),
        ("throwing up", "An upset stomach and vomiting are"),
        ("nausea", "An upset stomach and vomiting are"),
        ("headaches", "Headaches are"),
    ],
)
def test_a_listed_side_effect_is_named_as_common_temporary_and_managed(conversation, said, what):
    # Starts with the noun, never "Yes,": the person may have asked "is my dizziness normal".
    heard = ask(conversation, "SideEffectIntent", side_effect=said)
    assert heard.speech.startswith(what)
    assert "common side effects" in heard.speech
    assert "usually temporary" in heard.speech and "adjusting the dose" in heard.speech


@pytest.mark.parametrize("said", ["sleepy", "dizzy", "loose"])
def test_a_listed_side_effect_that_is_also_a_sign_of_too_much_baclofen_says_when_to_call_911(
    conversation, said
):
    heard = ask(conversation, "SideEffectIntent", side_effect=said)
    assert "too much baclofen" in heard.speech and "call 911" in heard.speech
    assert "Call 911 now" not in heard.speech  # a question, not an emergency


@pytest.mark.parametrize(
    "said", ["hair loss", "weight gain", "constipation", "blurry vision", NOT_IN_ANY_LIST]
)
def test_a_side_effect_not_on_the_list_is_never_confirmed_nor_denied(conversation, said):
    heard = ask(conversation, "SideEffectIntent", side_effect=said)
    assert not heard.speech.lower().startswith(("yes", "no"))
    assert heard.speech.startswith("I don't have information about that.")
    assert "isn't on the hospital's list of common side effects" in heard.speech
    assert "not being listed doesn't mean it can't happen" in heard.speech
    assert "care team" in heard.speech and APPOINTMENT_SSML in heard.ssml and "call 911" in heard.speech
    assert said not in heard.speech.lower()  # the skill never repeats what was said


@pytest.mark.parametrize(
    ("said", "noun"),
    [
        ("infection", "Infection"),
        ("meningitis", "Meningitis"),
        ("spinal fluid leak", "A spinal fluid leak"),
        ("C S F leak", "A spinal fluid leak"),
        ("headache", "A headache"),
        ("swelling", "Swelling"),
        ("bleeding", "Bleeding"),
        ("bruises", "Bruising"),
        ("paralysis", "Paralysis"),
    ],
)
def test_a_listed_complication_starts_with_its_name_and_is_called_rare_not_expected(conversation, said, noun):
    heard = ask(conversation, "ComplicationIntent", complication=said)
    assert heard.speech.startswith(f"{noun} is on the hospital's list of rare possible complications")
    assert "call 911" in heard.speech and "Call 911 now" not in heard.speech
    assert heard.end_session is False


@pytest.mark.parametrize(
    "said", ["infection", "meningitis", "spinal fluid leak", "bleeding", "swelling", "bruising"]
)
def test_a_listed_complication_is_not_something_expected_and_never_a_diagnosis(conversation, said):
    # "is bleeding normal after surgery", "does he have meningitis": never "Yes, ..."
    heard = ask(conversation, "ComplicationIntent", complication=said)
    assert "it isn't something expected" in heard.speech
    assert "contact the care team" in heard.speech


def test_paralysis_says_the_page_tells_nothing_more_such_as_how_long_it_lasts(conversation):
    heard = ask(conversation, "ComplicationIntent", complication="paralysis")
    assert "says nothing more about it, such as how long it would last" in heard.speech


@pytest.mark.parametrize("said", ["blood clots", "nerve damage", "scarring", NOT_IN_ANY_LIST])
def test_a_complication_not_on_the_list_is_never_confirmed_nor_denied(conversation, said):
    heard = ask(conversation, "ComplicationIntent", complication=said)
    assert heard.speech.startswith("I don't have information about that.")
    assert "isn't on the hospital's list of surgical complications" in heard.speech
    assert "not being listed doesn't mean it can't happen" in heard.speech
    assert "care team" in heard.speech and APPOINTMENT_SSML in heard.ssml and "call 911" in heard.speech
    assert said not in heard.speech.lower()


# Besides the page's lists, both slots know the signs the safety facts name (seizures, itching...), which
# are answered as "not on the lists, but a sign of too much baclofen / of withdrawal"; fever has its own.
SAFETY_SIGNS = {
    "OVERDOSE_SIGN": "side_effect_overdose_sign",
    "WITHDRAWAL_SIGN": "side_effect_withdrawal_sign",
    "FEVER": "fever",
}


def test_the_side_effect_and_complication_lists_are_complete():
    side_effects = dict(TEXTS.intents["SideEffectIntent"].by_id)
    complications = dict(TEXTS.intents["ComplicationIntent"].by_id)
    for by_id in (side_effects, complications):
        assert {key: by_id.pop(key) for key in SAFETY_SIGNS} == SAFETY_SIGNS
    # "can it cause weight gain": the medicine's kind of effect, answered as not on the side-effect list
    assert complications.pop("SIDE_EFFECT_NOT_LISTED") == "side_effect_not_listed"
    assert set(side_effects) == {
        "LOOSE_MUSCLES",
        "SLEEPINESS",
        "UPSET_STOMACH_VOMITING",
        "HEADACHES",
        "DIZZINESS",
    }
    assert set(complications) == {
        "INFECTION",
        "MENINGITIS",
        "SPINAL_FLUID_LEAK",
        "PARALYSIS",
        "HEADACHE",
        "SWELLING",
        "BLEEDING",
        "BRUISING",
    }
    assert len(set(side_effects.values())) == 5 and len(set(complications.values())) == 8


def test_the_safety_answer_names_all_eight_complications_and_says_they_are_rare(conversation):
    heard = conversation.intent("ComplicationIntent")
    assert "rare" in heard.speech
    for name in ("infection", "meningitis", "spinal fluid leak", "paralysis", "headache", "swelling"):
        assert name in heard.speech
    assert "bleeding" in heard.speech and "bruising" in heard.speech
    assert heard.ssml.count("<break") >= 7  # a short pause between list items


def test_the_side_effects_answer_names_all_five(conversation):
    heard = conversation.intent("SideEffectIntent")
    for name in ("loose muscles", "sleepiness", "upset stomach and vomiting", "headaches", "dizziness"):
        assert name in heard.speech
    assert "usually temporary" in heard.speech and "adjusting the dose" in heard.speech


@pytest.mark.parametrize(
    ("intent_name", "must_say"),
    [
        ("PumpSizeIntent", "computer mouse"),
        ("AnesthesiaIntent", "general anesthesia"),
        ("AnesthesiaIntent", "feel no pain"),
        ("SurgeryLengthIntent", "one to two hours"),
        ("HospitalStayIntent", "outpatient"),
        ("PumpLocationIntent", "lower belly"),
        ("PumpLocationIntent", "decide together"),
        ("CatheterIntent", "silicone"),
        ("CatheterPathIntent", "under the skin"),
        ("PumpFillingIntent", "during the surgery or after it"),
        ("RecoveryIntent", "tenderness"),
        ("PainMedicineIntent", "pain"),
        ("AntibioticsIntent", "antibiotics"),
        ("ScreeningTestIntent", "small test dose"),
        ("ScreeningResultIntent", "good sign"),
        ("WhatBaclofenDoesIntent", "muscles"),
        ("HowItWorksIntent", "intrathecal space"),
        ("IntrathecalSpaceIntent", "around the spinal cord"),
        ("PumpVersusPillsIntent", "by mouth"),
        ("WhoIsItForIntent", "multiple sclerosis"),
        ("WhoIsItForIntent", "dystonia"),
        ("MyChartIntent", "MyChart"),
        ("OnlineSchedulingIntent", "online"),
        ("InterpreterIntent", "sign language interpreters"),
        ("AssistiveDevicesIntent", "TTY"),
        ("HearingServicesIntent", "free"),
    ],
)
def test_specific_questions_get_the_specific_fact(conversation, intent_name, must_say):
    assert must_say in conversation.intent(intent_name).speech


def test_appointments_give_the_phone_line_twice_and_online_scheduling(conversation):
    heard = conversation.intent("AppointmentIntent")
    assert heard.ssml.count(APPOINTMENT_SSML) == 2
    assert "online" in heard.speech
    assert "(800) 436-7936" in heard.card["content"] and "MyChart" in heard.card["content"]


def test_hearing_services_give_their_own_line_and_no_invented_email(conversation):
    heard = conversation.intent("HearingServicesIntent")
    assert HEARING_SSML in heard.ssml and "(313) 916-1896" in heard.card["content"]
    email = ask(conversation, "NotCoveredIntent", subject="email address")
    assert email.speech.startswith("I don't have an email address")
    assert HEARING_SSML in email.ssml and "@" not in email.speech


def test_a_condition_the_page_does_not_name_gets_no_promise(conversation):
    heard = ask(conversation, "ConditionIntent", condition="cerebral palsy")
    assert not heard.speech.lower().startswith("yes")
    assert heard.speech.startswith("I don't have information about that condition")
    assert "names only multiple sclerosis and dystonia" in heard.speech and APPOINTMENT_SSML in heard.ssml
    named = ask(conversation, "ConditionIntent", condition="MS")
    assert "multiple sclerosis" in named.speech


def test_headache_as_a_complication_leads_on_to_headache_as_a_side_effect(conversation):
    heard = ask(conversation, "ComplicationIntent", complication="headache")
    assert "also a common side effect" in heard.speech
    assert_topic(conversation.intent("AMAZON.YesIntent"), "side_effect_headaches")


# ---- what the page does not answer ----


@pytest.mark.parametrize(
    ("intent_name", "said", "about"),
    [
        ("CostIntent", {}, "cost or insurance"),
        ("DosingIntent", {}, "baclofen doses"),
        ("RecoveryTimeIntent", {}, "how many days or weeks recovery takes"),
        ("PumpLifespanIntent", {}, "how long the pump or its battery lasts"),
        ("NotCoveredIntent", {"subject": "insurance"}, "cost or insurance"),
        ("NotCoveredIntent", {"subject": "the dose"}, "baclofen doses"),
        ("NotCoveredIntent", {"subject": "healing time"}, "how many days or weeks recovery takes"),
        ("NotCoveredIntent", {"subject": "battery life"}, "how long the pump or its battery lasts"),
        ("NotCoveredIntent", {"subject": "an MRI"}, "MRI scans"),
        ("NotCoveredIntent", {"subject": "driving"}, "daily activities"),
        ("NotCoveredIntent", {"subject": "success rates"}, "numbers on how often"),
    ],
)
def test_an_unanswered_question_says_so_and_gives_the_appointment_line(
    conversation, intent_name, said, about
):
    heard = ask(conversation, intent_name, **said)
    assert heard.speech.startswith(f"I don't have information about {about}") or heard.speech.startswith(
        f"I don't have {about}"
    )
    assert APPOINTMENT_SSML in heard.ssml
    assert "(800) 436-7936" in heard.card["content"]
    assert not re.search(r"\b(yes|usually takes|lasts about)\b", heard.speech.lower())


@pytest.mark.parametrize("said", [{}, {"subject": NOT_IN_ANY_LIST}])
def test_any_other_subject_gets_an_honest_i_dont_know(conversation, said):
    heard = ask(conversation, "NotCoveredIntent", **said)
    assert heard.speech.startswith("I'm sorry, I don't have that information.")
    assert APPOINTMENT_SSML in heard.ssml and NOT_IN_ANY_LIST not in heard.speech


# ---- medical advice is never given ----


@pytest.mark.parametrize("person", [None, "my husband"])
def test_a_request_for_medical_advice_is_declined_and_sent_to_the_care_team(conversation, person):
    heard = ask(conversation, "MedicalAdviceIntent", **({"person": person} if person else {}))
    assert heard.speech.startswith("I can't give medical advice")
    assert "care team" in heard.speech and APPOINTMENT_SSML in heard.ssml
    assert "If it's urgent, call 911 now." in heard.speech
    assert heard.end_session is False and heard.reprompt


def test_the_medical_advice_samples_cover_the_classic_requests():
    samples = set(INTENTS["MedicalAdviceIntent"]["samples"])
    assert {"should I change my dose", "can I stop my pills", "can I drink alcohol with the pump"} <= samples


# ---- caregivers reach the same answers ----


def intents_with_a_person() -> list[str]:
    return sorted(
        name
        for name in TEXTS.intents
        if any(slot["name"] == "person" for slot in INTENTS[name].get("slots", []))
    )


@pytest.mark.parametrize("intent_name", intents_with_a_person())
@pytest.mark.parametrize("person", ["my son", "my wife", "my mom", "he", "my grandmother"])
def test_a_caregiver_asking_about_someone_else_hears_the_same_answer(lambda_handler, intent_name, person):
    from conftest import Conversation

    for_self = ask(Conversation(lambda_handler), intent_name)
    for_other = ask(Conversation(lambda_handler), intent_name, person=person)
    assert resolve("PersonType", person)[1] is not None
    assert for_other.speech == for_self.speech and for_other.card == for_self.card


def test_the_caregiver_examples_are_in_the_model():
    assert "is it right for {person}" in INTENTS["RightForMeIntent"]["samples"]
    assert "how long will {person} be in surgery" in INTENTS["SurgeryLengthIntent"]["samples"]


# ---- the conversation around a topic ----


def test_a_long_answer_comes_in_parts_offered_with_want_to_hear_more(conversation):
    first = conversation.intent("SurgeryStepsIntent")
    assert first.speech.endswith("Want to hear more?")
    again = conversation.intent("AMAZON.RepeatIntent")
    assert again.speech == first.speech
    second = conversation.intent("AMAZON.YesIntent")
    assert "catheter" in second.speech and second.speech.endswith("Want to hear more?")
    third = conversation.intent("AMAZON.YesIntent")
    assert "one to two hours" in third.speech
    assert third.speech.endswith("Would you like to hear what to expect after surgery?")
    after = conversation.intent("AMAZON.YesIntent")
    assert after.card["title"] == "After surgery"


def test_no_to_want_to_hear_more_stops_the_topic_and_keeps_listening(conversation):
    conversation.intent("SurgeryStepsIntent")
    heard = conversation.intent("AMAZON.NoIntent")
    assert heard.speech == spoken(TEXTS.text("declined"))
    assert heard.end_session is False and heard.reprompt
    # "yes" with nothing offered is not understood: 911 first, like any reply the skill is not sure of
    assert (
        conversation.intent("AMAZON.YesIntent").speech
        == f"{safety.OPENER} {spoken(TEXTS.text('nothing_offered'))}"
    )


@pytest.mark.parametrize(
    ("query", "topic_id"),
    [
        ("the cost", "no_info_cost"),
        ("how long is the surgery", "surgery_length"),
        ("the pump size", "pump_size"),
        ("sign language", "interpreter"),
        ("meningitis", "complication_meningitis"),
        ("being sleepy", "side_effect_sleepiness"),
        ("the side effects", "side_effects"),
        ("how long does recovery take", "no_info_recovery_time"),
        ("refills", "refills"),
        ("appointments", "appointments"),
    ],
)
def test_free_text_questions_find_their_topic(conversation, query, topic_id):
    assert_topic(conversation.intent("QuestionIntent", query=query), topic_id)


def test_free_text_about_something_unlisted_is_not_confirmed(conversation):
    # No keyword names it; its nearest phrasing is the model's "can it {side_effect}" with an unlisted value.
    heard = conversation.intent("QuestionIntent", query="hair loss")
    assert_topic(heard, "side_effect_not_listed")
    assert not heard.speech.startswith("Yes")


# ---- typed phrasings through the simulator: the model's words reach the right answer ----
# Each topic's "asked" list in the content: how people ask for it, in their own words. A new topic brings its
# own, so adding a topic needs no edit here (docs/architecture.md, "Where to change what").

ASKED = {topic_id: tuple(entry.get("asked", ())) for topic_id, entry in RAW_TOPICS.items()}


@pytest.fixture(scope="module")
def simulator():
    from skill_sim.simulator import Simulator

    return Simulator(repo=MODEL_PATH.parents[4])


def test_every_topic_says_how_people_ask_for_it():
    missing = sorted(topic_id for topic_id, asked in ASKED.items() if len(asked) < 2)
    assert not missing, f"topics with fewer than two 'asked' phrasings in {CONTENT_FILE}: {missing}"


@pytest.mark.parametrize(
    ("topic_id", "utterance"), [(topic, said) for topic, all_said in ASKED.items() for said in all_said]
)
def test_typed_phrasings_reach_their_topic_through_the_simulator(simulator, topic_id, utterance):
    turn = simulator.ask(utterance)
    assert turn.heard.card["title"] == TEXTS.topics[topic_id].title, (utterance, turn.intent)
    assert turn.heard.speech.startswith(spoken(TEXTS.topics[topic_id].parts[0]))


# ---- the catch-all: words no sample took, matched to the nearest way the model asks for a topic ----


@pytest.mark.parametrize(
    ("words", "topic_id"),
    [
        ("how many hours does the surgery last", "surgery_length"),
        ("where in my tummy does the pump sit", "pump_location"),
        ("what number do deaf people call", "hearing_services"),
        ("is the pump about as big as a computer mouse", "pump_size"),
    ],
)
def test_a_question_the_model_placed_nowhere_is_answered_by_its_nearest_phrasing(
    conversation, words, topic_id
):
    assert_topic(conversation.intent(safety.CATCH_ALL_INTENT, words=words), topic_id)  # understood: no opener


def test_a_statement_the_model_placed_nowhere_hears_911_first_then_its_topic(conversation):
    heard = conversation.intent(safety.CATCH_ALL_INTENT, words="the surgery takes a couple of hours")
    topic = TEXTS.topics["surgery_length"]
    assert heard.speech.startswith(f"{safety.OPENER} {spoken(topic.parts[0])}")
    assert heard.end_session is False


def test_a_question_near_two_topics_alike_is_not_answered_from_a_guess(conversation):
    # "what happens during" is as near the screening test as the surgery: neither is understood.
    heard = conversation.intent(
        safety.CATCH_ALL_INTENT, words="what exactly happens during the refill appointment"
    )
    assert heard.speech == f"{safety.OPENER} {spoken(TEXTS.text('fallback'))}"


def test_a_matched_question_about_danger_now_still_opens_with_911(conversation):
    heard = conversation.intent(
        safety.CATCH_ALL_INTENT, words="is a fever of a hundred and three a withdrawal sign"
    )
    assert heard.speech.startswith(safety.OPENER)
