"""What the skill builds stays inside Alexa's limits, whatever the content or the request holds.

Alexa refuses a response whose SSML is over 8,000 characters, or whose card title and text together
are; the skill's own memory (the rendered-speech cache) is bounded by size, not by a count of entries.
"""

from __future__ import annotations

import json
import os
import shutil
import tracemalloc
import xml.parsers.expat

import pytest

from conftest import Conversation
from itb_skill import paths, speech
from itb_skill.skill import create_handler

ALEXA_MAX_SSML = 8000
ALEXA_MAX_CARD = 8000  # title and text together
HUGE = 20_000


@pytest.fixture
def huge_content(tmp_path, skill_config):
    """A conversation with a skill whose content is the real one, with the appointments answer, its card
    and its title far over every limit."""
    source = json_path = tmp_path / "en-US.json"
    shutil.copy(os.path.join(paths.CONTENT_DIR, "en-US.json"), json_path)
    data = json.loads(source.read_text(encoding="utf-8"))
    topic = data["topics"]["appointments"]
    sentence = "To make an appointment, call {appointments} & ask for the <pump> clinic. {pause}"
    topic["speech"] = [" ".join([sentence] * (HUGE // len(sentence)))]
    topic["card"] = " ".join(["Appointments: {appointments}."] * (HUGE // 30))
    topic["title"] = "Make an appointment " * 500
    json_path.write_text(json.dumps(data), encoding="utf-8")
    return Conversation(create_handler(skill_config._replace(content_dir=str(tmp_path))))


def well_formed(ssml: str) -> None:
    xml.parsers.expat.ParserCreate().Parse(ssml, True)


def test_speech_and_cards_built_from_huge_content_stay_inside_alexas_limits(huge_content):
    conversation = huge_content
    conversation.launch()
    heard = conversation.intent("AppointmentIntent")
    ssml, reprompt = heard.raw["response"]["outputSpeech"]["ssml"], heard.raw["response"]["reprompt"]
    assert len(ssml) <= ALEXA_MAX_SSML
    well_formed(ssml)
    assert heard.speech.startswith("To make an appointment, call 800-436-7936")
    assert len(reprompt["outputSpeech"]["ssml"]) <= ALEXA_MAX_SSML
    assert len(heard.card["title"]) + len(heard.card["content"]) <= ALEXA_MAX_CARD
    assert heard.card["content"].startswith("Appointments: (800) 436-7936.")
    slower = conversation.intent("SpeakSlowerIntent")  # the same answer again, with a lead-in and prosody
    assert len(slower.raw["response"]["outputSpeech"]["ssml"]) <= ALEXA_MAX_SSML
    well_formed(slower.raw["response"]["outputSpeech"]["ssml"])
    assert slower.speech.startswith("Okay, I'll speak more slowly")


@pytest.mark.parametrize("pace", ["normal", "slow"])
def test_any_text_is_cut_at_a_word_to_fit(pace):
    text = "Call 911 now. " + "A word & another <one>. " * 2000
    ssml = speech.to_ssml(text, pace=pace)
    assert len(ssml) <= ALEXA_MAX_SSML
    well_formed(ssml)
    assert speech.ssml_to_text(ssml).startswith("Call 911 now. A word & another <one>.")
    assert speech.ssml_to_text(ssml).endswith(".")  # ends at a sentence, not mid-word


def test_the_rendered_speech_cache_is_bounded_by_size():
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for n in range(600):  # distinct texts of a size content could have: each one is kept, if any is
            speech.to_ssml(f"Answer {n}: " + "a sentence about the pump & {pause} the care team. " * 60)
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 1_000_000, kept


ALEXA_MAX_RESPONSE_BYTES = 24 * 1024  # the whole response, as Alexa accepts it


def test_a_screen_built_from_huge_content_keeps_the_response_inside_alexas_limit(huge_content):
    for screen in ("hub-landscape-medium", "hub-round-small"):
        show = Conversation(huge_content.handler, screen=screen)
        show.launch()
        heard = show.intent("AppointmentIntent")
        assert len(json.dumps(heard.raw).encode()) < ALEXA_MAX_RESPONSE_BYTES
        assert heard.speech.startswith("To make an appointment, call 800-436-7936")
        # The captions are cut like the card (the start stays) so that the whole response fits.
        assert heard.shown["captions"].startswith("To make an appointment, call (800) 436-7936")
        assert heard.shown["phones"] == [{"label": "Appointments", "number": "(800) 436-7936"}]
