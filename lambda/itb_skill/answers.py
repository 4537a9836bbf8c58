"""Plain functions that decide what to say: content in, ``Reply`` out. No SDK objects here."""

from __future__ import annotations

import re
from functools import lru_cache

from itb_skill import advice, safety
from itb_skill.content import Content, IntentRoute
from itb_skill.speech import Reply

# Session attribute keys.
OFFER = "offer"  # {"topic": id, "part": n}: what "yes" will play
LAST = "last"  # the last reply's texts, for "repeat"
PACE = "pace"  # "normal" or "slow": set by the pace handler and the stored profile, read by ``respond``
SEEN = "seen"  # topic ids heard or offered in this session, so an offer is not made again and again
MAX_SEEN = 40  # bounded: session attributes travel with every request


def seen_topics(attributes: object) -> tuple[str, ...]:
    """The ``SEEN`` session attribute, read defensively (session attributes come back from outside)."""
    seen = attributes.get(SEEN) if isinstance(attributes, dict) else None
    return tuple(topic for topic in seen if isinstance(topic, str)) if isinstance(seen, list) else ()


def topic_reply(content: Content, topic_id: str, part: int = 0, seen: tuple[str, ...] = ()) -> Reply:
    """One part of a topic, ending with the offer of what comes next (so the microphone stays open).
    ``seen``: the topics heard or offered earlier in the session, which are not offered again."""
    topic = content.topics[topic_id]
    part = max(0, min(part, len(topic.parts) - 1))
    seen = (*(t for t in seen if t != topic_id), topic_id)
    if part + 1 < len(topic.parts):
        offer = {"topic": topic_id, "part": part + 1}
        prompt, reprompt = content.text("more_prompt"), content.text("more_reprompt")
    elif (follow_up := next_offer(content, topic_id, seen)) is not None:
        offer = {"topic": follow_up, "part": 0}
        seen = (*seen, follow_up)
        described = content.topics[follow_up].offer
        prompt = content.text("offer_prompt").replace("{offer}", described)
        reprompt = content.text("offer_reprompt").replace("{offer}", described)
    else:
        offer = None
        prompt = reprompt = content.text("anything_else")
    return Reply(
        speech=f"{topic.parts[part]} {prompt}",
        reprompt=reprompt,
        card_title=topic.title,
        card_text=topic.card,
        topic=topic_id,
        attributes={OFFER: offer, SEEN: list(seen[-MAX_SEEN:])},
    )


def next_offer(content: Content, topic_id: str, seen: tuple[str, ...] = ()) -> str | None:
    """The topic to offer after ``topic_id``: its follow-up, or, when that was heard or offered already in
    this session, the first one further along the chain of follow-ups that was not; None when all were.
    Many answers lead to the same next step (MyChart, the list of complications): it is offered once."""
    follow_up = content.topics[topic_id].follow_up
    visited = {topic_id}
    while follow_up in content.topics and follow_up not in visited:
        if follow_up not in seen:
            return follow_up
        visited.add(follow_up)
        follow_up = content.topics[follow_up].follow_up
    return None


def route(
    content: Content,
    intent_name: str,
    slot_ids: dict[str, str | None],
    slot_texts: dict[str, str] | None = None,
) -> str | None:
    """The topic id an intent asks for. ``slot_ids`` maps slot name to its resolved id
    (None when the user said something that matched no id; absent when the slot was empty);
    ``slot_texts`` maps slot name to what was said, for an intent with an ``advice_slot``."""
    entry: IntentRoute | None = content.intents.get(intent_name)
    if entry is None:
        return None
    if entry.advice_slot is not None:
        hit = advice.recognise((slot_texts or {}).get(entry.advice_slot), framed=True)
        if hit is not None and hit.topic in content.topics:
            return hit.topic
    if entry.slot is None:
        return entry.topic
    if entry.slot not in slot_ids:
        return entry.empty or entry.topic
    resolved = slot_ids[entry.slot]
    if resolved is not None and entry.by_id and resolved in entry.by_id:
        return entry.by_id[resolved]
    return entry.otherwise or entry.topic


_WORD = re.compile(r"[a-z]+")


def stem(word: str) -> str:
    """A crude English stem, the same for a keyword and for what was said: "refilled", "refilling" and
    "refills" are "refill"; "bruise", "bruises" and "bruising" are "bruis". Keywords then need one form."""
    for suffix, keep in (("ies", 4), ("ing", 5), ("ed", 5), ("es", 5), ("s", 4)):
        if (
            word.endswith(suffix)
            and len(word) >= keep + len(suffix) - 1
            and not word.endswith(("ss", "us", "is"))
        ):
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def stems(text: str) -> frozenset[str]:
    """The stems of the words of ``text`` (apostrophes dropped: "husband's" is "husbands")."""
    return frozenset(
        stem(word) for word in _WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))
    )


