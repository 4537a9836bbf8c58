"""Emergencies through the whole skill: the simulator over both corpora, the response itself, and
the 911 answer surviving broken content, broken handlers and a broken emergency handler."""

from __future__ import annotations

from pathlib import Path

import pytest

import corpora
from conftest import Conversation
from fakes import BrokenStore
from itb_skill import emergency
from itb_skill.handlers import catch_all, respond
from itb_skill.handlers import conversation as conversation_handlers
from itb_skill.handlers import safety as safety_handlers
from itb_skill.memory import handlers as memory_handlers
from itb_skill.memory import stores as storage
from itb_skill.skill import create_handler
from skill_sim.measure import measure

FIRST_SENTENCE = "Call 911 now."
EMERGENCY_FILES = [path for path in corpora.files() if path.name.startswith(corpora.EMERGENCY_PREFIX)]
OTHER_FILES = [path for path in corpora.files() if not path.name.startswith(corpora.EMERGENCY_PREFIX)]
# The corpora the model's emergency samples and the rules were tuned on: every line gets the full response.
TUNED = ("emergencies.txt", "emergencies_families.txt", "emergencies_unseen.txt", "emergencies_unseen3.txt")


@pytest.fixture(scope="module", params=["near", "literal"])
def heard_emergencies(request):
    """Every emergency corpus through the simulator and the real lambda_handler, in one mode."""
    return {tally.name: tally for tally in measure(EMERGENCY_FILES, request.param == "literal", "both")}


@pytest.fixture(scope="module", params=["near", "literal"])
def heard_others(request):
    return {tally.name: tally for tally in measure(OTHER_FILES, request.param == "literal", "both")}


# ---- (b) end to end, through the simulator and the real lambda_handler, in near and literal mode ----


def test_every_emergency_line_hears_911_first_in_both_modes(heard_emergencies):
    missed = {
        name: [m for m in tally.missed if m.startswith("NO 911")] for name, tally in heard_emergencies.items()
    }
    assert {name: lines for name, lines in missed.items() if lines} == {}


# Near matches stretch towards samples; a literal matcher sends everything it cannot place to the fallback,
# which opens with 911 but is not the full response.
FULL_RESPONSE_SHARE = {"near": 0.97, "literal": 0.90}


def test_nearly_every_emergency_line_gets_the_full_response(heard_emergencies, request):
    mode = request.node.callspec.params["heard_emergencies"]
    lines = sum(tally.lines for tally in heard_emergencies.values())
    full = sum(tally.full for tally in heard_emergencies.values())
    assert full >= FULL_RESPONSE_SHARE[mode] * lines, {
        name: tally.missed for name, tally in heard_emergencies.items()
    }


def test_every_tuned_emergency_line_gets_the_full_response_in_near_mode():
    tallies = measure([corpora.CORPUS_DIR / name for name in TUNED], False, "both")
    assert {tally.name: tally.missed for tally in tallies if tally.missed} == {}


