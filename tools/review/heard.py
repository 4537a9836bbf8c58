"""What a listener hears: the skill's SSML read as Alexa reads it, numbers as said, and how long it takes.

The SSML is first normalized by the voice loop's ``normalize_ssml`` (the project's one definition of how
Alexa reads our markup: ``<say-as interpret-as="digits">`` and telephone numbers digit by digit, 911 as
"nine one one"); what is left in digits is then written as words ("20" -> "twenty").
"""

from __future__ import annotations

import re
from html import unescape

from voice.tts import normalize_ssml

# Alexa's normal pace, for an estimate of how long an answer takes (``make voice-check`` measures it with
# a synthetic voice). 150 words a minute is a common figure for Alexa's default rate; pauses are added.
WORDS_PER_MINUTE = 175
SENTENCE_PAUSE_S = 0.3  # after a full stop, question mark or exclamation mark
COMMA_PAUSE_S = 0.1
SLOW_RATE = 0.85  # speech.PACE_RATES["slow"]: prosody rate 85%
LIMIT_S = 20.0  # what ``make voice-check`` fails on
NEAR_S = 18.0  # what make voice-check reports as near the limit

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_BREAK = re.compile(r"<break\b[^>]*?time\s*=\s*[\"'](\d+(?:\.\d+)?)(ms|s)[\"'][^>]*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)(%|st|nd|rd|th)?(?![\w])")
_DIGIT = re.compile(r"\d")


def number_words(value: int) -> str:
    """A whole number as said: 7 -> "seven", 45 -> "forty-five", 1200 -> "one thousand two hundred"."""
    if value < 0:
        return "minus " + number_words(-value)
    if value < 20:
        return ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    for size, name in (
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1000, "thousand"),
        (100, "hundred"),
    ):
        if value >= size:
            high, rest = divmod(value, size)
            return f"{number_words(high)} {name}" + (f" {number_words(rest)}" if rest else "")
    raise AssertionError(value)


_ORDINAL = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _ordinal(words: str) -> str:
    head, _, last = words.rpartition(" ") if " " in words else ("", "", words)
    stem, dash, tail = last.rpartition("-")
    word = tail or last
    if word in _ORDINAL:
        word = _ORDINAL[word]
    elif word.endswith("y"):
        word = word[:-1] + "ieth"
    else:
        word += "th"
    last = f"{stem}{dash}{word}" if dash else word
    return f"{head} {last}".strip()


def _say_number(match: re.Match) -> str:
    digits, suffix = match.group(1).replace(",", ""), match.group(2)
    whole, _, fraction = digits.partition(".")
    said = number_words(int(whole))
    if fraction:
        said += " point " + " ".join(ONES[int(d)] for d in fraction)
    if suffix == "%":
        return said + " percent"
    if suffix in ("st", "nd", "rd", "th"):
        return _ordinal(said)
    return said


def _spoken_numbers(text: str) -> str:
    # Digit groups from say-as (already split "9 1 1") are single digits: each becomes its own word.
    return _NUMBER.sub(_say_number, text)


def heard(ssml: str) -> str:
    """The words a listener hears, as plain text: no tags, numbers in words, punctuation kept."""
    text = normalize_ssml(ssml)
    text = _BREAK.sub(", ", text)
    text = unescape(_TAG.sub(" ", text))
    text = _spoken_numbers(text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*,+", ",", text)
    text = re.sub(r"([.!?])\s*,", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def seconds(ssml: str, pace_rate: float = 1.0) -> float:
    """Estimated time to say ``ssml`` at Alexa's normal pace times ``pace_rate`` (0.85 = slow)."""
    text = heard(ssml)
    words = len(re.findall(r"[A-Za-z0-9']+", text))
    breaks = sum(float(n) / (1000 if unit.lower() == "ms" else 1) for n, unit in _BREAK.findall(ssml))
    stops = len(re.findall(r"[.!?](?:\s|$)", text))
    commas = len(re.findall(r"[,;:](?:\s|$)", text))
    speaking = words / (WORDS_PER_MINUTE / 60) + stops * SENTENCE_PAUSE_S + commas * COMMA_PAUSE_S
    return speaking / pace_rate + breaks


def has_digits(text: str) -> bool:
    return bool(_DIGIT.search(text))
