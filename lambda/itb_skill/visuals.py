"""The one place screens are built (APL), as ``speech`` builds SSML: a ``Reply`` in, a RenderDocument out.

- Sent only when the request says the device supports ``Alexa.Presentation.APL``; voice-only devices get
  exactly what they got before (``show`` adds nothing and imports nothing).
- The screen shows what is said: the captions are the reply's speech, 911 opener first, written the way the
  card writes it (phone numbers as "(800) 436-7936", no pauses); the phone numbers the reply says are set
  large below, the follow-up offer is a touchable Yes / No.
- The emergency screen and the plain captions screen are built here from constants (``safety.responses``):
  no file, no network, no imported package, so "Call 911 now." is on the screen even when the documents on
  disk are missing or broken.
- The other documents and their words are data (``lambda/visuals/documents/*.json``,
  ``lambda/visuals/<locale>.json``), read once per process. ``show`` never raises: a screen that cannot be
  built is left out and the answer is spoken as before; one that would not fit Alexa's response size is cut
  like the card is (its start, with the 911 sentence, always stays).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from functools import cache
from typing import Any, NamedTuple

from itb_skill import safety
from itb_skill.paths import VISUALS_DIR
from itb_skill.reply import Outcome, Reply
from itb_skill.speech import Phone, card, to_card

logger = logging.getLogger(__name__)

APL = "Alexa.Presentation.APL"
DOCUMENTS = ("answer", "menu")  # lambda/visuals/documents/<name>.json
DEFAULT_LOCALE = "en-US"
APL_VERSION = "1.8"  # every document's; a device that reports an older runtime gets no screen
TOKEN_PREFIX = "itb-"  # RenderDocument token: "itb-<document name>", sent back with every touch

# Alexa refuses a response over 24 KB; a screen is cut to leave this much room for the rest of it.
MAX_RESPONSE_BYTES = 24 * 1024
RESERVED_BYTES = (
    2048  # JSON keys, session attributes (~1 KB at most: itb_skill.session), the directive's shell
)
MAX_CAPTION_CHARS = 6000  # far beyond any answer (the longest is under 700 characters)

OFFER = "offer"  # answers.OFFER (not imported: answers imports speech and content, not needed here)

# ---- the screens built from constants: emergency and captions ----

# Emergency colours: white and yellow on a deep red (contrast 10.0:1 and 8.2:1, WCAG AAA).
EMERGENCY_BACKGROUND = "#8B0000"
EMERGENCY_HEADLINE = "#FFEB3B"
EMERGENCY_TEXT = "#FFFFFF"
# Captions screen: the answer documents' colours (white 18.5:1, yellow 14.2:1 on near-black).
CAPTIONS_BACKGROUND = "#101418"
CAPTIONS_TEXT = "#FFFFFF"
CAPTIONS_OPENER = "#FFE066"

# Sizes per viewport, like the answer documents' resources: landscape hubs, round hubs, TVs.
_SIZES = [
    {"dimensions": {"headlineSize": "96dp", "lineSize": "48dp", "textSize": "40dp", "margin": "64dp"}},
    {
        "when": "${viewport.shape == 'round'}",
        "dimensions": {"headlineSize": "64dp", "lineSize": "36dp", "textSize": "32dp", "margin": "15vw"},
    },
    {
        "when": "${viewport.mode == 'tv'}",
        "dimensions": {"headlineSize": "120dp", "lineSize": "64dp", "textSize": "48dp", "margin": "96dp"},
    },
]


def _constant_document(
    description: str, colors: dict[str, str], items: list[dict[str, Any]], idle_ms: int
) -> dict[str, Any]:
    """An APL document of primitive components only: nothing to download before it shows."""
    return {
        "type": "APL",
        "version": APL_VERSION,
        "description": description,
        "theme": "dark",
        "settings": {"idleTimeout": idle_ms},
        "resources": [{"colors": colors}, *_SIZES],
        "mainTemplate": {
            "parameters": ["screen"],
            "items": [
                {
                    "type": "Frame",
                    "width": "100vw",
                    "height": "100vh",
                    "backgroundColor": "@background",
                    "item": {
                        "type": "Container",
                        "width": "100%",
                        "height": "100%",
                        "paddingLeft": "@margin",
                        "paddingRight": "@margin",
                        "justifyContent": "center",
                        "items": items,
                    },
                }
            ],
        },
    }


# Shown for as long as the device allows (the session has ended): nothing flashes by in an emergency.
EMERGENCY_IDLE_MS = 600_000
EMERGENCY_DOCUMENT = _constant_document(
    "Emergency: the spoken emergency response, sentence by sentence, 'Call 911 now.' first and largest. "
    "Built in code from safety.responses; no import, no file.",
    {"background": EMERGENCY_BACKGROUND, "headline": EMERGENCY_HEADLINE, "line": EMERGENCY_TEXT},
    [
        {
            "type": "Text",
            "id": "headline",
            "text": "${screen.headline}",
            "color": "@headline",
            "fontSize": "@headlineSize",
            "fontWeight": "bold",
            "textAlign": "center",
        },
        {
            "type": "Container",
            "data": "${screen.lines}",
            "items": [
                {
                    "type": "Text",
                    "text": "${data}",
                    "color": "@line",
                    "fontSize": "@lineSize",
                    "fontWeight": "bold",
                    "textAlign": "center",
                    "paddingTop": "16dp",
                }
            ],
        },
    ],
    EMERGENCY_IDLE_MS,
)

CAPTIONS_DOCUMENT = _constant_document(
    "Captions: what is spoken, 911 opener first. Used for errors and whenever the answer documents cannot "
    "be read. Built in code; no import, no file.",
    {"background": CAPTIONS_BACKGROUND, "text": CAPTIONS_TEXT, "opener": CAPTIONS_OPENER},
    [
        {
            "type": "ScrollView",
            "grow": 1,
            "shrink": 1,
            "item": {
                "type": "Container",
                "paddingTop": "@margin",
                "paddingBottom": "@margin",
                "items": [
                    {
                        "type": "Text",
                        "id": "opener",
                        "when": "${screen.opener != ''}",
                        "text": "${screen.opener}",
                        "color": "@opener",
                        "fontSize": "@textSize",
                        "fontWeight": "bold",
                        "paddingBottom": "16dp",
                    },
                    {
                        "type": "Text",
                        "id": "captions",
                        "text": "${screen.captions}",
                        "color": "@text",
                        "fontSize": "@textSize",
                    },
                ],
            },
        }
    ],
    120_000,
)


def sentences(text: str) -> list[str]:
    """``text`` cut after each ". " (the emergency responses are short sentences)."""
    parts = text.replace(". ", ".\n").split("\n")
    return [part.strip() for part in parts if part.strip()]


def emergency_screen(kind: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(name, document, data source) of the emergency screen: the spoken response, from constants."""
    headline, *lines = sentences(safety.emergency_speech(kind))
    return "emergency", EMERGENCY_DOCUMENT, {"screen": {"headline": headline, "lines": lines}}


