"""The clinician sign-off report as data: every answer, grouped by the source it rests on, with the source
sentences beside it, its flags, its length and the questions that reach it."""

from __future__ import annotations

import datetime
import math
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from review import approval, catalog, flags, heard, questions, sources

SHOWN_SENTENCES = 3  # closest source sentences shown beside an answer (the whole section is one click away)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "is",
        "are",
        "be",
        "it",
        "its",
        "this",
        "that",
        "with",
        "as",
        "at",
        "by",
        "from",
        "can",
        "may",
        "will",
        "you",
        "your",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "us",
        "i",
        "me",
        "my",
        "if",
        "so",
        "not",
        "no",
        "do",
        "does",
        "what",
        "how",
        "who",
        "when",
        "which",
        "there",
        "about",
        "into",
        "than",
        "then",
        "also",
        "any",
        "some",
        "more",
        "most",
        "just",
        "one",
    ]
)


class Entry(NamedTuple):
    answer: catalog.Answer
    seconds: float
    slow_seconds: float
    sections: list[sources.Section]  # cited (empty when the answer cites none)
    closest: list[tuple[sources.Section, str]]  # sentences shown beside the answer
    flags: list[flags.Flag]
    questions: list[questions.Question]


class Group(NamedTuple):
    title: str
    intro: str
    entries: list[Entry]


class Report(NamedTuple):
    groups: list[Group]
    generated: str
    content_file: str
    content_sha256: str
    answers_sha256: str
    sources: sources.Sources
    verdict: approval.Verdict
    record: approval.Record | None
    timing_method: str
    questions_total: int
    questions_unmatched: int

    @property
    def entries(self) -> list[Entry]:
        return [entry for group in self.groups for entry in group.entries]

    def flag_counts(self) -> Counter:
        return Counter((flag.rule, flag.level) for entry in self.entries for flag in entry.flags)


def _timer(measure: bool):
    """(seconds of an SSML at normal pace, how it was measured)."""
    if measure and shutil.which("espeak-ng") and shutil.which("sox"):
        from voice import tts

        return (lambda ssml: tts.synthesize(ssml).seconds), (
            "measured with espeak-ng at 175 words a minute, as make voice-check measures"
        )
    return heard.seconds, f"estimated at {heard.WORDS_PER_MINUTE} words a minute with pauses"


def _words(text: str) -> set[str]:
    return {
        w for w in re.findall(r"[a-z]+|\d+", text.lower()) if w not in _STOP and (len(w) > 2 or w.isdigit())
    }


def closest_sentences(text: str, candidates: list[sources.Section], limit: int = SHOWN_SENTENCES):
    """The sentences of ``candidates`` that share the most words with ``text`` (a rare word counts more, a
    number most), in the sources' order."""
    wanted = _words(text)
    every = [_words(sentence) for section in candidates for sentence in section.sentences]
    weight = {word: math.log((1 + len(every)) / (1 + sum(word in s for s in every))) + 1 for word in wanted}
    for word in wanted:
        if word.isdigit():  # a number said in both is the strongest sign the sentence is the source ("911")
            weight[word] *= 3
    scored = []
    order = 0
    for section in candidates:
        for sentence in section.sentences:
            score = sum(weight[w] for w in wanted & _words(sentence))
            if score:
                scored.append((score, order, section, sentence))
            order += 1
    best = sorted(scored, key=lambda item: (-item[0], item[1]))[:limit]
    return [(section, sentence) for _, _, section, sentence in sorted(best, key=lambda item: item[1])]


