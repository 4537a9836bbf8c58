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

from itb_skill import answers, content, observability, safety
from itb_skill.speech import Reply, escape, to_card, to_ssml

logger = logging.getLogger(__name__)

EMERGENCY_INTENT = safety.EMERGENCY_INTENT
QUESTION_INTENT = "QuestionIntent"
QUESTION_SLOT = "query"
# Free text after a subject ("my ...", "he ...", "she ..."): screened like every slot (a report of danger
# goes to 911 first), otherwise answered like a question.
REPORT_INTENT = "ReportIntent"
# "What should I ...", "who should I ...": questions of fact whose words are matched like free text (a
# "should I ..." on its own asks for a decision, and goes to the medical advice intent instead).
FACT_QUESTION_INTENT = "FactQuestionIntent"
# "So ...", "and then ...": a follow-on question in the person's own words, matched like free text.
FOLLOW_ON_INTENT = "FollowOnIntent"
FREE_TEXT_INTENTS = (QUESTION_INTENT, REPORT_INTENT, FACT_QUESTION_INTENT, FOLLOW_ON_INTENT)


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


def respond(handler_input: HandlerInput, reply: Reply, phones=None) -> Response:
    """Turn a ``Reply`` into the Alexa response, and remember it for "repeat" and "yes"."""
    attributes = session_attributes(handler_input)
    pace = attributes.get(answers.PACE, "normal")
    builder = handler_input.response_builder
    builder.speak(to_ssml(reply.speech, phones, pace))
    if reply.reprompt and not reply.end_session:
        builder.ask(to_ssml(reply.reprompt, phones, pace))
    if reply.card_title and reply.card_text:
        builder.set_card(SimpleCard(title=reply.card_title, content=to_card(reply.card_text, phones)))
    builder.set_should_end_session(reply.end_session)
    if not reply.end_session:
        attributes.update(reply.attributes)
        attributes[answers.LAST] = {
            "speech": reply.speech,
            "reprompt": reply.reprompt,
            "card_title": reply.card_title,
            "card_text": reply.card_text,
            "topic": reply.topic,
        }
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
    """The emergency intent, or any slot value that reports danger, whatever intent carried it."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(EMERGENCY_INTENT)(handler_input) or _danger(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        danger = _danger(handler_input)
        kind = danger.kind if danger else safety.EMERGENCY
        return respond(handler_input, answers.emergency_reply(kind))


_SCREENED = "_screened"  # request attribute: {(report intent?, slot text): its screening} for this request


def _danger(handler_input: HandlerInput) -> safety.Danger | None:
    if not is_request_type("IntentRequest")(handler_input):
        return None
    # The same request is asked several times (this handler, the storage interceptor, the catch-all):
    # each slot text is screened once per request.
    report = is_intent_name(REPORT_INTENT)(handler_input)
    try:
        screened = handler_input.attributes_manager.request_attributes.setdefault(_SCREENED, {})
    except Exception:  # no usable request attributes: screen without keeping
        screened = {}
    for text in slot_texts(handler_input):
        key = (report, text)
        if key not in screened:
            screened[key] = safety.screen_report(text) if report else safety.screen(text)
        if screened[key] is not None:
            return screened[key]
    return None


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
        reply = answers.free_text_reply(texts, query, answers.seen_topics(session_attributes(handler_input)))
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
            reply = answers.simple_reply(texts, "nothing_offered")
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
        last = attributes.get(answers.LAST)
        # Only a remembered answer that still says something (session attributes come back from outside).
        if isinstance(last, dict) and isinstance(last.get("speech"), str) and to_card(last["speech"]).strip():
            reply = answers.again_reply(texts, last, attributes.get(answers.OFFER))
        else:
            reply = answers.simple_reply(texts, "nothing_to_repeat")
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
        return respond_with_content(handler_input, answers.simple_reply(texts, "help"), texts)


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
        danger = _emergency_in(handler_input)
        if danger is not None:
            speech, reprompt, end_session = safety.emergency_speech(danger.kind), None, True
        else:
            speech, reprompt, end_session = safety.ERROR_SPEECH, safety.ERROR_REPROMPT, False
        try:
            reply = answers.emergency_reply(danger.kind) if danger else answers.error_reply()
            return respond(handler_input, reply)
        except Exception:  # even the session attributes or the reply builders may be unusable
            pass
        try:
            builder = handler_input.response_builder
            builder.speak(to_ssml(speech))
            if reprompt:
                builder.ask(to_ssml(reprompt))
            builder.set_card(SimpleCard(title=safety.EMERGENCY_CARD_TITLE, content=speech))
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


def _emergency_in(handler_input: HandlerInput) -> safety.Danger | None:
    """The danger in a request that failed, or None. Never raises."""
    try:
        danger = _danger(handler_input)
        if danger is not None:
            return danger
        if is_intent_name(EMERGENCY_INTENT)(handler_input):
            return safety.Danger(safety.EMERGENCY, "intent")
    except Exception:  # a request too broken to read: fall back to the error reply
        pass
    return None