def test_no_question_or_statement_gets_the_full_emergency_response(heard_others, request):
    """None as a literal matcher hears them; in near mode at most one line in 200, where the simulator
    stretches a question onto an emergency sample ("how drowsy is too drowsy for someone on the pump")."""
    mode = request.node.callspec.params["heard_others"]
    alarms = [line for tally in heard_others.values() for line in tally.missed]
    lines = sum(tally.lines for tally in heard_others.values())
    assert len(alarms) <= (0 if mode == "literal" else lines // 200), alarms


def test_a_question_asked_as_a_case_hears_911_first_never_the_full_response(conversation):
    heard = conversation.intent("WhatIfIntent", query="he has a seizure")
    assert heard.speech.startswith("If this is an emergency, call 911 now.") and heard.end_session is False
    heard = conversation.intent("WhatIfIntent", query="my son wants to kill himself")
    assert heard.speech.startswith(FIRST_SENTENCE) and "988" in heard.speech  # a crisis is never a case


def test_a_sign_or_a_plea_said_first_hears_911_first(conversation):
    heard = conversation.intent("DangerStartIntent", report="us please")  # "help {report}"
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
    heard = conversation.intent(
        "DangerStartIntent", report="is pouring out from under the dressing"
    )  # "blood ..."
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
    heard = conversation.intent("DangerStartIntent", report="medicine after surgery")  # "pain {report}"
    assert heard.speech.startswith("If this is an emergency, call 911 now.") and heard.end_session is False


def test_speech_only_the_catch_all_took_is_screened_whole(conversation):
    heard = conversation.intent("CatchAllIntent", words="slipped in the shower and i think my leg's broken")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
    heard = conversation.intent("CatchAllIntent", words="everyone would be better off if i took all my pills")
    assert heard.speech.startswith(FIRST_SENTENCE) and "988" in heard.speech
    heard = conversation.intent("CatchAllIntent", words="what's the weather in boston tomorrow")
    assert heard.speech.startswith("If this is an emergency, call 911 now.") and heard.end_session is False
    assert heard.speech == conversation.intent("AMAZON.FallbackIntent").speech


def test_the_catch_all_asked_a_question_hears_911_first_but_not_the_full_response(conversation):
    # The learned screen alone is never sure of the catch-all's words that ask something.
    for words in (
        "would it count as an emergency if she started itching",
        "who do i call with a non urgent question about the pump",
    ):
        heard = conversation.intent("CatchAllIntent", words=words)
        assert heard.speech.startswith("If this is an emergency, call 911 now.")
        assert heard.end_session is False


# ---- (c) the emergency response ----


def test_the_emergency_response_says_911_first_cannot_call_and_names_the_pump(conversation):
    heard = conversation.intent("EmergencyIntent", person="my husband", symptom="not breathing")
    first_sentence = heard.speech.split(". ")[0] + "."
    assert first_sentence == FIRST_SENTENCE
    assert "can't call for you" in heard.speech
    assert "I'm calling" not in heard.speech and "calling 911" not in heard.speech.lower()
    assert "If the person has a baclofen pump, tell the responders." in heard.speech
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
def broken_content(tmp_path, skill_config):
    """``breaking(corrupt, store=None)``: a conversation with a skill whose content file is missing or
    corrupt (and whose profile store is ``store``)."""

    def breaking(corrupt: bool, store=None) -> Conversation:
        if corrupt:
            (tmp_path / "en-US.json").write_text('{"strings": {"welcome": ', encoding="utf-8")
        return Conversation(create_handler(skill_config._replace(content_dir=str(tmp_path)), store))

    return breaking


@pytest.mark.parametrize("corrupt", [False, True], ids=["missing", "corrupt"])
def test_with_the_content_broken_an_emergency_still_gets_911(broken_content, corrupt):
    conversation = broken_content(corrupt)
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


def test_with_content_and_database_both_broken_an_emergency_still_gets_911(broken_content):
    unreachable = BrokenStore(storage.StorageError("unreachable"))
    conversation = broken_content(True, unreachable)
    heard = conversation.intent("QuestionIntent", query="my pump is beeping and he is very confused")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
    heard = conversation.intent("EmergencyIntent", symptom="having a seizure")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
    assert unreachable.calls == []  # the emergency path never waits on the database


# ---- (e) every other handler broken, and the emergency handler itself broken ----


def _boom(*args, **kwargs):
    raise RuntimeError("broken on purpose")


OTHER_HANDLERS = [
    cls
    for module in (safety_handlers, conversation_handlers, memory_handlers)
    for name, cls in vars(module).items()
    if isinstance(cls, type)
    and name.endswith("Handler")
    and cls.__module__ == module.__name__
    and cls not in (safety_handlers.EmergencyHandler, catch_all.CatchAllExceptionHandler)
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
    monkeypatch.setattr(safety_handlers.EmergencyHandler, broken, _boom)
    heard = conversation.intent("EmergencyIntent", symptom="not breathing")
    assert heard.speech.startswith(FIRST_SENTENCE)
    assert heard.end_session is True and heard.reprompt is None
    heard = conversation.intent("QuestionIntent", query="i want to kill myself")
    assert heard.speech.startswith(FIRST_SENTENCE) and "988" in heard.speech


def test_with_the_response_helpers_broken_the_catch_all_still_says_911_first(conversation, monkeypatch):
    monkeypatch.setattr(safety_handlers.EmergencyHandler, "handle", _boom)
    monkeypatch.setattr(respond, "respond", _boom)
    heard = conversation.intent("EmergencyIntent", symptom="having a seizure")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True
    monkeypatch.setattr(emergency, "to_ssml", _boom)  # the renderer gone: escaping alone
    heard = conversation.intent("EmergencyIntent", symptom="having a seizure")
    assert heard.speech.startswith(FIRST_SENTENCE) and heard.end_session is True


# ---- (f) launch, help, fallback and error all mention 911 ----


def test_launch_help_fallback_and_error_all_mention_911(conversation, monkeypatch):
    assert "911" in conversation.launch().speech
    assert "911" in conversation.intent("AMAZON.HelpIntent").speech
    assert "911" in conversation.intent("AMAZON.FallbackIntent").speech
    monkeypatch.setattr(conversation_handlers.TopicHandler, "handle", _boom)
    heard = conversation.intent("TherapyOverviewIntent")
    assert "call 911 now" in heard.speech
    assert heard.end_session is False and "911" in heard.reprompt


@pytest.mark.parametrize(
    "question",
    ["what number do i call in an emergency", "what's the emergency number", "who do i call in an emergency"],
)
def test_asking_for_the_emergency_number_is_answered_with_911_first(question):
    from skill_sim.simulator import Simulator

    heard = Simulator().ask(question).heard
    assert heard.speech.split(". ")[0] == "In an emergency, call 911 now"
    assert "800-436-7936" in heard.speech  # the appointment line only as the line for what is not urgent
    assert heard.end_session is False


def test_fewer_than_one_ordinary_question_in_twenty_hears_the_911_opener():
    """The opener is for what the skill is not sure of. Ordinary questions (not risk questions, advice or
    statements) that still hear it are mostly ones no topic answers, which fall back by design. Measured on
    the question sets the model was tuned on; on a held-out set, never tuned, more hear it (set 5: 48 of
    230 in near mode, its header): each question the model does not place falls back, and the fallback
    opens with 911."""
    files = [
        path
        for path in corpora.files()
        if path.name.startswith(("questions", "topics_unseen")) and not corpora.held_out(path)
    ]
    tallies = measure(files, False, "both")
    lines = sum(tally.lines for tally in tallies)
    openers = sum(tally.first - tally.full for tally in tallies)
    assert lines >= 500 and openers < 0.05 * lines, (openers, lines)


# Fresh sets measured once and not yet tuned on (tests/unseen/README.md): their full-response and false-alarm
# figures are recorded in their headers, not asserted. What must hold from the first pass on is that every
# emergency line hears 911 first, whichever way the interaction model resolves it.
UNSEEN = Path(__file__).parent / "unseen"


@pytest.mark.slow
@pytest.mark.parametrize("literal", [False, True], ids=["near", "literal"])
def test_every_line_of_the_untuned_emergency_sets_hears_911_first(literal):
    files = sorted(UNSEEN.glob("emergencies_*.txt"))
    tallies = measure(files, literal, "both")
    assert len(files) >= 2 and all(tally.lines >= 150 for tally in tallies)
    no_911 = {tally.name: [m for m in tally.missed if m.startswith("NO 911")] for tally in tallies}
    assert {name: lines for name, lines in no_911.items() if lines} == {}


# Fresh sets measured first on the catch-all, now tuned on and in the corpus: never below their first pass
# (near mode, full response); sets 9, 12 and 13 reached the 97% on first pass, 10 and 11 did not.
FIRST_PASS_FULL = {
    "emergencies_unseen9.txt": 196,
    "emergencies_unseen10.txt": 191,
    "emergencies_unseen11.txt": 188,
    "emergencies_unseen12.txt": 195,
    "emergencies_unseen13.txt": 198,
    "emergencies_unseen14.txt": 196,
    "emergencies_unseen15.txt": 192,
    "emergencies_unseen16.txt": 195,
    "emergencies_unseen17.txt": 192,
}


@pytest.mark.slow
@pytest.mark.parametrize(("name", "first_pass"), sorted(FIRST_PASS_FULL.items()))
def test_a_fresh_set_never_falls_below_its_first_pass(name, first_pass):
    (tally,) = measure([corpora.CORPUS_DIR / name], False, "both")
    assert tally.lines == 200 and tally.full >= first_pass, tally.missed


NURSE = "nurse couldn't get the needle in for the refill and now i'm shaking stiff and feverish"


def test_a_statement_with_danger_in_it_hears_911_before_any_topic(conversation):
    # set 7's one line without 911 first: "the {report}", answered as the refill topic with no opener
    heard = conversation.intent("ReportIntent", report=NURSE)
    assert heard.speech.startswith(("If this is an emergency, call 911 now.", FIRST_SENTENCE))
