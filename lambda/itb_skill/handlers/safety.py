"""Safety first: the emergency response when the request's decision is sure, then nothing else when the
configuration must not serve users. Registered before every other handler."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from itb_skill import answers, safety, screening
from itb_skill.handlers.respond import SkillHandler

logger = logging.getLogger(__name__)


class EmergencyHandler(SkillHandler):
    """The request's safety decision is sure (the emergency intent, or danger in any slot): 911 now."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return screening.decision(handler_input).sure

    def handle(self, handler_input: HandlerInput) -> Response:
        kind = screening.decision(handler_input).kind or safety.EMERGENCY
        return self.say(handler_input, answers.emergency_reply(kind))


class RefuseMisconfiguredHandler(SkillHandler):
    """A configuration that must not serve users (``config.refusal``): every request in a session gets the
    error reply, which says to call 911 in an emergency, and counts as an error. Registered right after
    ``EmergencyHandler``, so an emergency still gets the full 911 answer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        refused = self.services.config.refusal is not None
        return refused and handler_input.request_envelope.session is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        logger.error("refusing to answer: %s", self.services.config.refusal)
        return self.say(handler_input, answers.error_reply())
