"""The session attributes: every key the skill writes and the shape of its value, defined here only.

``session.CheckAttributesInterceptor`` reduces what comes back from the device to this shape before any
handler reads it (each key by its own check, named beside it below); ``answers`` and ``memory`` read and
write the keys through these names. No other key is ever written.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

OFFER = "offer"  # what "yes" will play: a ``TopicPart``, or ``FORGET_ME_OFFER`` (answers.checked_offer)
LAST = "last"  # the last answer by reference (``Reply.ref``), for "repeat": never its words (checked_ref)
PACE = "pace"  # the speaking rate, from "speak slower" or the stored profile (answers.checked_pace)
SEEN = "seen"  # topic ids heard or offered in this session, at most ``MAX_SEEN`` (answers.checked_seen)
MEMORY = "memory"  # the profile as read at the session's start (memory.interceptors.checked_memory)

MAX_SEEN = 40  # bounded: session attributes travel with every request (and are echoed back)
FORGET_ME_OFFER = {"action": "forget_me"}  # rides on ``offer``, so any other reply clears it

Pace = Literal["normal", "slow"]


class TopicPart(TypedDict):
    """A part of a content topic: what an offer plays, or what "repeat" renders again."""

    topic: str
    part: int


class Memory(TypedDict, total=False):
    """The profile read at the session's start, and what to write at its end."""

    status: str  # "loaded", "unavailable", "saved" or "forgotten"
    stored: dict[str, Any] | None  # the profile as stored (``Profile.to_dict``), None for a new user
    since: int  # when the session started (epoch seconds)
    topic: str  # the content topic heard last in this session


class SessionState(TypedDict, total=False):
    """Every session attribute the skill may write, and its shape."""

    offer: TopicPart | dict[str, str]  # a topic part, or FORGET_ME_OFFER
    last: dict[str, Any]  # TopicPart, or {"key": <string key>} (and its topic) for a reply that is a string
    pace: Pace
    seen: list[str]
    memory: Memory


KEYS = frozenset(SessionState.__annotations__)  # what ``session.checked`` may keep
