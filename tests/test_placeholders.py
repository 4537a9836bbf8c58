"""One renderer fills every placeholder, and every reply the skill builds brings what its placeholders need.

A placeholder nothing fills is never spoken as braces: it is dropped, so "Would you like to hear {offer}?"
with the offer forgotten would be heard as "Would you like to hear ?". These tests find it first.
"""

from __future__ import annotations

import pytest

from itb_skill import answers, content, speech

TEXTS = content.load("en-US")


def built_replies() -> list[tuple[str, speech.Reply]]:
    """(where, reply) for every reply ``answers`` builds from the content: each part of each topic, with its
    offer or without (everything heard already), every welcome back, every whole reply of the strings."""
    found = []
    every_topic = tuple(TEXTS.topics)
    for topic_id, topic in TEXTS.topics.items():
        for part in range(len(topic.parts)):
            found.append((f"topic {topic_id} part {part}", answers.topic_reply(TEXTS, topic_id, part)))
        last = len(topic.parts) - 1
        all_heard = answers.topic_reply(TEXTS, topic_id, last, every_topic)
        found.append((f"topic {topic_id}, all heard", all_heard))
        found.append((f"welcome back after {topic_id}", answers.welcome_back_reply(TEXTS, topic_id)))
    found.append(("welcome back", answers.welcome_back_reply(TEXTS, None)))
    for key in TEXTS.strings:
        if f"{key}_reprompt" in TEXTS.strings and answers.checked_ref(TEXTS, {"key": key}) is not None:
            found.append((f"string {key}", answers.rebuild(TEXTS, {"key": key})))
    found += [
        ("fallback", answers.fallback_reply(TEXTS)),
        ("forget me", answers.forget_me_confirm_reply(TEXTS)),
        ("error", answers.error_reply()),
        ("emergency", answers.emergency_reply("emergency")),
        ("crisis", answers.emergency_reply("crisis")),
    ]
    return found


@pytest.mark.parametrize(("where", "reply"), built_replies(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_reply_fills_every_placeholder_it_says(where, reply):
    for text in (reply.speech, reply.reprompt, reply.card_text, reply.card_title):
        if text:
            assert not speech.unknown_placeholders(text, TEXTS.phones, reply.fills), (where, text)


def test_an_offer_is_said_with_the_offered_topic():
    reply = answers.topic_reply(TEXTS, "surgery_length")
    offered = TEXTS.topics[TEXTS.topics["surgery_length"].follow_up].offer
    assert "{offer}" in reply.speech and reply.fills == {"offer": offered}
    heard = speech.ssml_to_text(speech.to_ssml(reply.speech, TEXTS.phones, fills=reply.fills))
    assert heard.endswith(f"Would you like to hear {offered}?")


def test_a_forgotten_fill_and_an_unknown_name_are_found():
    offer_prompt = TEXTS.text("offer_prompt")
    assert speech.unknown_placeholders(offer_prompt, TEXTS.phones) == {"offer"}  # nothing brought the offer
    assert speech.unknown_placeholders("Call {apointments} now.", TEXTS.phones) == {"apointments"}
    assert not speech.unknown_placeholders("Call {appointments}.{pause}", TEXTS.phones)
    # ... and neither is ever spoken as braces
    assert "{" not in speech.to_ssml("Would you like to hear {offer}? Call {apointments}.", TEXTS.phones)


def test_filled_text_is_escaped_and_read_like_the_rest():
    ssml = speech.to_ssml("Hear {offer}?", fills={"offer": "what 911 & <b> mean"})
    assert ssml == '<speak>Hear what <say-as interpret-as="digits">911</say-as> &amp; &lt;b&gt; mean?</speak>'
