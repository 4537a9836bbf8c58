"""What a clinical reviewer must look at in an answer. Each flag names the rule that raised it and why.

Rules:
- ``number-not-in-source``: a number the answer says that no source says (red), or that the sources say
  only outside the section the topic cites (amber).
- ``medical-word-not-in-source``: a medical word (``medical_words.txt``, or a medical suffix) that no source
  uses (red), or that the sources use only outside the cited section (amber).
- ``too-long``: the answer takes more than 20 s at normal pace (red), more than 18 s (amber).
- ``missing-source``: a topic that cites no source, or cites a section that neither source has (red).

Answers that cite no section (conversation, emergency) are checked against both sources whole: only what
neither source says is flagged (red).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from review.heard import LIMIT_S, NEAR_S, ONES, TENS

RED, AMBER = "red", "amber"
MEDICAL_WORDS_FILE = Path(__file__).resolve().parent / "medical_words.txt"
# Named patterns: a word matching one is medical whatever the list says.
MEDICAL_SUFFIXES = {
    "inflammation (-itis)": r"\w{3,}itis",
    "condition (-osis)": r"\w{3,}osis",
    "blood (-emia)": r"\w{3,}emia",
    "pain (-algia)": r"\w{3,}algia",
    "removal or cut (-ectomy, -otomy)": r"\w{3,}(?:ectomy|otomy)",
    "disease (-pathy)": r"\w{3,}pathy",
    "paralysis (-plegia, -paresis)": r"\w{3,}(?:plegia|paresis)",
    "spinal space (-thecal)": r"\w{3,}thecal",
    "sensation (-esthesia)": r"\w{2,}esthesia",
    "drug class (-biotic)": r"\w{3,}biotics?",
}
_SUFFIX_RE = {name: re.compile(rf"^(?:{pattern})$") for name, pattern in MEDICAL_SUFFIXES.items()}

# The number words as heard.py writes them, read back: "twenty-five" is "twenty" and "five".
_TENS = {word: 10 * i for i, word in enumerate(TENS) if i > 1}
_SMALL = {word: i for i, word in enumerate(ONES)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_UNITS = frozenset(
    [
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "time",
        "times",
        "dose",
        "doses",
        "percent",
        "tone",
        "tones",
        "milligram",
        "milligrams",
        "inch",
        "inches",
    ]
)
_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


class Flag(NamedTuple):
    rule: str
    level: str  # RED or AMBER
    subject: str  # the number, the word, the duration
    why: str  # which pattern decided, and what the sources say


def numbers_in(text: str) -> dict[str, str]:
    """{canonical value: as written} for every number in ``text``: digits, phone numbers, number words.

    "one" counts only beside another number or a unit ("one to two hours", "one hour"): elsewhere it is a
    pronoun or an article ("one of them", "one side")."""
    found: dict[str, str] = {}
    lowered = text.lower()
    for match in _PHONE.finditer(lowered):
        found.setdefault(re.sub(r"\D", "", match.group()), match.group())
    rest = _PHONE.sub(" ", lowered)
    for match in _DIGITS.finditer(rest):
        found.setdefault(match.group().replace(",", ""), match.group())
    words = [w for part in _WORD.findall(rest) for w in part.split("-")]
    index = 0
    while index < len(words):
        value, length = _number_at(words, index)
        if length:
            said = " ".join(words[index : index + length])
            near_number = any(
                _number_at(words, j)[1] for j in (index - 2, index + length + 1) if 0 <= j < len(words)
            ) and (
                "to" in words[max(0, index - 1) : index + length + 1] or "or" in words[index - 1 : index + 2]
            )
            unit = index + length < len(words) and words[index + length] in _UNITS
            if said != "one" or near_number or unit:
                found.setdefault(str(value), said)
            index += length
        else:
            index += 1
    return found


def _number_at(words: list[str], index: int) -> tuple[int, int]:
    """(value, how many words) of a number written in words starting at ``words[index]``, or (0, 0)."""
    total, current, length = 0, 0, 0
    while index + length < len(words):
        word = words[index + length]
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES and length:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] > 100:
                total, current = total + current, 0
        elif (
            word == "and"
            and length
            and index + length + 1 < len(words)
            and words[index + length + 1] in _SMALL
        ):
            pass
        else:
            break
        length += 1
    return total + current, length


def medical_terms(path: Path = MEDICAL_WORDS_FILE) -> tuple[str, ...]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _stem(word: str) -> str:
    word = word.replace("-", "")
    for ending, replacement in (
        ("ies", "y"),
        ("sses", "ss"),
        ("es", "e"),
        ("s", ""),
        ("ing", ""),
        ("ed", ""),
    ):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)] + replacement
    return word


def _stems(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower().replace("\u2019", "'"))]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    size = len(needle)
    return any(haystack[i : i + size] == needle for i in range(len(haystack) - size + 1))


def medical_words_in(text: str, terms: tuple[str, ...]) -> dict[str, str]:
    """{word as written: why it is medical} for each medical word or phrase in ``text``."""
    stems = _stems(text)
    written = _WORD.findall(text.lower().replace("\u2019", "'"))
    found: dict[str, str] = {}
    for term in terms:
        term_stems = _stems(term)
        for i in range(len(stems) - len(term_stems) + 1):
            if stems[i : i + len(term_stems)] == term_stems:
                found.setdefault(" ".join(written[i : i + len(term_stems)]), "listed in medical_words.txt")
    for word in written:
        for name, pattern in _SUFFIX_RE.items():
            if pattern.match(word) and not any(word in key.split() for key in found):
                found.setdefault(word, f"medical suffix: {name}")
    return found


def check_text(text: str, cited: str | None, elsewhere: dict[str, str], terms: tuple[str, ...]) -> list[Flag]:
    """Flags for numbers and medical words of ``text`` against the cited text and the other sections.

    ``cited``: the text of the cited sections (None: no section cited, so everything is "elsewhere");
    ``elsewhere``: {section label: text} of every source section."""
    flags: list[Flag] = []
    cited_numbers = numbers_in(cited or "")
    other_numbers = {label: numbers_in(body) for label, body in elsewhere.items()}
    for value, said in numbers_in(text).items():
        if value in cited_numbers:
            continue
        places = [label for label, numbers in other_numbers.items() if value in numbers]
        flags.append(_flag("number-not-in-source", said, places, cited is not None, "a number"))
    flags = [flag for flag in flags if flag]
    cited_stems = _stems(cited or "")
    other_stems = {label: _stems(body) for label, body in elsewhere.items()}
    for word, why in medical_words_in(text, terms).items():
        needle = _stems(word)
        if _contains(cited_stems, needle):
            continue
        places = [label for label, stems in other_stems.items() if _contains(stems, needle)]
        flags.append(
            _flag("medical-word-not-in-source", word, places, cited is not None, f"a medical word ({why})")
        )
    return [flag for flag in flags if flag]


def _flag(rule: str, subject: str, places: list[str], has_cited: bool, what: str) -> Flag | None:
    if not places:
        return Flag(rule, RED, subject, f"{what} that neither source says")
    if not has_cited:  # nothing cited: checked against both sources whole, and they say it
        return None
    return Flag(
        rule, AMBER, subject, f"{what} not in the cited section; the sources say it in: {'; '.join(places)}"
    )


def check_length(seconds: float, method: str) -> list[Flag]:
    if seconds > LIMIT_S:
        return [Flag("too-long", RED, f"{seconds:.1f} s", f"over {LIMIT_S:.0f} s at normal pace ({method})")]
    if seconds > NEAR_S:
        return [Flag("too-long", AMBER, f"{seconds:.1f} s", f"over {NEAR_S:.0f} s at normal pace ({method})")]
    return []


def missing_source(ref: object, unresolved: list[str]) -> list[Flag]:
    if ref in (None, "", [], {}):
        return [Flag("missing-source", RED, "no source", "the topic cites no section of either source")]
    return [
        Flag("missing-source", RED, name, "cited, but neither source has a section of that name")
        for name in unresolved
    ]
