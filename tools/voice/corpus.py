"""The sentences the recognizer's language model is built from: the interaction model's own.

Every sample utterance is expanded with its slots' values and synonyms; built-in intents (yes, no,
stop, help...) get the phrases Alexa accepts for them; an ``AMAZON.SearchQuery`` slot is filled with
the content's topic keywords (what the skill can act on in free text). Pure Python: no audio tools.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from pathlib import Path

from skill_sim import resolver

ROOT = Path(__file__).resolve().parents[2]
MODEL_PATH = ROOT / "interaction_model" / "skill-package" / "interactionModels" / "custom" / "en-US.json"
CONTENT_PATH = ROOT / "lambda" / "content" / "en-US.json"

# Phrases Alexa's built-in intents accept: the simulator's resolver's own table, so that what is
# recognized is what resolves.
BUILTIN_PHRASES: dict[str, tuple[str, ...]] = resolver.BUILTIN_PHRASES
# Values for Amazon's built-in slot types that a sample may use.
BUILTIN_SLOT_VALUES: dict[str, tuple[str, ...]] = {
    "AMAZON.NUMBER": ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    "AMAZON.FirstName": ("john", "mary", "david", "sarah"),
    "AMAZON.DURATION": ("a week", "two days", "a month"),
}
LAUNCH_PHRASES = ("open {invocation}", "start {invocation}", "launch {invocation}", "{invocation}")
# At most this many sentences per sample: beyond it, values are cycled so each is used at least once.
MAX_PER_SAMPLE = 400

_SLOT = re.compile(r"\{(\w+)\}")


def words_of(text: str) -> list[str]:
    """Sentence words as the recognizer writes them: lower case, letters and apostrophes."""
    text = text.lower().replace("\u2019", "'")
    return re.findall(r"[a-z]+(?:'[a-z]+)*", text)


def load_model(path: Path = MODEL_PATH) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["interactionModel"]["languageModel"]


def load_content(path: Path = CONTENT_PATH) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def slot_values(model: dict, content: dict | None = None) -> dict[str, list[str]]:
    """Every phrase each slot type accepts: custom type values and synonyms, built-in types' samples."""
    values: dict[str, list[str]] = {name: list(v) for name, v in BUILTIN_SLOT_VALUES.items()}
    for slot_type in model.get("types", []):
        phrases: list[str] = []
        for value in slot_type.get("values", []):
            name = value.get("name", {})
            phrases.append(name.get("value", ""))
            phrases.extend(name.get("synonyms", []))
        values[slot_type["name"]] = [p for p in dict.fromkeys(phrases) if p]
    keywords: list[str] = []
    for topic in (content or {}).get("topics", {}).values():
        keywords.extend(topic.get("keywords", []))
        keywords.append(topic.get("offer", ""))
    values["AMAZON.SearchQuery"] = [k for k in dict.fromkeys(keywords) if k]
    return values


def expand(sample: str, slot_types: dict[str, str], values: dict[str, list[str]]) -> list[str]:
    """A sample utterance with each ``{slot}`` replaced by the values its type accepts."""
    names = _SLOT.findall(sample)
    if not names:
        return [sample]
    choices = [values.get(slot_types.get(name, ""), []) or [""] for name in names]
    total = 1
    for choice in choices:
        total *= len(choice)
    if total <= MAX_PER_SAMPLE:
        combos = itertools.product(*choices)
    else:
        longest = max(len(choice) for choice in choices)
        combos = (tuple(choice[i % len(choice)] for choice in choices) for i in range(longest))
    sentences = []
    for combo in combos:
        filled = iter(combo)
        sentences.append(_SLOT.sub(lambda _m, f=filled: next(f), sample))
    return sentences


def sentences(model: dict | None = None, content: dict | None = None) -> list[str]:
    """Every sentence of the language model, normalized, without duplicates, in a stable order."""
    model = model if model is not None else load_model()
    content = content if content is not None else load_content()
    values = slot_values(model, content)
    raw: list[str] = []
    invocation = model.get("invocationName", "")
    for phrase in LAUNCH_PHRASES:
        raw.append(phrase.format(invocation=invocation))
    declared = set()
    for intent in model.get("intents", []):
        declared.add(intent["name"])
        slot_types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            raw.extend(expand(sample, slot_types, values))
    for name, phrases in BUILTIN_PHRASES.items():
        if name in declared:
            raw.extend(phrases)
    out = []
    for sentence in raw:
        words = words_of(sentence)
        if words:
            out.append(" ".join(words))
    return list(dict.fromkeys(out))


def vocabulary(lines: list[str]) -> list[str]:
    return sorted({word for line in lines for word in line.split()})


def model_hash(*paths: Path) -> str:
    """Changes whenever the model, the content or this tooling's sentence/lexicon rules change."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in (*paths, here / "corpus.py", here / "lexicon.py", here / "asr.py"):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]
