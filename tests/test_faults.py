"""Faults behind the function: whatever breaks, the user hears an answer that points to 911.

Each test injects one fault into the real ``lambda_handler`` and checks what a listener hears.
"""

from __future__ import annotations

import json

import pytest

from fakes import BrokenStore
from itb_skill import safety
from itb_skill.config import Config
from itb_skill.memory import stores as storage
from itb_skill.skill import create_handler, create_skill
from itb_skill.speech import ssml_to_text
from skill_sim import envelope

ERROR_HEARD = ssml_to_text(f"<speak>{safety.ERROR_SPEECH}</speak>")
MARKER = "qzxfaultqzx"


def request_log_lines(out: str) -> list[dict]:
    """The JSON request lines the function wrote to stderr (Lambda sends it to CloudWatch)."""
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def assert_error_answer(heard: envelope.Heard) -> None:
    """The catch-all's answer: sorry, call 911 if this is an emergency, microphone still open."""
    assert heard.speech == ERROR_HEARD
    assert "call 911 now" in heard.speech
    assert heard.reprompt and "911" in heard.reprompt
    assert heard.end_session is False


# ---- the content file ----


@pytest.fixture(params=["missing", "corrupt", "wrong shape"])
def broken_content(request, tmp_path, skill_config):
    """A skill whose content folder's en-US file is missing, not JSON, or lacks keys."""
    folder = tmp_path / "content"
    if request.param != "missing":
        folder.mkdir()
    if request.param == "corrupt":
        (folder / "en-US.json").write_text('{"topics": {"therapy_overview": ', encoding="utf-8")
    elif request.param == "wrong shape":
        (folder / "en-US.json").write_text('{"topics": [], "strings": 5}', encoding="utf-8")
    return create_handler(skill_config._replace(content_dir=str(folder)))


@pytest.mark.parametrize(
    "request_body",
    [
        envelope.launch_request(),
        envelope.intent_request("TherapyOverviewIntent"),
        envelope.intent_request("AMAZON.HelpIntent"),
        envelope.intent_request("AMAZON.FallbackIntent"),
        envelope.intent_request("QuestionIntent", {"query": envelope.slot("query", "how big is the pump")}),
    ],
    ids=["launch", "topic", "help", "fallback", "question"],
)
def test_content_that_fails_to_load_still_gets_the_911_answer(broken_content, capsys, request_body):
    heard = envelope.send(broken_content, envelope.Session(), request_body)
    assert_error_answer(heard)
    (line,) = request_log_lines(capsys.readouterr().err)
    assert line["outcome"] == "error" and line["Errors"] == 1


def test_emergencies_are_answered_without_content(broken_content):
    slots = {"query": envelope.slot("query", "my son is not breathing")}
    request = envelope.intent_request("QuestionIntent", slots)
    heard = envelope.send(broken_content, envelope.Session(), request)
    assert heard.speech.startswith("Call 911 now.")
    assert heard.end_session is True


# ---- an exception inside any handler ----

# Every registered request handler, by its place in the order (each test breaks its own skill's one).
REGISTERED = [type(handler).__name__ for handler in create_skill(Config()).request_handlers]


def _fail(*_args, **_kwargs):
    raise RuntimeError(f"user said {MARKER}")  # a message quoting the user must never be logged


@pytest.mark.parametrize("index", range(len(REGISTERED)), ids=REGISTERED)
@pytest.mark.parametrize("where", ["handle", "can_handle"])
def test_an_exception_in_any_handler_gets_the_911_answer(index, where, monkeypatch, skill, capsys):
    # The probe intent is declared nowhere, so the faulty handler is the first that takes it.
    handler, lambda_handler = skill.request_handlers[index], skill.lambda_handler
    monkeypatch.setattr(handler, "can_handle", _fail if where == "can_handle" else (lambda _input: True))
    if where == "handle":
        monkeypatch.setattr(handler, "handle", _fail)
    heard = envelope.send(lambda_handler, envelope.Session(), envelope.intent_request("FaultProbeIntent"))
    assert_error_answer(heard)
    captured = capsys.readouterr()
    assert MARKER not in captured.out + captured.err
    (line,) = request_log_lines(captured.err)
    assert line["outcome"] == "error" and line["Errors"] == 1


# ---- the catch-all itself ----


def test_catch_all_answers_even_when_session_attributes_are_unusable(monkeypatch, lambda_handler, capsys):
    """Bad attribute values are dropped before any handler (tests/test_session_attributes.py); this breaks
    reading them at all, so the catch-all's own reply cannot use them either."""
    from itb_skill.handlers import respond

    monkeypatch.setattr(respond, "session_attributes", _fail)
    heard = envelope.send(lambda_handler, envelope.Session(), envelope.intent_request("AMAZON.YesIntent"))
    assert_error_answer(heard)
    captured = capsys.readouterr()
    assert MARKER not in captured.out + captured.err
    (line,) = request_log_lines(captured.err)
    assert line["outcome"] == "error"


