"""One structured log line per request, with CloudWatch metrics embedded in it, and a last line of defence.

``instrument(skill_builder)`` wraps the SDK's Lambda handler. For every request it

* writes exactly ONE JSON line to stderr (Lambda sends stdout and stderr to CloudWatch Logs; stdout stays
  free for tools that call the handler in-process, like skill-sim): request type, intent name, topic id,
  locale, outcome (answered / emergency / fallback / error / ended; refused for another skill's request,
  forgotten for a deleted profile) and duration in ms. The same line carries CloudWatch Embedded Metric
  Format (``_aws``), so CloudWatch charts Requests, Emergencies, Fallbacks, Errors and TopicRequests per
  known topic id with no extra AWS call.
* refuses a request for another skill id (or one that cannot show its skill id, when SKILL_ID is set)
  before the SDK reads it: a valid response that says nothing, and a log line with nothing of the request
  but its outcome, "refused". Never by raising: the runtime would log the exception's message, and the
  SDK's can quote the request.
* turns any exception that escapes the SDK (a malformed envelope the SDK cannot deserialize, no request,
  wrong types) into a valid Alexa response with the 911 reminder, built from ``safety`` constants.

Privacy: the line is built only from values checked against fixed shapes or known ids. It never holds the
user id, device id, session id, access tokens, slot values, anything the user said, or an exception message
(which could quote the request): only exception type names.

Outcome and topic come from ``request_attributes`` (``handlers.respond`` sets them), read after the SDK
returns. A request interceptor, registered first, hands the request's attributes manager to the wrapper,
because response interceptors do not run when an exception handler answered.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import re
import sys
import time
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope
from ask_sdk_runtime.exceptions import AskSdkException

from itb_skill import content, safety, screening, visuals
from itb_skill.speech import to_ssml

NAMESPACE = "ITBPumpSkill"
SERVICE = "baclofen-pump-guide"
OUTCOMES = frozenset({"answered", "emergency", "fallback", "error", "ended", "forgotten", "refused"})
RESPONSE_VERSION = "1.0"

# Requests to which Alexa accepts no speech: the session is over, or the skill was not in a conversation.
SILENT_REQUEST_TYPES = frozenset({"SessionEndedRequest", "System.ExceptionEncountered"})
SILENT_REQUEST_PREFIXES = ("AlexaSkillEvent.",)

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,99}")  # request types and intent names
_LOCALE = re.compile(r"[a-z]{2,3}-[A-Z]{2}")
_ERROR_MARK = "something went wrong on my side"  # in safety.ERROR_SPEECH, to recognise the error reply


def is_silent(request_type: object) -> bool:
    """True for request types whose response must carry no speech."""
    return isinstance(request_type, str) and (
        request_type in SILENT_REQUEST_TYPES or request_type.startswith(SILENT_REQUEST_PREFIXES)
    )


# ---- the log line ----


class _CurrentStderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (Lambda captures it; so do tests)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


request_log = logging.getLogger("itb_skill.requests")
if not request_log.handlers:
    _handler = _CurrentStderr()
    _handler.setFormatter(logging.Formatter("%(message)s"))  # EMF wants a bare JSON object per log event
    request_log.addHandler(_handler)
    request_log.setLevel(logging.INFO)
    # Not through the root logger: Lambda's root handler prefixes each line (which breaks EMF) and would
    # print it a second time.
    request_log.propagate = False


def _is_known_topic(topic: object) -> bool:
    """Whether ``topic`` is a topic id of some content file: the only values the topic dimension may take."""
    if not isinstance(topic, str):
        return False
    try:
        return any(topic in content.load(locale).topics for locale in content.supported_locales())
    except Exception:  # content broken: no topic dimension, the line is still written
        return False


def _checked(value: object, pattern: re.Pattern) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) and pattern.fullmatch(value) else "invalid"


def _get(mapping: object, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


def _directives(with_topic: bool) -> list[dict[str, Any]]:
    """The CloudWatch metric directives of a line (a new list each time: records may be changed)."""
    directives = [
        {
            "Namespace": NAMESPACE,
            "Dimensions": [["service"]],
            "Metrics": [
                {"Name": "Requests", "Unit": "Count"},
                {"Name": "Emergencies", "Unit": "Count"},
                {"Name": "Fallbacks", "Unit": "Count"},
                {"Name": "Errors", "Unit": "Count"},
                {"Name": "Refused", "Unit": "Count"},
                {"Name": "duration_ms", "Unit": "Milliseconds"},
            ],
        }
    ]
    if with_topic:
        directives.append(
            {
                "Namespace": NAMESPACE,
                "Dimensions": [["service", "topic"]],
                "Metrics": [{"Name": "TopicRequests", "Unit": "Count"}],
            }
        )
    return directives


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


# The two directive lists never change: encoded once. ``to_json`` puts them in by a marker string that
# json.dumps writes with escapes no checked value can contain.
_KNOWN_DIRECTIVES = tuple(
    (_directives(with_topic), _dumps(_directives(with_topic))) for with_topic in (False, True)
)
_MARK = "\x00directives\x00"
_MARK_JSON = _dumps(_MARK)


def to_json(record: dict[str, Any]) -> str:
    """``json.dumps(record, separators=(",", ":"), sort_keys=True)``, the same text, made faster by not
    encoding the constant metric directives at every request."""
    aws = record.get("_aws")
    directives = aws.get("CloudWatchMetrics") if isinstance(aws, dict) else None
    for known, encoded in _KNOWN_DIRECTIVES:
        if directives == known:
            marked = {**record, "_aws": {**aws, "CloudWatchMetrics": _MARK}}
            line = _dumps(marked)
            if line.count(_MARK_JSON) == 1:
                return line.replace(_MARK_JSON, encoded)
    return _dumps(record)


def build_record(
    event: object,
    outcome: str,
    topic: object,
    duration_ms: float,
    error_type: str | None = None,
) -> dict[str, Any]:
    """The log line for one request, with its embedded metrics. Only checked values go in."""
    request = _get(event, "request")
    topic_id = topic if _is_known_topic(topic) else None
    record: dict[str, Any] = {
        "service": SERVICE,
        "request_type": _checked(_get(request, "type"), _NAME),
        "intent": _checked(_get(_get(request, "intent"), "name"), _NAME),
        "topic": topic_id,
        "locale": _checked(_get(request, "locale"), _LOCALE),
        "outcome": outcome if outcome in OUTCOMES else "error",
        "duration_ms": round(duration_ms, 1),
    }
    if error_type:
        record["error_type"] = error_type
    refused = record["outcome"] == "refused"
    record.update(
        Requests=0 if refused else 1,
        Emergencies=int(record["outcome"] == "emergency"),
        Fallbacks=int(record["outcome"] == "fallback"),
        Errors=int(record["outcome"] == "error"),
        Refused=int(refused),
    )
    directives = _directives(topic_id is not None)
    if topic_id is not None:
        record["TopicRequests"] = 1
    record["_aws"] = {"Timestamp": int(time.time() * 1000), "CloudWatchMetrics": directives}
    return record


def emit(record: dict[str, Any]) -> None:
    """Write the line. Logging must never break an answer.

    Through the logger's handlers, as ``request_log.info`` would, minus its caller lookup (a walk up the
    stack for a file name and line number the bare-JSON format never prints): a part of every request.
    """
    with contextlib.suppress(Exception):
        if not request_log.isEnabledFor(logging.INFO):
            return
        line = to_json(record)
        if _only_our_handler():
            # Exactly what that handler would do (bare message, newline, flush), without a LogRecord.
            stream = sys.stderr
            stream.write(line + "\n")
            stream.flush()
        else:  # someone added handlers or filters (tests, tools): the logging path, for all of them
            request_log.handle(request_log.makeRecord(request_log.name, logging.INFO, "", 0, line, (), None))


def _only_our_handler() -> bool:
    handlers = request_log.handlers
    if len(handlers) != 1 or request_log.filters or request_log.propagate:
        return False
    handler = handlers[0]
    return (
        type(handler) is _CurrentStderr
        and not handler.filters
        and handler.level <= logging.INFO
        and handler.formatter is not None
        and handler.formatter._fmt == "%(message)s"
    )


# ---- what the wrapper learns from inside the SDK ----


class _Seen:
    __slots__ = ("attributes_manager",)

    def __init__(self, attributes_manager: Any = None) -> None:
        self.attributes_manager = attributes_manager

    def request_attributes(self) -> dict:
        try:
            attributes = self.attributes_manager.request_attributes
        except Exception:
            return {}
        return attributes if isinstance(attributes, dict) else {}


_current: contextvars.ContextVar[_Seen | None] = contextvars.ContextVar("itb_request", default=None)


class _HandOverAttributes(AbstractRequestInterceptor):
    """Lets the wrapper read what the handlers recorded, even when an exception handler answered."""

    def process(self, handler_input) -> None:
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


def safe_response(event: object) -> tuple[dict[str, Any], str]:
    """A valid Alexa response for a request the SDK could not handle, from constants only."""
    if is_silent(_get(_get(event, "request"), "type")):
        return {"version": RESPONSE_VERSION, "response": {}}, "ended"
    # Read the widest way: the intent that carried a slot cannot be trusted here.
    decided = screening.assess_event(event, wide=True)
    if decided.sure:
        speech = safety.emergency_speech(decided.kind or "")
        response = {
            "outputSpeech": _speech(speech),
            "card": {"type": "Simple", "title": safety.EMERGENCY_CARD_TITLE, "content": speech},
            "shouldEndSession": True,
        }
        if visuals.raw_supports_apl(event):  # "Call 911 now." on the screen too, from constants
            response["directives"] = [visuals.emergency_directive(decided.kind or "")]
        return {"version": RESPONSE_VERSION, "response": response}, "emergency"
    response = {
        "outputSpeech": _speech(safety.ERROR_SPEECH),
        "reprompt": {"outputSpeech": _speech(safety.ERROR_REPROMPT)},
        "shouldEndSession": False,
    }
    return {"version": RESPONSE_VERSION, "response": response}, "error"


def _silence(result: dict[str, Any]) -> dict[str, Any]:
    """Drop speech that a handler (usually the catch-all) put on a request that accepts none."""
    response = result.get("response")
    if isinstance(response, dict):
        for key in ("outputSpeech", "reprompt", "card"):
            response.pop(key, None)
    return result


def _outcome_from_response(result: object) -> str:
    ssml = _get(_get(_get(result, "response"), "outputSpeech"), "ssml")
    return "error" if isinstance(ssml, str) and _ERROR_MARK in ssml else "answered"


def _sdk_handler(skill_builder):
    """What ``skill_builder.lambda_handler()`` does, with the skill built once, not at every request.

    The SDK's own wrapper builds a new ``CustomSkill`` (its configuration and one handler chain per
    registered handler) for every request; the handlers, interceptors and serializer are the same each
    time. Built again only when ``skill_builder.skill_id`` changes, so it may still be set at any time.
    """
    built: dict[str, Any] = {}

    def handler(event, context):
        skill = built.get("skill")
        if skill is None or built.get("skill_id") != skill_builder.skill_id:
            skill = CustomSkill(skill_configuration=skill_builder.skill_configuration)
            built.update(skill=skill, skill_id=skill_builder.skill_id)
        request_envelope = skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        response_envelope = skill.invoke(request_envelope=request_envelope, context=context)
        return skill.serializer.serialize(response_envelope)

    return handler


def instrument(skill_builder):
    """The Lambda handler: the SDK's, plus the log line, the metrics and the last line of defence.

    Reads ``skill_builder.skill_id`` at each call, so it may be set before or after this.
    """
    skill_builder.runtime_configuration_builder.global_request_interceptors.insert(0, _HandOverAttributes())
    sdk_handler = _sdk_handler(skill_builder)

    def lambda_handler(event, context):
        started = time.perf_counter()
        seen = _Seen()
        token = _current.set(seen)
        screened = None
        outcome, error_type = None, None
        try:
            if _for_another_skill(event, skill_builder.skill_id):
                outcome = "refused"  # before the SDK reads anything of it
                return {"version": RESPONSE_VERSION, "response": {}}
            screened = screening.begin(event)  # from the raw envelope: decided before anything can raise
            try:
                result = sdk_handler(event, context)
            except Exception as exc:
                if _refused_by_sdk(exc):
                    outcome = "refused"
                    return {"version": RESPONSE_VERSION, "response": {}}
                error_type = type(exc).__name__
                result, outcome = safe_response(event)
            attributes = seen.request_attributes()
            if outcome is None:
                outcome = attributes.get("outcome")
                if outcome not in OUTCOMES:
                    outcome = _outcome_from_response(result)
            if is_silent(_get(_get(event, "request"), "type")):
                result = _silence(result)
                if outcome in ("answered", "fallback"):
                    outcome = "ended"
            return result
        finally:
            _current.reset(token)
            if screened is not None:
                screening.end(screened)
            duration_ms = (time.perf_counter() - started) * 1000
            with contextlib.suppress(Exception):  # logging must never break an answer
                if outcome == "refused":  # one plain line: nothing of a request that was never ours
                    emit(build_record(None, outcome, None, duration_ms))
                else:
                    topic = seen.request_attributes().get("topic")
                    emit(build_record(event, outcome or "error", topic, duration_ms, error_type))

    return lambda_handler
