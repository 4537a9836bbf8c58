"""Score an annotated held-out question set: which answer each line got, and whether it was right.

A set is a corpus file (``tests/corpus/topics_unseen4.txt``) whose lines read

    utterance || what a correct answer must contain (the writer's note) || expected

``expected`` is decided from the note, before tuning: the topic ids that are right answers, and classes:

- ``ADVICE``: a personal medical decision; right when the answer declines it as medical advice and refers
  to the care team (and, if topic ids are given too, is one of them);
- ``NOT_COVERED``: neither source answers; right when the answer says "I don't have ..." and gives the
  appointment line (and is one of the topic ids given);
- ``CALL_911``: right when the answer's first sentence tells to call 911;
- ``EMERGENCY_OK``: the emergency response ("Call 911 now.") is right too;
- ``STATE``: the question asks about a person's current state: the answer must never open with "Yes".

Run it on its own to print the figures: ``.venv/bin/python tests/heldout.py tests/corpus/topics_unseen4.txt``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "lambda"), str(ROOT / "tools")]

import corpora  # noqa: E402
from itb_skill import content  # noqa: E402
from itb_skill.speech import ssml_to_text, to_ssml  # noqa: E402

CLASSES = {"ADVICE", "NOT_COVERED", "CALL_911", "EMERGENCY_OK", "STATE"}
EMERGENCY = "EMERGENCY"
SKILL_SIM = Path(sys.executable).parent / "skill-sim"


class Line(NamedTuple):
    section: str
    utterance: str
    note: str
    topics: frozenset[str]
    classes: frozenset[str]


class Scored(NamedTuple):
    line: Line
    answer: str  # topic id, "string:<key>", EMERGENCY or "unknown"
    speech: str
    right: bool
    yes_opener: bool  # the answer (after any 911 preface) opens with "Yes"


def read(path: Path) -> list[Line]:
    """A held-out set: ``utterance || note || expected`` lines, read by the one corpus reader."""
    lines = []
    for line in corpora.read(path):
        note, expected = (part.strip() for part in (line.expected or "").split("||"))
        tokens = set(expected.split())
        lines.append(
            Line(line.section, line.utterance, note, frozenset(tokens - CLASSES), frozenset(tokens & CLASSES))
        )
    return lines


def ask(utterances: list[str]) -> list[dict]:
    """``skill-sim ask --json -``: each utterance a one-shot session, as a user would open the skill."""
    done = subprocess.run(
        [str(SKILL_SIM), "ask", "--json", "-"],
        input="\n".join(utterances) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def _heard(text: str, texts: content.Content) -> str:
    return ssml_to_text(to_ssml(text, texts.phones))


def _known_answers(texts: content.Content) -> list[tuple[str, str]]:
    """(answer id, what is heard) for every topic part and string, longest first."""
    known = [(topic.id, _heard(part, texts)) for topic in texts.topics.values() for part in topic.parts]
    known += [(f"string:{key}", _heard(value, texts)) for key, value in texts.strings.items()]
    return sorted(known, key=lambda item: -len(item[1]))


def answer_of(speech: str, texts: content.Content) -> str:
    if speech.startswith("Call 911 now."):
        return EMERGENCY
    for answer, heard in _known_answers(texts):
        if heard and heard in speech:
            return answer
    return "unknown"


_SENTENCE = re.compile(r"(?<=[.?!])\s+")


def opening(speech: str) -> str:
    """The answer without a leading sentence that only points to 911 ("If this is an emergency, ...")."""
    sentences = _SENTENCE.split(speech)
    while len(sentences) > 1 and "911" in sentences[0]:
        sentences.pop(0)
    return " ".join(sentences)


def declined_and_referred(speech: str) -> bool:
    return bool(re.search(r"\bcan(no|')t give (personal )?medical advice", speech)) and "care team" in speech


def not_covered(speech: str, texts: content.Content) -> bool:
    return "I don't have" in speech and texts.phones["appointments"].spoken in speech


def first_sentence_says_911(speech: str) -> bool:
    return "911" in _SENTENCE.split(speech)[0]


def is_right(line: Line, answer: str, speech: str, texts: content.Content) -> bool:
    if "ADVICE" in line.classes:
        return declined_and_referred(speech) and (not line.topics or answer in line.topics)
    if "NOT_COVERED" in line.classes:
        return not_covered(speech, texts) and (not line.topics or answer in line.topics)
    if "CALL_911" in line.classes:
        return first_sentence_says_911(speech)
    return answer in line.topics or ("EMERGENCY_OK" in line.classes and answer == EMERGENCY)


def score(lines: list[Line], texts: content.Content | None = None) -> list[Scored]:
    texts = texts or content.load("en-US")
    heard = ask([line.utterance for line in lines])
    assert [h["utterance"] for h in heard] == [line.utterance for line in lines]
    scored = []
    for line, h in zip(lines, heard, strict=True):
        speech = h["speech"] or ""
        answer = answer_of(speech, texts)
        yes = opening(speech).lower().startswith("yes")
        scored.append(Scored(line, answer, speech, is_right(line, answer, speech, texts), yes))
    return scored


class Figures(NamedTuple):
    questions: tuple[int, int]  # right, of (covered and not covered)
    covered: tuple[int, int]
    not_covered: tuple[int, int]
    advice: tuple[int, int]  # declined and referred, of
    yes_to_state: tuple[int, int]  # answers opening "Yes" to a question about a person's state, of
    yes_anywhere: int  # answers opening "Yes" to any line
    emergencies: int  # lines answered with the emergency response


def figures(scored: list[Scored]) -> Figures:
    def count(rows):
        rows = list(rows)
        return sum(s.right for s in rows), len(rows)

    advice = [s for s in scored if "ADVICE" in s.line.classes]
    questions = [s for s in scored if "ADVICE" not in s.line.classes]
    state = [s for s in scored if "STATE" in s.line.classes]
    return Figures(
        questions=count(questions),
        covered=count(s for s in questions if "NOT_COVERED" not in s.line.classes),
        not_covered=count(s for s in questions if "NOT_COVERED" in s.line.classes),
        advice=(sum(declined_and_referred(s.speech) for s in advice), len(advice)),
        yes_to_state=(sum(s.yes_opener for s in state), len(state)),
        yes_anywhere=sum(s.yes_opener for s in scored),
        emergencies=sum(s.answer == EMERGENCY for s in scored),
    )


def report(scored: list[Scored]) -> str:
    f = figures(scored)

    def pct(pair):
        return f"{pair[0]}/{pair[1]} ({100 * pair[0] / pair[1]:.1f}%)" if pair[1] else "0/0"

    out = [
        f"questions with the right answer: {pct(f.questions)}"
        f" [covered {pct(f.covered)}, not covered {pct(f.not_covered)}]",
        f"advice requests declined and referred: {pct(f.advice)}",
        f"'Yes' openers to a question about a person's current state: {f.yes_to_state[0]}"
        f" of {f.yes_to_state[1]} (to any line: {f.yes_anywhere})",
        f"answered with the emergency response: {f.emergencies}",
        "",
        "misses:",
    ]
    for s in scored:
        if not s.right or ("STATE" in s.line.classes and s.yes_opener):
            expected = " ".join(sorted(s.line.classes | s.line.topics))
            out.append(f"  [{s.line.section}] {s.line.utterance} -> {s.answer} (want {expected})")
    return "\n".join(out)


if __name__ == "__main__":
    print(report(score(read(Path(sys.argv[1])))))
