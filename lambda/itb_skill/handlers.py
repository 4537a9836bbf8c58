"""Thin request handlers: each picks a ``Reply`` from ``answers`` and hands it to ``respond``.

Registration order lives in ``lambda_function.py``: safety first, catch-alls last.
"""

from __future__ import annotations

import contextlib
import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_locale, is_intent_name, is_request_type
from ask_sdk_model import Response
from ask_sdk_model.ui import Reprompt, SimpleCard, SsmlOutputSpeech

from itb_skill import answers, content, observability, safety, screening, visuals
from itb_skill.config import get as get_config
from itb_skill.speech import Reply, card, escape, to_card, to_ssml

logger = logging.getLogger(__name__)

EMERGENCY_INTENT = safety.EMERGENCY_INTENT
QUESTION_INTENT = "QuestionIntent"
QUESTION_SLOT = "query"
# Free text after a subject ("my ...", "he ...", "she ..."): screened like every slot (a report of danger
# goes to 911 first), otherwise answered like a question.
REPORT_INTENT = safety.REPORT_INTENT
# "What should I ...", "who should I ...": questions of fact whose words are matched like free text (a
# "should I ..." on its own asks for a decision, and goes to the medical advice intent instead).
FACT_QUESTION_INTENT = safety.FACT_QUESTION_INTENT
# "So ...", "and then ...": a follow-on question in the person's own words, matched like free text.
FOLLOW_ON_INTENT = safety.FOLLOW_ON_INTENT
FREE_TEXT_INTENTS = tuple(sorted(safety.FREE_TEXT_INTENTS))


# ---- request helpers: defensive, because a malformed request must never raise here ----


def _intent(handler_input: HandlerInput):
    return getattr(handler_input.request_envelope.request, "intent", None)


def slot_texts(handler_input: HandlerInput) -> list[str]:
    """Every raw slot value in the request: the free text the user said."""
    intent = _intent(handler_input)
    slots = getattr(intent, "slots", None) or {}
    texts = []
    for slot in slots.values():
        value = getattr(slot, "value", None)
        if isinstance(value, str) and value:
            texts.append(value)
    return texts


def slot_values(handler_input: HandlerInput) -> dict[str, str]:
    """Filled slots mapped to what the user said."""
    intent = _intent(handler_input)
    slots = getattr(intent, "slots", None) or {}
    return {
        name: slot.value
        for name, slot in slots.items()
        if isinstance(getattr(slot, "value", None), str) and slot.value
    }


def slot_ids(handler_input: HandlerInput) -> dict[str, str | None]:
    """Filled slots mapped to their entity-resolution id (None when the value matched no id)."""
    intent = _intent(handler_input)
    slots = getattr(intent, "slots", None) or {}
    resolved: dict[str, str | None] = {}
    for name, slot in slots.items():
        if not getattr(slot, "value", None):
            continue
        resolved[name] = None
        authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
        for authority in authorities:
            status = getattr(getattr(authority, "status", None), "code", None)
            if getattr(status, "value", status) == "ER_SUCCESS_MATCH" and authority.values:
                resolved[name] = authority.values[0].value.id
                break
    return resolved


def session_attributes(handler_input: HandlerInput) -> dict:
    attributes = handler_input.attributes_manager.session_attributes
    return attributes if isinstance(attributes, dict) else {}


def locale_content(handler_input: HandlerInput) -> content.Content:
    try:
        locale = get_locale(handler_input)
    except Exception:  # a request without a locale still gets the default content
        locale = None
    return content.load(locale)


def _opens_with_911(handler_input: HandlerInput, reply: Reply) -> bool:
    """911 unless sure: the opener goes first unless the skill understood and no danger is possible."""
    if reply.end_session and reply.outcome == "emergency":
        return False  # the emergency response is all 911 already
    if safety.opens_with_911(to_card(reply.speech)):
        return False
    return not reply.understood or screening.decision(handler_input).tier >= safety.Tier.POSSIBLE


def respond(handler_input: HandlerInput, reply: Reply, phones=None) -> Response:
    """Turn a ``Reply`` into the Alexa response, and remember it (by reference) for "repeat" and "yes"."""
    attributes = session_attributes(handler_input)
    pace = attributes.get(answers.PACE, "normal")
    builder = handler_input.response_builder
    opener = f"{safety.OPENER} " if _opens_with_911(handler_input, reply) else ""
    builder.speak(to_ssml(opener + reply.speech, phones, pace))
    if reply.reprompt and not reply.end_session:
        builder.ask(to_ssml(reply.reprompt, phones, pace))
    if reply.card_title and reply.card_text:
        title, text = card(reply.card_title, opener + reply.card_text, phones)
        builder.set_card(SimpleCard(title=title, content=text))
    visuals.show(
        handler_input, builder, reply, opener.strip(), phones, pace
    )  # a screen, if the device has one
    builder.set_should_end_session(reply.end_session)
    if not reply.end_session:
        attributes.update(reply.attributes)
        if reply.ref is not None:  # by reference: "repeat" renders it again from content
            attributes[answers.LAST] = reply.ref
        if answers.OFFER not in reply.attributes:
            attributes.pop(answers.OFFER, None)
    handler_input.attributes_manager.session_attributes = attributes
    # For the log line and metrics (read by the logging interceptor).
    handler_input.attributes_manager.request_attributes.update(outcome=reply.outcome, topic=reply.topic)
    return builder.response


