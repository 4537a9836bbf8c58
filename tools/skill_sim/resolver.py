"""Typed utterance -> (intent, slots), the way Alexa's NLU would, from the interaction model alone.

The only source of routes is the interaction model JSON. Order of resolution:

1. exact: a sample utterance matches the whole utterance (after normalizing case, punctuation,
   apostrophes, contractions and digits), with custom slots filled by listed values or synonyms;
2. built-in: Alexa's usual phrases for the built-in intents the model declares (``BUILTIN_PHRASES``,
   the only hand-written table here); a custom sample on the same phrase wins (step 1);
3. capture: a sample matches with a custom slot capturing a value that is not in its list
   (entity resolution ``ER_SUCCESS_NO_MATCH``, as Alexa does) or an ``AMAZON.SearchQuery`` carrying
   free text after its carrier phrase; only samples with at least one literal word capture;
4. near: the best word-level match (IDF-weighted overlap of words and slot values) above
   ``NEAR_THRESHOLD``, or a SearchQuery carrier phrase with extra words before it;
5. catch-all: a sample that is one slot of an open built-in type and nothing else (``"{words}"`` of
   ``AMAZON.Person``, ``CATCH_ALL_TYPES``) takes the whole utterance that nothing above took;
6. otherwise ``AMAZON.FallbackIntent``.

In ``literal`` mode (``resolve(text, literal=True)``, ``skill-sim --literal``) only steps 1, 2 and 5 and the
free text of an ``AMAZON.SearchQuery`` after its carrier phrase count, as a plain sample-matching NLU does
(Bespoken's virtual-alexa, which fills a slot-only sample of a built-in type with any words, at the lowest
score): no unlisted custom-slot values, no near matches. What the real Alexa does lies
between the two modes, so every emergency corpus is run in both.

Everything is built once per model file (exact-phrase dict, one pattern per sample with its slots'
listed values as word-trie alternations, an inverted word index) and rebuilt when the file changes
on disk. A sample's regex is compiled the first time the sample is a candidate: most never are in
one process, and compiling them all up front cost seconds at every start.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skill_sim import envelope

SEARCH_QUERY = "AMAZON.SearchQuery"
FALLBACK = "AMAZON.FallbackIntent"
NEAR_THRESHOLD = 0.6
# A custom slot capturing unlisted words needs this share of the utterance (by word weight) to be
# carrier words or listed values: "what is the weather" is not "{person} is {symptom}".
CAPTURE_THRESHOLD = 0.4
MAX_UTTERANCE_CHARS = 300
# Built-in slot types that take any words when a sample is the slot alone: the catch-all that skills use
# to hear a whole sentence (``"{query}"`` of ``AMAZON.Person``; ``AMAZON.SearchQuery`` needs a carrier
# phrase). Only what no other sample takes goes there.
CATCH_ALL_TYPES = frozenset({"AMAZON.Person"})
_NEAR_CANDIDATES = 12

# Alexa's usual phrases for its built-in intents (the only hand-written routing in the simulator).
# A phrase resolves only when the model declares the intent.
BUILTIN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.HelpIntent": (
        "help",
        "help me",
        "can you help me",
        "i need help",
        "what can i say",
        "what can i ask",
        "what can you do",
        "what do i do",
        "what do i say",
        "how does this work",
        "how do i use this",
        "options",
        "what are my options",
    ),
    "AMAZON.StopIntent": ("stop", "off", "shut up", "be quiet", "stop it", "stop talking", "that's enough"),
    "AMAZON.CancelIntent": ("cancel", "never mind", "nevermind", "forget it", "cancel that"),
    "AMAZON.YesIntent": (
        "yes",
        "yeah",
        "yep",
        "yup",
        "sure",
        "yes please",
        "okay",
        "ok",
        "of course",
        "please do",
        "go ahead",
        "absolutely",
        "sounds good",
        "i would",
        "i do",
    ),
    "AMAZON.NoIntent": (
        "no",
        "nope",
        "nah",
        "no thanks",
        "no thank you",
        "not now",
        "not really",
        "i don't think so",
        "i don't",
    ),
    "AMAZON.RepeatIntent": (
        "repeat",
        "repeat that",
        "say that again",
        "say it again",
        "again",
        "what did you say",
        "come again",
        "pardon",
        "one more time",
        "can you repeat that",
        "please repeat",
    ),
    "AMAZON.StartOverIntent": (
        "start over",
        "restart",
        "start again",
        "begin again",
        "start from the beginning",
        "from the beginning",
    ),
    "AMAZON.NavigateHomeIntent": ("go home", "home", "main menu", "go to the main menu", "go back home"),
    "AMAZON.MoreIntent": ("more", "tell me more"),
    "AMAZON.NextIntent": ("next", "skip", "next one"),
    "AMAZON.PreviousIntent": ("previous", "go back", "back"),
    "AMAZON.PauseIntent": ("pause",),
    "AMAZON.ResumeIntent": ("resume", "continue"),
}


class BadInput(ValueError):
    """An utterance or model Alexa could not take; the message is meant for the user."""


# ---------------------------------------------------------------- normalizing

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_NOT_WORD = re.compile(r"[^a-z0-9' ]+")
_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# 's after these words is "is"; elsewhere it is a possessive and the apostrophe just goes.
_IS_AFTER = frozenset(
    ["what", "that", "it", "there", "here", "he", "she", "who", "where", "how", "when", "why"]
)
_SUFFIXES = (
    ("n't", " not"),
    ("'re", " are"),
    ("'m", " am"),
    ("'ll", " will"),
    ("'ve", " have"),
    ("'d", " would"),
)
_WHOLE = {
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "let's": "let us",
    "cant": "can not",
    "dont": "do not",
    "doesnt": "does not",
    "isnt": "is not",
    "whats": "what is",
    "im": "i am",
    "wont": "will not",
    # More apostrophes people leave out when typing; none of these spellings is another word.
    "hes": "he is",
    "shes": "she is",
    "theres": "there is",
    "thats": "that is",
    "ive": "i have",
    "youre": "you are",
    "theyre": "they are",
    "didnt": "did not",
    "wasnt": "was not",
    "werent": "were not",
    "arent": "are not",
    "hasnt": "has not",
    "havent": "have not",
    "couldnt": "could not",
    "wouldnt": "would not",
    "shouldnt": "should not",
}


def _expand(word: str) -> list[str]:
    """One typed word -> its normalized tokens."""
    word = word.strip("'")
    if not word:
        return []
    if word.isdigit():  # typed digits are spoken digit by digit ("911" -> nine one one)
        return [_DIGITS[int(d)] for d in word]
    if word in _WHOLE:
        return _WHOLE[word].split()
    if "'" in word:
        if word.endswith("'s"):
            base = word[:-2]
            return [base, "is"] if base in _IS_AFTER else [base + "s"]
        for suffix, replacement in _SUFFIXES:
            if word.endswith(suffix):
                return (word[: -len(suffix)] + replacement).replace("'", "").split()
        word = word.replace("'", "")
    return [word] if word else []


def plain_ascii(text: str) -> str:
    """Curly quotes straightened and accents dropped; characters with no ASCII form are kept."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Words:
    """An utterance as normalized tokens, each remembering which typed word it came from."""

    tokens: tuple[str, ...]
    origin: tuple[int, ...]
    typed: tuple[str, ...]  # the typed words, lower case, punctuation trimmed

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def typed_span(self, first_token: int, last_token: int) -> str:
        """The words the user typed for tokens ``first_token..last_token`` (inclusive)."""
        return " ".join(self.typed[self.origin[first_token] : self.origin[last_token] + 1])