def find_topic(content: Content, text: str | None) -> str | None:
    """Best topic for free text by keyword overlap, or None. Used for AMAZON.SearchQuery slots.
    A keyword of several words counts once per word, so "how long surgery" beats "surgery"."""
    return _best_match(((topic.id, topic.keywords) for topic in content.topics.values()), text)


def find_statement(content: Content, text: str | None) -> str | None:
    """What answers free text that named no topic but still says something we can answer, by the same
    keyword overlap: a ``strings`` key ("I have a question", "I'm nervous") or a topic id ("I think I
    want the pump"); or None. These keywords are too loose to compete with the topics' own."""
    return _best_match(content.statements.items(), text)


def _best_match(candidates, text: str | None) -> str | None:
    """The candidate (id, keywords) whose keywords cover the most words of ``text``; first wins a tie.
    Words are compared by their stems; a keyword counts when all its words were said, in any order."""
    if not text:
        return None
    words = stems(text[:500])
    best, best_score = None, 0
    for candidate_id, keywords in candidates:
        score = sum(count for needed, count in _keyword_words(keywords) if needed <= words)
        if score > best_score:
            best, best_score = candidate_id, score
    return best


@lru_cache(maxsize=1024)
def _keyword_words(keywords: tuple[str, ...]) -> tuple[tuple[frozenset[str], int], ...]:
    """Each keyword as (its set of stems, its word count): split once per process, not per question."""
    return tuple((stems(keyword), len(keyword.split())) for keyword in keywords)


def simple_reply(
    content: Content, key: str, *, end_session: bool = False, outcome: str = "answered"
) -> Reply:
    """A reply made of one content string and (if the session stays open) its ``<key>_reprompt``."""
    reprompt = None if end_session else content.text(f"{key}_reprompt")
    return Reply(
        speech=content.text(key),
        reprompt=reprompt,
        card_title=content.strings.get(f"{key}_card_title"),
        card_text=content.strings.get(f"{key}_card"),
        end_session=end_session,
        outcome=outcome,
    )


def free_text_reply(content: Content, text: str | None, seen: tuple[str, ...] = ()) -> Reply:
    """Free text answered by the decline of the advice it asks for, else by its topic, else by a
    statement's reply, else by the fallback. Advice comes first: a request for advice must never get
    a topic answer that reads like one ("can I double up on my pills" is not about filling the pump)."""
    hit = advice.recognise(text)
    if hit is not None and hit.topic in content.topics:
        return topic_reply(content, hit.topic, seen=seen)
    topic_id = find_topic(content, text)
    if topic_id is not None:
        return topic_reply(content, topic_id, seen=seen)
    statement = find_statement(content, text)
    if statement is None:
        return fallback_reply(content)
    if statement in content.topics:
        return topic_reply(content, statement, seen=seen)
    return simple_reply(content, statement)


def fallback_reply(content: Content) -> Reply:
    """What the skill says to anything it cannot place: the help-like fallback, counted as a fallback."""
    return simple_reply(content, "fallback", outcome="fallback")


def again_reply(content: Content, last: dict, offer: object, lead_in: str | None = None) -> Reply:
    """The remembered ``last`` reply said again (after ``lead_in``), keeping what "yes" would play."""
    return Reply(
        speech=last["speech"] if lead_in is None else f"{lead_in} {last['speech']}",
        reprompt=last.get("reprompt") or content.text("anything_else"),
        card_title=last.get("card_title"),
        card_text=last.get("card_text"),
        topic=last.get("topic"),
        attributes={OFFER: offer} if offer else {},
    )


def emergency_reply(kind: str) -> Reply:
    """Built from safety constants only: no content, no storage, no network."""
    speech = safety.emergency_speech(kind)
    return Reply(
        speech=speech,
        card_title=safety.EMERGENCY_CARD_TITLE,
        card_text=speech,
        end_session=True,
        outcome="emergency",
    )


def error_reply() -> Reply:
    """What the catch-all says when anything broke: constants only, with the 911 reminder."""
    return Reply(
        speech=safety.ERROR_SPEECH,
        reprompt=safety.ERROR_REPROMPT,
        card_title=safety.EMERGENCY_CARD_TITLE,
        card_text=safety.ERROR_SPEECH,
        outcome="error",
    )
