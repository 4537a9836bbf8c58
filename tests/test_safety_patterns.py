"""The screening's compiled patterns match exactly as the plain ones they were built to replace.

``safety._bodies()`` spells the filler once with conditionals instead of once per body rule (issue 7:
compiling the patterns was most of every cold start). These tests build the plain form from the same
data and check both find the same matches, at every position, with the same rule name.
"""

from __future__ import annotations

import random
import re

import pytest

import corpora
from itb_skill.safety import rules as safety
from itb_skill.safety.text import normalize

CORPORA = ("emergencies", "questions")


def plain_body_re() -> re.Pattern:
    bodies = "|".join(
        rf"(?P<{name}>(?:{noun}){safety._BODY_FILLER} (?:{bad}))"
        for name, (noun, bad) in safety._BODY.items()
    )
    return re.compile(rf"\b(?:{safety._DETERMINER} (?:{safety._NP_WORD} ){{0,2}})?(?:{bodies})\b")


def plain_bare_re() -> re.Pattern:
    bodies = "|".join(f"(?:{noun}){safety._BODY_FILLER} (?:{bad})" for noun, bad in safety._BODY.values())
    return re.compile(rf"\b(?:{safety._BARE}|{'|'.join(safety._SIGNS.values())}|{bodies})\b")


def simple_alternatives(pattern: str) -> list[str]:
    """The plain-word alternatives of a pattern fragment (enough to build texts that reach it)."""
    return [part for part in pattern.split("|") if re.fullmatch(r"[a-z ]+", part)]


def texts(count: int) -> list[str]:
    """Body-rule texts: right and wrong noun/state pairs, fillers, subjects, questions, noise."""
    rng = random.Random(7)
    nouns = [w for noun, _ in safety._BODY.values() for w in simple_alternatives(noun)]
    bads = [w for _, bad in safety._BODY.values() for w in simple_alternatives(bad)]
    fillers = ["is", "was", "really", "so", "kind of", "all of a sudden", "a bit", "keeps", "and", "now"]
    around = ["my", "his", "the", "my husband", "what if", "does", "for years", "he", "not", "help", ""]
    made = []
    for _ in range(count):
        words = [rng.choice(around), rng.choice(nouns)]
        words += [rng.choice(fillers) for _ in range(rng.randint(0, 5))]
        words += [rng.choice(bads), rng.choice(around)]
        if rng.random() < 0.3:
            words.insert(rng.randint(0, len(words)), rng.choice(nouns + bads))
        made.append(normalize(" ".join(words)))
    made += [normalize(line.utterance) for name in CORPORA for line in corpora.load(name)]
    return made


def every_search(pattern: re.Pattern, text: str) -> list:
    found = []
    for position in range(len(text) + 1):
        match = pattern.search(text, position)
        found.append(match and (match.span(), match.lastgroup))
    return found


@pytest.mark.parametrize(
    "compiled, plain",
    [(lambda: safety._deep_rules()[1], plain_body_re), (lambda: safety._deep_rules()[3], plain_bare_re)],
    ids=["body", "bare"],
)
def test_the_compact_body_rules_match_as_the_plain_alternation(compiled, plain):
    new, old = compiled(), plain()
    # What made compiling them cheap: the bodies, spelled once, take under half the text of the plain
    # alternation (the signs the bare rule adds are the same text in both and not counted).
    shared = (
        len(safety._BARE) + len("|".join(safety._SIGNS.values())) if new is safety._deep_rules()[3] else 0
    )
    assert len(new.pattern) - shared < (len(old.pattern) - shared) / 2
    checked = texts(1500)
    assert sum(bool(old.search(text)) for text in checked) > 100  # the texts do reach the rules
    for text in checked:
        old_found, new_found = every_search(old, text), every_search(new, text)
        if new is safety._deep_rules()[3]:  # bare: only where it matched counts (its groups are new)
            old_found = [f and f[0] for f in old_found]
            new_found = [f and f[0] for f in new_found]
        assert new_found == old_found, text


def test_an_emergency_said_outright_needs_only_the_always_rules():
    safety._deep_rules.cache_clear()
    assert safety.check("he's not breathing") == (safety.Finding("always:breathing", "emergency"),)
    assert safety._deep_rules.cache_info().currsize == 0
    assert safety.check("my incision is leaking")[-1] == safety.Finding("body:wound", "emergency")
    assert safety._deep_rules.cache_info().currsize == 1


@pytest.mark.parametrize(
    "initialization, compiled", [("provisioned-concurrency", 1), ("snap-start", 1), ("on-demand", 0)]
)
def test_environments_initialized_ahead_of_requests_compile_every_pattern_at_import(initialization, compiled):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    code = "import lambda_function, itb_skill.safety.rules as s; print(s._deep_rules.cache_info().currsize)"
    env = {**os.environ, "AWS_LAMBDA_INITIALIZATION_TYPE": initialization, "PYTHONPATH": str(root / "lambda")}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str(compiled)