def words(text: str) -> Words:
    cleaned = _NOT_WORD.sub(" ", plain_ascii(text).lower().replace("-", " "))
    tokens: list[str] = []
    origin: list[int] = []
    typed: list[str] = []
    for raw in cleaned.split():
        expanded = _expand(raw)
        if not expanded:
            continue
        typed.append(raw.strip("'"))
        tokens.extend(expanded)
        origin.extend([len(typed) - 1] * len(expanded))
    return Words(tuple(tokens), tuple(origin), tuple(typed))


def normalize(text: str) -> str:
    return words(text).text


def clean_utterance(text: str) -> str:
    """Check a typed utterance the way a speaker would reach Alexa; raise ``BadInput`` if it can't."""
    if text is None or not text.strip():
        raise BadInput("empty utterance: type what you would say to Alexa")
    text = plain_ascii(text).strip()
    if len(text) > MAX_UTTERANCE_CHARS:
        raise BadInput(
            f"utterance too long ({len(text)} characters; at most {MAX_UTTERANCE_CHARS}): "
            "say one question at a time"
        )
    strange = sorted({ch for ch in text if ord(ch) > 126 or (ord(ch) < 32 and ch != "\t")})
    if strange:
        shown = ", ".join(repr(ch) for ch in strange[:5])
        raise BadInput(f"utterance has characters Alexa would not hear ({shown}): type plain English words")
    if not words(text).tokens:
        raise BadInput("utterance has no words: type what you would say to Alexa")
    return text


