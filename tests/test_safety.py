"""Emergencies always go to 911: the screening function, the interaction model, and the response.

The corpora in ``tests/corpus`` are the specification: every phrasing in ``emergencies.txt`` is an
emergency (the ``## crisis`` ones also need the 988 Lifeline), no question in ``questions.txt`` is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from itb_skill import safety

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
MODEL = ROOT / "interaction_model/skill-package/interactionModels/custom/en-US.json"


def corpus(name: str) -> list[tuple[str, str]]:
    """(section, utterance) for every utterance line of a corpus file."""
    section, lines = "", []
    for raw in (CORPUS / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            section = line[3:]
        elif line and not line.startswith("#"):
            lines.append((section, line))
    return lines


EMERGENCIES = corpus("emergencies.txt")
QUESTIONS = corpus("questions.txt")


def test_corpora_are_big_enough_and_cover_every_category():
    assert len(EMERGENCIES) >= 150
    assert len(QUESTIONS) >= 100
    sections = {section for section, _ in EMERGENCIES}
    for category in ("explicit", "breathing", "seizures", "crisis", "withdrawal", "pump and catheter"):
        assert category in sections
    assert {"overdose", "surgical complications now"} <= sections
    third_person = [
        u for _, u in EMERGENCIES if re.search(r"\b(he|she|his|her|my (husband|wife|son|mom))\b", u)
    ]
    assert len(third_person) >= 60


# ---- (a) the pure function over both corpora ----


@pytest.mark.parametrize(("section", "utterance"), EMERGENCIES, ids=[u for _, u in EMERGENCIES])
def test_every_emergency_phrasing_is_flagged(section, utterance):
    danger = safety.screen(utterance)
    assert danger is not None, utterance
    expected = safety.CRISIS if section == "crisis" else safety.EMERGENCY
    assert danger.kind == expected


@pytest.mark.parametrize(("section", "utterance"), QUESTIONS, ids=[u for _, u in QUESTIONS])
def test_no_ordinary_question_is_flagged(section, utterance):
    assert safety.screen(utterance) is None, utterance


@pytest.mark.parametrize(
    ("report", "question"),
    [
        ("I can't move my legs", "can the surgery cause paralysis?"),
        ("I'm dizzy", "is dizziness a side effect"),
        ("he won't wake up", "will I be asleep"),
        ("I have a really bad headache and a fever", "what if I get a headache after surgery"),
        ("my son can't move his legs", "is it right for my son who can't walk"),
        ("my pump is beeping", "what should i do if the pump alarm goes off"),
        ("she missed her refill", "what happens if i miss a refill"),
        ("the incision is leaking clear fluid", "what is a spinal fluid leak"),
        ("he has a high fever and a stiff neck", "can the surgery cause meningitis"),
        ("my husband has been paralyzed since this morning", "my husband has been paralyzed for years"),
        # stiffness: sudden, strong, or with the dose in question is a withdrawal sign; a habit is not
        ("my son is stiff should i turn the pump up", "my son has always been stiff would the pump help"),
        ("he's suddenly really stiff", "he is always really stiff"),
        ("his spasms came back strong", "what if his spasms come back strong"),
        ("he gets really tight and confused", "he gets really tight when it is cold"),
        ("her legs went weak all of a sudden", "my mom has ms and her legs are weak can the pump help"),
        ("my wife is turning grey", "my hair is turning grey"),
        ("he blacked out and won't come to", "she is not coming to her appointment"),
        ("the cut is gushing blood", "how do they stop the bleeding during surgery"),
        ("he's clutching his chest", "can the pump cause chest pain"),
        ("she took too many pills", "what happens if someone gets too much baclofen"),
    ],
)
def test_danger_happening_now_differs_from_a_question_about_it(report, question):
    assert safety.screen(report) is not None
    assert safety.screen(question) is None


def test_typed_the_way_people_talk():
    for text in (
        "HES NOT BREATHING!!!",
        "my wife cant breathe",
        "call nine-one-one",
        "Call 911.",
        "im dizzy",
    ):
        assert safety.screen(text) is not None, text
    assert safety.screen("My husband\u2019s pump won\u2019t stop beeping") is not None


@pytest.mark.parametrize(
    "text",
    ["go back", "i want to go back", "speak up", "turn it up", "the volume is low", "that is fast",
     "slow down please", "say it slower", "yes", "no thanks", "start over", "stop", "open", "more"],
)  # fmt: skip
def test_everyday_commands_are_not_emergencies(text):
    assert safety.screen(text) is None


def test_a_whole_bottle_reads_as_intent_and_too_many_pills_as_an_overdose():
    assert safety.screen("my son swallowed a whole bottle of his pills").kind == safety.CRISIS
    assert safety.screen("she took too many pills").kind == safety.EMERGENCY


def test_crisis_always_fires_even_inside_a_question():
    assert safety.screen("what do I do, my son says he wants to kill himself").kind == safety.CRISIS


@pytest.mark.parametrize(
    "text", [None, "", "   ", 42, b"not breathing", ["call 911"], "\x00\ud800", "?" * 10_000]
)
def test_screen_never_raises_on_odd_input(text):
    assert safety.screen(text) is None


def test_screen_is_bounded_but_still_reads_the_start_of_long_text():
    assert safety.screen("he is not breathing " + "and " * 100_000) is not None
    assert safety.screen("how big is the pump " * 10_000) is None


def test_every_symptom_value_in_the_model_reads_as_danger_when_reported():
    # The second layer must agree with the first: a symptom the model routes to 911 also screens as one.
    model = json.loads(MODEL.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
    symptoms = next(t for t in model["types"] if t["name"] == "SymptomType")
    for value in symptoms["values"]:
        for said in [value["name"]["value"], *value["name"].get("synonyms", [])]:
            frames = (said, f"he is {said}", f"he has {said}", f"he {said}")
            dangers = [d for d in map(safety.screen, frames) if d is not None]
            assert dangers, said
            assert (dangers[0].kind == safety.CRISIS) == (value["id"] == "SUICIDAL"), said


# ---- the interaction model: EmergencyIntent and SymptomType ----


def _model():
    return json.loads(MODEL.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]


def test_emergency_samples_are_broad_spoken_and_unique():
    model = _model()
    emergency = next(i for i in model["intents"] if i["name"] == "EmergencyIntent")
    samples = emergency["samples"]
    assert len(samples) >= 100
    assert not [s for s in samples if re.search(r"\d", s)]
    assert "call nine one one" in samples and "{person} is {symptom}" in samples
    owner: dict[str, str] = {}
    for intent in model["intents"]:
        for sample in intent.get("samples", []):
            key = " ".join(sample.lower().split())
            assert key not in owner, f"{sample!r} in {intent['name']} and {owner.get(key)}"
            owner[key] = intent["name"]
    declared = {slot["name"] for slot in emergency["slots"]}
    used = {name for s in samples for name in re.findall(r"\{(\w+)\}", s)}
    assert used <= declared


def test_symptom_values_are_never_repeated_across_ids():
    for slot_type in _model()["types"]:
        seen: dict[str, str] = {}
        for value in slot_type["values"]:
            for said in [value["name"]["value"], *value["name"].get("synonyms", [])]:
                key = said.lower()
                assert key not in seen, f"{slot_type['name']}: {said!r} under {value['id']} and {seen[key]}"
                assert not re.search(r"\d", said)
                seen[key] = value["id"]


@pytest.mark.parametrize(
    ("fragment", "danger"),
    [
        ("catheter came apart", True),  # "the {report}"
        ("keep passing out", True),  # "i {report}"
        ("is slurring his words all of a sudden", True),  # "dad {report}"
        ("mom has questions about the pump", False),  # "my {report}"
        ("husband wants to know about side effects", False),
        ("son has had seizures for years can he still get a pump", False),
    ],
)
def test_a_report_said_after_its_subject_is_screened_with_the_subject_put_back(fragment, danger):
    assert (safety.screen_report(fragment) is not None) is danger
    assert safety.screen_report(None) is None
