"""The profile's life within one Alexa session: at most one read, at most one write.

One ``Keeper`` per skill holds what that takes (the skill's store, salt and clock); the interceptors and the
memory handlers share it.

- ``LoadProfileInterceptor`` (request): on the session's first request, unless it is an emergency, reads
  the profile once and keeps it in the ``memory`` session attribute (and its pace in ``pace``).
- ``SaveProfileInterceptor`` (response) and, for ``SessionEndedRequest``, the request interceptor: when
  the session ends, writes the profile once, only if it changed.
- ``forget``: deletes the stored profile (forget me, skill disabled).

The emergency path never touches storage: the request's stored screening decision (``screening``, made by
the first request interceptor) is read here as ``EmergencyHandler`` reads it.
A storage fault is logged (operation and error kind only) and the session goes on unpersonalized.
A Lambda invocation makes at most one storage call, and that call gets a deadline: at most
``STORAGE_DEADLINE_SECONDS``, and never more than the time Lambda says is left minus what answering
still needs (none starts without that time). A store that bounds its own waits (the local SQLite file)
is called directly; any other (DynamoDB) runs on a thread of its own (``deadline``). After the deadline
the answer goes out without personalization; a read that missed it is a failed read (no write in that
session).

Response interceptors do not run when an exception handler answered. That is harmless here: the
catch-all keeps the session open, the profile stays in the session attributes, and the write happens
when the session really ends; ``SessionEndedRequest`` is saved before any handler can fail.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from itb_skill import screening, session_state
from itb_skill.answers import PACE
from itb_skill.memory.profile import Profile, user_key
from itb_skill.memory.stores import StorageError, Store
from itb_skill.reply import Outcome, recorded
from itb_skill.request import locale_content

if TYPE_CHECKING:
    from itb_skill.skill import Services

logger = logging.getLogger(__name__)

MEMORY = session_state.MEMORY  # ``session_state.Memory``: {"status", "stored", "since", "topic"}
LOADED, UNAVAILABLE, SAVED, FORGOTTEN = "loaded", "unavailable", "saved", "forgotten"
# Sessions less than this apart are one visit (a session that timed out while the user found a pen).
VISIT_GAP_SECONDS = 60 * 60
MAX_CLOCK_SKEW_SECONDS = 60  # a session start read back may be this far ahead of our clock, no further
# The longest a storage call may hold an answer (a cold start's boto3 import included), and what answering
# still needs after it, of the time Lambda says is left (``context.get_remaining_time_in_millis()``).
STORAGE_DEADLINE_SECONDS = 2.0
ANSWER_RESERVE_SECONDS = 1.0
_CALLED = "storage_called"  # request attribute: this invocation already made its storage call
_SKIPPED = "storage_skipped"  # request attribute: emergency, storage left alone

T = TypeVar("T")


# ---- helpers ----


def _attributes(handler_input: HandlerInput) -> dict[str, Any]:
    if handler_input.request_envelope.session is None:
        return {}  # skill events: the SDK refuses session attributes outside a session
    attributes = handler_input.attributes_manager.session_attributes
    return attributes if isinstance(attributes, dict) else {}


def _is_emergency(handler_input: HandlerInput) -> bool:
    """The request's one safety decision (``screening``, which never raises) is sure."""
    return screening.decision(handler_input).sure


def _deadline_seconds(handler_input: HandlerInput) -> float:
    """``STORAGE_DEADLINE_SECONDS``, or less when Lambda has less time left than that plus the reserve."""
    remaining = getattr(handler_input.context, "get_remaining_time_in_millis", None)
    if remaining is None:  # local runs and the simulator pass no Lambda context
        return STORAGE_DEADLINE_SECONDS
    try:
        left = float(remaining()) / 1000 - ANSWER_RESERVE_SECONDS
    except Exception:  # a context that cannot say: no call at all rather than an unbounded one
        return 0.0
    return min(STORAGE_DEADLINE_SECONDS, left)


def _log_fault(operation: str, error: Exception) -> None:
    # StorageError messages carry only the operation and the error kind; anything else, its type.
    detail = str(error) if isinstance(error, StorageError) else type(error).__name__
    logger.warning("profile %s skipped, answering without personalization: %s", operation, detail)


