"""The one exception handler: answers whenever anything broke. Built from constants; never raises."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from itb_skill import emergency, screening, visuals
from itb_skill.handlers import respond as responding
from itb_skill.reply import Outcome, record

if TYPE_CHECKING:
    from itb_skill.skill import Services

logger = logging.getLogger(__name__)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Answers whenever anything broke, and records its own outcome (emergency or error). Never raises.

    If the failing request was an emergency (the request's screening decision is sure), it still gets the
    911 response, so even a broken emergency handler says "Call 911 now" first.
    """

    def __init__(self, services: Services) -> None:
        self.services = services

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        with contextlib.suppress(Exception):  # logging must not stand between the user and an answer
            logger.error("handler failed: %s", type(exception).__name__)
        decided = screening.decision(handler_input)  # the stored decision; never raises
        with contextlib.suppress(Exception):
            record(handler_input, Outcome.EMERGENCY if decided.sure else Outcome.ERROR)
        reply = emergency.reply(decided.kind or "") if decided.sure else emergency.error_reply()
        try:
            return responding.respond(handler_input, reply, None, self.services.config.visuals_dir)
        except Exception:  # even the session attributes or the renderer may be unusable
            pass
        screen = decided.sure and visuals.supports_apl(handler_input)  # never raises
        return emergency.sdk_response(reply, screen)
