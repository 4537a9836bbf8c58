"""The one place SSML and card text are built.

Every piece of text is escaped before markup is added, so nothing (content or user input) can
break the SSML. Content strings use ``{name}`` placeholders for phone numbers and pauses; this
module renders them as ``<say-as>``/``<break>`` for the ear and as plain text for the card.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

MAX_SSML_CHARS = 8000
PACE_RATES = {"normal": None, "slow": "85%"}


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` as ``xml.sax.saxutils.escape`` does.

    Not imported from there: ``xml.sax.saxutils`` imports ``urllib.request`` (and with it http.client,
    email and ssl), about 20 ms of every cold start (see ``make bench``).
    """
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Emergency and crisis numbers are read digit by digit ("nine one one").
_SHORT_NUMBERS = re.compile(r"\b(911|988)\b")


# Plain classes rather than dataclasses: ``@dataclass`` writes and compiles code for each class at import,
# about 0.4 ms apiece of every cold start (issue 7).


class Phone(NamedTuple):
    spoken: str  # "800-436-7936": read as a telephone number
    display: str  # "(800) 436-7936": as written on the card


class Reply:
    """What the skill says: rendered by ``to_ssml``/``to_card`` and nowhere else."""

    __slots__ = (
        "speech",
        "reprompt",
        "card_title",
        "card_text",
        "end_session",
        "outcome",
        "topic",
        "attributes",
        "ref",
    )

    def __init__(
        self,
        speech: str,
        reprompt: str | None = None,
        card_title: str | None = None,
        card_text: str | None = None,
        end_session: bool = False,
        outcome: str = "answered",
        topic: str | None = None,
        attributes: dict | None = None,
        ref: dict | None = None,
    ) -> None:
        self.speech = speech
        self.reprompt = reprompt
        self.card_title = card_title
        self.card_text = card_text
        self.end_session = end_session
        self.outcome = outcome
        self.topic = topic
        self.attributes = {} if attributes is None else attributes
        # How "repeat" builds this reply again: a reference into the content (``answers.rebuild``), never
        # its words. None: not remembered (the fallback, errors, emergencies, a repeat of nothing).
        self.ref = ref

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Reply({fields})"


# Characters XML 1.0 forbids even when escaped (control characters, lone surrogates, non-characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _render(text: str, phones: dict[str, Phone], for_ear: bool) -> str:
    """Escape ``text`` and fill its placeholders, for speech or for the card.

    Pure, and the same few content strings are rendered request after request, so results are kept
    (bounded; keyed on the phones' values, never on the dict object, so changed phones render anew).
    """
    try:
        return _render_kept(text, tuple(phones.items()), for_ear)
    except TypeError:  # something unhashable: render without keeping
        return _render_now(text, phones, for_ear)


@lru_cache(maxsize=256)
def _render_kept(text: str, phones: tuple[tuple[str, Phone], ...], for_ear: bool) -> str:
    return _render_now(text, dict(phones), for_ear)


def _render_now(text: str, phones: dict[str, Phone], for_ear: bool) -> str:
    text = _NOT_XML.sub("", text)
    out: list[str] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(text):
        out.append(_literal(text[pos : match.start()], for_ear))
        out.append(_placeholder(match.group(1), phones, for_ear))
        pos = match.end()
    out.append(_literal(text[pos:], for_ear))
    return "".join(out)


def _literal(text: str, for_ear: bool) -> str:
    if not for_ear:
        return text
    return _SHORT_NUMBERS.sub(r'<say-as interpret-as="digits">\1</say-as>', escape(text))


def _placeholder(name: str, phones: dict[str, Phone], for_ear: bool) -> str:
    if name == "pause":
        return '<break time="300ms"/>' if for_ear else ""
    phone = phones.get(name)
    if phone is None:
        # An unknown placeholder is a content mistake: never speak braces, never crash.
        return ""
    if for_ear:
        return f'<say-as interpret-as="telephone">{escape(phone.spoken)}</say-as>'
    return phone.display


def to_ssml(text: str, phones: dict[str, Phone] | None = None, pace: str = "normal") -> str:
    """Render ``text`` as a complete ``<speak>`` document at the given pace."""
    body = _render(text, phones or {}, for_ear=True)
    rate = PACE_RATES.get(pace)
    if rate:
        body = f'<prosody rate="{rate}">{body}</prosody>'
    return f"<speak>{body}</speak>"


def to_card(text: str, phones: dict[str, Phone] | None = None) -> str:
    """Render ``text`` as plain card text (phone numbers written out, no pauses)."""
    return re.sub(r"  +", " ", _render(text, phones or {}, for_ear=False)).strip()


_TAG = re.compile(r"<[^>]+>")


def ssml_to_text(ssml: str) -> str:
    """What a listener hears, as plain text (for the simulator, logs of tests, and checks)."""
    from html import unescape

    text = _TAG.sub("", ssml)
    return re.sub(r"\s+", " ", unescape(text)).strip()