def checked_memory(memory: object, topics: Mapping[str, object], now: float) -> dict[str, Any] | None:
    """The ``memory`` attribute as this module could have written it, or None. It comes back from the
    device: the status must be one of ours, the profile is re-read field by field (a last topic must be one
    of ``topics``, the content's), the session start may not lie in the future (``now``), anything else
    goes."""
    if not isinstance(memory, dict) or not isinstance(memory.get("status"), str):
        return None
    if memory["status"] not in (LOADED, UNAVAILABLE, SAVED, FORGOTTEN):
        return None
    checked: dict[str, Any] = {
        "status": memory["status"],
        "stored": _checked_profile(memory.get("stored"), topics),
    }
    since = memory.get("since")
    if type(since) is int and 0 <= since <= now + MAX_CLOCK_SKEW_SECONDS:
        checked["since"] = since
    topic = memory.get("topic")
    if isinstance(topic, str) and topic in topics:
        checked["topic"] = topic
    return checked


def _checked_profile(data: object, topics: Mapping[str, object]) -> dict[str, Any] | None:
    profile = Profile.from_dict(data)
    if profile is None:
        return None
    if profile.last_topic is not None and profile.last_topic not in topics:
        profile = profile._replace(last_topic=None)  # a topic the content no longer (or never) had
    return profile.to_dict()


def remembered(handler_input: HandlerInput) -> Profile | None:
    """The profile stored before this session started (None for a new user or a failed read)."""
    memory = _attributes(handler_input).get(MEMORY)
    if not isinstance(memory, dict) or memory.get("status") not in (LOADED, SAVED):
        return None
    return Profile.from_dict(memory.get("stored"))


def profile_to_save(memory: dict[str, Any], pace: object, now: float) -> Profile | None:
    """The profile as it should be stored at the end of this session (``now``: when no start was kept)."""
    stored = Profile.from_dict(memory.get("stored"))
    since = memory.get("since")
    since = int(since) if isinstance(since, int | float) else int(now)
    new_visit = stored is None or since - stored.last_visit >= VISIT_GAP_SECONDS
    topic = memory.get("topic")
    return Profile.from_dict(
        {
            "visits": (stored.visits if stored else 0) + (1 if new_visit else 0),
            "last_visit": since if new_visit or stored is None else stored.last_visit,
            "last_topic": topic if isinstance(topic, str) else (stored.last_topic if stored else None),
            "pace": pace,
        }
    )


