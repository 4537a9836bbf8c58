"""Text as the screen reads it: one form for the way people type and the way Alexa transcribes.

``fold`` undoes what would hide a word from a pattern without changing what a listener would hear:
Unicode compatibility forms (NFKC: full-width letters, ligatures), invisible characters (zero-width
spaces and joiners, soft hyphens, byte-order marks), accents, and letters of other scripts that look
like Latin ones (Cyrillic "а", Greek "ο"). ``normalize`` then makes the words one form: lower case,
straight apostrophes, contractions expanded, possessive 's dropped, single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cached_property
from typing import Any


class lazy_pattern:  # noqa: N801 - named like the function it stands in for
    """``re.compile(...)`` compiled on first use: a cold start that screens nothing compiles nothing."""

    __slots__ = ("_args", "__dict__")

    def __init__(self, *args: Any) -> None:
        self._args = args

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(*self._args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)


# Invisible characters someone could put inside a word ("not brea\u200bthing").
_INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")
)
# Letters of other scripts drawn like Latin letters (the common confusables of Unicode TR39).
_LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕԁӏɡАЕОРСУХІЈЅКМНТВ"  # Cyrillic
    "αεορτυνικχΑΕΟΡΤΥΝΙΚΧΒΜΗΖ"  # Greek
    "ℓ",
    "aeopcyxijsdlgAEOPCYXIJSKMHTBaeoptuvikxAEOPTYNIKXBMHZl",
)
_MARK_CATEGORIES = frozenset({"Mn", "Mc", "Me"})


def fold(text: str) -> str:
    """``text`` with invisible characters, compatibility forms, accents and look-alike letters undone."""
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).translate(_LOOK_ALIKES)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) not in _MARK_CATEGORIES)


_CONTRACTIONS = {
    "can't": "cannot",
    "cant": "cannot",
    "can not": "cannot",
    "won't": "will not",
    "wont": "will not",
    "wouldn't": "would not",
    "wouldnt": "would not",
    "isn't": "is not",
    "isnt": "is not",
    "aren't": "are not",
    "arent": "are not",
    "wasn't": "was not",
    "wasnt": "was not",
    "doesn't": "does not",
    "doesnt": "does not",
    "don't": "do not",
    "dont": "do not",
    "didn't": "did not",
    "didnt": "did not",
    "hasn't": "has not",
    "hasnt": "has not",
    "haven't": "have not",
    "havent": "have not",
    "couldn't": "could not",
    "couldnt": "could not",
    "i'm": "i am",
    "im": "i am",
    "i've": "i have",
    "ive": "i have",
    "i'll": "i will",
    "i'd": "i would",
    "we'd": "we would",
    "he'd": "he would",
    "she'd": "she would",
    "they'd": "they would",
    "you'd": "you would",
    "we've": "we have",
    "they've": "they have",
    "you've": "you have",
    "he's": "he is",
    "hes": "he is",
    "she's": "she is",
    "shes": "she is",
    "it's": "it is",
    "its": "it is",
    "they're": "they are",
    "theyre": "they are",
    "we're": "we are",
    "you're": "you are",
    "what's": "what is",
    "whats": "what is",
    "that's": "that is",
    "thats": "that is",
    "there's": "there is",
    "theres": "there is",
    "gonna": "going to",
    "wanna": "want to",
    "nine one one": "911",
    "nine eleven": "911",
    "nine hundred eleven": "911",
    "9 1 1": "911",
    "nine eight eight": "988",
}
_CONTRACTION_RE = lazy_pattern(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_CONTRACTIONS, key=len, reverse=True)) + r")\b"
)
_NOT_TEXT_RE = lazy_pattern(r"[^a-z0-9' ]+")
_SPACES_RE = lazy_pattern(r"\s+")
_POSSESSIVE_RE = lazy_pattern(r"'s\b|'")


# Hesitant speech: fillers and words said twice ("um he he's not breathing") are not what was meant.
_FILLER_WORDS_RE = lazy_pattern(r"\b(?:um+|uh+|erm+|hmm+|mm+)\b ?")
_REPEATED_RE = lazy_pattern(r"\b(?!help\b)(\w+(?: \w+){0,2}) \1\b")  # "help help" is a plea, kept


def normalize(text: str) -> str:
    """Folded, lower case, straight apostrophes, contractions expanded, possessive 's gone, fillers and
    words said twice dropped, one space."""
    text = fold(text).lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = _SPACES_RE.sub(" ", _NOT_TEXT_RE.sub(" ", text)).strip()
    text = _CONTRACTION_RE.sub(lambda m: _CONTRACTIONS[m.group(1)], text)
    text = _POSSESSIVE_RE.sub("", text)
    text = _FILLER_WORDS_RE.sub("", text)
    previous = None
    while previous != text:  # "would it would it work": said twice, meant once
        previous, text = text, _REPEATED_RE.sub(r"\1", text)
    return text.strip()


# A long text is screened whole, in overlapping windows of words, so no window is long enough to make
# a pattern slow and no sign can fall between two windows.
WINDOW_WORDS = 60
WINDOW_OVERLAP = 20
_SENTENCE_END = lazy_pattern(r"(?<=[.!?;\n])\s*")


def windows(text: str) -> list[str]:
    """Raw ``text`` in pieces the screen reads one at a time: the whole of a text of up to
    ``WINDOW_WORDS`` words; else its sentences, a long one cut into overlapping windows."""
    if len(text.split(None, WINDOW_WORDS)) <= WINDOW_WORDS:
        return [text]
    pieces = []
    for sentence in _SENTENCE_END.split(text):
        words = sentence.split()
        if not words:
            continue
        if len(words) <= WINDOW_WORDS:
            pieces.append(" ".join(words))
            continue
        step = WINDOW_WORDS - WINDOW_OVERLAP
        for start in range(0, len(words) - WINDOW_OVERLAP, step):
            pieces.append(" ".join(words[start : start + WINDOW_WORDS]))
    return pieces
