"""The interaction model and the code agree: every intent Alexa can send is answered, every intent the
content routes exists, every slot id the content names is one Alexa can resolve, and the samples are
questions (never a report of danger happening now, which belongs to the emergency intent)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from itb_skill import content, safety
from itb_skill.speech import ssml_to_text, to_ssml

MODEL_PATH = (
    Path(__file__).resolve().parent.parent
    / "interaction_model/skill-package/interactionModels/custom/en-US.json"
)
LANGUAGE_MODEL = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
INTENTS = {intent["name"]: intent for intent in LANGUAGE_MODEL["intents"]}
TYPES = {slot_type["name"]: slot_type for slot_type in LANGUAGE_MODEL.get("types", [])}
TEXTS = content.load("en-US")
SLOT_REF = re.compile(r"\{(\w+)\}")

EMERGENCY_INTENT = "EmergencyIntent"
REQUIRED_BUILT_INS = {
    "AMAZON.CancelIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.StartOverIntent",
}

# Topic samples are questions or requests. These few statements are allowed because they are about
# hearing, scheduling or wanting to know something: never about a body in trouble right now.
QUESTION_STARTS = re.compile(
    r"^(what|what's|how|is|are|am|can|could|does|do|will|would|should|who|where|when|why|which|"
    r"tell|explain|walk|give|book|schedule|make)\b"
)
ALLOWED_STATEMENTS = {
    "I am deaf",
    "I'm hard of hearing",
    "I'm already a Henry Ford patient",
    "I'm already a patient how do I book",
    "my hearing is poor what help is there",
    "my doctor suggested a baclofen pump what is it",
    "I want to book an appointment",
    "I'd like to make an appointment",
    "I want to know about {subject}",
    "I would like to know about {subject}",
    "I have a question about {query}",
    # QA: plain requests heard in testing (no symptom, no person reporting a state)
    "I'd like to schedule a consultation",
    "I need the number to call",
    "I want to see a doctor about the pump",
    "I want to make an appointment",
    "I'm deaf",
    "services for the hearing impaired",
    "my doctor mentioned a baclofen pump what is that",
    "my doctor said something about a pump what is it",
    "my neurologist said something about a pump what is it",
}


def type_values(type_name: str) -> list[dict]:
    return TYPES[type_name]["values"]


def type_ids(type_name: str) -> set[str]:
    return {value["id"] for value in type_values(type_name)}


def spoken_forms(value: dict) -> list[str]:
    return [value["name"]["value"], *value["name"].get("synonyms", [])]


def slot_types(intent_name: str) -> dict[str, str]:
    return {slot["name"]: slot["type"] for slot in INTENTS[intent_name].get("slots", [])}


def topic_intents() -> list[str]:
    return sorted(name for name in INTENTS if not name.startswith("AMAZON.") and name != EMERGENCY_INTENT)


def fill(intent_name: str, sample: str) -> str:
    """A sample as a person would say it, each slot filled with its type's first value."""
    types = slot_types(intent_name)

    def value_for(match: re.Match) -> str:
        slot_type = types[match.group(1)]
        if slot_type in TYPES:
            return type_values(slot_type)[0]["name"]["value"]
        return "the pump"

    return SLOT_REF.sub(value_for, sample)


# ---- the model's own hygiene ----


def test_the_built_in_intents_are_all_declared():
    assert set(INTENTS) >= REQUIRED_BUILT_INS
    assert "QuestionIntent" in INTENTS


def test_speech_no_intent_takes_reaches_the_catch_all_with_its_words():
    # Alexa's fallback carries no words, so it would hide an emergency from the screen: the model has no
    # fallback, and a catch-all takes the whole utterance in its one slot.
    assert "AMAZON.FallbackIntent" not in INTENTS
    catch_all = INTENTS[safety.CATCH_ALL_INTENT]
    assert catch_all["samples"] == ["{words}"]
    assert catch_all["slots"] == [{"name": "words", "type": "AMAZON.Person"}]


def test_invocation_name_is_the_skills():
    assert LANGUAGE_MODEL["invocationName"] == "baclofen pump guide"


def test_samples_have_no_digits():
    for name, intent in INTENTS.items():
        for sample in intent.get("samples", []):
            assert not re.search(r"\d", sample), f"{name}: {sample}"