class Keeper:
    """Reads, writes and forgets the profile of a request's user, for one skill: its store, its salt (and
    whether its configuration may use storage at all), its clock and its content."""

    def __init__(self, services: Services) -> None:
        self.store: Store = services.store
        self.config = services.config
        self.clock: Callable[[], float] = services.clock
        self.library = services.library

    def _user_key(self, handler_input: HandlerInput) -> str | None:
        envelope = handler_input.request_envelope
        user = getattr(getattr(getattr(envelope, "context", None), "system", None), "user", None)
        user = user or getattr(getattr(envelope, "session", None), "user", None)
        user_id = getattr(user, "user_id", None)
        if not isinstance(user_id, str) or not user_id or self.config.refusal is not None:
            return None  # no key from a weak salt: no storage call at all
        return user_key(user_id, self.config.user_hash_salt)

    def _store_call(self, handler_input: HandlerInput, call: Callable[[Store], T]) -> T:
        """``call(store)`` within this request's storage deadline: on a thread of its own, unless the store
        ends every call within the deadline by itself (the local SQLite file)."""
        store = self.store
        seconds = _deadline_seconds(handler_input)
        if seconds > 0 and getattr(store, "bounds_its_own_waits", False) is True:
            return call(store)
        from itb_skill.memory import deadline  # only for a store over the network (or no time left)

        return deadline.call_within(seconds, lambda: call(store))  # DeadlineExceeded at once without time

    def _topics(self, handler_input: HandlerInput) -> Mapping[str, object]:
        try:
            return locale_content(handler_input, self.library).topics
        except Exception:  # content unreadable: no topic can be checked, so none is kept
            return {}

    # ---- one read ----

    def load(self, handler_input: HandlerInput) -> None:
        attributes = _attributes(handler_input)
        key = self._user_key(handler_input)
        memory: dict[str, Any] = {"status": UNAVAILABLE, "stored": None, "since": int(self.clock())}
        if key is not None:
            handler_input.attributes_manager.request_attributes[_CALLED] = True
            try:
                stored = self._store_call(handler_input, lambda store: store.load(key))
                topics = self._topics(handler_input)
                memory.update(status=LOADED, stored=_checked_profile(stored and stored.to_dict(), topics))
                if stored is not None:
                    attributes[PACE] = stored.pace
            except Exception as error:
                _log_fault("read", error)
        attributes[MEMORY] = memory
        handler_input.attributes_manager.session_attributes = attributes

    # ---- one write ----

    def finish(self, handler_input: HandlerInput) -> None:
        """Write the profile if it changed; at most once per session, never twice in one invocation."""
        attributes = _attributes(handler_input)
        memory = attributes.get(MEMORY)
        if not isinstance(memory, dict) or memory.get("status") != LOADED:
            return  # no successful read (so nothing safe to write), already saved, or forgotten
        request_attributes = handler_input.attributes_manager.request_attributes
        profile = profile_to_save(memory, attributes.get(PACE), self.clock())
        memory["status"] = SAVED
        if profile is None or profile == Profile.from_dict(memory.get("stored")):
            return  # nothing valid to write, or nothing changed
        key = self._user_key(handler_input)
        if key is None or request_attributes.get(_CALLED):
            # A session that ends on its first request already spent this invocation's call on the read.
            return
        request_attributes[_CALLED] = True
        try:
            self._store_call(handler_input, lambda store: store.save(key, profile))
            memory["stored"] = profile.to_dict()
        except Exception as error:
            _log_fault("write", error)

    # ---- forgetting ----

    def forget(self, handler_input: HandlerInput) -> bool:
        """Delete the stored profile and stop remembering for this session. True when deleted."""
        if handler_input.request_envelope.session is not None:
            attributes = _attributes(handler_input)
            attributes[MEMORY] = {"status": FORGOTTEN, "stored": None}
            attributes[PACE] = "normal"
            handler_input.attributes_manager.session_attributes = attributes
        key = self._user_key(handler_input)
        if key is None:
            return False
        handler_input.attributes_manager.request_attributes[_CALLED] = True
        try:
            self._store_call(handler_input, lambda store: store.delete(key))
        except Exception as error:
            _log_fault("delete", error)
            return False
        return True


class LoadProfileInterceptor(AbstractRequestInterceptor):
    """Reads once per session, on its first request; saves on ``SessionEndedRequest``. Never raises."""

    def __init__(self, keeper: Keeper) -> None:
        self.keeper = keeper

    def process(self, handler_input: HandlerInput) -> None:
        try:
            if handler_input.request_envelope.session is None:
                return  # skill events (SkillDisabled) have no session
            if is_request_type("SessionEndedRequest")(handler_input):
                self.keeper.finish(handler_input)
                return
            if _is_emergency(handler_input):
                handler_input.attributes_manager.request_attributes[_SKIPPED] = True
                return
            if MEMORY not in _attributes(handler_input):
                self.keeper.load(handler_input)
        except Exception as error:  # storage must never stop an answer
            _log_fault("interceptor", error)


class SaveProfileInterceptor(AbstractResponseInterceptor):
    """Notes the topic just heard; when the response ends the session, saves. Never raises."""

    def __init__(self, keeper: Keeper) -> None:
        self.keeper = keeper

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        try:
            request_attributes = handler_input.attributes_manager.request_attributes
            if request_attributes.get(_SKIPPED) or recorded(request_attributes) == Outcome.EMERGENCY:
                return
            memory = _attributes(handler_input).get(MEMORY)
            if not isinstance(memory, dict):
                return
            topic = request_attributes.get("topic")
            if isinstance(topic, str) and topic.isidentifier():
                memory["topic"] = topic  # a content topic id only, never what the user said
            if response is not None and response.should_end_session:
                self.keeper.finish(handler_input)
        except Exception as error:
            _log_fault("interceptor", error)