def test_catch_all_answers_a_request_without_a_session(lambda_handler):
    event = envelope.Session().envelope(envelope.launch_request())
    del event["session"]
    heard = envelope.read_response(lambda_handler(event, None))
    assert_error_answer(heard)


def test_when_the_catch_all_itself_fails_the_wrapper_still_answers(monkeypatch, skill, capsys):
    monkeypatch.setattr(skill.request_handlers[-1], "handle", _fail)
    monkeypatch.setattr(skill.catch_all, "handle", _fail)
    heard = envelope.send(
        skill.lambda_handler, envelope.Session(), envelope.intent_request("FaultProbeIntent")
    )
    assert_error_answer(heard)
    captured = capsys.readouterr()
    assert MARKER not in captured.out + captured.err
    (line,) = request_log_lines(captured.err)
    assert line["outcome"] == "error" and line["error_type"] == "RuntimeError"


# ---- envelopes the SDK cannot even read ----


def test_an_envelope_the_sdk_cannot_read_gets_the_911_answer(lambda_handler, capsys):
    event = envelope.Session().envelope(envelope.launch_request())
    event["request"]["timestamp"] = f"not a time {MARKER}"  # the SDK's error message quotes this
    heard = envelope.read_response(lambda_handler(event, None))
    assert_error_answer(heard)
    captured = capsys.readouterr()
    assert MARKER not in captured.out + captured.err
    (line,) = request_log_lines(captured.err)
    assert line["error_type"] == "SerializationException"


def test_danger_in_an_unreadable_envelope_still_says_call_911_now(lambda_handler, capsys):
    slots = {"query": envelope.slot("query", "he is having a seizure")}
    event = envelope.Session().envelope(envelope.intent_request("QuestionIntent", slots))
    event["request"]["timestamp"] = "not a time"
    heard = envelope.read_response(lambda_handler(event, None))
    assert heard.speech.startswith("Call 911 now.")
    assert heard.end_session is True
    (line,) = request_log_lines(capsys.readouterr().err)
    assert line["outcome"] == "emergency" and line["Emergencies"] == 1


@pytest.mark.parametrize(
    ("intent", "slots"),
    [
        ("EmergencyIntent", {}),  # the intent alone is enough, as on the normal path
        ("ReportIntent", {"report": envelope.slot("report", "is really lightheaded")}),  # "she {report}"
    ],
    ids=["emergency-intent", "report-clause"],
)
def test_an_unreadable_emergency_is_screened_like_a_readable_one(intent, slots, lambda_handler):
    event = envelope.Session().envelope(envelope.intent_request(intent, slots))
    event["request"]["timestamp"] = "not a time"
    heard = envelope.read_response(lambda_handler(event, None))
    assert heard.speech.startswith("Call 911 now.")
    assert heard.end_session is True


@pytest.mark.parametrize("event", [None, "hello", 42, [], {}], ids=repr)
def test_not_even_an_envelope_gets_the_911_answer(event, lambda_handler):
    assert_error_answer(envelope.read_response(lambda_handler(event, None)))


def test_a_broken_session_ended_request_stays_silent(lambda_handler):
    event = envelope.Session().envelope(envelope.session_ended_request())
    event["request"]["timestamp"] = "not a time"
    raw = lambda_handler(event, None)
    assert raw == {"version": "1.0", "response": {}}


# ---- the database ----


@pytest.fixture(
    params=[
        storage.StorageError("dynamodb load failed: ProvisionedThroughputExceededException"),
        RuntimeError(f"unexpected bug quoting {MARKER}"),
        TimeoutError(),
    ],
    ids=["storage error", "unexpected exception", "timeout"],
)
def broken_store(request):
    return BrokenStore(request.param)


def test_a_failing_database_never_stops_an_answer(broken_store, skill_config, capsys):
    lambda_handler = create_handler(skill_config, broken_store)
    session = envelope.Session()
    welcome = envelope.send(lambda_handler, session, envelope.launch_request())
    assert "call 911" in welcome.speech and "not medical advice" in welcome.speech and welcome.reprompt
    topic = envelope.send(lambda_handler, session, envelope.intent_request("AppointmentIntent"))
    assert topic.card["title"] == "Make an appointment"
    envelope.send(lambda_handler, session, envelope.intent_request("ForgetMeIntent"))
    forget = envelope.send(lambda_handler, session, envelope.intent_request("AMAZON.YesIntent"))
    assert "couldn't delete" in forget.speech and forget.reprompt
    goodbye = envelope.send(lambda_handler, session, envelope.intent_request("AMAZON.StopIntent"))
    assert goodbye.end_session is True and goodbye.speech
    assert broken_store.calls[:2] == ["load", "delete"]  # the faults really happened

    captured = capsys.readouterr()
    assert MARKER not in captured.out + captured.err
    outcomes = [line["outcome"] for line in request_log_lines(captured.err)]
    assert len(outcomes) == 5 and "error" not in outcomes


# ---- the screens (APL): an emergency is shown whatever broke ----

