"""A ``Reply`` becomes the Alexa response here and nowhere else: speech, reprompt, card, screen, and what
the session remembers for "repeat" and "yes"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from itb_skill import answers, content, safety, screening, visuals
from itb_skill.paths import VISUALS_DIR
from itb_skill.reply import Outcome, Reply, record
from itb_skill.request import locale_content, session_attributes
from itb_skill.speech import card, to_card, to_ssml

if TYPE_CHECKING:
    from itb_skill.skill import Services


def _opens_with_911(handler_input: HandlerInput, reply: Reply) -> bool:
    """911 unless sure: the opener goes first unless the skill understood and no danger is possible."""
    if reply.end_session and reply.outcome == Outcome.EMERGENCY:
        return False  # the emergency response is all 911 already
    if safety.opens_with_911(to_card(reply.speech, fills=reply.fills)):
        return False
    return not reply.understood or screening.decision(handler_input).tier >= safety.Tier.POSSIBLE


def respond(
    handler_input: HandlerInput,
    reply: Reply,
    texts: content.Content | None = None,
    visuals_dir: str = VISUALS_DIR,
) -> Response:
    """Turn a ``Reply`` into the Alexa response, and remember it (by reference) for "repeat" and "yes".
    ``texts``: the content the reply was built from (its phone numbers; None for the constant replies)."""
    attributes = session_attributes(handler_input)
    pace = attributes.get(answers.PACE, "normal")
    phones = texts.phones if texts is not None else None
    builder = handler_input.response_builder
    opener = f"{safety.OPENER} " if _opens_with_911(handler_input, reply) else ""
    builder.speak(to_ssml(opener + reply.speech, phones, pace, reply.fills))
    if reply.reprompt and not reply.end_session:
        builder.ask(to_ssml(reply.reprompt, phones, pace, reply.fills))
    if reply.card_title and reply.card_text:
        title, text = card(reply.card_title, opener + reply.card_text, phones, reply.fills)
        builder.set_card(SimpleCard(title=title, content=text))
    # A screen, if the device has one.
    visuals.show(handler_input, builder, reply, opener.strip(), phones, pace, texts, visuals_dir)
    builder.set_should_end_session(reply.end_session)
    if not reply.end_session:
        attributes.update(reply.attributes)
        if reply.ref is not None:  # by reference: "repeat" renders it again from content
            attributes[answers.LAST] = reply.ref
        if answers.OFFER not in reply.attributes:
            attributes.pop(answers.OFFER, None)
    handler_input.attributes_manager.session_attributes = attributes
    record(handler_input, reply.outcome, reply.topic)  # for the log line and metrics (``runtime``)
    return builder.response


class SkillHandler(AbstractRequestHandler):
    """A request handler of one skill (``skill.create_skill``): it answers from that skill's content and
    shows that skill's screens."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def texts(self, handler_input: HandlerInput) -> content.Content:
        """The content for the request's locale."""
        return locale_content(handler_input, self.services.library)

    def say(
        self, handler_input: HandlerInput, reply: Reply, texts: content.Content | None = None
    ) -> Response:
        return respond(handler_input, reply, texts, self.services.config.visuals_dir)
