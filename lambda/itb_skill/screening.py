"""The request's safety decision, made once, first, from the raw envelope.

``begin(event)`` runs in the Lambda wrapper before the SDK reads anything: it takes the intent name and
every slot value straight from the JSON Alexa sent (so no SDK quirk, odd key or failing deserializer can
hide a slot) and keeps ``safety.assess_request``'s answer for the rest of the request. Inside the SDK,
``ScreenInterceptor`` is the skill's first request interceptor: it adds what the SDK's objects hold, keeps
the more alarming of the two as the request's one decision (in the request attributes), before a touch is
read as a spoken yes or the profile is loaded. The emergency handler, storage and the catch-all read that
stored decision with ``decision(handler_input)``; none of them asks a safety question of its own.

A touch on a screen (``Alexa.Presentation.APL.UserEvent``) carries no intent: the strings of its
``arguments`` are screened like slot values, from the envelope and from the SDK's objects alike.

Pure over plain data and never raises: a request too odd to read is an unclear one (possible tier).
"""

from __future__ import annotations

import contextvars
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor

from itb_skill import safety

# (what was read from the raw envelope, its decision): read once per request, before the SDK.
_RAW: contextvars.ContextVar[tuple[tuple[Any, ...], safety.Assessment] | None] = contextvars.ContextVar(
    "itb_raw_screen", default=None
)
_KEY = "_screening"  # request attribute: this request's decision, once made

MAX_SLOTS = 50  # more slots than any interaction model declares: the rest are not read
USER_EVENT = "Alexa.Presentation.APL.UserEvent"  # a touch: its arguments are read like slot values


def _get(mapping: object, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


def _listed(slot: object) -> bool | None:
    """Whether Alexa matched a slot to a value its type lists (entity resolution ER_SUCCESS_MATCH); None
    for a slot with no entity resolution at all (Amazon's built-in types, such as a number)."""
    authorities = _get(_get(slot, "resolutions"), "resolutionsPerAuthority")
    if not isinstance(authorities, list) or not authorities:
        return None
    return any(_get(_get(authority, "status"), "code") == "ER_SUCCESS_MATCH" for authority in authorities)


def raw_texts(event: object) -> tuple[object, list[safety.SlotText]]:
    """(intent name, every slot with a value) of a raw request envelope; anything not a string is skipped."""
    request = _get(event, "request")
    if _get(request, "type") == USER_EVENT:
        return None, _touched(touch_texts(_get(request, "arguments")))
    intent = _get(request, "intent")
    slots = _get(intent, "slots")
    values = slots.values() if isinstance(slots, dict) else slots if isinstance(slots, list) else ()
    texts = []
    for slot in list(values)[:MAX_SLOTS]:
        value = _get(slot, "value")
        if isinstance(value, str) and value.strip():
            texts.append(safety.SlotText(_get(slot, "name"), value, _listed(slot)))
    return _get(intent, "name"), texts


def _touched(texts: list[str]) -> list[safety.SlotText]:
    return [safety.SlotText("touch", text, None) for text in texts]


def touch_texts(arguments: object) -> list[str]:
    """Every string in a touch's arguments (lists and objects opened, as many as slots are read)."""
    texts: list[str] = []
    pending, looked_at = [arguments], 0
    while pending and len(texts) < MAX_SLOTS and looked_at < MAX_SLOTS * 20:
        value, looked_at = pending.pop(0), looked_at + 1
        if isinstance(value, str):
            if value.strip():
                texts.append(value)
        elif isinstance(value, list):
            pending.extend(value[:MAX_SLOTS])
        elif isinstance(value, dict):
            pending.extend(list(value.values())[:MAX_SLOTS])
    return texts


def _unreadable(error: Exception) -> safety.Assessment:
    return safety.Assessment(safety.Tier.POSSIBLE, safety.EMERGENCY, (f"unreadable: {type(error).__name__}",))


def assess_event(event: object, *, wide: bool = False) -> safety.Assessment:
    """The decision for a raw envelope. ``wide``: the intent cannot be trusted (the last-resort path)."""
    try:
        intent_name, texts = raw_texts(event)
        return safety.assess_request(intent_name, texts, wide=wide)
    except Exception as error:  # unreadable: unclear, so 911 first
        return _unreadable(error)


def begin(event: object) -> contextvars.Token[Any]:
    """Screen ``event`` before anything else reads it; ``end(token)`` when the request is answered."""
    try:
        read = raw_texts(event)
        return _RAW.set((read, safety.assess_request(*read)))
    except Exception as error:
        return _RAW.set(((), _unreadable(error)))


def end(token: contextvars.Token[Any]) -> None:
    _RAW.reset(token)


def _sdk_listed(slot: Any) -> bool | None:
    authorities = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None) or []
    if not authorities:
        return None
    codes = [getattr(getattr(authority, "status", None), "code", None) for authority in authorities]
    return any(getattr(code, "value", code) == "ER_SUCCESS_MATCH" for code in codes)


def _sdk_texts(handler_input: Any) -> tuple[object, list[safety.SlotText]]:
    request = getattr(handler_input.request_envelope, "request", None)
    if getattr(request, "object_type", None) == USER_EVENT:
        return None, _touched(touch_texts(getattr(request, "arguments", None)))
    intent = getattr(request, "intent", None)
    slots = getattr(intent, "slots", None)
    texts = []
    if isinstance(slots, dict):
        for name, slot in list(slots.items())[:MAX_SLOTS]:
            value = getattr(slot, "value", None)
            if isinstance(value, str) and value.strip():
                texts.append(safety.SlotText(name, value, _sdk_listed(slot)))
    return getattr(intent, "name", None), texts


def decision(handler_input: Any) -> safety.Assessment:
    """This request's decision: the raw envelope's and the SDK objects', the more alarming one. Once."""
    try:
        attributes = handler_input.attributes_manager.request_attributes
    except Exception:
        attributes = {}
    kept = attributes.get(_KEY) if isinstance(attributes, dict) else None
    if isinstance(kept, safety.Assessment):
        return kept
    kept_raw = _RAW.get()
    read, raw = kept_raw if kept_raw is not None else ((), None)
    try:
        from_objects = _sdk_texts(handler_input)
        # The SDK's objects hold what the envelope held (almost always): screened once, not twice.
        from_sdk = raw if raw is not None and from_objects == read else safety.assess_request(*from_objects)
    except Exception as error:
        from_sdk = _unreadable(error)
    decided = from_sdk if raw is None or from_sdk.tier > raw.tier else raw
    if isinstance(attributes, dict):
        attributes[_KEY] = decided
    return decided


class ScreenInterceptor(AbstractRequestInterceptor):
    """The skill's first request interceptor: makes and stores the request's decision. Never raises."""

    def process(self, handler_input: Any) -> None:
        decision(handler_input)
