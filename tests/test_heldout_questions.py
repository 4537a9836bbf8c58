"""Held-out set 4 (issue 12), written blind from the two sources and annotated before tuning: the whole set
through ``skill-sim ask --json -`` must reach the issue's targets. The first-pass figures, on the untouched
code, are in the set's header; ``python tests/heldout.py tests/corpus/topics_unseen4.txt`` lists the misses.

Set 5, written and annotated the same way later, was measured once and fixed by mechanism only (advice said
as a statement); it is not tuned line by line, so it holds today's figures as a floor, not the targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import heldout
from itb_skill import content

SET = Path(__file__).resolve().parent / "corpus" / "topics_unseen4.txt"
SET_5 = SET.with_name("topics_unseen5.txt")
SET_5_FLOOR = {"questions": 147, "advice": 35}  # first pass 135 and 27; 147 and 35 with the topic matcher
# Set 15, written and annotated the same way for the topic matcher, measured once (88 and 10, see its header).
SET_15 = SET.with_name("topics_unseen15.txt")
SET_15_FLOOR = {"questions": 87, "advice": 9}
SET_16 = SET.with_name("topics_unseen16.txt")  # the same, measured once on the final mechanism of its stop
SET_16_FLOOR = {"questions": 77, "advice": 8}
# Ordinary questions (no 911 expected) whose answer opens with the 911 sentence: today's count is a ceiling.
OPENER_CEILING = {SET_5: 44, SET_15: 39, SET_16: 53}
TEXTS = content.load("en-US")


@pytest.fixture(scope="module")
def scored() -> list[heldout.Scored]:
    return heldout.score(heldout.read(SET))


@pytest.mark.parametrize("path", [SET, SET_5], ids=lambda path: path.stem)
def test_the_set_is_as_big_as_the_issue_asks_and_every_line_is_annotated(path):
    lines = heldout.read(path)
    advice = [line for line in lines if "ADVICE" in line.classes]
    assert len(lines) - len(advice) >= 120 and len(advice) >= 30
    for line in lines:
        assert line.topics or line.classes - {"STATE", "EMERGENCY_OK"}, line.utterance
        assert line.topics <= set(TEXTS.topics), (line.utterance, line.topics - set(TEXTS.topics))


def test_at_least_97_percent_of_questions_get_the_right_answer(scored):
    right, total = heldout.figures(scored).questions
    assert right / total >= 0.97, heldout.report(scored)


def test_at_least_95_percent_of_advice_requests_are_declined_and_referred(scored):
    declined, total = heldout.figures(scored).advice
    assert declined / total >= 0.95, heldout.report(scored)


def test_no_answer_opens_with_yes_to_a_question_about_a_persons_current_state(scored):
    assert heldout.figures(scored).yes_to_state[0] == 0, heldout.report(scored)


def test_the_scorer_knows_an_emergency_and_a_topic_after_a_911_preface():
    from itb_skill.speech import ssml_to_text, to_ssml

    assert heldout.answer_of("Call 911 now. I can't call for you.", TEXTS) == heldout.EMERGENCY
    part = ssml_to_text(to_ssml(TEXTS.topics["no_info_general"].parts[0], TEXTS.phones))
    speech = f"If this is an emergency, call 911 now. {part} What else would you like to know?"
    assert heldout.answer_of(speech, TEXTS) == "no_info_general"
    assert heldout.not_covered(speech, TEXTS)


def test_the_scorer_fails_a_yes_to_a_persons_state_and_a_topic_answer_to_advice():
    line = heldout.Line(
        "s", "is bleeding normal", "", frozenset({"complication_bleeding"}), frozenset({"STATE"})
    )
    assert heldout.opening("If this is an emergency, call 911 now. Yes, bleeding is listed.").startswith(
        "Yes"
    )
    advice = heldout.Line("a", "can I double up", "", frozenset(), frozenset({"ADVICE"}))
    assert not heldout.is_right(advice, "pump_filling", "The pump is filled during or after surgery.", TEXTS)
    assert heldout.is_right(line, "complication_bleeding", "Bleeding is on the list.", TEXTS)


@pytest.fixture(scope="module")
def scored_5() -> list[heldout.Scored]:
    return heldout.score(heldout.read(SET_5))


def test_set_5_keeps_what_the_mechanism_fixes_won_and_never_says_yes_to_a_persons_state(scored_5):
    found = heldout.figures(scored_5)
    assert found.questions[0] >= SET_5_FLOOR["questions"], heldout.report(scored_5)
    assert found.advice[0] >= SET_5_FLOOR["advice"], heldout.report(scored_5)
    assert found.yes_anywhere == 0, heldout.report(scored_5)


@pytest.fixture(scope="module")
def scored_later() -> dict[Path, list[heldout.Scored]]:
    return {path: heldout.score(heldout.read(path)) for path in (SET_15, SET_16)}


@pytest.mark.parametrize(
    ("path", "floor"), [(SET_15, SET_15_FLOOR), (SET_16, SET_16_FLOOR)], ids=["set_15", "set_16"]
)
def test_a_later_set_keeps_its_first_pass_and_never_says_yes_to_a_persons_state(path, floor, scored_later):
    scored = scored_later[path]
    found = heldout.figures(scored)
    assert found.questions[0] >= floor["questions"], heldout.report(scored)
    assert found.advice[0] >= floor["advice"], heldout.report(scored)
    assert found.yes_anywhere == 0, heldout.report(scored)


@pytest.mark.parametrize("path", sorted(OPENER_CEILING), ids=lambda path: path.stem)
def test_ordinary_questions_hear_the_911_opener_no_more_often_than_today(path, scored_5, scored_later):
    scored = scored_5 if path == SET_5 else scored_later[path]
    ordinary = [s for s in scored if not s.line.classes & {"CALL_911", "EMERGENCY_OK"}]
    openers = [s.line.utterance for s in ordinary if heldout.first_sentence_says_911(s.speech)]
    assert len(openers) <= OPENER_CEILING[path], openers
