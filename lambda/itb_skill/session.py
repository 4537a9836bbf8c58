"""What the session attributes may hold (``session_state``: keys and shapes), checked every time they come
back from the device.

Alexa echoes the attributes the skill returned, but a forged request can send anything. Before any
handler runs, ``CheckAttributesInterceptor`` keeps only the keys the skill writes, each in a shape the
skill could have written, and drops everything else: one bad value costs that value, not the session.
A new session starts empty: whatever it carries, this skill did not write it in this session.

- ``pace``: "normal" or "slow" (``answers.checked_pace``)
- ``offer``: a part of a content topic, or the forget-me question (``answers.checked_offer``)
- ``last``: a reference to a reply the content can render again (``answers.checked_ref``)
- ``memory``: the profile as read at the session's start (``memory.interceptors.checked_memory``)
- ``seen``: the topics heard or offered in this session, content topic ids, at most ``answers.MAX_SEEN``
  (``answers.checked_seen``)

Every kept value is an enum, a content id or a bounded number, so what the skill echoes stays a few
hundred bytes, far inside Alexa's response limits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput

from itb_skill import answers, content
from itb_skill.memory import interceptors
from itb_skill.request import locale_content


def checked(handler_input: HandlerInput, library: content.Library, now: float) -> dict[str, Any]:
    """The session attributes of this request, reduced to what the skill could have written (from the
    content of ``library``; a session start may not lie after ``now``)."""
    session = handler_input.request_envelope.session
    attributes = handler_input.attributes_manager.session_attributes
    if getattr(session, "new", None) is not False or not isinstance(attributes, dict) or not attributes:
        return {}  # a new session (or one that cannot say it is not new) carries nothing of ours
    kept: dict[str, Any] = {}
    pace = answers.checked_pace(attributes.get(answers.PACE))
    if pace is not None:
        kept[answers.PACE] = pace
    try:
        texts = locale_content(handler_input, library)
    except Exception:  # no content to check against: keep only what needs none
        return kept
    for key, value in (
        (answers.OFFER, answers.checked_offer(texts, attributes.get(answers.OFFER))),
        (answers.LAST, answers.checked_ref(texts, attributes.get(answers.LAST))),
        (answers.SEEN, answers.checked_seen(texts, attributes.get(answers.SEEN))),
        (
            interceptors.MEMORY,
            interceptors.checked_memory(attributes.get(interceptors.MEMORY), texts.topics, now),
        ),
    ):
        if value is not None:
            kept[key] = value
    return kept


class CheckAttributesInterceptor(AbstractRequestInterceptor):
    """Replaces the session attributes by their checked copy before anything reads them. Never raises."""

    def __init__(self, library: content.Library, clock: Callable[[], float]) -> None:
        self.library, self.clock = library, clock

    def process(self, handler_input: HandlerInput) -> None:
        if handler_input.request_envelope.session is None:
            return  # skill events: no session, no attributes
        manager = handler_input.attributes_manager
        try:
            manager.session_attributes = checked(handler_input, self.library, self.clock())
        except Exception:  # whatever went wrong, nothing unchecked goes on
            with contextlib.suppress(Exception):
                manager.session_attributes = {}
