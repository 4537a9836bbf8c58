"""Touches on the screen, answered like the spoken words they stand for.

A touch sends ``Alexa.Presentation.APL.UserEvent`` with the ``SendEvent`` arguments of what was touched
(``lambda/visuals/documents``): ``["topic", <topic id>]`` from the list of topics, ``["answer", "yes"]`` or
``["answer", "no"]`` from the Yes / No buttons. Its words were screened for danger before any of this, like
slot values (``screening``), so a touch reaches the emergency handler as a spoken request would.

- Yes and No become the spoken ``AMAZON.YesIntent`` / ``AMAZON.NoIntent`` before any handler reads the
  request (``TouchAsSpokenInterceptor``): every handler that answers a spoken yes or no (the offer, "forget
  me") answers the touch the same way.
- A topic is answered as that topic, understood (``TouchTopicHandler``).
- Anything else (a topic the content does not have, forged arguments) reaches the fallback: 911 first.
"""

from __future__ import annotations

import contextlib

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import DialogState, Intent, IntentConfirmationStatus, IntentRequest, Response

from itb_skill import answers
from itb_skill.handlers.respond import SkillHandler
from itb_skill.screening import USER_EVENT

SPOKEN = {"yes": "AMAZON.YesIntent", "no": "AMAZON.NoIntent"}


def touched(handler_input: HandlerInput) -> tuple[str, str] | None:
    """(what, which) of a touch, such as ("topic", "appointments"); None for anything else."""
    request = handler_input.request_envelope.request
    if getattr(request, "object_type", None) != USER_EVENT:
        return None
    arguments = getattr(request, "arguments", None)
    if isinstance(arguments, list) and len(arguments) == 2 and all(isinstance(a, str) for a in arguments):
        return arguments[0], arguments[1]
    return None


class TouchAsSpokenInterceptor(AbstractRequestInterceptor):
    """A touch on Yes or No is the spoken yes or no: the request becomes that intent. Never raises."""

    def process(self, handler_input: HandlerInput) -> None:
        with contextlib.suppress(Exception):
            what = touched(handler_input)
            if what is None or what[0] != "answer" or what[1] not in SPOKEN:
                return
            request = handler_input.request_envelope.request
            handler_input.request_envelope.request = IntentRequest(
                request_id=request.request_id,
                timestamp=request.timestamp,
                locale=request.locale,
                dialog_state=DialogState.COMPLETED,
                intent=Intent(
                    name=SPOKEN[what[1]], slots={}, confirmation_status=IntentConfirmationStatus.NONE
                ),
            )


class TouchTopicHandler(SkillHandler):
    """A touch on a topic of the list: that topic, as if it had been asked for by name."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        what = touched(handler_input)
        return what is not None and what[0] == "topic" and what[1] in self.texts(handler_input).topics

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        _, topic_id = touched(handler_input) or ("", "")
        return self.say(handler_input, answers.topic_reply(texts, topic_id), texts)
