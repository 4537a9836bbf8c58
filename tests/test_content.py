"""The content file: short answers, real sections, known placeholders, nothing copied from the page."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from itb_skill import content, speech
from itb_skill.speech import to_card, to_ssml

ROOT = Path(__file__).resolve().parent.parent
# Copies of the two sources (the hospital's patient page; the FDA label and pump maker's facts, only for
# withdrawal, overdose, alarms, refills and stopping), kept so the checks run on any machine.
PAGE_COPY = ROOT / "tests" / "data" / "baclofen-pump-therapy.txt"
SAFETY_FACTS_COPY = ROOT / "tests" / "data" / "itb-safety-facts.md"
SOURCE_DIGESTS = ROOT / "tests" / "data" / "SHA256SUMS"
MAX_WORDS = 50
COPY_RUN = 8

# The page's headings, and the label of its one section without a heading (services for Deaf and
# hard-of-hearing people), which must be a phrase the page itself uses.
HEADINGS = (
    "Baclofen Pump Therapy",
    "Is baclofen pump therapy right for me?",
    "Baclofen pump therapy surgery: What to expect",
    "Is baclofen pump therapy safe?",
    "Make an appointment",
)
HEARING_SECTION = "Deaf or hard-of-hearing patients and visitors"

TEXTS = content.load("en-US")
RAW = json.loads((ROOT / "lambda" / "content" / "en-US.json").read_text(encoding="utf-8"))
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def page_text() -> str:
    # The page is kept in the repository so the check runs on a fresh machine too.
    return PAGE_COPY.read_text(encoding="utf-8")


def safety_facts_text() -> str:
    return SAFETY_FACTS_COPY.read_text(encoding="utf-8")


def safety_facts_sections() -> set[str]:
    """The safety facts' "## " headings without their citation ("## Too much baclofen (overdose) — ..."),
    except the list of documents itself and the rules for the skill."""
    headings = {
        line[3:].split(" — ")[0].strip()
        for line in safety_facts_text().splitlines()
        if line.startswith("## ")
    }
    return headings - {"Sources", "What the skill must never do with these facts"}


def known_sources() -> set[str]:
    return {f"page: {heading}" for heading in (*HEADINGS, HEARING_SECTION)} | {
        f"safety facts: {heading}" for heading in safety_facts_sections()
    }


def words(text: str) -> list[str]:
    text = text.lower().replace("\u00ae", " ").replace("\u2019", "'")
    return re.findall(r"[a-z0-9']+", text)


def spoken_words(part: str) -> list[str]:
    """Words of one speech part as heard: a phone number counts as one word, pauses as none."""
    part = part.replace("{pause}", " ")
    part = PLACEHOLDER.sub(" number ", part)
    return words(part)


def all_texts() -> list[tuple[str, str]]:
    """(where, text) for every speech part, card and string in the file."""
    found = []
    for topic in TEXTS.topics.values():
        found += [(f"{topic.id} part {n}", part) for n, part in enumerate(topic.parts, 1)]
        found += [(f"{topic.id} card", topic.card), (f"{topic.id} title", topic.title)]
        found += [(f"{topic.id} offer", topic.offer)]
    found += [(f"string {key}", value) for key, value in TEXTS.strings.items()]
    return found


def test_the_kept_copies_are_the_sources_they_were_copied_from():
    # tests/data/SHA256SUMS holds the digests of the shared sources; `make review` checks them against the
    # sources it reads (sha256sum -c), so a changed source fails there and its new copy must be kept here.
    lines = SOURCE_DIGESTS.read_text(encoding="utf-8").splitlines()
    recorded = {name: digest for digest, name in (line.split() for line in lines)}
    assert set(recorded) == {PAGE_COPY.name, SAFETY_FACTS_COPY.name}
    for kept in (PAGE_COPY, SAFETY_FACTS_COPY):
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == recorded[kept.name], kept.name


@pytest.mark.parametrize("heading", HEADINGS)
def test_each_known_heading_is_a_line_of_the_page(heading):
    lines = [line.strip() for line in page_text().splitlines()]
    assert heading in lines


def test_the_hearing_section_label_is_the_pages_own_phrase():
    assert HEARING_SECTION in page_text()


def test_the_safety_facts_have_the_sections_the_skill_may_use():
    assert safety_facts_sections() == {
        "Stopping suddenly (withdrawal)",
        "Too much baclofen (overdose)",
        "Pump alarms and refills",
    }


@pytest.mark.parametrize("topic_id", sorted(TEXTS.topics))
def test_every_topic_names_its_sources_and_each_is_a_real_section(topic_id):
    sources = TEXTS.topics[topic_id].sources
    assert sources, f"{topic_id} names no source"
    assert set(sources) <= known_sources(), set(sources) - known_sources()


@pytest.mark.parametrize("topic_id", sorted(TEXTS.topics))
def test_every_speech_part_is_short_enough_to_follow(topic_id):
    topic = TEXTS.topics[topic_id]
    assert topic.parts, "a topic says something"
    for part in topic.parts:
        count = len(spoken_words(part))
        assert 0 < count <= MAX_WORDS, f"{topic_id}: {count} words: {part}"


@pytest.mark.parametrize("topic_id", sorted(TEXTS.topics))
def test_every_topic_has_a_title_card_and_offer(topic_id):
    topic = TEXTS.topics[topic_id]
    assert topic.title.strip() and topic.card.strip() and topic.offer.strip()
    assert len(to_card(topic.card, TEXTS.phones)) < 1000


def test_every_follow_up_is_a_topic_and_never_the_topic_itself():
    for topic in TEXTS.topics.values():
        if topic.follow_up is not None:
            assert topic.follow_up in TEXTS.topics, topic.id
            assert topic.follow_up != topic.id


def test_every_placeholder_is_one_the_renderer_fills():
    """A phone, {pause}, or text a reply brings ({offer}); tests/test_placeholders.py checks that every reply
    the skill builds brings the text its own placeholders need."""
    text_fills = dict.fromkeys(speech.TEXT_FILLS, "")
    for where, text in all_texts():
        unknown = speech.unknown_placeholders(text, TEXTS.phones, text_fills)
        assert not unknown, f"{where}: unknown placeholder {unknown}"


def test_phone_numbers_are_written_only_as_placeholders():
    digits = re.compile(r"\d{3}\D{0,2}\d{3}\D?\d{4}")
    for where, text in all_texts():
        assert not digits.search(text), f"{where}: write the number as a placeholder"


def source_runs() -> set[tuple[str, ...]]:
    """Every run of ``COPY_RUN`` words of both sources."""
    runs = set()
    for text in (page_text(), safety_facts_text()):
        said = words(text)
        runs |= {tuple(said[i : i + COPY_RUN]) for i in range(len(said) - COPY_RUN + 1)}
    return runs


def test_no_run_of_eight_words_is_copied_from_either_source():
    page_runs = source_runs()
    copied = []
    for where, text in all_texts():
        said = words(to_card(text, TEXTS.phones))
        for i in range(len(said) - COPY_RUN + 1):
            if tuple(said[i : i + COPY_RUN]) in page_runs:
                copied.append(f"{where}: {' '.join(said[i : i + COPY_RUN])}")
    assert not copied, "\n".join(copied)


@pytest.mark.parametrize(
    "sentence",
    [
        "Baclofen reduces muscle hyperactivity and allows for more normal muscle movements.",
        "On hearing an alarm, contact the doctor who manages the pump right away.",
    ],
)
def test_the_copy_check_would_catch_a_copied_sentence(sentence):
    runs = source_runs()
    copied = words(sentence)
    assert any(tuple(copied[i : i + COPY_RUN]) in runs for i in range(len(copied) - COPY_RUN + 1))


@pytest.mark.parametrize("topic_id", sorted(TEXTS.topics))
def test_every_part_renders_to_well_formed_ssml(topic_id):
    for part in TEXTS.topics[topic_id].parts:
        for pace in ("normal", "slow"):
            root = ElementTree.fromstring(to_ssml(part, TEXTS.phones, pace))
            assert root.tag == "speak"
            assert "{" not in "".join(root.itertext())


def routed_topics() -> set[str]:
    found = set()
    for route in TEXTS.intents.values():
        found |= {route.topic, route.otherwise, route.empty} | set((route.by_id or {}).values())
    return found - {None}


def test_every_route_leads_to_a_topic():
    assert routed_topics() <= set(TEXTS.topics)


def test_every_topic_is_reachable_from_an_intent_or_a_follow_up():
    reachable = routed_topics()
    frontier = list(reachable)
    while frontier:
        follow_up = TEXTS.topics[frontier.pop()].follow_up
        if follow_up and follow_up not in reachable:
            reachable.add(follow_up)
            frontier.append(follow_up)
    assert set(TEXTS.topics) - reachable == set()


def test_the_file_keeps_every_string_the_code_uses():
    for key in (
        "welcome",
        "help",
        "fallback",
        "start_over",
        "goodbye",
        "declined",
        "nothing_offered",
        "nothing_to_repeat",
        "more_prompt",
        "more_reprompt",
        "offer_prompt",
        "offer_reprompt",
        "anything_else",
    ):
        assert RAW["strings"][key].strip()


def test_the_email_address_hidden_on_the_page_is_never_invented():
    for where, text in all_texts():
        assert "@" not in text, where
        assert not re.search(r"\b[a-z]+\.(org|com|net)\b", text.lower()), where


# ---- clinical review (issue 12): patterns that must hold across all content, not only the examples ----


@pytest.mark.parametrize("topic_id", sorted(TEXTS.topics))
def test_no_answer_opens_with_yes_or_no(topic_id):
    # A topic answers many phrasings: "Yes, bleeding is ..." is heard as a yes to "is bleeding normal",
    # "does he have meningitis" or "what is ...". Answers start with their subject instead.
    for part in TEXTS.topics[topic_id].parts:
        assert not re.match(r"(yes|no)\b", part.strip().lower()), part


# Wording that presumes the person asking is the patient, when a caregiver may be asking about someone else.
PATIENT_ONLY = re.compile(r"\byour own\b|\bif you're already\b|\byour (medicines|doses|pills|pump)\b", re.I)


def test_answers_fit_a_caregiver_asking_about_someone_else():
    for where, text in all_texts():
        assert not PATIENT_ONLY.search(text), f"{where}: {text}"


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.?!])\s+", text)


def test_the_appointment_line_is_a_scheduling_line_never_the_care_teams_number():
    for where, text in all_texts():
        for sentence in sentences(text):
            if "{appointments}" in sentence:
                assert not re.search(r"care team|doctor|nurse|reach them", sentence, re.I), (
                    f"{where}: {sentence}"
                )


# Words too common to decide a topic on their own: "my son had the pump put in last week" is not about the
# battery's life, "he can't sleep" not about anesthesia, "my stomach hurts" not about where the pump goes.
GENERIC_WORDS = {
    "who", "what", "when", "where", "how", "why", "last", "week", "weeks", "day", "days", "time",
    "long", "big", "small", "large", "good", "bad", "normal", "sleep", "hurt", "hurts", "pain",
    "painful", "stomach", "belly", "back", "leg", "legs", "body", "feel", "show", "bump", "common",
    "manage", "managed", "covered", "pay", "bill", "money", "test", "result", "help", "fill", "filled",
    "medicine", "safe", "place", "placed", "location", "position", "put",
}  # fmt: skip


@pytest.mark.parametrize("topic_id", sorted(TEXTS.topics))
def test_no_topic_is_chosen_by_one_common_word_alone(topic_id):
    single = {keyword for keyword in TEXTS.topics[topic_id].keywords if " " not in keyword}
    assert single & GENERIC_WORDS == set()


# ---- every answer heard in under 20 s (make voice-check measures it with espeak-ng; this is its budget) ----
# Measured with espeak-ng (issue 12): about 0.35 s a word and 3 s for a phone number read digit by digit,
# so an answer and the prompt after it stay under 20 s, with a margin, at 53 heard words (a phone number: 8).
HEARD_WORDS_BUDGET = 53
PHONE_AS_WORDS = 8


def heard_words(text: str) -> int:
    phones = len(re.findall(r"\{(?:" + "|".join(TEXTS.phones) + r")\}", text))
    text = PLACEHOLDER.sub(" ", text).replace("911", "nine one one")
    return len(words(text)) + PHONE_AS_WORDS * phones


def prompt_after(topic_id: str, part: int) -> str:
    topic = TEXTS.topics[topic_id]
    if part + 1 < len(topic.parts):
        return TEXTS.text("more_prompt")
    if topic.follow_up:
        return TEXTS.text("offer_prompt").replace("{offer}", TEXTS.topics[topic.follow_up].offer)
    return TEXTS.text("anything_else")


@pytest.mark.parametrize("topic_id", sorted(TEXTS.topics))
def test_every_answer_and_its_prompt_fit_the_twenty_second_budget(topic_id):
    for n, part in enumerate(TEXTS.topics[topic_id].parts):
        said = f"{part} {prompt_after(topic_id, n)}"
        assert heard_words(said) <= HEARD_WORDS_BUDGET, f"{topic_id} part {n + 1}: {heard_words(said)} words"
