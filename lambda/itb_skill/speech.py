"""The one place SSML and card text are built.

Every piece of text is escaped before markup is added, so nothing (content or user input) can
break the SSML. Content strings use ``{name}`` placeholders, all filled here and nowhere else: phone
numbers and pauses, rendered as ``<say-as>``/``<break>`` for the ear and as plain text for the card, and
the text a reply brings (``Reply.fills``: ``{offer}``, the offered topic), said as written. A placeholder
none of these fills is a content mistake: it is never spoken (``unknown_placeholders`` finds it first).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_SSML_CHARS = 8000  # Alexa's limit for the SSML of the speech and of the reprompt
MAX_CARD_CHARS = 8000  # Alexa's limit for a card's title and text together
MAX_CARD_TITLE_CHARS = 200
PACE_RATES = {"normal": None, "slow": "85%"}
PAUSE = "pause"  # {pause}: a short breath between the items of a spoken list
# Placeholders filled with text the reply brings (``Reply.fills``), not with a phone number or a pause.
OFFER_FILL = "offer"  # {offer}: how another answer offers a topic ("how big the pump is")
TEXT_FILLS = frozenset({OFFER_FILL})


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` as ``xml.sax.saxutils.escape`` does.

    Not imported from there: ``xml.sax.saxutils`` imports ``urllib.request`` (and with it http.client,
    email and ssl) at every cold start (docs/performance.md).
    """
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Emergency and crisis numbers are read digit by digit ("nine one one").
_SHORT_NUMBERS = re.compile(r"\b(911|988)\b")


# Plain classes rather than dataclasses: ``@dataclass`` writes and compiles code for each class at import.


class Phone(NamedTuple):
    spoken: str  # "800-436-7936": read as a telephone number
    display: str  # "(800) 436-7936": as written on the card


# Characters XML 1.0 forbids even when escaped (control characters, lone surrogates, non-characters).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _SizedCache:
    """Rendered strings kept by (text, phones, for_ear), bounded by the characters they hold, not by a
    count: a few long texts cannot hold megabytes. Oldest out first; a text too long to be content is
    never kept."""

    def __init__(self, max_chars: int, max_text_chars: int) -> None:
        self.max_chars, self.max_text_chars = max_chars, max_text_chars
        self.entries: dict[tuple[Any, ...], str] = {}
        self.chars = 0

    def get(self, key: tuple[Any, ...]) -> str | None:
        return self.entries.get(key)

    def put(self, key: tuple[Any, ...], rendered: str) -> None:
        size = len(key[0]) + len(rendered)
        if len(key[0]) > self.max_text_chars or size > self.max_chars:
            return
        while self.entries and self.chars + size > self.max_chars:
            oldest = next(iter(self.entries))
            self.chars -= len(oldest[0]) + len(self.entries.pop(oldest))
        self.entries[key] = rendered
        self.chars += size


# The whole content file renders to about 90,000 characters (speech and cards): all of it fits.
_kept = _SizedCache(max_chars=400_000, max_text_chars=4_000)


def _render(text: str, phones: dict[str, Phone], for_ear: bool) -> str:
    """Escape ``text`` and fill its placeholders, for speech or for the card.

    Pure, and the same few content strings are rendered request after request, so results are kept
    (bounded by size; keyed on the phones' values, never on the dict object, so changed phones render anew).
    """
    try:
        key = (text, tuple(phones.items()), for_ear)
        rendered = _kept.get(key)
    except TypeError:  # something unhashable: render without keeping
        return _render_now(text, phones, for_ear)
    if rendered is None:
        rendered = _render_now(text, phones, for_ear)
        _kept.put(key, rendered)
    return rendered


def fill(text: str, fills: dict[str, str] | None) -> str:
    """``text`` with the placeholders of ``fills`` replaced by their text (said as written, escaped like the
    rest when rendered); every other placeholder is left for rendering."""
    if not fills or "{" not in text:
        return text
    return _PLACEHOLDER.sub(lambda match: fills.get(match.group(1), match.group(0)), text)


def unknown_placeholders(
    text: str, phones: dict[str, Phone] | None = None, fills: dict[str, str] | None = None
) -> set[str]:
    """The placeholders of ``text`` that rendering would drop: no phone, no pause, nothing in ``fills``."""
    known = {PAUSE, *(phones or {}), *(fills or {})}
    return set(_PLACEHOLDER.findall(text)) - known


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
    if name == PAUSE:
        return '<break time="300ms"/>' if for_ear else ""
    phone = phones.get(name)
    if phone is None:
        # An unknown placeholder is a content mistake: never speak braces, never crash.
        return ""
    if for_ear:
        return f'<say-as interpret-as="telephone">{escape(phone.spoken)}</say-as>'
    return phone.display


def to_ssml(
    text: str,
    phones: dict[str, Phone] | None = None,
    pace: str = "normal",
    fills: dict[str, str] | None = None,
) -> str:
    """Render ``text`` as a complete ``<speak>`` document at the given pace, within ``MAX_SSML_CHARS``."""
    rate = PACE_RATES.get(pace)
    text = fill(text, fills)

    def build(source: str) -> str:
        body = _render(source, phones or {}, for_ear=True)
        return f'<speak><prosody rate="{rate}">{body}</prosody></speak>' if rate else f"<speak>{body}</speak>"

    return _fit(text, build, MAX_SSML_CHARS)


def to_card(
    text: str,
    phones: dict[str, Phone] | None = None,
    limit: int = MAX_CARD_CHARS,
    fills: dict[str, str] | None = None,
) -> str:
    """Render ``text`` as plain card text (phone numbers written out, no pauses), within ``limit``."""
    text = fill(text, fills)
    return _fit(
        text, lambda source: re.sub(r"  +", " ", _render(source, phones or {}, for_ear=False)).strip(), limit
    )


def card(
    title: str, text: str, phones: dict[str, Phone] | None = None, fills: dict[str, str] | None = None
) -> tuple[str, str]:
    """A card's title and text, together within Alexa's ``MAX_CARD_CHARS``."""
    title = _fit(title, str.strip, MAX_CARD_TITLE_CHARS)
    return title, to_card(text, phones, MAX_CARD_CHARS - len(title), fills)


_SENTENCE_END = re.compile(r"[.?!](?=\s)")
_WORD_END = re.compile(r"\S(?=\s)")


def _fit(text: str, build: Callable[[str], str], limit: int) -> str:
    """``build(text)`` if it is at most ``limit`` characters long; else ``build`` of the longest start of
    ``text`` that is, cut after a sentence, else after a word, else anywhere. The source is cut, not the
    markup, so the result is always well formed; the start (where the 911 sentence is) always stays."""
    built = build(text)
    if len(built) <= limit:
        return built
    sentence_cuts = [match.end() for match in _SENTENCE_END.finditer(text)]
    word_cuts = [match.end() for match in _WORD_END.finditer(text)]
    for cuts in (sentence_cuts, word_cuts, range(1, len(text))):
        low, high, best = 0, len(cuts) - 1, None
        while low <= high:  # the longest cut that fits (rendered length grows with the cut)
            middle = (low + high) // 2
            candidate = build(text[: cuts[middle]])
            if len(candidate) <= limit:
                best, low = candidate, middle + 1
            else:
                high = middle - 1
        if best is not None:
            return best
    return build("")


_TAG = re.compile(r"<[^>]+>")


def ssml_to_text(ssml: str) -> str:
    """What a listener hears, as plain text (for the simulator, logs of tests, and checks)."""
    from html import unescape

    text = _TAG.sub("", ssml)
    return re.sub(r"\s+", " ", unescape(text)).strip()
