"""The simulator's NLU: typed phrasing -> intent and slots, from the interaction model alone.

Edge cases run against a small fixture model (tests/fixtures/) so they hold whatever the real
model grows into; a few phrasings run against the real model for the intents it has now.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from skill_sim import resolver

FIXTURE = Path(__file__).parent / "fixtures" / "resolver_model.json"
REAL = Path(__file__).parent.parent / "interaction_model/skill-package/interactionModels/custom/en-US.json"


@pytest.fixture(scope="module")
def model():
    return resolver.load(FIXTURE)


def _summary(resolution: resolver.Resolution) -> tuple[str, dict]:
    return resolution.intent, {n: (s.value, s.id) for n, s in resolution.filled().items()}


@pytest.mark.parametrize(
    ("utterance", "intent", "slots"),
    [
        # listed values and synonyms resolve to the value's id, as Alexa's entity resolution does
        ("is drowsy a side effect", "SideEffectIntent", {"effect": ("drowsy", "SLEEPINESS")}),
        ("Is SLEEPINESS a side-effect?", "SideEffectIntent", {"effect": ("sleepiness", "SLEEPINESS")}),
        ("is tired a side effect", "SideEffectIntent", {"effect": ("tired", "SLEEPINESS")}),
        ("can the pump cause nausea", "SideEffectIntent", {"effect": ("nausea", "NAUSEA")}),
        (
            "does the pump make you sick to my stomach",
            "SideEffectIntent",
            {"effect": ("sick to my stomach", "NAUSEA")},
        ),
        ("queasy", "SideEffectIntent", {"effect": ("queasy", "NAUSEA")}),  # a sample that is only a slot
        # caregivers: the same question about someone else
        ("is it right for my daughter", "CandidateIntent", {"person": ("my daughter", "CHILD")}),
        ("is the therapy right for my husband?", "CandidateIntent", {"person": ("my husband", "PARTNER")}),
        ("is it right for me", "CandidateIntent", {"person": ("me", "SELF")}),
        ("how long will my wife be in surgery", "SurgeryLengthIntent", {"person": ("my wife", "PARTNER")}),
        ("how long is the surgery", "SurgeryLengthIntent", {}),
        # an extended sample of a built-in intent, reached through a contraction
        ("I'm done", "AMAZON.StopIntent", {}),
    ],
)
def test_samples_with_listed_values_and_synonyms(model, utterance, intent, slots):
    resolution = model.resolve(utterance)
    assert _summary(resolution) == (intent, slots)
    assert resolution.how == "exact"


def test_slot_carries_entity_resolution_as_alexa_sends_it(model):
    slot = model.resolve("is dizzy a side effect").request_slots()["effect"]
    assert slot["value"] == "dizzy"
    authority = slot["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["status"]["code"] == "ER_SUCCESS_MATCH"
    assert authority["values"][0]["value"] == {"name": "dizziness", "id": "DIZZINESS"}
    assert authority["authority"].endswith(".SideEffectType")


def test_a_synonym_of_two_values_resolves_to_both(model):
    slot = model.resolve("could my kid have the pump").request_slots()["person"]
    ids = [v["value"]["id"] for v in slot["resolutions"]["resolutionsPerAuthority"][0]["values"]]
    assert ids == ["CHILD", "FAMILY"]


def test_unfilled_slots_are_sent_empty(model):
    slots = model.resolve("how long is the surgery").request_slots()
    assert slots == {"person": {"name": "person", "confirmationStatus": "NONE"}}


@pytest.mark.parametrize(
    ("utterance", "intent", "slot", "value"),
    [
        ("is hair loss a side effect", "SideEffectIntent", "effect", "hair loss"),
        ("can the pump cause headaches", "SideEffectIntent", "effect", "headaches"),
        ("is it right for my neighbor", "CandidateIntent", "person", "my neighbor"),
    ],
)
def test_unlisted_custom_values_are_captured_with_no_match(model, utterance, intent, slot, value):
    resolution = model.resolve(utterance)
    assert resolution.intent == intent
    captured = resolution.slots[slot]
    assert (captured.value, captured.id, captured.status) == (value, None, "ER_SUCCESS_NO_MATCH")
    sent = resolution.request_slots()[slot]["resolutions"]["resolutionsPerAuthority"][0]
    assert sent["status"]["code"] == "ER_SUCCESS_NO_MATCH" and "values" not in sent


def test_a_listed_value_beats_an_unlisted_capture(model):
    # "is drowsy maybe a side effect" could capture "drowsy maybe"; the listed "drowsy" wins
    resolution = model.resolve("is drowsy maybe a side effect")
    assert _summary(resolution) == ("SideEffectIntent", {"effect": ("drowsy", "SLEEPINESS")})


def test_a_slot_only_sample_takes_listed_values_only(model):
    assert model.resolve("banana bread").intent == resolver.FALLBACK


@pytest.mark.parametrize(
    ("utterance", "query"),
    [
        ("I have a question about refills", "refills"),
        ("tell me about the refill schedule", "the refill schedule"),
        ("so can you tell me about the refill schedule", "the refill schedule"),  # extra words before
    ],
)
def test_search_query_captures_free_text_after_its_carrier_phrase(model, utterance, query):
    resolution = model.resolve(utterance)
    assert resolution.intent == "QuestionIntent"
    assert resolution.slots["query"].value == query
    assert "resolutions" not in resolution.request_slots()["query"]  # built-in slot type: no ER


@pytest.mark.parametrize(
    ("utterance", "intent", "slots"),
    [
        ("how long is surgery", "SurgeryLengthIntent", {}),
        (
            "how long will my wife be in the surgery",
            "SurgeryLengthIntent",
            {"person": ("my wife", "PARTNER")},
        ),
        ("um is it right for my son please", "CandidateIntent", {"person": ("my son", "CHILD")}),
        ("is drowsey a side effect", "SideEffectIntent", {}),  # a typo: near, and no slot value invented
    ],
)
def test_near_matches_above_the_threshold(model, utterance, intent, slots):
    resolution = model.resolve(utterance)
    assert resolution.intent == intent
    assert {n: (s.value, s.id) for n, s in resolution.filled().items() if s.id} == slots
    assert resolution.how in ("near", "capture")


@pytest.mark.parametrize("utterance", ["what's the weather in boston", "play some jazz", "pause", "zzz"])
def test_anything_else_is_the_fallback(model, utterance):
    # "pause" is a built-in phrase, but this model does not declare AMAZON.PauseIntent
    assert model.resolve(utterance).intent == resolver.FALLBACK


@pytest.mark.parametrize(
    ("utterance", "intent"),
    [
        ("help", "AMAZON.HelpIntent"),
        ("Help me", "AMAZON.HelpIntent"),
        ("stop", "AMAZON.StopIntent"),
        ("cancel", "AMAZON.CancelIntent"),
        ("never mind", "AMAZON.CancelIntent"),
        ("yes", "AMAZON.YesIntent"),
        ("yeah", "AMAZON.YesIntent"),
        ("Sure.", "AMAZON.YesIntent"),
        ("no", "AMAZON.NoIntent"),
        ("nope", "AMAZON.NoIntent"),
        ("no thanks", "AMAZON.NoIntent"),
        ("repeat", "AMAZON.RepeatIntent"),
        ("say that again", "AMAZON.RepeatIntent"),
        ("start over", "AMAZON.StartOverIntent"),
        ("go home", "AMAZON.NavigateHomeIntent"),
    ],
)
def test_built_in_intents_resolve_from_their_usual_phrases(model, utterance, intent):
    assert model.resolve(utterance).intent == intent


def test_a_custom_intent_beats_a_built_in_one_on_the_same_phrase(model):
    assert "what can i say" in resolver.BUILTIN_PHRASES["AMAZON.HelpIntent"]
    assert model.resolve("what can I say").intent == "WhatCanISayIntent"


@pytest.mark.parametrize(
    ("text", "rest", "invoked"),
    [
        ("Alexa, ask test pump guide to tell me about refills", "tell me about refills", True),
        ("ask test pump guide is drowsy a side effect", "is drowsy a side effect", True),
        ("alexa open test pump guide", "", True),
        ("Test pump guide", "", True),
        ("is drowsy a side effect using test pump guide", "is drowsy a side effect", True),
        ("is drowsy a side effect", "is drowsy a side effect", False),
    ],
)
def test_invocation_phrases_are_stripped(text, rest, invoked):
    assert resolver.split_invocation(text, "test pump guide") == resolver.Invocation(rest, invoked)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 400, "too long"),
        ("is \u2603 a side effect", "would not hear"),
        ("?!", "no words"),
    ],
)
def test_bad_utterances_are_refused_with_a_clear_message(text, message):
    with pytest.raises(resolver.BadInput, match=message):
        resolver.clean_utterance(text)


def test_accents_and_curly_apostrophes_are_read_as_plain_english(model):
    assert resolver.clean_utterance("I\u2019m done, caf\u00e9") == "I'm done, cafe"
    assert model.resolve("I\u2019m done").intent == "AMAZON.StopIntent"


def test_missing_or_broken_model_files_give_a_clear_message(tmp_path):
    with pytest.raises(resolver.BadInput, match="not found"):
        resolver.load(tmp_path / "nope.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json")
    with pytest.raises(resolver.BadInput, match="not valid JSON"):
        resolver.load(broken)
    broken.write_text('{"something": "else"}')
    with pytest.raises(resolver.BadInput, match="not an Alexa interaction model"):
        resolver.load(broken)


def test_model_is_compiled_once_and_again_when_the_file_changes(tmp_path):
    path = tmp_path / "model.json"
    shutil.copy(FIXTURE, path)
    first = resolver.load(path)
    assert resolver.load(path) is first
    assert first.resolve("how big is the pump").intent == resolver.FALLBACK
    data = json.loads(path.read_text())
    intents = data["interactionModel"]["languageModel"]["intents"]
    intents.append({"name": "PumpSizeIntent", "samples": ["how big is the pump"]})
    path.write_text(json.dumps(data))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert resolver.load(path).resolve("how big is the pump").intent == "PumpSizeIntent"


# ---- the real model, for the intents it has now ----


@pytest.mark.parametrize(
    ("utterance", "intent", "slots"),
    [
        ("what is baclofen pump therapy", "TherapyOverviewIntent", {}),
        ("What's the baclofen pump?", "TherapyOverviewIntent", {}),
        ("what is intrathecal baclofen", "TherapyOverviewIntent", {}),
        ("how do I make an appointment", "AppointmentIntent", {}),
        ("how can I book an appointment", "AppointmentIntent", {}),
        ("make an appointment for my son", "AppointmentIntent", {"person": ("my son", "CHILD")}),
        ("make an appointment for my mother", "AppointmentIntent", {"person": ("my mother", "PARENT")}),
        ("I have a question about insurance", "QuestionIntent", {"query": ("insurance", None)}),
        ("it's an emergency", "EmergencyIntent", {}),
        ("call 911", "EmergencyIntent", {}),
        (
            "my husband is not breathing",
            "EmergencyIntent",
            {"person": ("my husband", "PARTNER"), "symptom": ("not breathing", "NOT_BREATHING")},
        ),
        ("help", "AMAZON.HelpIntent", {}),
        ("stop", "AMAZON.StopIntent", {}),
    ],
)
def test_real_model_phrasings(utterance, intent, slots):
    assert _summary(resolver.load(REAL).resolve(utterance)) == (intent, slots)