def respond_with_content(handler_input: HandlerInput, reply: Reply, texts: content.Content) -> Response:
    return respond(handler_input, reply, texts.phones)


# ---- safety first ----


class EmergencyHandler(AbstractRequestHandler):
    """The request's safety decision is sure (the emergency intent, or danger in any slot): 911 now."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return screening.decision(handler_input).sure

    def handle(self, handler_input: HandlerInput) -> Response:
        kind = screening.decision(handler_input).kind or safety.EMERGENCY
        return respond(handler_input, answers.emergency_reply(kind))


class RefuseMisconfiguredHandler(AbstractRequestHandler):
    """A configuration that must not serve users (``config.refusal``): every request in a session gets the
    error reply, which says to call 911 in an emergency, and counts as an error. Registered right after
    ``EmergencyHandler``, so an emergency still gets the full 911 answer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return get_config().refusal is not None and handler_input.request_envelope.session is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        logger.error("refusing to answer: %s", get_config().refusal)
        return respond(handler_input, answers.error_reply())


# ---- the conversation ----


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        return respond_with_content(handler_input, answers.simple_reply(texts, "welcome"), texts)


class TopicHandler(AbstractRequestHandler):
    """Every intent that the content maps to a topic, directly or through a slot."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not is_request_type("IntentRequest")(handler_input):
            return False
        return get_intent_name(handler_input) in locale_content(handler_input).intents

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        topic_id = answers.route(
            texts, get_intent_name(handler_input), slot_ids(handler_input), slot_values(handler_input)
        )
        seen = answers.seen_topics(session_attributes(handler_input))
        reply = answers.topic_reply(texts, topic_id, seen=seen) if topic_id else answers.fallback_reply(texts)
        return respond_with_content(handler_input, reply, texts)


class QuestionHandler(AbstractRequestHandler):
    """Free text (AMAZON.SearchQuery): a topic, or a statement's reply, by keywords; else the fallback."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in FREE_TEXT_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        query = next(iter(slot_texts(handler_input)), None)
        seen = answers.seen_topics(session_attributes(handler_input))
        said_after_a_subject = get_intent_name(handler_input) == REPORT_INTENT
        reply = answers.free_text_reply(texts, query, seen, statement=said_after_a_subject)
        return respond_with_content(handler_input, reply, texts)


class YesHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.YesIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        offer = session_attributes(handler_input).get(answers.OFFER)
        if isinstance(offer, dict) and offer.get("topic") in texts.topics:
            part = offer.get("part", 0)
            seen = answers.seen_topics(session_attributes(handler_input))
            reply = answers.topic_reply(texts, offer["topic"], part if isinstance(part, int) else 0, seen)
        else:
            reply = answers.simple_reply(texts, "nothing_offered", understood=False)
        return respond_with_content(handler_input, reply, texts)


class NoHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.NoIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        return respond_with_content(handler_input, answers.simple_reply(texts, "declined"), texts)


class RepeatHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        attributes = session_attributes(handler_input)
        reply = answers.again_reply(texts, attributes.get(answers.LAST), attributes.get(answers.OFFER))
        if reply is None:
            reply = answers.simple_reply(texts, "nothing_to_repeat", understood=False)
            reply.ref = None  # a repeat of nothing is not an answer to repeat
        return respond_with_content(handler_input, reply, texts)


class StartOverHandler(AbstractRequestHandler):
    """Start over and navigate home both go back to the list of topics."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.StartOverIntent")(handler_input) or is_intent_name(
            "AMAZON.NavigateHomeIntent"
        )(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        return respond_with_content(handler_input, answers.simple_reply(texts, "start_over"), texts)


class HelpHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.HelpIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        # "Help" said to a health skill may be a call for help: the reply opens with 911 like any unclear one.
        reply = answers.simple_reply(texts, "help", understood=False)
        return respond_with_content(handler_input, reply, texts)


class StopHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.StopIntent")(handler_input) or is_intent_name("AMAZON.CancelIntent")(
            handler_input
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        return respond_with_content(
            handler_input, answers.simple_reply(texts, "goodbye", end_session=True), texts
        )


class FallbackHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.FallbackIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        return respond_with_content(handler_input, answers.fallback_reply(texts), texts)


class SessionEndedHandler(AbstractRequestHandler):
    """Session ended, skill events (enabled, disabled...) and System.ExceptionEncountered: no speech."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request_type = getattr(handler_input.request_envelope.request, "object_type", None)
        return observability.is_silent(request_type)

    def handle(self, handler_input: HandlerInput) -> Response:
        # Alexa accepts no speech here; an empty response closes the session.
        handler_input.attributes_manager.request_attributes.update(outcome="ended", topic=None)
        return handler_input.response_builder.response


class UnknownRequestHandler(AbstractRequestHandler):
    """Any intent or request type the skill does not know: treated like the fallback."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = locale_content(handler_input)
        return respond_with_content(handler_input, answers.fallback_reply(texts), texts)


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Answers whenever anything broke. Built from constants; must never raise itself.

    If the failing request was an emergency (the emergency intent, or a slot that screens as danger),
    it still gets the 911 response, so even a broken emergency handler says "Call 911 now" first.
    """

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
            return respond(handler_input, reply)
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
