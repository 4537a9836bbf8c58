"""What a request says, read defensively: a malformed request must never raise here.

Slot values and their resolved ids, the session attributes, the locale's content, and whether the request
is one Alexa accepts no speech for. No decisions: those are in ``answers`` (what to say) and ``screening``
(whether it is an emergency).
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_locale

from itb_skill import content

# Requests to which Alexa accepts no speech: the session is over, or the skill was not in a conversation.
SILENT_REQUEST_TYPES = frozenset({"SessionEndedRequest", "System.ExceptionEncountered"})
SILENT_REQUEST_PREFIXES = ("AlexaSkillEvent.",)


def is_silent(request_type: object) -> bool:
    """True for request types whose response must carry no speech."""
    return isinstance(request_type, str) and (
        request_type in SILENT_REQUEST_TYPES or request_type.startswith(SILENT_REQUEST_PREFIXES)
    )


def _intent(handler_input: HandlerInput) -> Any:
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


def session_attributes(handler_input: HandlerInput) -> dict[str, Any]:
    attributes = handler_input.attributes_manager.session_attributes
    return attributes if isinstance(attributes, dict) else {}


def locale_content(handler_input: HandlerInput, library: content.Library) -> content.Content:
    """The content for the request's locale (en-US for one the library does not carry, or none)."""
    try:
        locale = get_locale(handler_input)
    except Exception:  # a request without a locale still gets the default content
        locale = None
    return library.load(locale)
