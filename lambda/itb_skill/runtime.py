"""The Lambda handler around the SDK: refusal of other skills, the request's log line, the last resort.

``wrap(skill_builder, config, library)`` wraps the SDK's Lambda handler. For every request it

* refuses a request for another skill id (or one that cannot show its skill id, when SKILL_ID is set)
  before the SDK reads it: a valid response that says nothing, and a log line with nothing of the request
  but its outcome, "refused". Never by raising: the runtime would log the exception's message, and the
  SDK's can quote the request.
* screens the raw envelope (``screening.begin``) before anything can fail;
* turns any exception that escapes the SDK (a malformed envelope the SDK cannot deserialize, no request,
  wrong types) into a valid Alexa response with the 911 reminder: the one emergency response
  (``emergency``) or the error reply, from ``safety`` constants;
* writes the request's one log line (``telemetry``).

Outcome and topic are what the handler or the catch-all recorded (``reply.record``), read after the SDK
returns; a request nobody recorded counts as an error. A request interceptor, registered before the
skill's own, hands the request's attributes manager to the wrapper, because response interceptors do not
run when an exception handler answered.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import time
from collections.abc import Callable
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import RequestEnvelope
from ask_sdk_runtime.exceptions import AskSdkException

from itb_skill import content, emergency, screening, visuals
from itb_skill.config import Config
from itb_skill.reply import TOPIC, Outcome, recorded
from itb_skill.request import is_silent
from itb_skill.speech import to_ssml
from itb_skill.telemetry import build_record, emit

RESPONSE_VERSION = "1.0"


def _get(mapping: object, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


# ---- what the wrapper learns from inside the SDK ----


class _Seen:
    __slots__ = ("attributes_manager",)

    def __init__(self, attributes_manager: Any = None) -> None:
        self.attributes_manager = attributes_manager

    def request_attributes(self) -> dict[str, Any]:
        try:
            attributes = self.attributes_manager.request_attributes
        except Exception:
            return {}
        return attributes if isinstance(attributes, dict) else {}


_current: contextvars.ContextVar[_Seen | None] = contextvars.ContextVar("itb_request", default=None)


class _HandOverAttributes(AbstractRequestInterceptor):
    """Lets the wrapper read what the handlers recorded, even when an exception handler answered."""

    def process(self, handler_input: Any) -> None:
        seen = _current.get()
        if seen is not None:
            seen.attributes_manager = getattr(handler_input, "attributes_manager", None)


# ---- the last line of defence ----


def _application_id(event: object) -> object:
    return _get(_get(_get(_get(event, "context"), "System"), "application"), "applicationId")


def _for_another_skill(event: object, skill_id: str | None) -> bool:
    """A request for another skill, or one that cannot show it is for this one (when a skill id is set)."""
    return skill_id is not None and _application_id(event) != skill_id


def _refused_by_sdk(exc: Exception) -> bool:
    """The SDK's own skill-id check (behind ours, on what it deserialized)."""
    return type(exc) is AskSdkException and "skill id" in str(exc).lower()


# A refused request gets a valid response that says and does nothing, never an exception: the Lambda
# runtime would log its message and traceback, and an SDK message can quote the request.


def _speech(text: str) -> dict[str, str]:
    return {"type": "SSML", "ssml": to_ssml(text)}


def safe_response(event: object) -> tuple[dict[str, Any], Outcome]:
    """A valid Alexa response for a request the SDK could not handle, from constants only."""
    if is_silent(_get(_get(event, "request"), "type")):
        return {"version": RESPONSE_VERSION, "response": {}}, Outcome.ENDED
    # Read the widest way: the intent that carried a slot cannot be trusted here.
    decided = screening.assess_event(event, wide=True)
    if decided.sure:  # the one emergency response, "Call 911 now." on a screen too
        response = emergency.response(emergency.reply(decided.kind or ""), visuals.raw_supports_apl(event))
        return {"version": RESPONSE_VERSION, "response": response}, Outcome.EMERGENCY
    error = emergency.error_reply()
    response = {
        "outputSpeech": _speech(error.speech),
        "reprompt": {"outputSpeech": _speech(error.reprompt or "")},
        "shouldEndSession": False,
    }
    return {"version": RESPONSE_VERSION, "response": response}, Outcome.ERROR


def _silence(result: dict[str, Any]) -> dict[str, Any]:
    """Drop speech that a handler (usually the catch-all) put on a request that accepts none."""
    response = result.get("response")
    if isinstance(response, dict):
        for key in ("outputSpeech", "reprompt", "card"):
            response.pop(key, None)
    return result


def _sdk_handler(skill_builder: SkillBuilder) -> Callable[[object, object], dict[str, Any]]:
    """What ``skill_builder.lambda_handler()`` does, with the skill built once, not at every request.

    The SDK's own wrapper builds a new ``CustomSkill`` (its configuration and one handler chain per
    registered handler) for every request; the handlers, interceptors and serializer are the same each
    time. Built on the first request.
    """
    built: list[CustomSkill] = []

    def handler(event: object, context: object) -> dict[str, Any]:
        if not built:
            built.append(CustomSkill(skill_configuration=skill_builder.skill_configuration))
        skill = built[0]
        request_envelope = skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        response_envelope = skill.invoke(request_envelope=request_envelope, context=context)
        return skill.serializer.serialize(response_envelope)

    return handler


def wrap(
    skill_builder: SkillBuilder, config: Config, library: content.Library
) -> Callable[[object, object], dict[str, Any]]:
    """The Lambda handler: the SDK's, plus the refusal of other skills, the log line, the metrics and the
    last line of defence. ``config.skill_id`` is the only skill it answers (None: any, for local runs)."""
    skill_builder.skill_id = config.skill_id  # the SDK's own check, behind ours
    skill_builder.runtime_configuration_builder.global_request_interceptors.insert(0, _HandOverAttributes())
    sdk_handler = _sdk_handler(skill_builder)
    skill_id = config.skill_id

    def lambda_handler(event: object, context: object) -> dict[str, Any]:
        started = time.perf_counter()
        seen = _Seen()
        token = _current.set(seen)
        screened = None
        outcome: Outcome | None = None
        error_type = None
        try:
            if _for_another_skill(event, skill_id):
                outcome = Outcome.REFUSED  # before the SDK reads anything of it
                return {"version": RESPONSE_VERSION, "response": {}}
            screened = screening.begin(event)  # from the raw envelope: decided before anything can raise
            try:
                result = sdk_handler(event, context)
            except Exception as exc:
                if _refused_by_sdk(exc):
                    outcome = Outcome.REFUSED
                    return {"version": RESPONSE_VERSION, "response": {}}
                error_type = type(exc).__name__
                result, outcome = safe_response(event)
            attributes = seen.request_attributes()
            if outcome is None:
                outcome = recorded(attributes) or Outcome.ERROR  # an answer nobody recorded is a defect
            if is_silent(_get(_get(event, "request"), "type")):
                result = _silence(result)
                if outcome in (Outcome.ANSWERED, Outcome.FALLBACK):
                    outcome = Outcome.ENDED
            return result
        finally:
            _current.reset(token)
            if screened is not None:
                screening.end(screened)
            duration_ms = (time.perf_counter() - started) * 1000
            with contextlib.suppress(Exception):  # logging must never break an answer
                if outcome == Outcome.REFUSED:  # one plain line: nothing of a request that was never ours
                    emit(build_record(None, outcome, None, duration_ms))
                else:
                    topic = seen.request_attributes().get(TOPIC)
                    outcome = outcome or Outcome.ERROR
                    emit(build_record(event, outcome, topic, duration_ms, error_type, library))

    return lambda_handler
