"""The conversation: welcome, topics, free-text questions, yes, no, repeat, start over, help, speaking
pace, stop, the fallback and requests that take no speech. Each handler is thin: a ``Reply`` from
``answers``, said by ``respond``."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_intent_name, is_request_type
from ask_sdk_model import Response

from itb_skill import answers, safety
from itb_skill.handlers.respond import SkillHandler
from itb_skill.reply import Outcome, record
from itb_skill.request import is_silent, session_attributes, slot_ids, slot_texts, slot_values

FREE_TEXT_INTENTS = tuple(sorted(safety.FREE_TEXT_INTENTS))
REPORT_INTENT = safety.REPORT_INTENT  # free text said after a subject ("I {report}"): a statement
FALLBACK_INTENTS = ("AMAZON.FallbackIntent", safety.CATCH_ALL_INTENT)
# Free text after words that ask ("tell me about {query}", "what should I {question}"): a question. After a
# subject, a sign or "what if", the same words are a report or a case, never understood from a phrasing alone.
ASKING_INTENTS = ("QuestionIntent", safety.FACT_QUESTION_INTENT)
PACE_INTENTS = {"SpeakSlowerIntent": "slow", "SpeakNormalIntent": "normal"}


class LaunchHandler(SkillHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        return self.say(handler_input, answers.simple_reply(texts, "welcome"), texts)


class TopicHandler(SkillHandler):
    """Every intent that the content maps to a topic, directly or through a slot."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not is_request_type("IntentRequest")(handler_input):
            return False
        return get_intent_name(handler_input) in self.texts(handler_input).intents

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        topic_id = answers.route(
            texts, get_intent_name(handler_input), slot_ids(handler_input), slot_values(handler_input)
        )
        seen = answers.seen_topics(session_attributes(handler_input))
        reply = answers.topic_reply(texts, topic_id, seen=seen) if topic_id else answers.fallback_reply(texts)
        return self.say(handler_input, reply, texts)


class QuestionHandler(SkillHandler):
    """Free text (AMAZON.SearchQuery): a topic, or a statement's reply, by keywords; else the fallback."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in FREE_TEXT_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        query = next(iter(slot_texts(handler_input)), None)
        seen = answers.seen_topics(session_attributes(handler_input))
        intent_name = get_intent_name(handler_input)
        said_after_a_subject = intent_name == REPORT_INTENT
        asked = intent_name in ASKING_INTENTS or (
            intent_name == safety.FOLLOW_ON_INTENT and safety.asks(query)
        )
        reply = answers.free_text_reply(texts, query, seen, statement=said_after_a_subject, asked=asked)
        return self.say(handler_input, reply, texts)


class YesHandler(SkillHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.YesIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        return self.say(handler_input, answers.yes_reply(texts, session_attributes(handler_input)), texts)


class NoHandler(SkillHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.NoIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        return self.say(handler_input, answers.simple_reply(texts, "declined"), texts)


class RepeatHandler(SkillHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        return self.say(handler_input, answers.repeat_reply(texts, session_attributes(handler_input)), texts)


class StartOverHandler(SkillHandler):
    """Start over and navigate home both go back to the list of topics."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.StartOverIntent")(handler_input) or is_intent_name(
            "AMAZON.NavigateHomeIntent"
        )(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        return self.say(handler_input, answers.simple_reply(texts, "start_over"), texts)


class HelpHandler(SkillHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.HelpIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        # "Help" said to a health skill may be a call for help: the reply opens with 911 like any unclear one.
        reply = answers.simple_reply(texts, "help", understood=False)
        return self.say(handler_input, reply, texts)


class PaceHandler(SkillHandler):
    """ "Speak slower" / "speak at normal speed": this reply and every later one, in later sessions too."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input) and (
            get_intent_name(handler_input) in PACE_INTENTS
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        pace = PACE_INTENTS[get_intent_name(handler_input)]
        attributes = session_attributes(handler_input)
        attributes[answers.PACE] = pace
        handler_input.attributes_manager.session_attributes = attributes
        texts = self.texts(handler_input)
        reply = answers.simple_reply(texts, f"pace_{pace}")
        last = attributes.get(answers.LAST)
        if pace == "slow" and answers.is_topic_answer(last):
            # "Say that again slower": someone who missed an answer hears it again, at the new pace.
            lead_in = texts.text("pace_slow_again")
            reply = answers.again_reply(texts, last, attributes.get(answers.OFFER), lead_in) or reply
        return self.say(handler_input, reply, texts)


class StopHandler(SkillHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.StopIntent")(handler_input) or is_intent_name("AMAZON.CancelIntent")(
            handler_input
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        return self.say(handler_input, answers.simple_reply(texts, "goodbye", end_session=True), texts)


class FallbackHandler(SkillHandler):
    """Speech the interaction model placed nowhere: the catch-all (its words were screened first, so only
    what is not sure danger gets here) or Alexa's built-in fallback (no words)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return any(is_intent_name(name)(handler_input) for name in FALLBACK_INTENTS)

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        words = next(iter(slot_texts(handler_input)), None)
        if not words:
            return self.say(handler_input, answers.fallback_reply(texts), texts)
        seen = answers.seen_topics(session_attributes(handler_input))
        reply = answers.catch_all_reply(texts, words, seen, asks=safety.asks(words))
        return self.say(handler_input, reply, texts)


class SessionEndedHandler(SkillHandler):
    """Session ended, skill events (enabled, disabled...) and System.ExceptionEncountered: no speech."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request_type = getattr(handler_input.request_envelope.request, "object_type", None)
        return is_silent(request_type)

    def handle(self, handler_input: HandlerInput) -> Response:
        # Alexa accepts no speech here; an empty response closes the session.
        record(handler_input, Outcome.ENDED)
        return handler_input.response_builder.response


class UnknownRequestHandler(SkillHandler):
    """Any intent or request type the skill does not know: treated like the fallback."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        texts = self.texts(handler_input)
        return self.say(handler_input, answers.fallback_reply(texts), texts)
