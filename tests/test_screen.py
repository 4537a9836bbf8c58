"""On a screen too: what an Echo Show shows, through the real ``lambda_handler``.

A screen is sent only to a device that lists ``Alexa.Presentation.APL``; it shows exactly what is said
(911 opener first), the phone numbers large, the offer as Yes / No, the topics as a touchable list; a touch
is answered like the spoken words it stands for, screened for danger the same way.
"""

from __future__ import annotations

import json
import re

import pytest

from apl_check import checks
from itb_skill import answers, content, safety, visuals
from itb_skill.speech import ssml_to_text, to_ssml
from skill_sim import envelope

SCREENS = sorted(envelope.SCREENS)
ALEXA_MAX_RESPONSE_BYTES = 24 * 1024
TEXTS = content.load()


def normalized(text: str) -> str:
    """Words and digits only: "(800) 436-7936" on screen is "800-436-7936" heard."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))


def shown_words(heard: envelope.Heard) -> str:
    """The captions of a screen, as one text: the opener (or the emergency headline) first."""
    shown = heard.shown
    assert shown is not None, "no screen"
    if heard.screen["token"] == "itb-emergency":
        return " ".join([shown["headline"], *shown["lines"]])
    return " ".join(part for part in (shown["opener"], shown["captions"]) if part)


def assert_captions_match(heard: envelope.Heard) -> None:
    assert normalized(shown_words(heard)) == normalized(heard.speech)


@pytest.fixture(params=SCREENS)
def screen_device(request, lambda_handler):
    from conftest import Conversation

    return Conversation(lambda_handler, screen=request.param)


@pytest.fixture
def show(lambda_handler):
    from conftest import Conversation

    return Conversation(lambda_handler, screen=True)


def emergency_request(text: str = "my husband is not breathing") -> dict:
    return envelope.intent_request("QuestionIntent", {"query": envelope.slot("query", text)})


# ---- only where there is a screen ----

REQUESTS = {
    "launch": envelope.launch_request(),
    "topic": envelope.intent_request("AppointmentIntent"),
    "help": envelope.intent_request("AMAZON.HelpIntent"),
    "fallback": envelope.intent_request("AMAZON.FallbackIntent"),
    "stop": envelope.intent_request("AMAZON.StopIntent"),
    "emergency": emergency_request(),
}


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_a_voice_only_device_gets_no_screen_at_all(name, conversation):
    heard = envelope.send(conversation.handler, conversation.session, REQUESTS[name])
    assert heard.speech
    assert "directives" not in heard.raw["response"]


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_a_screen_device_gets_one_screen_per_spoken_reply(name, screen_device, conversation):
    heard = envelope.send(screen_device.handler, screen_device.session, REQUESTS[name])
    voice_only = envelope.send(conversation.handler, conversation.session, REQUESTS[name])
    (directive,) = heard.raw["response"]["directives"]
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert directive["token"] in {"itb-answer", "itb-menu", "itb-emergency"}
    assert directive["document"]["type"] == "APL"
    assert_captions_match(heard)
    # What is heard, the card in the Alexa app and the session are the same as on a voice-only device.
    assert (heard.ssml, heard.reprompt, heard.card, heard.end_session) == (
        voice_only.ssml,
        voice_only.reprompt,
        voice_only.card,
        voice_only.end_session,
    )


def test_a_device_with_an_older_apl_runtime_gets_no_screen(lambda_handler):
    session = envelope.Session(screen=True)
    event = session.envelope(envelope.launch_request())
    event["context"]["System"]["device"]["supportedInterfaces"]["Alexa.Presentation.APL"]["runtime"] = {
        "maxVersion": "1.7"
    }
    assert "directives" not in lambda_handler(event, None)["response"]


def test_the_end_of_a_session_shows_nothing(show):
    show.launch()
    assert show.end().screen is None


# ---- what is said is what is shown ----


def test_every_topic_part_is_shown_as_it_is_said_with_its_phone_numbers_large(show):
    show.launch()
    for topic in TEXTS.topics.values():
        heard = show.touch("topic", topic.id)
        for part in range(len(topic.parts)):
            assert heard.shown["title"] == topic.title
            assert_captions_match(heard)
            said = [name for name in TEXTS.phones if "{" + name + "}" in topic.parts[part]]
            assert [phone["number"] for phone in heard.shown["phones"]] == [
                TEXTS.phones[name].display for name in said
            ]
            assert heard.shown["offer"] is (answers.OFFER in heard.attributes)
            if part + 1 < len(topic.parts):
                heard = show.intent("AMAZON.YesIntent")


@pytest.mark.parametrize(
    ("request_body", "opener"),
    [
        (envelope.intent_request("AMAZON.HelpIntent"), True),  # help may be a call for help
        (envelope.intent_request("AMAZON.FallbackIntent"), True),
        (envelope.intent_request("QuestionIntent", {"query": envelope.slot("query", "I'm scared")}), True),
        (envelope.intent_request("AMAZON.RepeatIntent"), True),  # nothing said yet to repeat
        (envelope.intent_request("PumpSizeIntent"), False),
        (envelope.intent_request("ForgetMeIntent"), False),
    ],
    ids=["help", "fallback", "statement", "repeat-nothing", "topic", "forget-me"],
)
def test_the_911_opener_is_shown_first_exactly_when_it_is_said(request_body, opener, show):
    heard = envelope.send(show.handler, show.session, request_body)
    assert heard.speech.startswith(safety.OPENER) is opener
    assert (heard.shown["opener"] == safety.OPENER) is opener
    assert_captions_match(heard)


def test_welcome_and_help_show_the_main_topics_as_a_touchable_list(show):
    for heard in (show.launch(), show.intent("AMAZON.HelpIntent")):
        assert heard.screen["token"] == "itb-menu"
        menu = heard.shown["menu"]
        assert [item["id"] for item in menu] == load_words()["menu"]
        assert all(item["title"] == TEXTS.topics[item["id"]].title for item in menu)


def test_slow_pace_is_shown_and_the_screen_stays_up_longer(show):
    show.launch()
    normal = show.intent("PumpSizeIntent")
    slower = show.intent("SpeakSlowerIntent")
    assert normal.shown["paceLabel"] == "" and slower.shown["paceLabel"] == "Speaking slowly"
    assert_captions_match(slower)
    later = show.intent("AppointmentIntent")
    assert later.shown["paceLabel"] == "Speaking slowly"
    idle = {heard.screen["document"]["settings"]["idleTimeout"] for heard in (normal, later)}
    assert (
        later.screen["document"]["settings"]["idleTimeout"]
        > normal.screen["document"]["settings"]["idleTimeout"]
    )
    assert len(idle) == 2


# ---- the emergency screen ----


@pytest.mark.parametrize(
    ("text", "kind"),
    [("my husband is not breathing", safety.EMERGENCY), ("I want to kill myself", safety.CRISIS)],
)
def test_an_emergency_fills_the_screen_with_call_911_now(text, kind, show):
    heard = envelope.send(show.handler, show.session, emergency_request(text))
    assert heard.end_session is True
    assert heard.screen["token"] == "itb-emergency"
    assert heard.shown == {
        "headline": "Call 911 now.",
        "lines": visuals.sentences(safety.emergency_speech(kind))[1:],
    }
    assert "I can't call for you." in heard.shown["lines"]
    assert any("988" in line for line in heard.shown["lines"]) is (kind == safety.CRISIS)
    document = heard.screen["document"]
    assert "import" not in document  # nothing to download before it shows
    assert document["settings"]["idleTimeout"] >= 300_000
    assert_captions_match(heard)


# ---- touches ----


def load_words() -> dict:
    with open(f"{visuals.VISUALS_DIR}/en-US.json", encoding="utf-8") as handle:
        return json.load(handle)


def every_touch() -> list[tuple[str, tuple[str, ...]]]:
    """(document, arguments) of every touch target in the documents, bound to the data the skill sends."""
    screens = {
        "answer": visuals.screen(answers.topic_reply(TEXTS, "appointments"), "", TEXTS.phones, texts=TEXTS),
        "menu": visuals.screen(answers.simple_reply(TEXTS, "welcome"), "", TEXTS.phones, texts=TEXTS),
    }
    touches = []
    for name, document, data in screens.values():
        for node, binding in checks.send_events(document):
            arguments = node.value["arguments"]
            if not any("${" in str(argument) for argument in arguments):
                touches.append((name, tuple(arguments)))
                continue
            assert binding == "${screen.menu}", f"{name} {node.path}: bound to {binding}"
            for item in data["screen"]["menu"]:
                bound = [re.sub(r"\$\{data\.(\w+)\}", lambda m: item[m.group(1)], a) for a in arguments]  # noqa: B023
                touches.append((name, tuple(bound)))
    return touches


TOUCHES = every_touch()


def test_the_documents_have_the_touch_targets_we_expect():
    assert {("answer", ("answer", "yes")), ("answer", ("answer", "no")), ("menu", ("answer", "yes"))} <= set(
        TOUCHES
    )
    assert {arguments[1] for _, arguments in TOUCHES if arguments[0] == "topic"} == set(load_words()["menu"])


@pytest.mark.parametrize(("document", "arguments"), TOUCHES, ids=[f"{d}-{'-'.join(a)}" for d, a in TOUCHES])
def test_every_touch_target_is_answered_like_the_spoken_words(document, arguments, lambda_handler):
    from conftest import Conversation

    touched, spoken = Conversation(lambda_handler, screen=True), Conversation(lambda_handler, screen=True)
    for side in (touched, spoken):
        side.launch()
        side.intent("PumpSizeIntent")  # an offer is open: yes and no mean something
    heard = touched.touch(*arguments)
    if arguments[0] == "topic":
        reply = answers.topic_reply(TEXTS, arguments[1])
        said = ssml_to_text(to_ssml(reply.speech, TEXTS.phones, fills=reply.fills))
        assert heard.speech == said
        assert heard.shown["title"] == TEXTS.topics[arguments[1]].title
    else:
        intent = {"yes": "AMAZON.YesIntent", "no": "AMAZON.NoIntent"}[arguments[1]]
        answered = spoken.intent(intent)
        assert (heard.speech, heard.shown) == (answered.speech, answered.shown)
        assert without_clock(heard.attributes) == without_clock(answered.attributes)
    assert not heard.speech.startswith(safety.OPENER)  # understood: a touch is not unclear
    assert heard.end_session is False
    assert_captions_match(heard)


def without_clock(attributes: dict) -> dict:
    """Session attributes less the time the profile was read (two sessions a second apart differ there)."""
    memory = {key: value for key, value in attributes.get("memory", {}).items() if key != "since"}
    return {**attributes, "memory": memory}


def test_touching_yes_after_forget_me_deletes_like_a_spoken_yes(sessions, memory_store):
    first = sessions(screen=True)
    first.launch()
    first.intent("AppointmentIntent")
    first.intent("AMAZON.StopIntent")
    assert len(memory_store.profiles) == 1
    second = sessions(screen=True)
    second.launch()
    asked = second.intent("ForgetMeIntent")
    assert asked.shown["offer"] is True
    done = second.touch("answer", "yes")
    assert "deleted" in done.speech
    assert memory_store.profiles == {}


@pytest.mark.parametrize(
    "arguments",
    [
        ("topic", "my husband is not breathing"),
        ("answer", "he is having a seizure"),
        ("he stopped breathing",),
        ([{"nested": ["she is unconscious and won't wake up"]}],),
    ],
    ids=["topic", "answer", "one-argument", "nested"],
)
def test_danger_in_what_a_touch_sends_is_screened_like_a_slot_value(arguments, show):
    show.launch()
    heard = show.touch(*arguments)
    assert heard.speech.startswith("Call 911 now.")
    assert heard.end_session is True
    assert heard.screen["token"] == "itb-emergency"


@pytest.mark.parametrize(
    "arguments",
    [("topic", "nope"), ("answer", "maybe"), (), ("topic",), (1, 2), ("topic", "appointments", "x")],
)
def test_a_touch_the_skill_did_not_send_gets_the_fallback_with_911_first(arguments, show):
    show.launch()
    heard = show.touch(*arguments)
    assert heard.speech.startswith(safety.OPENER)
    assert heard.shown["opener"] == safety.OPENER
    assert heard.end_session is False


# ---- Alexa's size limit ----


def every_reply_on(conversation) -> list[envelope.Heard]:
    """Every topic part and every reply said from a content string alone, on ``conversation``'s device."""
    heard = [conversation.launch()]
    for topic in TEXTS.topics.values():
        heard.append(conversation.touch("topic", topic.id))
        heard += [conversation.intent("AMAZON.YesIntent") for _ in topic.parts[1:]]
    for request in REQUESTS.values():
        heard.append(
            envelope.send(conversation.handler, envelope.Session(screen=conversation.session.screen), request)
        )
    return heard


def test_every_real_response_with_its_screen_is_under_alexas_size_limit(screen_device):
    sizes = [len(json.dumps(heard.raw).encode()) for heard in every_reply_on(screen_device)]
    assert all(heard for heard in sizes)
    assert max(sizes) < ALEXA_MAX_RESPONSE_BYTES, max(sizes)
