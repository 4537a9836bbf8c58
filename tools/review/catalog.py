"""Every answer the skill can give, built at review time from the content file and the safety module.

Nothing here holds the skill's words: topic parts come from ``answers.topic_reply`` over the content file,
conversation strings from the content file through ``answers.simple_reply``, and the emergency, crisis and
error responses from ``answers.emergency_reply``/``error_reply`` (the safety module's constants). Each is
rendered by the function's one SSML renderer (``speech.to_ssml``), as ``handlers.respond`` does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import NamedTuple

from review import heard

ROOT = Path(__file__).resolve().parents[2]
CONTENT_FILE = ROOT / "lambda" / "content" / "en-US.json"

# Review groups, in the order of the report. Topics go to the group of the source they cite.
EMERGENCY_GROUP = "Emergency, crisis and error responses"
CONVERSATION_GROUP = "Conversation: welcome, help, fallback and the other replies"
NOT_COVERED_GROUP = "Questions the sources do not answer"
MISSING_SOURCE_GROUP = "Topics whose source is missing"

# Topics that answer what the sources do not cover, by the naming rules of lambda/content/README.md
# ("Not on the list", "Not covered", "Medical advice"): each rule is (name, test on the topic id).
NOT_COVERED_RULES = (
    (
        "no_info_ prefix: 'I don't have information about ...'",
        lambda topic_id: topic_id.startswith("no_info_"),
    ),
    (
        "_not_listed / _not_named suffix: not on the page's lists",
        lambda topic_id: topic_id.endswith(("_not_listed", "_not_named")),
    ),
    ("medical_advice: declined as personal medical advice", lambda topic_id: topic_id == "medical_advice"),
)

# Strings that are parts of other replies, not replies of their own: shown inside the answers that use them.
PART_STRINGS = ("more_prompt", "more_reprompt", "offer_prompt", "offer_reprompt", "anything_else")


class Answer(NamedTuple):
    id: str  # "topic:surgery_steps#2", "string:welcome", "safety:emergency"
    group: str
    title: str
    ssml: str
    heard: str  # as Alexa says it
    plain: str  # the SSML's text as the simulator shows it (for matching what a question reached)
    reprompt: str | None  # heard
    card_title: str | None
    card: str | None
    ends_session: bool
    spoken_text: str  # the content's own words for this answer (flags are checked on these)
    then_text: str | None  # the prompt said after a topic part ("Want to hear more?"), heard
    source_ref: object  # what the content cites (``source`` or ``section``); None for non-topics
    note: str | None  # why this answer exists or how it is reached, for the reviewer


def content_sha256(path: Path = CONTENT_FILE) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def raw_content(path: Path = CONTENT_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def not_covered_rule(topic_id: str) -> str | None:
    return next((name for name, test in NOT_COVERED_RULES if test(topic_id)), None)


def build(path: Path = CONTENT_FILE) -> list[Answer]:
    """Every answer, in report order within each group (safety, topics, conversation)."""
    from itb_skill import answers, content, safety
    from itb_skill.reply import Reply
    from itb_skill.speech import OFFER_FILL, fill, ssml_to_text, to_card, to_ssml

    raw = raw_content(path)
    # The file given, parsed by the function's own loader (not the copy the function has cached).
    texts = content._parse(raw, "en-US")
    phones = texts.phones
    found: list[Answer] = []

    def add(answer_id, group, title, reply, *, spoken_text, then_text=None, source_ref=None, note=None):
        ssml = to_ssml(reply.speech, phones, fills=reply.fills)
        reprompt = None
        if reply.reprompt and not reply.end_session:
            reprompt = to_ssml(reply.reprompt, phones, fills=reply.fills)
        found.append(
            Answer(
                id=answer_id,
                group=group,
                title=title,
                ssml=ssml,
                heard=heard.heard(ssml),
                plain=ssml_to_text(ssml),
                reprompt=heard.heard(reprompt) if reprompt else None,
                card_title=reply.card_title,
                card=to_card(reply.card_text, phones) if reply.card_text else None,
                ends_session=bool(reply.end_session),
                spoken_text=spoken_text,
                then_text=heard.heard(to_ssml(then_text, phones)) if then_text else None,
                source_ref=source_ref,
                note=note,
            )
        )

    # 1. What danger gets, and what a broken skill says: from the safety module only.
    for kind, title in ((safety.EMERGENCY, "Emergency"), (safety.CRISIS, "Crisis (thoughts of suicide)")):
        reply = answers.emergency_reply(kind)
        add(
            f"safety:{kind}",
            EMERGENCY_GROUP,
            title,
            reply,
            spoken_text=reply.speech,
            note="Said first to anything that reports danger; the session ends. Built from the safety "
            "module's constants, so it is said even when the content file is broken.",
        )
    error = answers.error_reply()
    add(
        "safety:error",
        EMERGENCY_GROUP,
        "Something went wrong",
        error,
        spoken_text=error.speech,
        note="Said when anything inside the skill failed (content, storage, a handler).",
    )

    # 2. Every part of every topic, with what is offered after it.
    for topic_id, topic in texts.topics.items():
        entry = raw["topics"][topic_id]
        ref = entry.get("sources", entry.get("source", entry.get("section")))
        for part in range(len(topic.parts)):
            reply = answers.topic_reply(texts, topic_id, part)
            prompt = fill(reply.speech, reply.fills)[len(topic.parts[part]) :].strip()
            label = topic.title + (
                f" (part {part + 1} of {len(topic.parts)})" if len(topic.parts) > 1 else ""
            )
            add(
                f"topic:{topic_id}#{part + 1}",
                None,
                label,
                reply,
                spoken_text=topic.parts[part],
                then_text=prompt or None,
                source_ref=ref,
                note=not_covered_rule(topic_id),
            )

    # 3. The conversation around the answers.
    for key, value in texts.strings.items():
        if key.endswith(("_reprompt", "_card", "_card_title")) or key in PART_STRINGS:
            continue
        offered = {OFFER_FILL: "…"}  # the offered topic, whichever it is
        speech = fill(value, offered)
        if key == "fallback":
            reply = answers.fallback_reply(texts)
        elif f"{key}_reprompt" in texts.strings:
            reply = answers.simple_reply(texts, key)
        else:  # said before something else (a replayed answer) or as the session closes: no reprompt
            reply = Reply(
                speech=value,
                card_title=texts.strings.get(f"{key}_card_title"),
                card_text=texts.strings.get(f"{key}_card"),
            )
        reply.fills = offered
        note = "“…” stands for the offered topic, as in “how big the pump is”." if speech != value else None
        add(
            f"string:{key}",
            CONVERSATION_GROUP,
            key.replace("_", " ").capitalize(),
            reply,
            spoken_text=speech,
            note=note,
        )
    for key in PART_STRINGS:
        if key in texts.strings:
            value = fill(texts.strings[key], {OFFER_FILL: "…"})
            reply = Reply(speech=value)
            add(
                f"string:{key}",
                CONVERSATION_GROUP,
                key.replace("_", " ").capitalize(),
                reply,
                spoken_text=value,
                note="Said after a topic part, in the answers above.",
            )
    return found


def answers_sha256(found: list[Answer]) -> str:
    """One hash of everything a listener can hear or read: changes whenever any answer does."""
    fields = [(a.id, a.ssml, a.reprompt, a.card_title, a.card, a.ends_session) for a in found]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()
