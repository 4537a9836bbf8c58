"""What the skill remembers about one user, and the key it is kept under.

A ``Profile`` holds only visit count, last visit (epoch seconds), last topic id and pace: no utterances, no
slot values, no health details. The key is ``user_key(alexa_user_id, salt)``, a keyed BLAKE2b hash: no
store ever sees the raw Alexa id.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

try:  # BLAKE2 is built into CPython: no OpenSSL to load (hashlib/hmac would load it at a cold start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python: the same function through hashlib
    from hashlib import blake2b

PACES = ("normal", "slow")
RETENTION_SECONDS = 365 * 24 * 60 * 60  # a profile expires one year after the last visit


class Profile(NamedTuple):
    """Everything the skill stores about one user. (Immutable; a NamedTuple is cheaper to define at a cold
    start than a frozen dataclass.)"""

    visits: int = 0
    last_visit: int = 0  # epoch seconds
    last_topic: str | None = None  # a content topic id, never free text
    pace: str = "normal"

    @property
    def expires_at(self) -> int:
        return self.last_visit + RETENTION_SECONDS

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        if data["last_topic"] is None:
            del data["last_topic"]
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Profile | None:
        """A profile from stored or session data; tolerant of junk, which it drops."""
        if not isinstance(data, dict):
            return None
        topic = data.get("last_topic")
        pace = data.get("pace")
        return cls(
            visits=_count(data.get("visits"), MAX_VISITS),
            last_visit=_count(data.get("last_visit"), MAX_EPOCH_SECONDS),
            last_topic=topic if _is_topic_id(topic) else None,
            pace=pace if isinstance(pace, str) and pace in PACES else "normal",
        )


# What the skill could have written, and no more: anything larger is dropped like any other junk.
MAX_VISITS = 1_000_000
MAX_EPOCH_SECONDS = 2**32  # the year 2106
MAX_TOPIC_ID_CHARS = 64


def _count(value: Any, maximum: int) -> int:
    """A whole number from 0 to ``maximum``; anything else (junk, negative, too large) is 0."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        return 0
    try:
        number = int(value)
    except (ValueError, OverflowError):  # NaN, infinity
        return 0
    return number if 0 <= number <= maximum else 0


def _is_topic_id(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TOPIC_ID_CHARS and value.isidentifier()


_KEY_PERSON = b"itb-user-key"  # BLAKE2 personalization: these keys differ from any other use of the salt
_MAX_KEY_BYTES = 64  # BLAKE2b's longest key


def user_key(user_id: str, salt: str) -> str:
    """The storage key for an Alexa user id: keyed BLAKE2b-256 (a MAC, like HMAC-SHA256), 64 hex digits,
    not reversible and not computable without the salt. A salt longer than 64 bytes is hashed first."""
    key = salt.encode("utf-8")
    if len(key) > _MAX_KEY_BYTES:
        key = blake2b(key, person=_KEY_PERSON).digest()
    return blake2b(user_id.encode("utf-8"), digest_size=32, key=key, person=_KEY_PERSON).hexdigest()
