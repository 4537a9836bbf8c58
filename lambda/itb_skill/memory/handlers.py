"""Handlers for what the skill remembers: the returning welcome, forget me, skill disabled.

Thin like ``handlers``: words come from the content file, rendering from ``handlers.respond``. The
profile itself is read and written by ``memory.interceptors``; only forgetting calls storage from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from itb_skill import answers
from itb_skill.handlers.respond import SkillHandler
from itb_skill.memory.interceptors import Keeper, remembered
from itb_skill.reply import Outcome, record
from itb_skill.request import session_attributes

if TYPE_CHECKING:
    from itb_skill.skill import Services

FORGET_ME_INTENT = "ForgetMeIntent"
FORGET_ME_OFFER = answers.FORGET_ME_OFFER


class MemoryHandler(SkillHandler):
    """A handler of one skill that reads or forgets the profile, through that skill's ``Keeper``."""

    def __init__(self, services: Services, keeper: Keeper) -> None:
        super().__init__(services)
        self.keeper = keeper


class ReturningLaunchHandler(MemoryHandler):
    """A launch by someone the skill remembers (first-time users get ``LaunchHandler``)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input) and (remembered(handler_input) is not None)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        profile = remembered(handler_input)
        reply = answers.welcome_back_reply(texts, profile.last_topic if profile else None)
        return self.say(handler_input, reply, texts)


class ForgetMeHandler(MemoryHandler):
    """ "Forget me": asks for a yes or no first."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(FORGET_ME_INTENT)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        reply = answers.forget_me_confirm_reply(texts)
        return self.say(handler_input, reply, texts)


class ForgetMeAnswerHandler(MemoryHandler):
    """Yes or no right after "forget me"; any other yes/no goes to the usual handlers."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not any(is_intent_name(name)(handler_input) for name in ("AMAZON.YesIntent", "AMAZON.NoIntent")):
            return False
        return session_attributes(handler_input).get(answers.OFFER) == FORGET_ME_OFFER

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        agreed = not is_intent_name("AMAZON.NoIntent")(handler_input)
        forgotten = agreed and self.keeper.forget(handler_input)  # only a yes deletes anything
        return self.say(handler_input, answers.forget_me_answer_reply(texts, agreed, forgotten), texts)


class SkillDisabledHandler(MemoryHandler):
    """Alexa tells us the user disabled the skill: delete what we stored. No session, no speech."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        deleted = self.keeper.forget(handler_input)
        record(handler_input, Outcome.FORGOTTEN if deleted else Outcome.ERROR)
        return handler_input.response_builder.response
