"""The skill's words, loaded once from ``content/<locale>.json`` beside the function.

The JSON is edited by people who do not read Python; its shape is documented in
``content/README.md``. Code only looks things up here; it never holds prose.

A ``Library`` is one content folder, each locale read once; the skill reads the folder its configuration
names (``Config.content_dir``), so a test can hand a skill a broken copy without touching anyone else's.
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any, NamedTuple

from itb_skill.paths import CONTENT_DIR
from itb_skill.speech import Phone

DEFAULT_LOCALE = "en-US"


# Immutable records as NamedTuples: cheaper to define at a cold start than frozen dataclasses.


class Topic(NamedTuple):
    id: str
    # Where the answer comes from: "page: <heading of the patient page>" or "safety facts: <heading>"
    sources: tuple[str, ...]
    title: str  # card title
    parts: tuple[str, ...]  # spoken answer, split into parts offered with "want to hear more?"
    card: str
    offer: str  # how another answer offers this one: "hear {offer}?"
    follow_up: str | None  # topic id offered after the last part
    keywords: tuple[str, ...]


class IntentRoute(NamedTuple):
    """How an intent maps to topics: directly, or through one slot's resolved id."""

    topic: str | None = None
    slot: str | None = None
    by_id: dict[str, str] | None = None
    otherwise: str | None = None  # a slot value that is not in by_id
    empty: str | None = None  # no slot value at all
    # A free-text slot (AMAZON.SearchQuery) after a carrier phrase that asks for a decision ("should I ...");
    # its words pick the answer that declines it (``advice.recognise``), else ``topic``.
    advice_slot: str | None = None


class Content(NamedTuple):
    locale: str
    strings: dict[str, str]
    phones: dict[str, Phone]
    topics: dict[str, Topic]
    intents: dict[str, IntentRoute]
    # Free text that matched no topic keyword but still says something we can answer: a ``strings`` key
    # ("I have a question", "I'm scared") or a topic id ("I think I want the pump") -> looser keywords.
    statements: dict[str, tuple[str, ...]]

    def text(self, key: str) -> str:
        return self.strings[key]


def _parse(raw: dict[str, Any], locale: str) -> Content:
    topics = {
        topic_id: Topic(
            id=topic_id,
            sources=tuple(entry["sources"]),
            title=entry["title"],
            parts=tuple(entry["speech"]),
            card=entry["card"],
            offer=entry["offer"],
            follow_up=entry.get("follow_up"),
            keywords=tuple(entry.get("keywords", ())),
        )
        for topic_id, entry in raw["topics"].items()
    }
    intents = {name: IntentRoute(**route) for name, route in raw["intents"].items()}
    phones = {name: Phone(**phone) for name, phone in raw["phones"].items()}
    statements = {key: tuple(words) for key, words in raw.get("statements", {}).items()}
    return Content(locale, dict(raw["strings"]), phones, topics, intents, statements)


class Library:
    """One content folder: its locales, each parsed once, on first use."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self._locales: frozenset[str] | None = None
        self._loaded: dict[str, Content] = {}

    def locales(self) -> frozenset[str]:
        if self._locales is None:
            try:
                names = os.listdir(self.directory)
            except OSError:  # no content folder: no locale (``load`` then fails to read en-US)
                names = []
            # What ``Path.glob("*.json")`` would match: not hidden files. (os.path, not pathlib or glob:
            # each is an import of its own at a cold start.)
            self._locales = frozenset(
                name[: -len(".json")] for name in names if name.endswith(".json") and not name.startswith(".")
            )
        return self._locales

    def load(self, locale: str | None = DEFAULT_LOCALE) -> Content:
        """The content for ``locale``, falling back to en-US for any locale the folder does not carry."""
        if not isinstance(locale, str) or locale not in self.locales():
            locale = DEFAULT_LOCALE
        loaded = self._loaded.get(locale)
        if loaded is None:  # a file that fails to load is tried again next time (and fails the same way)
            with open(os.path.join(self.directory, f"{locale}.json"), encoding="utf-8") as handle:
                loaded = self._loaded[locale] = _parse(json.load(handle), locale)
        return loaded


@cache
def library(directory: str = CONTENT_DIR) -> Library:
    """The library of ``directory``: one per folder and process, shared by every skill that reads it."""
    return Library(directory)


def supported_locales() -> frozenset[str]:
    """The locales of the function's own content."""
    return library().locales()


def load(locale: str | None = DEFAULT_LOCALE) -> Content:
    """The function's own content for ``locale`` (tools and tests; a skill reads its ``Library``)."""
    return library().load(locale)
