"""The emergency response (and the error reply), built in one place for every layer that may give it.

What is said is ``reply(kind)`` (``answers.emergency_reply``): safety constants only, no content, storage
or network. ``EmergencyHandler`` and the
catch-all render it through ``handlers.respond`` like any reply. When that cannot run, the same reply is
rendered here with nothing but escaping: ``response`` as Alexa's JSON (``runtime``, when the SDK could not
read the request at all) and ``sdk_response`` as the SDK's ``Response`` (the catch-all, when the renderer
itself broke). Never raises.
"""

from __future__ import annotations

import json
from typing import Any

from ask_sdk_model import Response
from ask_sdk_model.ui import Reprompt, SimpleCard, SsmlOutputSpeech

from itb_skill import safety, visuals
from itb_skill.reply import Outcome, Reply
from itb_skill.speech import escape, to_ssml


def reply(kind: str) -> Reply:
    """The full emergency response: 911 first (and 988 for a crisis), the session ends."""
    speech = safety.emergency_speech(kind)
    return Reply(
        speech=speech,
        card_title=safety.EMERGENCY_CARD_TITLE,
        card_text=speech,
        end_session=True,
        outcome=Outcome.EMERGENCY,
    )


def error_reply() -> Reply:
    """What the skill says when anything broke: constants only, with the 911 reminder."""
    return Reply(
        speech=safety.ERROR_SPEECH,
        reprompt=safety.ERROR_REPROMPT,
        card_title=safety.EMERGENCY_CARD_TITLE,
        card_text=safety.ERROR_SPEECH,
        outcome=Outcome.ERROR,
    )


def _ssml(text: str) -> str:
    try:
        return to_ssml(text)
    except Exception:  # the renderer broke: escaping alone still makes valid SSML
        return f"<speak>{escape(text)}</speak>"


def _kind(reply: Reply) -> str:
    return safety.CRISIS if reply.speech == safety.CRISIS_SPEECH else safety.EMERGENCY


def response(reply: Reply, screen: bool = False) -> dict[str, Any]:
    """``reply`` (an emergency or the error reply) as the ``response`` object of Alexa's JSON; ``screen``:
    the device shows APL, so an emergency shows "Call 911 now." too."""
    built: dict[str, Any] = {"outputSpeech": {"type": "SSML", "ssml": _ssml(reply.speech)}}
    if reply.reprompt and not reply.end_session:
        built["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": _ssml(reply.reprompt)}}
    if reply.card_title and reply.card_text:
        built["card"] = {"type": "Simple", "title": reply.card_title, "content": reply.card_text}
    built["shouldEndSession"] = reply.end_session
    if screen and reply.outcome == Outcome.EMERGENCY:
        built["directives"] = [visuals.emergency_directive(_kind(reply))]
    return built


def sdk_response(reply: Reply, screen: bool = False) -> Response:
    """``response`` handed to the SDK; if even that fails, speech, card and reprompt built by hand."""
    try:
        from ask_sdk_core.serialize import DefaultSerializer

        built = DefaultSerializer().deserialize(json.dumps(response(reply, screen)), Response)
        if isinstance(built, Response):
            return built
    except Exception:
        pass
    return Response(
        output_speech=SsmlOutputSpeech(ssml=f"<speak>{escape(reply.speech)}</speak>"),
        card=SimpleCard(title=safety.EMERGENCY_CARD_TITLE, content=reply.speech),
        reprompt=Reprompt(SsmlOutputSpeech(ssml=f"<speak>{escape(reply.reprompt)}</speak>"))
        if reply.reprompt and not reply.end_session
        else None,
        should_end_session=reply.end_session,
    )
