"""Every answer the skill can give, as the real ``lambda_handler`` renders it, for measuring by ear.

Topics are played through the handler itself (an offered part accepted with "yes"), so the SSML is
exactly what a device would get; strings and the safety constants are rendered with the function's
one SSML renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

from skill_sim import envelope
from voice import corpus


@dataclass(frozen=True)
class Answer:
    label: str  # where it comes from: "topic:surgery#2", "intent:AMAZON.HelpIntent", "string:welcome"
    ssml: str
    text: str
    reprompt: str | None  # plain text of the reprompt, None when there is none
    open_mic: bool  # the session stays open (so the user is expected to answer)


def lambda_handler():
    """A skill of its own, remembering nothing: no profile from a chat (a slow pace) changes what is heard."""
    from skill_sim.simulator import create_handler

    return create_handler(corpus.ROOT)


def _from_heard(label: str, heard: envelope.Heard) -> Answer:
    return Answer(label, heard.ssml, heard.speech, heard.reprompt, heard.end_session is False)


def every_answer() -> list[Answer]:
    """Every topic part, every built-in reply, the emergency replies and every spoken string."""
    from itb_skill import answers, content, safety
    from itb_skill.speech import OFFER_FILL, fill, ssml_to_text, to_ssml

    handler = lambda_handler()
    texts = content.load()
    found: list[Answer] = []

    def send(label: str, request: dict, attributes: dict | None = None) -> None:
        session = envelope.Session(attributes=dict(attributes or {}))
        found.append(_from_heard(label, envelope.send(handler, session, request)))

    send("launch", envelope.launch_request())
    for topic_id, topic in texts.topics.items():
        for part in range(len(topic.parts)):
            offer = {answers.OFFER: {"topic": topic_id, "part": part}}
            send(f"topic:{topic_id}#{part + 1}", envelope.intent_request("AMAZON.YesIntent"), offer)
    for intent in (
        "AMAZON.HelpIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.StartOverIntent",
        "AMAZON.NoIntent",
        "AMAZON.YesIntent",  # nothing offered
        "AMAZON.RepeatIntent",  # nothing said yet
        "AMAZON.StopIntent",
        "EmergencyIntent",
    ):
        send(f"intent:{intent}", envelope.intent_request(intent))
    for kind in (safety.EMERGENCY, safety.CRISIS):
        reply = answers.emergency_reply(kind)
        found.append(Answer(f"safety:{kind}", to_ssml(reply.speech), reply.speech, None, False))
    error = answers.error_reply()
    found.append(
        Answer(
            "safety:error", to_ssml(error.speech), error.speech, ssml_to_text(to_ssml(error.reprompt)), True
        )
    )
    # Every spoken string on its own (cards are read, not heard). Offers are filled with each topic's.
    for key, value in texts.strings.items():
        if "card" in key:
            continue
        variants = [value]
        if "{" + OFFER_FILL + "}" in value:
            variants = [fill(value, {OFFER_FILL: topic.offer}) for topic in texts.topics.values()]
        for index, variant in enumerate(dict.fromkeys(variants)):
            ssml = to_ssml(variant, texts.phones)
            label = f"string:{key}" + (f"~{index + 1}" if len(variants) > 1 else "")
            found.append(Answer(label, ssml, ssml_to_text(ssml), None, False))
    return found


def question_problem(answer: Answer) -> str | None:
    """Why an open-microphone answer leaves the listener without a question to answer, or None.

    The speech must end with a question (the last thing heard before the microphone opens), and
    the reprompt, said after a silence, must ask one too."""
    if not answer.open_mic:
        return None
    if not answer.text.rstrip().endswith("?"):
        return "speech does not end with a question"
    if not answer.reprompt:
        return "no reprompt"
    if "?" not in answer.reprompt:
        return "reprompt has no question"
    return None