# ---------------------------------------------------------------- invocation phrases

_LAUNCH_WORDS = r"(?:ask|tell|open|launch|start|begin|use|run|load|talk to|play|resume)"
_CONNECTORS = r"(?:to|about|for|if|whether|that|and)"


@dataclass(frozen=True)
class Invocation:
    rest: str  # what is left for the skill ("" when only the skill was opened)
    invoked: bool  # the utterance named the skill (a new session)


def split_invocation(text: str, invocation_name: str) -> Invocation:
    """Strip "Alexa, ask <invocation> to ..." and the like; keep the request in the user's words."""
    name = r"[\s,.!?'-]+".join(re.escape(w) for w in invocation_name.lower().split())
    text = text.strip()
    wake = re.match(r"^\s*alexa\b[\s,.!?]*", text, re.IGNORECASE)
    if wake:
        text = text[wake.end() :]
    opening = re.match(
        rf"^(?:please\s+)?{_LAUNCH_WORDS}\s+(?:the\s+)?{name}\b(?:[\s,.!?]+{_CONNECTORS}\b)?[\s,.!?]*",
        text,
        re.IGNORECASE,
    )
    if opening:
        return Invocation(text[opening.end() :].strip(), True)
    trailing = re.match(
        rf"^(.*?)[\s,]+(?:using|with|from|on|in|via)\s+(?:the\s+)?{name}[\s.!?]*$", text, re.IGNORECASE
    )
    if trailing:
        return Invocation(trailing.group(1).strip(), True)
    if re.fullmatch(rf"(?:the\s+)?{name}[\s.!?]*", text, re.IGNORECASE):
        return Invocation("", True)
    return Invocation(text, False)


# ---------------------------------------------------------------- the compiled model


@dataclass
class SlotValue:
    """A slot as resolved: what was said and, for custom types, the entity resolution."""

    name: str
    type: str
    value: str | None = None
    matches: list[tuple[str, str]] = field(default_factory=list)  # (id, canonical name)

    @property
    def custom(self) -> bool:
        return bool(self.type) and not self.type.startswith("AMAZON.")

    @property
    def status(self) -> str | None:
        if self.value is None or not self.custom:
            return None
        return "ER_SUCCESS_MATCH" if self.matches else "ER_SUCCESS_NO_MATCH"

    @property
    def id(self) -> str | None:
        return self.matches[0][0] if self.matches else None

    @property
    def resolved_name(self) -> str | None:
        return self.matches[0][1] if self.matches else None

    def to_request(self) -> dict[str, Any]:
        """The slot as it appears in an IntentRequest."""
        slot_type = self.type if self.value else ""
        return envelope.slot(self.name, self.value, slot_type=slot_type, values=self.matches)

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "id": self.id, "name": self.resolved_name, "status": self.status}


@dataclass
class Resolution:
    intent: str
    slots: dict[str, SlotValue]
    how: str  # exact | builtin | capture | near | catch-all | fallback
    score: float
    sample: str | None = None

    def request_slots(self) -> dict[str, dict[str, Any]]:
        return {name: slot.to_request() for name, slot in self.slots.items()}

    def filled(self) -> dict[str, SlotValue]:
        return {name: slot for name, slot in self.slots.items() if slot.value is not None}