# ---- the documents on disk ----


class Visuals(NamedTuple):
    documents: dict[str, dict[str, Any]]  # name -> document; "<name>-slow" -> the same, shown longer
    sizes: dict[str, int]  # name -> bytes of the document as sent (for the response size budget)
    words: dict[str, Any]


@cache
def load(locale: str = DEFAULT_LOCALE, directory: str = VISUALS_DIR) -> Visuals | None:
    """The documents and the locale's words in ``directory``, read once; None (logged once) when any
    cannot be used."""
    try:
        with open(os.path.join(directory, f"{locale}.json"), encoding="utf-8") as handle:
            words = json.load(handle)
        documents: dict[str, dict[str, Any]] = {}
        for name in DOCUMENTS:
            with open(os.path.join(directory, "documents", f"{name}.json"), encoding="utf-8") as handle:
                document = json.load(handle)
            if document.get("type") != "APL" or not isinstance(document.get("mainTemplate"), dict):
                raise ValueError(f"{name}.json is not an APL document")
            slow = {**document, "settings": {**document.get("settings", {})}}
            slow["settings"]["idleTimeout"] = int(words["idle_timeout_ms"]["slow"])
            document["settings"] = {**document.get("settings", {})}
            document["settings"]["idleTimeout"] = int(words["idle_timeout_ms"]["normal"])
            documents[name], documents[f"{name}-slow"] = document, slow
        for key in ("skill_title", "yes", "no", "slow_pace", "phone_labels", "menu_replies", "menu"):
            if key not in words:
                raise KeyError(key)
        sizes = {name: len(json.dumps(document).encode()) for name, document in documents.items()}
        return Visuals(documents, sizes, words)
    except Exception as error:  # the answer is still spoken, and shown as plain captions
        logger.error("screens unavailable: %s", type(error).__name__)
        return None


# ---- which screen a reply gets ----


def _apl_runtime(handler_input: Any) -> object:
    """The device's APL interface, or None when it has none (voice-only)."""
    device = handler_input.request_envelope.context.system.device
    return getattr(getattr(device, "supported_interfaces", None), "alexa_presentation_apl", None)


def supports_apl(handler_input: Any) -> bool:
    """Whether the device shows APL documents of ``APL_VERSION`` (its runtime's maxVersion, when given)."""
    try:
        runtime = _apl_runtime(handler_input)
    except Exception:
        return False
    if runtime is None:
        return False
    newest = getattr(getattr(runtime, "runtime", None), "max_version", None)
    return not isinstance(newest, str) or _version(newest) >= _version(APL_VERSION)


def _version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return (0,)


def _said_phones(reply: Reply, phones: dict[str, Phone], labels: dict[str, str]) -> list[dict[str, Any]]:
    """The phone numbers the reply says, in the order of the content's phones, to be set large."""
    return [
        {"label": labels.get(name, ""), "number": phone.display}
        for name, phone in phones.items()
        if "{" + name + "}" in reply.speech
    ]


