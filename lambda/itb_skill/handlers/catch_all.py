"""The one exception handler: answers whenever anything broke. Built from constants; never raises."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import Reprompt, SimpleCard, SsmlOutputSpeech

from itb_skill import answers, safety, screening, visuals
from itb_skill.handlers import respond as responding
from itb_skill.speech import escape, to_ssml

if TYPE_CHECKING:
    from itb_skill.skill import Services

logger = logging.getLogger(__name__)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Answers whenever anything broke. Built from constants; must never raise itself.

    If the failing request was an emergency (the emergency intent, or a slot that screens as danger),
    it still gets the 911 response, so even a broken emergency handler says "Call 911 now" first.
    """

    def __init__(self, services: Services) -> None:
        self.services = services

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        with contextlib.suppress(Exception):  # logging must not stand between the user and an answer
            logger.error("handler failed: %s", type(exception).__name__)
        decided = screening.decision(handler_input)  # never raises
        if decided.sure:
            speech, reprompt, end_session = safety.emergency_speech(decided.kind or ""), None, True
        else:
            speech, reprompt, end_session = safety.ERROR_SPEECH, safety.ERROR_REPROMPT, False
        try:
            reply = answers.emergency_reply(decided.kind or "") if decided.sure else answers.error_reply()
            return responding.respond(handler_input, reply, None, self.services.config.visuals_dir)
        except Exception:  # even the session attributes or the reply builders may be unusable
            pass
        try:
            builder = handler_input.response_builder
            builder.speak(to_ssml(speech))
            if reprompt:
                builder.ask(to_ssml(reprompt))
            builder.set_card(SimpleCard(title=safety.EMERGENCY_CARD_TITLE, content=speech))
            if decided.sure:  # the emergency screen is built from constants: it survives this too
                visuals.show(handler_input, builder, answers.emergency_reply(decided.kind or ""), "")
            builder.set_should_end_session(end_session)
            return builder.response
        except Exception:  # last resort: a response built by hand from the constants
            return Response(
                output_speech=SsmlOutputSpeech(ssml=f"<speak>{escape(speech)}</speak>"),
                card=SimpleCard(title=safety.EMERGENCY_CARD_TITLE, content=speech),
                reprompt=Reprompt(SsmlOutputSpeech(ssml=f"<speak>{escape(reprompt)}</speak>"))
                if reprompt
                else None,
                should_end_session=end_session,
            )
