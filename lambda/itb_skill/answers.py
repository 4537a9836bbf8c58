"""Plain functions that decide what to say: content in, ``Reply`` out. No SDK objects here."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from itb_skill import emergency, session_state
from itb_skill.content import Content, IntentRoute
from itb_skill.reply import Outcome, Reply
from itb_skill.speech import OFFER_FILL, PACE_RATES

if TYPE_CHECKING:
    from collections.abc import Iterable

# The constant replies (911, the error), built in one place for every layer: ``emergency``.
emergency_reply = emergency.reply
error_reply = emergency.error_reply

# The session attributes the answers read and write: their keys and shapes are defined in ``session_state``.
OFFER, LAST, PACE, SEEN = session_state.OFFER, session_state.LAST, session_state.PACE, session_state.SEEN
MAX_SEEN = session_state.MAX_SEEN
FORGET_ME_OFFER = session_state.FORGET_ME_OFFER


def seen_topics(attributes: object) -> tuple[str, ...]:
    """The ``SEEN`` session attribute, read defensively (session attributes come back from outside)."""
    seen = attributes.get(SEEN) if isinstance(attributes, dict) else None
    return tuple(topic for topic in seen if isinstance(topic, str)) if isinstance(seen, list) else ()


def topic_reply(
    content: Content, topic_id: str, part: int = 0, seen: tuple[str, ...] = (), understood: bool = True
) -> Reply:
    """One part of a topic, ending with the offer of what comes next (so the microphone stays open).
    ``seen``: the topics heard or offered earlier in the session, which are not offered again."""
    topic = content.topics[topic_id]
    part = max(0, min(part, len(topic.parts) - 1))
    seen = (*(t for t in seen if t != topic_id), topic_id)
    fills: dict[str, str] = {}
    if part + 1 < len(topic.parts):
        offer = {"topic": topic_id, "part": part + 1}
        prompt, reprompt = content.text("more_prompt"), content.text("more_reprompt")
    elif (follow_up := next_offer(content, topic_id, seen)) is not None:
        offer = {"topic": follow_up, "part": 0}
        seen = (*seen, follow_up)
        fills = {OFFER_FILL: content.topics[follow_up].offer}
        prompt, reprompt = content.text("offer_prompt"), content.text("offer_reprompt")
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
        understood=understood,
        ref={"topic": topic_id, "part": part},
        fills=fills,
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
        from itb_skill import advice  # only free text needs it: not imported at a cold start

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


def _best_match(candidates: Iterable[tuple[str, tuple[str, ...]]], text: str | None) -> str | None:
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
    content: Content,
    key: str,
    *,
    end_session: bool = False,
    outcome: Outcome = Outcome.ANSWERED,
    understood: bool = True,
) -> Reply:
    """A reply made of one content string and (if the session stays open) its ``<key>_reprompt``.
    ``understood=False`` for a reply to something the skill could not place: it opens with 911."""
    reprompt = None if end_session else content.text(f"{key}_reprompt")
    return Reply(
        speech=content.text(key),
        reprompt=reprompt,
        card_title=content.strings.get(f"{key}_card_title"),
        card_text=content.strings.get(f"{key}_card"),
        end_session=end_session,
        outcome=outcome,
        understood=understood,
        ref={"key": key},
    )


def welcome_back_reply(content: Content, last_topic: str | None) -> Reply:
    """Shorter than the first welcome; offers the last topic heard when the content still has it."""
    topic = content.topics.get(last_topic) if isinstance(last_topic, str) else None
    if topic is None:
        reply = simple_reply(content, "welcome_back")
    else:
        reply = Reply(
            speech=content.text("welcome_back_offer"),
            reprompt=content.text("welcome_back_offer_reprompt"),
            attributes={OFFER: {"topic": topic.id, "part": 0}},
            ref={"key": "welcome_back_offer", "topic": topic.id},
            understood=True,
            fills={OFFER_FILL: topic.offer},
        )
    reply.card_title = content.strings.get("welcome_card_title")
    reply.card_text = content.strings.get("welcome_card")
    return reply


def forget_me_confirm_reply(content: Content) -> Reply:
    """ "Should I delete what I remember?": a yes now deletes (``FORGET_ME_OFFER``)."""
    reply = simple_reply(content, "forget_me_confirm")
    reply.attributes = {OFFER: dict(FORGET_ME_OFFER)}
    return reply


def free_text_reply(
    content: Content,
    text: str | None,
    seen: tuple[str, ...] = (),
    *,
    statement: bool = False,
    asked: bool = False,
) -> Reply:
    """Free text answered by the decline of the advice it asks for, else by its topic (a keyword, else its
    nearest phrasing: ``matching``), else by a statement's reply, else by the fallback. Advice comes first:
    a request for advice must never get a topic answer that reads like one ("can I double up on my pills"
    is not about filling the pump). ``statement``: said after a subject ("I {report}"), where stopping the
    pump or putting off a refill is a decision even without "can I". ``asked``: said after words that ask
    ("tell me about {query}"). Advice and a topic keyword count as understood, and the nearest phrasing only
    of what was asked; what else a phrasing or a statement's looser keywords answer opens with 911."""
    from itb_skill import advice  # only free text needs it: not imported at a cold start

    hit = advice.recognise(text, statement=statement)
    if hit is not None and hit.topic in content.topics:
        return topic_reply(content, hit.topic, seen=seen)
    topic_id = find_topic(content, text)
    if topic_id is not None:
        return topic_reply(content, topic_id, seen=seen)
    return _unplaced_reply(content, text, seen, asked=asked)