@dataclass
class _Sample:
    index: int
    intent: str
    text: str  # as written in the model
    builtin: bool  # belongs to an AMAZON.* intent
    literals: tuple[str, ...]  # normalized literal words
    slots: tuple[tuple[str, str], ...]  # (slot name, slot type) in order
    pattern: str | None = None  # the whole-utterance pattern, compiled on first use (``regex``)
    loose_pattern: str | None = None  # SearchQuery carrier phrase with extra words before it
    literal_set: frozenset[str] = frozenset()
    weight: float = 0.0
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)

    @property
    def has_search(self) -> bool:
        return any(t == SEARCH_QUERY for _, t in self.slots)

    @property
    def regex(self) -> re.Pattern[str] | None:
        return self._compile(self.pattern)

    @property
    def loose(self) -> re.Pattern[str] | None:
        return self._compile(self.loose_pattern)

    def _compile(self, pattern: str | None) -> re.Pattern[str] | None:
        # Most samples are never the candidate of any utterance a process resolves: compile lazily.
        if pattern is None:
            return None
        compiled = self._compiled.get(pattern)
        if compiled is None:
            compiled = self._compiled[pattern] = re.compile(pattern)
        return compiled


_SLOT_REF = re.compile(r"\{(\w+)\}")
_ANY_WORDS = r"[^ ]+(?: [^ ]+)*?"


def phrase_alternation(phrases) -> str:
    """A regex alternation of listed phrases (normalized words joined by single spaces), as a word trie.

    It tries the phrases in the same order as ``"|".join(sorted(phrases, key=len, reverse=True))``
    wherever they are followed by a space or the end of the text (as every slot group in a sample
    pattern is): phrases with different next words cannot both match there, and a phrase is tried
    before every shorter phrase it extends. But it is a fraction of the length, so compiling and
    matching are much faster (the SymptomType alone lists hundreds of phrases).
    """
    return "|".join(_trie_branches([tuple(p.split(" ")) for p in phrases]))


def _trie_branches(sequences: list[tuple[str, ...]]) -> list[str]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for sequence in sequences:
        if sequence:
            by_first.setdefault(sequence[0], []).append(sequence[1:])
    branches = []
    for word, rests in by_first.items():
        longer = _trie_branches(rests)
        ends_here = any(not rest for rest in rests)
        if not longer:
            tail = ""
        elif len(longer) == 1:
            tail = f" {longer[0]}"
        else:
            tail = f" (?:{'|'.join(longer)})"
        if longer and ends_here:
            tail = f"(?:{tail})?"  # greedy: the longer phrases first, then the word alone
        branches.append(re.escape(word) + tail)
    return branches