def _captions(reply: Reply, phones: dict[str, Phone], budget: int) -> str:
    """The speech as written on screen, within ``budget`` bytes of JSON (cut like the card, start kept)."""
    limit = MAX_CAPTION_CHARS
    while limit > 0:
        captions = to_card(reply.speech, phones, limit, reply.fills)
        size = len(json.dumps(captions))
        if size <= budget:
            return captions
        limit = min(limit, len(captions)) * budget // size - 1
    return ""


def _menu(words: dict[str, Any], topics: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"id": topic_id, "title": topics[topic_id].title} for topic_id in words["menu"] if topic_id in topics
    ]


def screen(
    reply: Reply,
    opener: str,
    phones: dict[str, Phone] | None = None,
    pace: str = "normal",
    texts: Any = None,
    budget: int = MAX_RESPONSE_BYTES,
    directory: str = VISUALS_DIR,
) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """(name, document, data source) for ``reply`` as heard after ``opener``; None when not even the screen
    without captions fits. ``texts``: the locale's content (topic titles for the list); ``budget``: bytes
    of the response left for the screen; ``directory``: where the documents are."""
    if reply.outcome == Outcome.EMERGENCY and reply.end_session:
        return emergency_screen(safety.CRISIS if reply.speech == safety.CRISIS_SPEECH else safety.EMERGENCY)
    phones = phones or {}
    locale = getattr(texts, "locale", DEFAULT_LOCALE)
    visuals = load(locale, directory) if reply.outcome != Outcome.ERROR else None
    if visuals is None:
        room = budget - len(json.dumps(CAPTIONS_DOCUMENT)) - len(json.dumps(opener)) - RESERVED_BYTES
        if room < 0:
            return None
        captions = {"opener": opener, "captions": _captions(reply, phones, room)}
        return "captions", CAPTIONS_DOCUMENT, {"screen": captions}
    words = visuals.words
    ref_key = reply.ref.get("key") if isinstance(reply.ref, dict) else None
    name = "menu" if ref_key in words["menu_replies"] or reply.outcome == Outcome.FALLBACK else "answer"
    offer = bool(reply.attributes.get(OFFER)) and not reply.end_session
    data: dict[str, Any] = {
        "title": card(reply.card_title or words["skill_title"], "")[0],  # as long as the card's, at most
        "paceLabel": words["slow_pace"] if pace == "slow" else "",
        "opener": opener,
        "phones": _said_phones(reply, phones, words["phone_labels"]),
        "offer": offer,
        "yes": words["yes"],
        "no": words["no"],
    }
    if name == "menu":
        data["menu"] = _menu(words, getattr(texts, "topics", {}))
    variant = f"{name}-slow" if pace == "slow" else name
    room = budget - visuals.sizes[variant] - len(json.dumps(data)) - RESERVED_BYTES
    if room < 0:  # the speech and the card alone fill the response: no screen rather than no answer
        return None
    data["captions"] = _captions(reply, phones, room)
    return name, visuals.documents[variant], {"screen": data}


def _response_bytes(response: Any) -> int:
    """Bytes the response already holds (speech, reprompt, card): close enough to budget the screen."""
    total = 0
    speech = getattr(response, "output_speech", None)
    reprompt = getattr(getattr(response, "reprompt", None), "output_speech", None)
    card = getattr(response, "card", None)
    for text in (
        getattr(speech, "ssml", None),
        getattr(reprompt, "ssml", None),
        getattr(card, "title", None),
        getattr(card, "content", None),
    ):
        if isinstance(text, str):
            total += len(json.dumps(text))
    return total


def show(
    handler_input: Any,
    builder: Any,
    reply: Reply,
    opener: str,
    phones: dict[str, Phone] | None = None,
    pace: str = "normal",
    texts: Any = None,
    directory: str = VISUALS_DIR,
) -> None:
    """Add the reply's screen to the response being built, if the device has one. Never raises.
    ``texts``: the content the reply was built from (the list of topics on the menu)."""
    with contextlib.suppress(Exception):
        if not supports_apl(handler_input):
            return
        from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

        budget = MAX_RESPONSE_BYTES - _response_bytes(builder.response)
        shown = screen(reply, opener, phones, pace, texts, budget, directory)
        if shown is None:
            return
        name, document, datasources = shown
        builder.add_directive(
            RenderDocumentDirective(token=TOKEN_PREFIX + name, document=document, datasources=datasources)
        )


def emergency_directive(kind: str) -> dict[str, Any]:
    """The emergency screen as a plain directive, for responses built without the SDK (runtime)."""
    name, document, datasources = emergency_screen(kind)
    return {
        "type": f"{APL}.RenderDocument",
        "token": TOKEN_PREFIX + name,
        "document": document,
        "datasources": datasources,
    }


def raw_supports_apl(event: object) -> bool:
    """``supports_apl`` read from a raw envelope (when the SDK could not read it)."""
    try:
        interfaces = event["context"]["System"]["device"]["supportedInterfaces"]  # type: ignore[index]
        return isinstance(interfaces, dict) and isinstance(interfaces.get(APL), dict)
    except Exception:
        return False