def _unplaced_reply(content: Content, text: str | None, seen: tuple[str, ...], *, asked: bool) -> Reply:
    """Free text no topic keyword named: the topic of its nearest phrasing when near enough (``matching``),
    understood only when ``asked``; and a statement's own reply ("I'm a caregiver", "I'm nervous"), whose
    loose keywords ("pump") come first for a statement and after the phrasings for a question; else the
    fallback."""
    from itb_skill import matching  # only free text needs it: not imported at a cold start

    said = find_statement(content, text)
    if asked or said is None:  # a statement's own reply needs no phrasing looked up
        match = matching.best(content, text)
        if match is not None and match.confident:
            return topic_reply(content, match.topic, seen=seen, understood=asked)
    if said is None:
        return fallback_reply(content)
    if said in content.topics:
        return topic_reply(content, said, seen=seen, understood=False)
    return simple_reply(content, said, understood=False)


def catch_all_reply(content: Content, text: str | None, seen: tuple[str, ...] = (), *, asks: bool) -> Reply:
    """Words the interaction model placed nowhere (the catch-all's), once screened: the decline of the advice
    they ask for, else what free text no keyword named gets. Only a question (``asks``) is understood; a
    statement that names a topic hears it after the 911 opener. Topic keywords are not tried: said whole,
    without a carrier, they match too loosely."""
    from itb_skill import advice  # only free text needs it: not imported at a cold start

    hit = advice.recognise(text)
    if hit is not None and hit.topic in content.topics:
        return topic_reply(content, hit.topic, seen=seen, understood=asks)
    return _unplaced_reply(content, text, seen, asked=asks)


def fallback_reply(content: Content) -> Reply:
    """What the skill says to anything it cannot place: the help-like fallback, counted as a fallback.
    Not remembered: "say that again" after it repeats the last real answer."""
    reply = simple_reply(content, "fallback", outcome=Outcome.FALLBACK, understood=False)
    reply.ref = None
    return reply


def _is_topic(content: Content, topic_id: object) -> bool:
    return isinstance(topic_id, str) and topic_id in content.topics


def is_topic_answer(ref: object) -> bool:
    """Whether a (checked) reference names a part of a topic, as opposed to a content string."""
    return isinstance(ref, dict) and "part" in ref


