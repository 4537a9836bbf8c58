"""The training set: corpus lines with labels, and its fingerprint."""

from __future__ import annotations

import hashlib
from typing import NamedTuple

import corpora

NONE, EMERGENCY, CRISIS = 0, 1, 2
# Words a report intent's carrier phrase takes off the front of what the user said ("he's {report}").
CARRIERS = frozenset(
    [
        "i",
        "i'm",
        "im",
        "i've",
        "my",
        "he",
        "he's",
        "hes",
        "his",
        "she",
        "she's",
        "shes",
        "her",
        "we",
        "we're",
        "our",
        "they",
        "they're",
        "the",
        "there's",
        "theres",
        "it",
        "it's",
        "its",
        "please",
        "um",
        "uh",
        "so",
        "okay",
        "ok",
        "oh",
        "no",
        "yes",
        "well",
        "and",
    ]
)


class Example(NamedTuple):
    text: str
    label: int
    group: int  # the corpus line it came from: a line and its carrier-less copy share a fold


def label(line: corpora.Line) -> int:
    if not line.emergency:
        return NONE
    return CRISIS if line.crisis else EMERGENCY


def examples(lines: list[corpora.Line] | None = None) -> list[Example]:
    """Every corpus line, and its copy without a leading carrier word; duplicates once, first wins."""
    lines = corpora.training() if lines is None else lines
    seen: dict[str, int] = {}
    out: list[Example] = []
    for group, line in enumerate(lines):
        text = " ".join(line.utterance.lower().split())
        words = text.split()
        variants = [text]
        if len(words) >= 3 and words[0] in CARRIERS:
            variants.append(" ".join(words[1:]))
        for variant in variants:
            if variant in seen:
                continue
            seen[variant] = label(line)
            out.append(Example(variant, label(line), group))
    return out


def fingerprint(lines: list[corpora.Line] | None = None) -> str:
    """SHA-256 of the labelled training lines: changes whenever a corpus line or label changes."""
    lines = corpora.training() if lines is None else lines
    digest = hashlib.sha256()
    for line in sorted((label(line), line.utterance) for line in lines):
        digest.update(f"{line[0]}\t{line[1]}\n".encode())
    return digest.hexdigest()
