"""The learned screen: a small statistical classifier beside the rules, in pure Python.

Hashed word n-grams and character n-grams feed a multinomial logistic regression with three classes
(none, emergency, crisis), trained on the project's corpora by ``tools/train_screen.py``, which also
writes the model card (``docs/screen-model-card.md``). Here it only scores: weights are int8 with one
scale per class (``screen_weights.bin``), thresholds and feature settings come from
``screen_model.json``; both are read the first time a text gets past the ALWAYS rules, never at import.

The features are defined here and nowhere else, so training and scoring cannot drift apart.
"""

from __future__ import annotations

import json
import math
import os
from functools import lru_cache
from typing import NamedTuple

from itb_skill.paths import SAFETY_DIR
from itb_skill.safety.text import normalize

try:  # crc32 as a stable hash (Python's own ``hash`` of a str changes with every process)
    from zlib import crc32
except ImportError:  # pragma: no cover - a Python without zlib
    from binascii import crc32

MODEL_FILE = os.path.join(SAFETY_DIR, "screen_model.json")
WEIGHTS_FILE = os.path.join(SAFETY_DIR, "screen_weights.bin")

CLASSES = ("none", "emergency", "crisis")
CHAR_NGRAMS = (4,)  # character 4-grams inside each word, with a space on each side
WORD_NGRAMS = 3  # word unigrams, bigrams and trigrams, with a start mark before the first word


def _bucket(feature: str, bits: int) -> int:
    return crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


@lru_cache(maxsize=8192)
def _word_features(word: str, bits: int) -> tuple[int, ...]:
    """A word's own features (itself and its character n-grams): words repeat, so kept per process."""
    padded = f" {word} "
    grams = [f"w:{word}"]
    for size in CHAR_NGRAMS:
        grams.extend(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return tuple(_bucket(gram, bits) for gram in grams)


def _ngram_names(words: list[str]) -> list[str]:
    marked = ["<s>", *words]
    names: list[str] = []
    for size in range(2, WORD_NGRAMS + 1):
        names.extend(f"n:{' '.join(marked[i : i + size])}" for i in range(len(marked) - size + 1))
    return names


def feature_names(text: str) -> list[str]:
    """The n-grams of ``text`` that are not kept per word (for explanations and training)."""
    return _ngram_names(normalize(text).split())


def features(text: str, bits: int) -> list[int]:
    """The bucket of every feature of ``text`` (repeats kept: counts are features too)."""
    words = normalize(text).split()
    buckets: list[int] = []
    for word in words:
        buckets.extend(_word_features(word, bits))
    buckets.extend(_bucket(name, bits) for name in _ngram_names(words))
    return buckets


class Score(NamedTuple):
    danger: float  # probability of emergency or crisis
    crisis: bool  # crisis more likely than emergency
    crisis_probability: float  # of crisis alone: sure of a crisis only when this reaches the sure threshold
    top: tuple[str, ...]  # the n-grams that pushed hardest towards danger (for explanations)


class _Model:
    """Weights and settings, loaded once."""

    def __init__(self) -> None:
        with open(MODEL_FILE, encoding="utf-8") as handle:
            card = json.load(handle)
        self.bits: int = card["bits"]
        self.scales: list[float] = card["scales"]
        self.intercepts: list[float] = card["intercepts"]
        self.sure: float = card["thresholds"]["sure"]
        self.possible: float = card["thresholds"]["possible"]
        size = 1 << self.bits
        with open(WEIGHTS_FILE, "rb") as handle:
            raw = memoryview(handle.read())
        if len(raw) != size * len(CLASSES):
            raise ValueError("screen weights do not match the model card")
        # Signed bytes, one table per class (memoryview: no ``array`` import at a cold start).
        self.weights = [raw[i * size : (i + 1) * size].cast("b") for i in range(len(CLASSES))]
        self._per_word: dict[str, tuple[int, int, int]] = {}

    def _word_sums(self, word: str) -> tuple[int, int, int]:
        """A word's own features summed per class: words repeat, so kept (bounded)."""
        sums = self._per_word.get(word)
        if sums is None:
            none, emergency, crisis = self.weights
            buckets = _word_features(word, self.bits)
            sums = (
                sum(none[b] for b in buckets),
                sum(emergency[b] for b in buckets),
                sum(crisis[b] for b in buckets),
            )
            if len(self._per_word) < 16384:
                self._per_word[word] = sums
        return sums

    def logits(self, text: str) -> list[float]:
        words = normalize(text).split()
        none, emergency, crisis = self.weights
        t0 = t1 = t2 = 0
        for word in words:
            s0, s1, s2 = self._word_sums(word)
            t0 += s0
            t1 += s1
            t2 += s2
        mask = (1 << self.bits) - 1
        for name in _ngram_names(words):  # word n-grams rarely repeat: looked up directly
            bucket = crc32(name.encode("utf-8")) & mask
            t0 += none[bucket]
            t1 += emergency[bucket]
            t2 += crisis[bucket]
        return [b + t * s for b, t, s in zip(self.intercepts, (t0, t1, t2), self.scales, strict=True)]

    def push(self, name: str) -> float:
        """How hard one feature pushes towards danger (its danger weight minus its none weight)."""
        bucket = _bucket(name, self.bits)
        signed = [table[bucket] * scale for table, scale in zip(self.weights, self.scales, strict=True)]
        return max(signed[1], signed[2]) - signed[0]


@lru_cache(maxsize=1)
def model() -> _Model:
    return _Model()


def sure_of(probability: float) -> bool:
    return probability >= model().sure


def tier(danger: float) -> int:
    """2 (sure), 1 (possible) or 0, by the thresholds chosen by cross-validation."""
    loaded = model()
    return 2 if danger >= loaded.sure else 1 if danger >= loaded.possible else 0


def score(text: str, explain: bool = False) -> Score:
    """How likely ``text`` reports danger now, by the learned screen alone."""
    loaded = model()
    logits = loaded.logits(text)
    top = max(logits)
    exps = [math.exp(value - top) for value in logits]
    danger = (exps[1] + exps[2]) / sum(exps)
    crisis = exps[2] / sum(exps)
    return Score(danger, exps[2] > exps[1], crisis, _top_features(text, loaded) if explain else ())


def _top_features(text: str, loaded: _Model, count: int = 5) -> tuple[str, ...]:
    """The features of ``text`` that push hardest towards danger."""
    names = []
    for word in normalize(text).split():
        padded = f" {word} "
        names.append(f"w:{word}")
        for size in CHAR_NGRAMS:
            names.extend(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    names += feature_names(text)
    # Words and word n-grams explain better than the character n-grams that also count in the score.
    readable = [name for name in set(names) if not name.startswith("c:")]
    ranked = sorted(readable, key=lambda name: (-loaded.push(name), name))
    return tuple(name[2:] for name in ranked[:count] if loaded.push(name) > 0)
