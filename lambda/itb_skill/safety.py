"""Emergency screening and the emergency response: pure, with no dependencies.

Nothing here does I/O, reads content files or touches SDK objects, so it always loads and can be
tested exhaustively. ``screen`` decides whether text reports danger; the response is built from
the constants below, so an emergency is answered even when content or storage are broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMERGENCY = "emergency"
CRISIS = "crisis"  # thoughts of suicide or self-harm: 911 and the 988 Lifeline

EMERGENCY_SPEECH = (
    "Call 911 now. I can't call for you. "
    "Tell the responders that the person has an intrathecal baclofen pump."
)
CRISIS_SPEECH = (
    "Call 911 now. I can't call for you. "
    "You can also call or text 988, the Suicide and Crisis Lifeline, any time. "
    "Tell the responders that the person has an intrathecal baclofen pump."
)
EMERGENCY_CARD_TITLE = "Call 911 now"
# Said when anything inside the skill broke: it must still point to 911.
ERROR_SPEECH = (
    "Sorry, something went wrong on my side. If this is an emergency, call 911 now. "
    "Otherwise, what would you like to ask?"
)
ERROR_REPROMPT = "If this is an emergency, call 911 now. Otherwise, what would you like to ask?"


@dataclass(frozen=True)
class Danger:
    kind: str  # EMERGENCY or CRISIS
    reason: str  # the rule that fired, for tests and metrics; never user text


def emergency_speech(kind: str) -> str:
    return CRISIS_SPEECH if kind == CRISIS else EMERGENCY_SPEECH


_CONTRACTIONS = {
    "can't": "cannot",
    "cant": "cannot",
    "can not": "cannot",
    "won't": "will not",
    "wont": "will not",
    "isn't": "is not",
    "isnt": "is not",
    "aren't": "are not",
    "doesn't": "does not",
    "doesnt": "does not",
    "don't": "do not",
    "dont": "do not",
    "didn't": "did not",
    "didnt": "did not",
    "wasn't": "was not",
    "hasn't": "has not",
    "couldn't": "could not",
    "i'm": "i am",
    "im": "i am",
    "he's": "he is",
    "hes": "he is",
    "she's": "she is",
    "shes": "she is",
    "it's": "it is",
    "they're": "they are",
    "we're": "we are",
    "you're": "you are",
    "i've": "i have",
    "he'd": "he had",
    "she'd": "she had",
    "nine one one": "911",
    "nine eleven": "911",
    "nine hundred eleven": "911",
    "nine eight eight": "988",
}
_CONTRACTION_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_CONTRACTIONS, key=len, reverse=True)) + r")\b"
)


def normalize(text: str) -> str:
    """Lower-case, straighten apostrophes, expand contractions, spell numbers as Alexa would."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(1)], text)


# (kind, reason, pattern). Patterns run on normalized text.
_RULES: tuple[tuple[str, str, str], ...] = (
    (CRISIS, "suicide", r"\b(suicid\w*|kill (my|him|her|them)sel(f|ves)|end (my|his|her) (own )?life)\b"),
    (EMERGENCY, "explicit", r"\b(emergency|911|ambulance|paramedics?)\b"),
    (EMERGENCY, "breathing", r"\b(not breathing|cannot breathe|stopped breathing|trouble breathing)\b"),
    (EMERGENCY, "unconscious", r"\b(unconscious|unresponsive|passed out|will not wake( up)?)\b"),
    (EMERGENCY, "seizure", r"\b(having (a )?seizures?|seizing|convulsing)\b"),
)
_COMPILED = tuple((kind, reason, re.compile(pattern)) for kind, reason, pattern in _RULES)


def screen(text: str | None) -> Danger | None:
    """Return the danger ``text`` reports, or None. Never raises."""
    if not text or not isinstance(text, str):
        return None
    normalized = normalize(text[:2000])
    for kind, reason, pattern in _COMPILED:
        if pattern.search(normalized):
            return Danger(kind, reason)
    return None
