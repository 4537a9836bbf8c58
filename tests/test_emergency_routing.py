"""Emergencies through the whole skill: the simulator over both corpora, the response itself, and
the 911 answer surviving broken content, broken handlers and a broken emergency handler."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from itb_skill import content, handlers, storage, storage_handlers
from test_safety import CORPUS, EMERGENCIES, QUESTIONS, corpus

SKILL_SIM = Path(sys.executable).parent / "skill-sim"
FIRST_SENTENCE = "Call 911 now."


def ask(utterances: list[str]) -> list[dict]:
    """``skill-sim ask --json -``: one utterance a line on stdin, one JSON object a line out."""
    done = subprocess.run(
        [str(SKILL_SIM), "ask", "--json", "-"],
        input="\n".join(utterances) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    heard = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert [h["utterance"] for h in heard] == utterances
    return heard


# ---- (b) end to end, through the simulator and the real lambda_handler ----


def test_every_emergency_phrasing_is_told_to_call_911_and_the_session_ends():
    heard = ask([u for _, u in EMERGENCIES])
    missed = [
        h["utterance"] for h in heard if not (h["speech"].startswith(FIRST_SENTENCE) and h["end_session"])
    ]
    assert missed == []
    crisis = {u for section, u in EMERGENCIES if section == "crisis"}
    without_lifeline = [
        h["utterance"] for h in heard if h["utterance"] in crisis and "988" not in h["speech"]
    ]
    assert without_lifeline == []


def test_no_ordinary_question_is_told_to_call_911_now():
    heard = ask([u for _, u in QUESTIONS])
    alarms = [(h["utterance"], h["intent"]) for h in heard if "Call 911 now" in h["speech"]]
    assert alarms == []
    assert all(h["end_session"] is False for h in heard if h["intent"] != "AMAZON.StopIntent")


# ---- (c) the emergency response ----


def test_the_emergency_response_says_911_first_cannot_call_and_names_the_pump(conversation):
    heard = conversation.intent("EmergencyIntent", person="my husband", symptom="not breathing")
    first_sentence = heard.speech.split(". ")[0] + "."
    assert first_sentence == FIRST_SENTENCE
    assert "can't call for you" in heard.speech
    assert "I'm calling" not in heard.speech and "calling 911" not in heard.speech.lower()
    assert "intrathecal baclofen pump" in heard.speech
    assert heard.card["title"] == "Call 911 now"
    assert heard.card["content"] == heard.speech
    assert heard.end_session is True
    assert heard.reprompt is None


def test_a_crisis_also_gives_the_988_lifeline(conversation):
    heard = conversation.intent("QuestionIntent", query="my son wants to kill himself")
    assert heard.speech.startswith(FIRST_SENTENCE)
    assert "988" in heard.speech and "Suicide and Crisis Lifeline" in heard.speech
    assert heard.end_session is True


def test_danger_in_any_slot_of_any_intent_goes_to_911(conversation):
    heard = conversation.intent("AppointmentIntent", person="my mom she is having a seizure")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True


# ---- (d) content missing or corrupt ----


@pytest.fixture
def broken_content(monkeypatch, tmp_path):
    def breaking(corrupt: bool):
        if corrupt:
            (tmp_path / "en-US.json").write_text('{"strings": {"welcome": ', encoding="utf-8")
        monkeypatch.setattr(content, "CONTENT_DIR", tmp_path)
        content.supported_locales.cache_clear()
        content._load_file.cache_clear()

    yield breaking
    monkeypatch.undo()
    content.supported_locales.cache_clear()
    content._load_file.cache_clear()


@pytest.mark.parametrize("corrupt", [False, True], ids=["missing", "corrupt"])
def test_with_the_content_broken_an_emergency_still_gets_911(conversation, broken_content, corrupt):
    broken_content(corrupt)
    for heard in (
        conversation.intent("EmergencyIntent", symptom="having a seizure"),
        conversation.intent("QuestionIntent", query="my husband is not breathing"),
        conversation.intent("TherapyOverviewIntent", person="my dad won't wake up"),
    ):
        assert heard.speech.startswith(FIRST_SENTENCE)
        assert heard.end_session is True
    # Ordinary requests fail over to the error reply, which still points to 911.
    heard = conversation.launch()
    assert "call 911" in heard.speech and heard.reprompt


class UnreachableStore:
    """A database that cannot be reached: every call fails."""

    def __init__(self):
        self.calls = 0

    def _fail(self, *args):
        self.calls += 1
        raise storage.StorageError("unreachable")

    load = save = delete = _fail


def test_with_content_and_database_both_broken_an_emergency_still_gets_911(conversation, broken_content):
    broken_content(True)
    unreachable = UnreachableStore()
    storage.install(unreachable)
    try:
        heard = conversation.intent("QuestionIntent", query="my pump is beeping and he is very confused")
        assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
        heard = conversation.intent("EmergencyIntent", symptom="having a seizure")
        assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
    finally:
        storage.install(None)
    assert unreachable.calls == 0  # the emergency path never waits on the database


# ---- (e) every other handler broken, and the emergency handler itself broken ----


def _boom(*args, **kwargs):
    raise RuntimeError("broken on purpose")


OTHER_HANDLERS = [
    cls
    for module in (handlers, storage_handlers)
    for name, cls in vars(module).items()
    if isinstance(cls, type)
    and name.endswith("Handler")
    and cls.__module__ == module.__name__
    and cls not in (handlers.EmergencyHandler, handlers.CatchAllExceptionHandler)
]


def test_with_every_other_handler_raising_an_emergency_still_gets_911(conversation, monkeypatch):
    assert len(OTHER_HANDLERS) >= 15
    for cls in OTHER_HANDLERS:
        monkeypatch.setattr(cls, "can_handle", _boom)
        monkeypatch.setattr(cls, "handle", _boom)
    heard = conversation.intent("EmergencyIntent", person="my wife", symptom="unconscious")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
    heard = conversation.intent("QuestionIntent", query="she has a high fever and a stiff neck")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True


@pytest.mark.parametrize("broken", ["handle", "can_handle"])
def test_with_the_emergency_handler_raising_the_catch_all_still_says_911_first(
    conversation, monkeypatch, broken
):
    monkeypatch.setattr(handlers.EmergencyHandler, broken, _boom)
    heard = conversation.intent("EmergencyIntent", symptom="not breathing")
    assert heard.speech.startswith(FIRST_SENTENCE)
    assert heard.end_session is True and heard.reprompt is None
    heard = conversation.intent("QuestionIntent", query="i want to kill myself")
    assert heard.speech.startswith(FIRST_SENTENCE) and "988" in heard.speech


def test_with_the_response_helpers_broken_the_catch_all_still_says_911_first(conversation, monkeypatch):
    monkeypatch.setattr(handlers.EmergencyHandler, "handle", _boom)
    monkeypatch.setattr(handlers, "respond", _boom)
    monkeypatch.setattr(handlers.answers, "emergency_reply", _boom)
    heard = conversation.intent("EmergencyIntent", symptom="having a seizure")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
    monkeypatch.setattr(handlers, "to_ssml", _boom)
    heard = conversation.intent("EmergencyIntent", symptom="having a seizure")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True


# ---- (f) launch, help, fallback and error all mention 911 ----


def test_launch_help_fallback_and_error_all_mention_911(conversation, monkeypatch):
    assert "911" in conversation.launch().speech
    assert "911" in conversation.intent("AMAZON.HelpIntent").speech
    assert "911" in conversation.intent("AMAZON.FallbackIntent").speech
    monkeypatch.setattr(handlers.TopicHandler, "handle", _boom)
    heard = conversation.intent("TherapyOverviewIntent")
    assert "call 911 now" in heard.speech
    assert heard.end_session is False and "911" in heard.reprompt


# ---- (d) held-out corpora: written before the model's emergency samples were widened for them ----

HELD_OUT = sorted(p.name for p in CORPUS.glob("emergencies_unseen*.txt"))
HELD_OUT_QUESTIONS = sorted(p.name for p in CORPUS.glob("questions_unseen*.txt"))


@pytest.mark.parametrize("name", HELD_OUT)
def test_every_held_out_emergency_is_told_to_call_911_and_the_session_ends(name):
    lines = corpus(name)
    heard = ask([u for _, u in lines])
    missed = [
        h["utterance"] for h in heard if not (h["speech"].startswith(FIRST_SENTENCE) and h["end_session"])
    ]
    assert missed == []
    crisis = {u for section, u in lines if section == "crisis"}
    assert [h["utterance"] for h in heard if h["utterance"] in crisis and "988" not in h["speech"]] == []


@pytest.mark.parametrize("name", HELD_OUT_QUESTIONS)
def test_no_held_out_question_is_told_to_call_911(name):
    heard = ask([u for _, u in corpus(name)])
    assert [h["utterance"] for h in heard if "Call 911 now" in h["speech"]] == []
