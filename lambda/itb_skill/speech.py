"""The one place SSML and card text are built.

Every piece of text is escaped before markup is added, so nothing (content or user input) can
break the SSML. Content strings use ``{name}`` placeholders for phone numbers and pauses; this
module renders them as ``<say-as>``/``<break>`` for the ear and as plain text for the card.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class Phone:
    spoken: str  # "800-436-7936": read as a telephone number
    display: str  # "(800) 436-7936": as written on the card


@dataclass
class Reply:
    """What the skill says: rendered by ``to_ssml``/``to_card`` and nowhere else."""

    speech: str
    reprompt: str | None = None
    card_title: str | None = None
    card_text: str | None = None
    end_session: bool = False
    outcome: str = "answered"
    topic: str | None = None
    attributes: dict = field(default_factory=dict)


# Characters XML 1.0 forbids even when escaped (control characters, lone surrogates, non-characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _render(text: str, phones: dict[str, Phone], for_ear: bool) -> str:
    """Escape ``text`` and fill its placeholders, for speech or for the card."""
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