def build(
    content_file: Path = catalog.CONTENT_FILE,
    source_dir: Path | None = None,
    record_file: Path = approval.RECORD,
    measure: bool = False,
    with_questions: bool = True,
) -> Report:
    raw = catalog.raw_content(content_file)
    found = catalog.build(content_file)
    refs = [a.source_ref for a in found if a.source_ref is not None]
    docs = sources.Sources(sources.find_dir(source_dir), refs)
    elsewhere = {section.label: section.text for section in docs.all_sections()}
    terms = flags.medical_terms()
    timer, method = _timer(measure)

    reached: dict[str, list[questions.Question]] = {}
    total = unmatched = 0
    if with_questions:
        asked = questions.model_utterances(content=raw) + questions.corpus_utterances()
        reached, unmatched = questions.reached(asked, {a.id: a.plain for a in found})
        total = len({q.text.lower() for q in asked})

    by_group: dict[str, list[Entry]] = {}
    section_order = {id(s): n for n, s in enumerate(docs.all_sections())}
    for answer in found:
        is_topic = answer.id.startswith("topic:")
        cited, unresolved = docs.resolve(answer.source_ref) if is_topic else ([], [])
        entry_flags = flags.missing_source(answer.source_ref, unresolved) if is_topic else []
        from itb_skill.speech import to_card

        checked = to_card(answer.spoken_text, _phones(content_file))
        cited_text = "\n".join(s.text for s in cited) if is_topic and cited else None
        if is_topic and not cited:
            cited_text = ""  # cited nothing that exists: everything it says is at best elsewhere
        entry_flags += flags.check_text(checked, cited_text, elsewhere, terms)
        if answer.then_text:  # the offer after a part: checked against the sources as a whole
            entry_flags += [
                f for f in flags.check_text(answer.then_text, None, elsewhere, terms) if f.level == flags.RED
            ]
        seconds = timer(answer.ssml)
        entry_flags += flags.check_length(seconds, method)
        closest = closest_sentences(checked, cited or docs.all_sections())  # phone numbers filled in
        entry = Entry(
            answer,
            seconds,
            seconds / heard.SLOW_RATE,
            cited,
            closest,
            entry_flags,
            reached.get(answer.id, []),
        )
        if answer.group:
            group = answer.group
        elif answer.note:  # a "not covered" rule matched
            group = catalog.NOT_COVERED_GROUP
        elif not cited:
            group = catalog.MISSING_SOURCE_GROUP
        else:
            group = cited[0].label
        by_group.setdefault(group, []).append(entry)

    record, verdict = None, None
    try:
        record = approval.load(record_file)
    except (OSError, ValueError) as error:
        verdict = approval.Verdict(False, "invalid", f"cannot read {record_file}: {error}")
    answers_sha = catalog.answers_sha256(found)
    content_sha = catalog.content_sha256(content_file)
    if verdict is None:
        verdict = approval.check(record, content_sha, answers_sha)

    intros = {
        catalog.EMERGENCY_GROUP: "From the safety module, not the content file: said even when the content "
        "is broken. Checked against both sources as a whole.",
        catalog.CONVERSATION_GROUP: "Welcome, help, fallback and the replies around the answers. They cite "
        "no section; numbers and medical words are checked against both sources as a whole.",
        catalog.NOT_COVERED_GROUP: "What the skill says when the sources do not answer: never a guess, "
        "always the appointment line.",
        catalog.MISSING_SOURCE_GROUP: "These topics cite no section that exists in either source.",
    }
    ordered = [catalog.EMERGENCY_GROUP]
    ordered += [s.label for s in sorted(docs.all_sections(), key=lambda s: section_order[id(s)])]
    ordered += [catalog.MISSING_SOURCE_GROUP, catalog.NOT_COVERED_GROUP, catalog.CONVERSATION_GROUP]
    groups = [
        Group(title, intros.get(title, "Topics that rest on this section of the source."), by_group[title])
        for title in dict.fromkeys(ordered + list(by_group))
        if title in by_group
    ]
    return Report(
        groups=groups,
        generated=datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        content_file=_relative(content_file),
        content_sha256=content_sha,
        answers_sha256=answers_sha,
        sources=docs,
        verdict=verdict,
        record=record,
        timing_method=method,
        questions_total=total,
        questions_unmatched=unmatched,
    )


def _phones(content_file: Path):
    from itb_skill import content

    return content._parse(catalog.raw_content(content_file), "en-US").phones


def _relative(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(catalog.ROOT))
    except ValueError:
        return str(path)