def checked_ref(content: Content, ref: object) -> dict[str, Any] | None:
    """``ref`` if it names a reply the skill could have said from ``content`` (a copy), else None.
    References come back from the device: every key and value is checked."""
    if not isinstance(ref, dict):
        return None
    key, topic_id = ref.get("key"), ref.get("topic")
    if key is None:
        part = ref.get("part")
        if set(ref) != {"topic", "part"} or not isinstance(topic_id, str) or not _is_topic(content, topic_id):
            return None
        if type(part) is not int:
            return None
        return {"topic": topic_id, "part": part} if 0 <= part < len(content.topics[topic_id].parts) else None
    if not isinstance(key, str):
        return None
    if key == "welcome_back_offer":  # the only key that needs a topic (to fill {offer})
        ok = set(ref) == {"key", "topic"} and _is_topic(content, topic_id)
        return {"key": key, "topic": topic_id} if ok else None
    if set(ref) != {"key"}:
        return None
    text = content.strings.get(key)
    # Only a whole reply: a string with its own reprompt and no placeholder that another builder fills.
    if text is None or f"{key}_reprompt" not in content.strings or "{" + OFFER_FILL + "}" in text:
        return None
    return {"key": key}


def rebuild(content: Content, ref: object) -> Reply | None:
    """The reply ``ref`` names (a ``Reply.ref``), rendered again from ``content``; None when ``ref`` names
    nothing the skill could have said."""
    ref = checked_ref(content, ref)
    if ref is None:
        return None
    if "part" in ref:
        return topic_reply(content, ref["topic"], ref["part"])
    if ref["key"] in ("welcome_back", "welcome_back_offer"):
        return welcome_back_reply(content, ref.get("topic"))
    if ref["key"] == "forget_me_confirm":
        return forget_me_confirm_reply(content)
    return simple_reply(content, ref["key"])


def checked_offer(content: Content, offer: object) -> dict[str, Any] | None:
    """``offer`` if the skill could have made it (a part of a topic, or the forget-me question), else None."""
    if offer == FORGET_ME_OFFER:
        return dict(FORGET_ME_OFFER)
    if not isinstance(offer, dict) or set(offer) != {"topic", "part"}:
        return None
    return checked_ref(content, offer)


def checked_seen(content: Content, seen: object) -> list[str] | None:
    """``seen`` if it lists only content topic ids, at most ``MAX_SEEN`` of them; else None."""
    if not isinstance(seen, list) or not seen or len(seen) > MAX_SEEN:
        return None
    if not all(_is_topic(content, topic_id) for topic_id in seen):
        return None
    return list(seen)


def checked_pace(pace: object) -> str | None:
    return pace if isinstance(pace, str) and pace in PACE_RATES else None


def again_reply(content: Content, ref: object, offer: object, lead_in: str | None = None) -> Reply | None:
    """The reply ``ref`` names said again (after ``lead_in``), from content; None if it names nothing.

    A topic part brings its own offer back ("want to hear more?"); any other reply keeps ``offer``, what
    "yes" would play now (the forget-me question stays a question)."""
    reply = rebuild(content, ref)
    if reply is None:
        return None
    if lead_in is not None:
        reply.speech = f"{lead_in} {reply.speech}"
    if OFFER not in reply.attributes and offer:
        reply.attributes = {OFFER: offer}
    return reply


# ---- the talk around the answers: yes, repeat, forget me ----


def yes_reply(content: Content, attributes: dict[str, Any]) -> Reply:
    """ "Yes": the part of a topic that was offered; else nothing was offered (not understood: 911 first)."""
    offer = attributes.get(OFFER)
    if isinstance(offer, dict) and offer.get("topic") in content.topics:
        part = offer.get("part", 0)
        return topic_reply(
            content, offer["topic"], part if isinstance(part, int) else 0, seen_topics(attributes)
        )
    return simple_reply(content, "nothing_offered", understood=False)


def repeat_reply(content: Content, attributes: dict[str, Any]) -> Reply:
    """ "Repeat": the last answer again, rendered from its reference; else that there is nothing to repeat."""
    reply = again_reply(content, attributes.get(LAST), attributes.get(OFFER))
    if reply is None:
        reply = simple_reply(content, "nothing_to_repeat", understood=False)
        reply.ref = None  # a repeat of nothing is not an answer to repeat
    return reply


def forget_me_answer_reply(content: Content, agreed: bool, forgotten: bool) -> Reply:
    """The answer to "Should I delete that now?": kept (no), deleted, or the deletion failed."""
    if not agreed:
        return simple_reply(content, "forget_me_kept")
    return simple_reply(content, "forgotten" if forgotten else "forget_me_failed")
