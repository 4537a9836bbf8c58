"""One structured log line per request, with CloudWatch metrics embedded in it.

Exactly ONE JSON line per request goes to stderr (Lambda sends stdout and stderr to CloudWatch Logs; stdout
stays free for tools that call the handler in-process, like skill-sim): request type, intent name, topic
id, locale, outcome (answered / emergency / fallback / error / ended; refused for another skill's request,
forgotten for a deleted profile) and duration in ms. The same line carries CloudWatch Embedded Metric
Format (``_aws``), so CloudWatch charts Requests, Emergencies, Fallbacks, Errors and TopicRequests per known
topic id with no extra AWS call.

Privacy: the line is built only from values checked against fixed shapes or known ids. It never holds the
user id, device id, session id, access tokens, slot values, anything the user said, or an exception message
(which could quote the request): only exception type names.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
import time
from typing import Any

from itb_skill import content
from itb_skill.reply import Outcome

NAMESPACE = "ITBPumpSkill"
SERVICE = "baclofen-pump-guide"
OUTCOMES = frozenset(Outcome)  # the only values of the outcome dimension

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.]{0,99}")  # request types and intent names
_LOCALE = re.compile(r"[a-z]{2,3}-[A-Z]{2}")


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (Lambda captures it; so do tests)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
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


def _is_known_topic(topic: object, library: content.Library) -> bool:
    """Whether ``topic`` is a topic id of some content file: the only values the topic dimension may take."""
    if not isinstance(topic, str):
        return False
    try:
        return any(topic in library.load(locale).topics for locale in library.locales())
    except Exception:  # content broken: no topic dimension, the line is still written
        return False


def _checked(value: object, pattern: re.Pattern[str]) -> str | None:
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
        if directives == known and isinstance(aws, dict):
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
    library: content.Library | None = None,
) -> dict[str, Any]:
    """The log line for one request, with its embedded metrics. Only checked values go in. ``library``:
    the skill's content, whose topic ids are the only values of the topic dimension."""
    request = _get(event, "request")
    topic_id = topic if _is_known_topic(topic, library or content.library()) else None
    record: dict[str, Any] = {
        "service": SERVICE,
        "request_type": _checked(_get(request, "type"), _NAME),
        "intent": _checked(_get(_get(request, "intent"), "name"), _NAME),
        "topic": topic_id,
        "locale": _checked(_get(request, "locale"), _LOCALE),
        "outcome": str(outcome) if outcome in OUTCOMES else str(Outcome.ERROR),
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