EMERGENCY_QUESTION = envelope.intent_request(
    "QuestionIntent", {"query": envelope.slot("query", "my son is not breathing")}
)


@pytest.fixture(params=["missing", "corrupt", "wrong shape"])
def broken_visuals(request, tmp_path, skill_config):
    """A skill whose screens' folder has documents that are missing, not JSON, or lack what it reads."""
    import shutil

    from itb_skill import paths

    folder = tmp_path / "visuals"
    if request.param != "missing":
        shutil.copytree(paths.VISUALS_DIR, folder)
        if request.param == "corrupt":
            (folder / "documents" / "answer.json").write_text('{"type": "APL", "mainTem', "utf-8")
        else:
            (folder / "en-US.json").write_text('{"menu": 5}', encoding="utf-8")
    return create_handler(skill_config._replace(visuals_dir=str(folder)))


def test_an_emergency_on_a_screen_device_shows_call_911_with_the_documents_broken(broken_visuals):
    heard = envelope.send(broken_visuals, envelope.Session(screen=True), EMERGENCY_QUESTION)
    assert heard.speech.startswith("Call 911 now.") and heard.end_session is True
    assert heard.screen["token"] == "itb-emergency"
    assert heard.shown["headline"] == "Call 911 now."


def test_answers_on_a_screen_device_are_shown_as_plain_captions_with_the_documents_broken(
    broken_visuals, capsys
):
    voice_only = envelope.send(
        broken_visuals, envelope.Session(), envelope.intent_request("AppointmentIntent")
    )
    heard = envelope.send(
        broken_visuals, envelope.Session(screen=True), envelope.intent_request("AppointmentIntent")
    )
    assert (heard.speech, heard.card, heard.end_session) == (voice_only.speech, voice_only.card, False)
    assert heard.screen["token"] == "itb-captions"
    assert heard.shown["captions"].startswith("To make an appointment, call (800) 436-7936.")
    lines = request_log_lines(capsys.readouterr().err)
    assert [line["outcome"] for line in lines] == ["answered", "answered"]


def test_an_emergency_on_a_screen_device_is_shown_without_content(broken_content):
    heard = envelope.send(broken_content, envelope.Session(screen=True), EMERGENCY_QUESTION)
    assert heard.speech.startswith("Call 911 now.") and heard.screen["token"] == "itb-emergency"


def test_the_error_answer_on_a_screen_device_is_shown_as_captions_with_911_first(broken_content):
    heard = envelope.send(broken_content, envelope.Session(screen=True), envelope.launch_request())
    assert_error_answer(heard)
    assert heard.screen["token"] == "itb-captions"
    shown = " ".join(part for part in (heard.shown["opener"], heard.shown["captions"]) if part)
    assert shown == safety.ERROR_SPEECH  # it opens with 911 itself: said and shown once


def test_a_screen_that_fails_to_build_leaves_the_spoken_answer_alone(monkeypatch, lambda_handler, capsys):
    from itb_skill import visuals

    monkeypatch.setattr(visuals, "screen", _fail)
    heard = envelope.send(
        lambda_handler, envelope.Session(screen=True), envelope.intent_request("AppointmentIntent")
    )
    assert heard.speech.startswith("To make an appointment") and heard.screen is None
    captured = capsys.readouterr()
    assert MARKER not in captured.out + captured.err
    (line,) = request_log_lines(captured.err)
    assert line["outcome"] == "answered"


def test_an_emergency_on_a_screen_device_is_shown_when_its_handler_fails(monkeypatch, skill):
    monkeypatch.setattr(skill.request_handlers[0], "handle", _fail)  # EmergencyHandler
    heard = envelope.send(skill.lambda_handler, envelope.Session(screen=True), EMERGENCY_QUESTION)
    assert heard.speech.startswith("Call 911 now.") and heard.screen["token"] == "itb-emergency"


def test_an_emergency_on_a_screen_device_is_shown_when_even_the_reply_renderer_fails(monkeypatch, skill):
    from itb_skill.handlers import respond

    monkeypatch.setattr(skill.request_handlers[0], "handle", _fail)
    monkeypatch.setattr(respond, "session_attributes", _fail)  # respond() itself cannot run
    heard = envelope.send(skill.lambda_handler, envelope.Session(screen=True), EMERGENCY_QUESTION)
    assert heard.speech.startswith("Call 911 now.") and heard.screen["token"] == "itb-emergency"


def test_an_unreadable_emergency_envelope_from_a_screen_device_is_shown_too(lambda_handler):
    event = envelope.Session(screen=True).envelope(EMERGENCY_QUESTION)
    event["request"]["timestamp"] = "not a time"
    heard = envelope.read_response(lambda_handler(event, None))
    assert heard.speech.startswith("Call 911 now.")
    assert heard.screen["token"] == "itb-emergency" and heard.shown["headline"] == "Call 911 now."
    voice_only = envelope.Session().envelope(EMERGENCY_QUESTION)
    voice_only["request"]["timestamp"] = "not a time"
    assert "directives" not in lambda_handler(voice_only, None)["response"]