class Model:
    """One interaction model file, compiled for fast resolution."""

    def __init__(self, data: dict[str, Any], source: str = "<model>"):
        try:
            language = data["interactionModel"]["languageModel"]
            intents = language["intents"]
        except (KeyError, TypeError):
            raise BadInput(
                f"{source}: not an Alexa interaction model (no interactionModel.languageModel.intents)"
            ) from None
        self.source = source
        self.invocation_name: str = str(language.get("invocationName", ""))
        self.intent_slots: dict[str, list[tuple[str, str]]] = {}
        # slot type -> normalized phrase -> [(id, canonical name)]
        self.type_values: dict[str, dict[str, list[tuple[str, str]]]] = {}
        for slot_type in language.get("types") or []:
            table: dict[str, list[tuple[str, str]]] = {}
            for value in slot_type.get("values") or []:
                name = value.get("name") or {}
                canonical = str(name.get("value", ""))
                value_id = str(value.get("id") or canonical)
                for phrase in [canonical, *(name.get("synonyms") or [])]:
                    key = normalize(str(phrase))
                    if key and (value_id, canonical) not in table.setdefault(key, []):
                        table[key].append((value_id, canonical))
            self.type_values[str(slot_type.get("name"))] = table
        self.samples: list[_Sample] = []
        self.catch_all: dict[str, str] = {}  # intent -> its one slot, of a sample that is only that slot
        self.exact: dict[str, _Sample] = {}  # samples without slots
        self.builtin_exact: dict[str, str] = {}  # Alexa's phrase -> built-in intent
        for intent in intents:
            intent_name = str(intent.get("name"))
            slots = [(str(s.get("name")), str(s.get("type"))) for s in intent.get("slots") or []]
            self.intent_slots[intent_name] = slots
            for text in intent.get("samples") or []:
                self._add_sample(intent_name, str(text), dict(slots))
        for intent_name, phrases in BUILTIN_PHRASES.items():
            if intent_name not in self.intent_slots:
                continue
            for phrase in phrases:
                key = normalize(phrase)
                self.builtin_exact.setdefault(key, intent_name)
                self._add_sample(intent_name, phrase, {}, from_table=True)
        self._index()

    # -- building

    def _add_sample(self, intent: str, text: str, slot_types: dict[str, str], from_table=False) -> None:
        literals: list[str] = []
        slots: list[tuple[str, str]] = []
        pieces: list[str] = []
        pos = 0
        for match in _SLOT_REF.finditer(text):
            literal = words(text[pos : match.start()]).tokens
            literals.extend(literal)
            pieces.extend(re.escape(t) for t in literal)
            name = match.group(1)
            slots.append((name, slot_types.get(name, "")))
            pieces.append(f"\0{len(slots) - 1}")
            pos = match.end()
        literal = words(text[pos:]).tokens
        literals.extend(literal)
        pieces.extend(re.escape(t) for t in literal)
        sample = _Sample(
            index=len(self.samples),
            intent=intent,
            text=text,
            builtin=intent.startswith("AMAZON."),
            literals=tuple(literals),
            slots=tuple(slots),
            literal_set=frozenset(literals),
        )
        if not literals and len(slots) == 1 and slots[0][1] in CATCH_ALL_TYPES:
            self.catch_all.setdefault(intent, slots[0][0])
            return
        if not slots:
            if not literals:
                return
            if not from_table:
                self.exact.setdefault(" ".join(literals), sample)
        else:
            groups = []
            for i, (_, slot_type) in enumerate(slots):
                alternation = self._alternation(slot_type)
                # Any words: only with a carrier phrase (a custom slot then also captures values
                # not in its list, as Alexa does); a sample that is only slots takes listed values.
                free = [_ANY_WORDS] if literals else []
                group = "|".join(([alternation] if alternation else []) + free) or "(?!)"
                groups.append(f"(?P<s{i}>{group})")
            pattern = " ".join(groups[int(p[1:])] if p.startswith("\0") else p for p in pieces)
            sample.pattern = pattern
            if sample.has_search and literals:
                sample.loose_pattern = rf"(?:[^ ]+ )+?{pattern}"
        self.samples.append(sample)

    def _alternation(self, slot_type: str) -> str:
        """The listed values of a custom slot type as one alternation (built once per type)."""
        cache = self.__dict__.setdefault("_alternations", {})
        if slot_type not in cache:
            listed = self.type_values.get(slot_type) if not slot_type.startswith("AMAZON.") else None
            cache[slot_type] = phrase_alternation(listed or ())
        return cache[slot_type]

    def _index(self) -> None:
        count = len(self.samples) or 1
        df: dict[str, int] = {}
        for sample in self.samples:
            for word in sample.literal_set:
                df[word] = df.get(word, 0) + 1
        self.weights = {word: math.log(1 + count / n) for word, n in df.items()}
        self.unknown_weight = math.log(1 + count)
        self.slot_weight = (sum(self.weights.values()) / len(self.weights)) if self.weights else 1.0
        # Candidates for pattern matching: each sample under its rarest literal word.
        self.by_rarest: dict[str, list[_Sample]] = {}
        self.slot_only: list[_Sample] = []
        # Near matches: every literal word and every custom slot type.
        self.postings: dict[str, list[_Sample]] = {}
        for sample in self.samples:
            sample.weight = sum(self.weights[w] for w in sample.literals) + self.slot_weight * sum(
                1 for _, t in sample.slots if t in self.type_values
            )
            if sample.pattern is not None:
                if sample.literals:
                    rarest = min(sample.literal_set, key=lambda w: (df[w], w))
                    self.by_rarest.setdefault(rarest, []).append(sample)
                else:
                    self.slot_only.append(sample)
            if sample.has_search:
                continue  # free text has no near match of its own; see the loose carrier phrase
            for word in sample.literal_set:
                self.postings.setdefault(word, []).append(sample)
            for _, slot_type in sample.slots:
                if slot_type in self.type_values:
                    self.postings.setdefault(f"{{{slot_type}}}", []).append(sample)
        # Every listed slot phrase, for spotting slot values inside a near match.
        self.phrases: dict[str, list[str]] = {}
        for slot_type, table in self.type_values.items():
            for phrase in table:
                self.phrases.setdefault(phrase, []).append(slot_type)
        self.longest_phrase = max((len(p.split()) for p in self.phrases), default=0)
        # One-letter typos of longer vocabulary words (single deletions on both sides).
        self.deletions: dict[str, str] = {}
        for word in sorted(self.weights):
            if len(word) >= 5:
                for i in range(len(word)):
                    self.deletions.setdefault(word[:i] + word[i + 1 :], word)

    # -- resolving

    def resolve(self, text: str, literal: bool = False) -> Resolution:
        said = words(text)
        if not said.tokens:
            return self._fallback()
        if literal:
            return self._literal(said)
        key = said.text
        sample = self.exact.get(key)
        if sample is not None and not sample.builtin:
            return self._resolution(sample, {}, said, "exact", 1.0)
        found = self._patterns(said)
        listed = [m for m in found if m[0] == 0]
        if listed and min(listed, key=lambda m: m[:4])[1] == 0:  # a custom intent, all slots listed
            return self._best(listed, said, "exact")
        if sample is not None:  # an extended sample of a built-in intent
            return self._resolution(sample, {}, said, "exact", 1.0)
        if listed:
            return self._best(listed, said, "exact")
        builtin = self.builtin_exact.get(key)
        if builtin is not None:
            return Resolution(builtin, self._empty_slots(builtin), "builtin", 1.0, key)
        near = self._near(said)
        if found:
            capture = self._best(found, said, "capture")
            # Words the model does not list compete with a better near match: of another intent
            # ("what is intrathecal baclofin" is not "{person} is {symptom}"), or of the same
            # intent with listed slot values ("is drowsy maybe a side effect").
            if (
                near is None
                or near.score <= capture.score
                or (near.intent == capture.intent and len(near.filled()) < len(capture.filled()))
            ):
                return capture
        return near or self._catch_all(said) or self._fallback()

    def _literal(self, said: Words) -> Resolution:
        """Exact samples with listed values, Alexa's built-in phrases, SearchQuery text; else the fallback."""
        sample = self.exact.get(said.text)
        if sample is not None and not sample.builtin:
            return self._resolution(sample, {}, said, "exact", 1.0)
        found = self._patterns(said)
        listed = [m for m in found if m[0] == 0]
        if listed and min(listed, key=lambda m: m[:4])[1] == 0:
            return self._best(listed, said, "exact")
        if sample is not None:
            return self._resolution(sample, {}, said, "exact", 1.0)
        if listed:
            return self._best(listed, said, "exact")
        builtin = self.builtin_exact.get(said.text)
        if builtin is not None:
            return Resolution(builtin, self._empty_slots(builtin), "builtin", 1.0, said.text)
        free_text = [m for m in found if self._only_search_query_free(m)]
        if free_text:
            return self._best(free_text, said, "capture")
        return self._catch_all(said) or self._fallback()

    def _only_search_query_free(self, found: tuple) -> bool:
        """Every slot of the match took a listed value or is an AMAZON.SearchQuery."""
        *_, sample, match = found
        for i, (_, slot_type) in enumerate(sample.slots):
            table = self.type_values.get(slot_type)
            if slot_type != SEARCH_QUERY and (table is None or match.group(f"s{i}") not in table):
                return False
        return True

    def _patterns(self, said: Words) -> list[tuple]:
        """Every sample whose pattern matches the whole utterance, with its rank and quality."""
        present = set(said.tokens)
        candidates: list[_Sample] = list(self.slot_only)
        for word in present:
            for sample in self.by_rarest.get(word, ()):
                if sample.literal_set <= present:
                    candidates.append(sample)
        text = said.text
        found = []
        for sample in candidates:
            match = sample.regex.fullmatch(text)
            if match is None:
                continue
            free = 0  # slots that took words not in a list (SearchQuery, unlisted custom values)
            unheard: set[int] = set()  # tokens of unlisted custom values
            for i, (_, slot_type) in enumerate(sample.slots):
                table = self.type_values.get(slot_type)
                if table is None or match.group(f"s{i}") not in table:
                    free += 1
                    if table is not None:
                        start, end = match.span(f"s{i}")
                        first = text.count(" ", 0, start)
                        unheard.update(range(first, first + text.count(" ", start, end) + 1))
            score = 1.0
            if free:
                # How much of what was said the model knows: carrier words and listed values.
                weights = [self._weight(t) for t in said.tokens]
                score = 1 - sum(weights[i] for i in unheard) / sum(weights)
                if unheard and score < CAPTURE_THRESHOLD:
                    continue
            # rank: all slots listed first, custom before built-in, more carrier words, model order
            rank = (1 if free else 0, int(sample.builtin), -len(sample.literals), sample.index)
            found.append((*rank, score, sample, match))
        return found

    def _best(self, found, said: Words, how: str) -> Resolution:
        *_, score, sample, match = min(found, key=lambda m: m[:4])
        values = {}
        for i, (slot_name, _) in enumerate(sample.slots):
            start, end = match.span(f"s{i}")
            first = match.string.count(" ", 0, start)
            last = first + match.string.count(" ", start, end)
            values[slot_name] = (match.group(f"s{i}"), said.typed_span(first, last))
        return self._resolution(sample, values, said, how, score)

    def _resolution(self, sample: _Sample, values: dict[str, tuple[str, str]], said, how, score):
        slots = self._empty_slots(sample.intent)
        for slot_name, (key, typed) in values.items():
            slot = slots.get(slot_name) or SlotValue(slot_name, dict(sample.slots).get(slot_name, ""))
            slot.value = typed
            slot.matches = list(self.type_values.get(slot.type, {}).get(key, ()))
            slots[slot_name] = slot
        return Resolution(sample.intent, slots, how, round(score, 3), sample.text)

    def _empty_slots(self, intent: str) -> dict[str, SlotValue]:
        return {name: SlotValue(name, slot_type) for name, slot_type in self.intent_slots.get(intent, ())}

    def _catch_all(self, said: Words) -> Resolution | None:
        """The whole utterance in the catch-all intent's one slot, if the model has one."""
        for intent, slot_name in self.catch_all.items():
            slots = self._empty_slots(intent)
            slot = slots.get(slot_name) or SlotValue(slot_name, "")
            slot.value = said.typed_span(0, len(said.tokens) - 1)
            slots[slot_name] = slot
            return Resolution(intent, slots, "catch-all", 0.0, f"{{{slot_name}}}")
        return None

    def _fallback(self) -> Resolution:
        return Resolution(FALLBACK, self._empty_slots(FALLBACK), "fallback", 0.0)

    def _weight(self, word: str) -> float:
        return self.weights.get(word, self.unknown_weight)

    def _spans(self, tokens: tuple[str, ...]) -> list[tuple[int, int, list[str]]]:
        """Listed slot phrases in the utterance, longest first, left to right: (start, end, types)."""
        spans = []
        i = 0
        while i < len(tokens):
            for n in range(min(self.longest_phrase, len(tokens) - i), 0, -1):
                types = self.phrases.get(" ".join(tokens[i : i + n]))
                if types:
                    spans.append((i, i + n, types))
                    i += n
                    break
            else:
                i += 1
        return spans

    def _near(self, said: Words) -> Resolution | None:
        tokens = tuple(self._typo(t) for t in said.tokens)
        spans = self._spans(tokens)
        total = sum(self._weight(t) for t in tokens)
        acc: dict[int, float] = {}
        by_index: dict[int, _Sample] = {}
        for word in set(tokens):
            weight = self._weight(word)
            for sample in self.postings.get(word, ()):
                acc[sample.index] = acc.get(sample.index, 0.0) + weight
                by_index[sample.index] = sample
        for slot_type in {t for _, _, types in spans for t in types}:
            for sample in self.postings.get(f"{{{slot_type}}}", ()):
                acc[sample.index] = acc.get(sample.index, 0.0) + self.slot_weight
                by_index[sample.index] = sample
        ranked = sorted(acc, key=lambda i: -2 * acc[i] / (total + by_index[i].weight))[:_NEAR_CANDIDATES]
        best: tuple[float, int, int] | None = None
        best_slots: dict[str, tuple[str, str]] = {}
        best_sample: _Sample | None = None
        for index in ranked:
            sample = by_index[index]
            score, filled = self._score(sample, tokens, spans, said)
            rank = (score, -int(sample.builtin), -sample.index)
            if best is None or rank > best:
                best, best_slots, best_sample = rank, filled, sample
        loose = self._loose(said, total)
        if loose is not None and (best is None or loose[0] > best[0]):
            score, sample, match = loose
            return self._best([(0, 0, 0, 0, score, sample, match)], said, "near")
        if best is None or best[0] < NEAR_THRESHOLD or best_sample is None:
            return None
        return self._resolution(best_sample, best_slots, said, "near", best[0])

    def _typo(self, token: str) -> str:
        if token in self.weights or token in self.phrases or len(token) < 4:
            return token
        if token in self.deletions:
            return self.deletions[token]
        for i in range(len(token)):
            fixed = self.deletions.get(token[:i] + token[i + 1 :])
            if fixed is not None:
                return fixed
        return token

    def _score(self, sample: _Sample, tokens, spans, said: Words) -> tuple[float, dict[str, tuple[str, str]]]:
        used: set[int] = set()
        covered: set[int] = set()
        filled: dict[str, tuple[str, str]] = {}
        for slot_name, slot_type in sample.slots:
            for n, (start, end, types) in enumerate(spans):
                if n not in used and slot_type in types:
                    used.add(n)
                    covered.update(range(start, end))
                    filled[slot_name] = (" ".join(tokens[start:end]), said.typed_span(start, end - 1))
                    break
        matched = self.slot_weight * len(used)
        total = self.slot_weight * len(used)
        remaining: dict[str, int] = {}
        for literal in sample.literals:
            remaining[literal] = remaining.get(literal, 0) + 1
        for i, token in enumerate(tokens):
            if i in covered:
                continue
            weight = self._weight(token)
            total += weight
            if remaining.get(token):
                remaining[token] -= 1
                matched += weight
        return 2 * matched / (total + sample.weight), filled

    def _loose(self, said: Words, total: float) -> tuple[float, _Sample, re.Match[str]] | None:
        present = set(said.tokens)
        text = said.text
        best = None
        for word in present:
            for sample in self.by_rarest.get(word, ()):
                if sample.loose_pattern is None or not sample.literal_set <= present:
                    continue
                match = sample.loose.fullmatch(text)
                if match is None:
                    continue
                inside: set[int] = set()
                for i in range(len(sample.slots)):
                    start, end = match.span(f"s{i}")
                    first = text.count(" ", 0, start)
                    inside.update(range(first, first + text.count(" ", start, end) + 1))
                outside = sum(self._weight(t) for i, t in enumerate(said.tokens) if i not in inside)
                carrier = sum(self._weight(t) for t in sample.literals)
                score = 2 * carrier / (outside + carrier)
                if score >= NEAR_THRESHOLD and (best is None or score > best[0]):
                    best = (score, sample, match)
        return best


# ---------------------------------------------------------------- loading, once per file version

_CACHE: dict[str, tuple[tuple[int, int], Model]] = {}


def load(path: str | Path) -> Model:
    """The compiled model for ``path``; compiled again only when the file changes."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise BadInput(f"interaction model not found: {path}") from None
    version = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(str(path))
    if cached is not None and cached[0] == version:
        return cached[1]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise BadInput(f"cannot read interaction model {path}: {error}") from None
    except json.JSONDecodeError as error:
        raise BadInput(f"interaction model {path} is not valid JSON: {error}") from None
    model = Model(data, str(path))
    _CACHE[str(path)] = (version, model)
    return model


def resolve(path: str | Path, text: str, literal: bool = False) -> Resolution:
    return load(path).resolve(text, literal)