def test_no_sample_is_repeated_within_or_across_intents():
    counts = Counter(
        " ".join(sample.lower().split())
        for intent in INTENTS.values()
        for sample in intent.get("samples", [])
    )
    assert [sample for sample, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("intent_name", sorted(INTENTS))
def test_every_slot_in_a_sample_is_declared_and_every_declared_slot_is_used(intent_name):
    declared = set(slot_types(intent_name))
    used = {ref for sample in INTENTS[intent_name].get("samples", []) for ref in SLOT_REF.findall(sample)}
    assert used <= declared
    assert declared <= used


def test_every_slot_type_referenced_is_defined():
    for name in INTENTS:
        for slot_name, slot_type in slot_types(name).items():
            assert slot_type.startswith("AMAZON.") or slot_type in TYPES, f"{name}.{slot_name}: {slot_type}"


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_every_value_has_a_unique_id_and_no_spoken_form_is_shared_by_two_ids(type_name):
    ids = [value.get("id") for value in type_values(type_name)]
    assert all(ids) and len(ids) == len(set(ids))
    owner: dict[str, str] = {}
    for value in type_values(type_name):
        for form in spoken_forms(value):
            key = " ".join(form.lower().split())
            assert not re.search(r"\d", key), f"{type_name}: {form}"
            assert owner.setdefault(key, value["id"]) == value["id"], f"{type_name}: '{form}' in two ids"


def test_search_query_slots_always_come_with_a_carrier_phrase():
    for name in INTENTS:
        for slot_name, slot_type in slot_types(name).items():
            if slot_type != "AMAZON.SearchQuery":
                continue
            for sample in INTENTS[name]["samples"]:
                if f"{{{slot_name}}}" in sample:
                    carrier = SLOT_REF.sub("", sample).strip()
                    assert carrier, f"{name}: '{sample}' has no carrier phrase"


@pytest.mark.parametrize("intent_name", sorted({*TEXTS.intents, "QuestionIntent"}))
def test_topic_samples_are_questions_or_requests_not_reports_of_danger(intent_name):
    for sample in INTENTS[intent_name]["samples"]:
        assert QUESTION_STARTS.match(sample.lower()) or sample in ALLOWED_STATEMENTS, sample
        # The rules read a whole sample as a question; the learned screen only ever reads slot values.
        assert not safety.assess(fill(intent_name, sample), use_model=False).sure, sample


def test_no_value_of_a_topic_slot_type_is_taken_for_an_emergency():
    # The emergency handler screens every slot value before any topic handler: a question such as
    # "can the surgery cause paralysis" must reach the complications answer, not 911.
    emergency_types = set(slot_types(EMERGENCY_INTENT).values()) if EMERGENCY_INTENT in INTENTS else set()
    for type_name in set(TYPES) - emergency_types:
        for value in type_values(type_name):
            for form in spoken_forms(value):
                # a listed value of a topic slot: read as the thing asked about, by the rules alone
                assert not safety.assess(form, typed_slot=True, use_model=False).tier, f"{type_name}: {form}"


# ---- the model and the code agree ----


def test_every_intent_the_content_routes_is_in_the_model():
    assert set(TEXTS.intents) - set(INTENTS) == set()


@pytest.mark.parametrize("intent_name", sorted(TEXTS.intents))
def test_every_slot_id_the_content_routes_is_an_id_alexa_can_resolve(intent_name):
    route = TEXTS.intents[intent_name]
    if route.slot is None:
        assert route.topic in TEXTS.topics
        return
    types = slot_types(intent_name)
    assert route.slot in types, f"{intent_name} has no slot {route.slot}"
    assert set(route.by_id or {}) <= type_ids(types[route.slot])


def fallback_speech() -> str:
    return ssml_to_text(to_ssml(TEXTS.text("fallback"), TEXTS.phones))


def filled_slots(intent_name: str) -> dict:
    """Each slot filled the way Alexa would send it: the type's first value with its resolved id."""
    slots = {}
    for slot_name, slot_type in slot_types(intent_name).items():
        if slot_type in TYPES:
            first = type_values(slot_type)[0]
            slots[slot_name] = (first["name"]["value"], first["id"], slot_type)
        else:
            keyword = next(k for topic in TEXTS.topics.values() for k in topic.keywords)
            slots[slot_name] = keyword
    return slots


@pytest.mark.parametrize("intent_name", sorted(set(INTENTS) - {safety.CATCH_ALL_INTENT}))
def test_every_intent_in_the_model_is_answered_not_sent_to_the_fallback(conversation, intent_name):
    heard = conversation.intent(intent_name, **filled_slots(intent_name))
    assert heard.speech, intent_name
    assert heard.speech != fallback_speech(), f"{intent_name} fell through to the fallback"


# Free text with no text at all (QuestionIntent, ReportIntent, FactQuestionIntent) is the fallback by design.
@pytest.mark.parametrize("intent_name", sorted(set(topic_intents()) - set(safety.FREE_TEXT_INTENTS)))
def test_every_topic_intent_is_answered_with_its_slots_empty_too(conversation, intent_name):
    heard = conversation.intent(intent_name)
    assert heard.speech != fallback_speech(), f"{intent_name} fell through to the fallback"
    assert heard.reprompt and heard.end_session is False
