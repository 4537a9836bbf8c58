"""Property-based fuzzing of the real ``lambda_handler``: whatever Alexa (or anything else) sends, the skill
answers with a valid, speakable response, and never speaks what the user said.

Envelopes come from the one request factory (``skill_sim.envelope``) and are then mutated. Intent and slot
names are read from the interaction model, so a new intent is fuzzed without touching this file.
The number of examples comes from the hypothesis profile (tests/conftest.py): ``make test`` runs the "ci"
profile, ``make fuzz`` the "fuzz" profile.
"""

from __future__ import annotations

import copy
import json
import logging
import xml.parsers.expat
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from skill_sim import envelope

MODEL_PATH = (
    Path(__file__).resolve().parent.parent
    / "interaction_model/skill-package/interactionModels/custom/en-US.json"
)
_LANGUAGE_MODEL = json.loads(MODEL_PATH.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
MODEL_SLOTS: dict[str, dict[str, str]] = {
    intent["name"]: {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
    for intent in _LANGUAGE_MODEL["intents"]
}
TYPE_IDS: dict[str, list[str]] = {
    slot_type["name"]: [value.get("id") or value["name"]["value"] for value in slot_type["values"]]
    for slot_type in _LANGUAGE_MODEL.get("types", [])
}
UNKNOWN_INTENTS = ["SomethingNobodyDeclaredIntent", "AMAZON.PauseIntent", "AMAZON.ScrollUpIntent", "", "a b"]

DECLARED_REQUEST_TYPES = ["LaunchRequest", "IntentRequest", "SessionEndedRequest"]
UNDECLARED_REQUEST_TYPES = [
    "AlexaSkillEvent.SkillDisabled",
    "AlexaSkillEvent.SkillEnabled",
    "AlexaSkillEvent.SkillPermissionAccepted",
    "CanFulfillIntentRequest",
    "Display.ElementSelected",
    "System.ExceptionEncountered",
    "Connections.Response",
    "Alexa.Presentation.APL.UserEvent",
    "AudioPlayer.PlaybackStarted",
    "Messaging.MessageReceived",
    "Totally.UnknownRequest",
]
# Alexa takes no speech in answer to these.
SILENT_REQUEST_TYPES = {
    "SessionEndedRequest",
    "System.ExceptionEncountered",
    "AlexaSkillEvent.SkillDisabled",
    "AlexaSkillEvent.SkillEnabled",
    "AlexaSkillEvent.SkillPermissionAccepted",
}
LOCALES = ["en-US", "en-GB", "de-DE", "xx-XX", "", "EN-us", "klingon"]

# Tags Alexa's SSML supports.
ALLOWED_TAGS = {
    "speak",
    "break",
    "say-as",
    "prosody",
    "emphasis",
    "p",
    "s",
    "sub",
    "phoneme",
    "lang",
    "voice",
    "amazon:effect",
    "audio",
    "w",
    "mark",
    "amazon:domain",
    "amazon:emotion",
}
MAX_SSML = 8000

# Any text the user "says" carries this marker; it must never come back in speech, card or log line.
MARKER = "qzxuserqzx"
NASTY = [
    "<",
    ">",
    "&",
    "&amp;",
    "]]>",
    "<![CDATA[",
    "<speak>",
    "</speak>",
    '<audio src="https://example.com/x.mp3"/>',
    "<break time='10s'/>",
    '"',
    "'",
    "{appointments}",
    "{pause}",
    "%s",
    "\\",
    "\x00",
    "\u202e",  # right-to-left override
    "é à ñ ü",
    "日本語",
    "🙂",
    "911",
    "nine one one",
    "not breathing",
    "side effects",
    "   ",
]

logger_name = "itb_skill.requests"

# Content string keys a remembered reference may name: whole replies, fragments and placeholders' owners.
REFERENCE_KEYS = [
    "welcome",
    "help",
    "fallback",
    "welcome_back",
    "welcome_back_offer",
    "offer_prompt",
    "goodbye",
]
# What the skill may echo in session attributes (tests/test_session_attributes.py), and how much.
SESSION_KEYS = {"pace", "offer", "last", "memory", "seen"}
MAX_ECHOED_BYTES = 2048  # far below Alexa's 24 KB response limit: ids, enums and bounded numbers only


# ---------- strategies ----------

text_piece = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
slot_text = st.one_of(
    st.just(""),
    st.lists(text_piece, max_size=6).map("".join),
    # huge: far over every Alexa limit
    st.tuples(st.sampled_from(NASTY + ["word "]), st.integers(200, 3000)).map(lambda t: t[0] * t[1]),
)
user_text = st.tuples(slot_text, slot_text).map(lambda t: f"{t[0]}{MARKER}{t[1]}")


@st.composite
def slots_for(draw, intent_name: str, marked: bool = True) -> dict:
    declared = dict(MODEL_SLOTS.get(intent_name, {}))
    extra = draw(st.lists(st.sampled_from(["query", "person", "symptom", "topic", "x"]), max_size=2))
    for name in extra:
        declared.setdefault(name, "")
    slots = {}
    for name, slot_type in declared.items():
        shape = draw(st.sampled_from(["missing", "empty", "value", "resolved", "unresolved"]))
        if shape == "missing":
            continue
        if shape == "empty":
            slots[name] = envelope.slot(name, None)
            continue
        value = draw(user_text if marked else slot_text)
        resolved = None
        if shape == "resolved":
            resolved = draw(st.sampled_from(TYPE_IDS.get(slot_type) or ["UNKNOWN_ID"]))
        slots[name] = envelope.slot(name, value, resolved, slot_type=slot_type or "FuzzType")
    return slots


@st.composite
def intent_requests(draw, marked: bool = True) -> dict:
    name = draw(st.sampled_from(sorted(MODEL_SLOTS) + UNKNOWN_INTENTS))
    return envelope.intent_request(name, draw(slots_for(name, marked)))


# What a touch on a screen sends: the skill's own targets, and anything else (user text included).
TOUCH_ARGUMENTS = st.deferred(
    lambda: st.one_of(
        st.sampled_from([["answer", "yes"], ["answer", "no"], ["topic", "appointments"], ["topic", "nope"]]),
        st.lists(st.one_of(user_text, st.sampled_from(["topic", "answer", "yes"]), junk), max_size=4),
        junk,
    )
)


@st.composite
def any_request(draw) -> dict:
    request_type = draw(st.sampled_from(DECLARED_REQUEST_TYPES + UNDECLARED_REQUEST_TYPES + [TOUCH]))
    if request_type == TOUCH:
        request = envelope.user_event()
        request["arguments"] = draw(TOUCH_ARGUMENTS)
        return request
    if request_type == "IntentRequest":
        return draw(intent_requests())
    if request_type == "LaunchRequest":
        return envelope.launch_request()
    if request_type == "SessionEndedRequest":
        reason = draw(st.sampled_from(["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS", "???"]))
        return envelope.session_ended_request(reason)
    request = {"type": request_type}
    if request_type == "CanFulfillIntentRequest":
        request["intent"] = draw(intent_requests())["intent"]
    return request


TOUCH = "Alexa.Presentation.APL.UserEvent"  # with arguments; UNDECLARED_REQUEST_TYPES sends it bare
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
garbage_attributes = st.fixed_dictionaries(
    {},
    optional={
        "pace": st.one_of(junk, st.sampled_from(["slow", "normal", "fast"])),
        "offer": st.one_of(
            junk,
            st.fixed_dictionaries(
                {},
                optional={
                    "topic": st.one_of(junk, st.sampled_from(["therapy_overview", "appointments", "nope"])),
                    "part": st.one_of(junk, st.integers(-5, 50)),
                },
            ),
        ),
        "last": st.one_of(
            junk,
            st.fixed_dictionaries(  # the words of an answer, as the skill once kept them: never spoken
                {},
                optional={
                    "speech": st.one_of(junk, st.sampled_from(NASTY), user_text),
                    "reprompt": st.one_of(junk, user_text),
                    "card_title": junk,
                    "card_text": st.one_of(junk, user_text),
                    "topic": junk,
                },
            ),
            st.fixed_dictionaries(  # references, as the skill keeps them now: real, or not
                {},
                optional={
                    "key": st.one_of(junk, user_text, st.sampled_from(REFERENCE_KEYS)),
                    "topic": st.one_of(
                        junk, user_text, st.sampled_from(["appointments", "therapy_overview"])
                    ),
                    "part": st.one_of(junk, st.integers(-2, 5)),
                },
            ),
        ),
        "memory": st.one_of(
            junk,
            st.fixed_dictionaries(
                {},
                optional={
                    "status": st.one_of(
                        junk, st.sampled_from(["loaded", "saved", "unavailable", "forgotten"])
                    ),
                    "stored": st.one_of(
                        junk, st.fixed_dictionaries({}, optional={"visits": junk, "last_topic": junk})
                    ),
                    "since": junk,
                    "topic": st.one_of(junk, user_text),
                },
            ),
        ),
        "something_else": junk,
    },
)

DELETE = object()
MUTATION_PATHS = [
    ("version",),
    ("session",),
    ("session", "new"),
    ("session", "sessionId"),
    ("session", "attributes"),
    ("session", "user"),
    ("session", "application"),
    ("context",),
    ("context", "System"),
    ("context", "System", "device"),
    ("context", "System", "user"),
    ("request",),
    ("request", "type"),
    ("request", "locale"),
    ("request", "timestamp"),
    ("request", "requestId"),
    ("request", "dialogState"),
    ("request", "intent"),
    ("request", "intent", "name"),
    ("request", "intent", "slots"),
    ("request", "intent", "confirmationStatus"),
]
mutation = st.tuples(st.sampled_from(MUTATION_PATHS), st.one_of(st.just(DELETE), junk))


def apply(event: dict, path: tuple[str, ...], replacement) -> None:
    node = event
    for key in path[:-1]:
        if not isinstance(node, dict) or not isinstance(node.get(key), dict):
            return
        node = node[key]
    if not isinstance(node, dict):
        return
    if replacement is DELETE:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = copy.deepcopy(replacement)


# Voice-only devices and each kind of screen (APL).
DEVICES = [None, *sorted(envelope.SCREENS)]


@st.composite
def sessions(draw, attributes=None) -> envelope.Session:
    return envelope.Session(
        locale=draw(st.sampled_from(LOCALES)),
        attributes=draw(attributes) if attributes is not None else {},
        new=draw(st.booleans()),
        screen=draw(st.sampled_from(DEVICES)),
    )


# ---------- checks ----------


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture(scope="module")
def call(tmp_path_factory):
    """Calls the real handler and returns (response, the request's log record), checking the log line."""
    from itb_skill.config import Config
    from itb_skill.memory.stores import MemoryStore
    from itb_skill.skill import create_skill

    skill = create_skill(Config(data_dir=str(tmp_path_factory.mktemp("data"))), MemoryStore())
    handler, skill_id = skill.lambda_handler, skill.services.config.skill_id
    lines = _Lines()
    request_log = logging.getLogger(logger_name)
    request_log.addHandler(lines)

    def run(event):
        lines.lines.clear()
        expected_refusal = _refused(event, skill_id)
        result = handler(copy.deepcopy(event), None)  # never raises
        assert len(lines.lines) == 1, "exactly one log line per request"
        assert MARKER not in lines.lines[0]
        record = json.loads(lines.lines[0])
        if expected_refusal:  # a request for another skill: nothing said, nothing of it logged
            assert result == {"version": "1.0", "response": {}} and record["outcome"] == "refused"
            return None, None
        return result, record

    yield run
    request_log.removeHandler(lines)


def _refused(event, skill_id) -> bool:
    if skill_id is None:
        return False
    try:
        return event["context"]["System"]["application"]["applicationId"] != skill_id
    except (KeyError, TypeError):
        return True


def request_type_of(event) -> object:
    try:
        return event["request"]["type"]
    except (KeyError, TypeError):
        return None


def check_ssml(ssml: object) -> str:
    """Well-formed XML, one <speak> root, supported tags only, under Alexa's limit. Returns the text."""
    assert isinstance(ssml, str)
    assert len(ssml) <= MAX_SSML
    tags: list[str] = []
    text: list[str] = []
    parser = xml.parsers.expat.ParserCreate()  # no namespace processing: "amazon:effect" stays one name
    parser.StartElementHandler = lambda name, _attrs: tags.append(name)
    parser.CharacterDataHandler = text.append
    parser.Parse(ssml, True)  # raises ExpatError if not well-formed
    assert tags[0] == "speak" and tags.count("speak") == 1
    assert set(tags) <= ALLOWED_TAGS, set(tags) - ALLOWED_TAGS
    return "".join(text)


def check_response(event, result, record) -> None:
    assert isinstance(result, dict)
    assert result.get("version") == "1.0"
    response = result.get("response")
    assert isinstance(response, dict)
    json.dumps(result)  # serializable as Lambda must return it

    speech = response.get("outputSpeech")
    if isinstance(request_type_of(event), str) and request_type_of(event) in SILENT_REQUEST_TYPES:
        assert speech is None and response.get("reprompt") is None
        assert not response.get("directives")  # nothing shown either
        return
    assert speech and speech["type"] == "SSML"
    spoken = check_ssml(speech["ssml"])
    assert spoken.strip(), "the user hears something"
    assert MARKER not in speech["ssml"]
    reprompt = response.get("reprompt")
    if reprompt is not None:
        assert check_ssml(reprompt["outputSpeech"]["ssml"]).strip()
        assert MARKER not in reprompt["outputSpeech"]["ssml"]
    card = response.get("card")
    if card is not None:
        assert card["type"] == "Simple" and card["title"] and card["content"]
        assert MARKER not in json.dumps(card)
        assert len(card["title"]) + len(card["content"]) <= 8000
    if record["outcome"] in ("error", "fallback", "emergency"):
        assert "911" in spoken, record["outcome"]
    attributes = result.get("sessionAttributes") or {}
    assert set(attributes) <= SESSION_KEYS and len(json.dumps(attributes)) <= MAX_ECHOED_BYTES
    assert MARKER not in json.dumps(attributes)
    check_screen(event, response, spoken)
    assert len(json.dumps(result).encode()) < ALEXA_MAX_RESPONSE_BYTES


ALEXA_MAX_RESPONSE_BYTES = 24 * 1024


def _has_screen(event) -> bool:
    try:
        return isinstance(
            event["context"]["System"]["device"]["supportedInterfaces"]["Alexa.Presentation.APL"], dict
        )
    except (KeyError, TypeError):
        return False


def check_screen(event, response, spoken: str) -> None:
    """At most one screen, only for a device with one; it never shows what the user said, and shows "Call
    911 now." whenever the full emergency response is heard."""
    directives = response.get("directives") or []
    if not _has_screen(event):
        assert directives == []
        return
    assert len(directives) <= 1
    for directive in directives:
        assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
        assert directive["document"]["type"] == "APL"
        assert MARKER not in json.dumps(directive)
    if spoken.startswith("Call 911 now.") and directives:
        assert directives[0]["datasources"]["screen"]["headline"] == "Call 911 now."


def send(call, event) -> None:
    result, record = call(event)
    if result is not None:
        check_response(event, result, record)


# ---------- properties ----------


@given(session=sessions(), request=any_request())
def test_every_request_type_gets_a_valid_answer(call, session, request):
    send(call, session.envelope(request))


@given(session=sessions(), request=intent_requests())
def test_slot_values_are_never_spoken_and_never_break_ssml(call, session, request):
    send(call, session.envelope(request))


@given(
    session=sessions(),
    request=any_request(),
    mutations=st.lists(mutation, min_size=1, max_size=4),
)
def test_malformed_envelopes_still_get_a_spoken_answer(call, session, request, mutations):
    event = session.envelope(request)
    for path, replacement in mutations:
        apply(event, path, replacement)
    send(call, event)


REPEAT = envelope.intent_request("AMAZON.RepeatIntent")


# Found by `make fuzz`: control characters made the SSML invalid XML; an empty remembered answer was
# repeated as silence.
@example(session=envelope.Session(attributes={"last": {"speech": "\x1b"}}), request=REPEAT)
@example(session=envelope.Session(attributes={"last": {"speech": ""}}), request=REPEAT)
@example(session=envelope.Session(attributes={"last": {"speech": "{pause}  "}}), request=REPEAT)
@given(
    session=sessions(garbage_attributes),
    request=st.one_of(
        st.sampled_from(
            [
                envelope.intent_request(name)
                for name in ("AMAZON.YesIntent", "AMAZON.RepeatIntent", "AMAZON.NoIntent")
            ]
        ),
        any_request(),
    ),
)
def test_garbage_session_attributes_never_crash(call, session, request):
    send(call, session.envelope(request))


@given(session=sessions(), requests=st.lists(any_request(), min_size=2, max_size=5))
def test_conversations_carry_no_poison_from_turn_to_turn(call, session, requests):
    """Whatever one answer left in the session attributes, the next turn still answers."""
    for request in requests:
        event = session.envelope(request)
        result, record = call(event)
        if result is None:
            return
        check_response(event, result, record)
        session.attributes = dict(result.get("sessionAttributes") or {})
