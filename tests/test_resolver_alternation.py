"""The resolver's word-trie alternations match exactly as the plain longest-first alternations did."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from skill_sim import resolver

REAL = Path(__file__).parent.parent / "interaction_model/skill-package/interactionModels/custom/en-US.json"

# Words that are prefixes of each other ("no", "not", "nothing"), so partial-word matches are tried.
VOCABULARY = ("no", "not", "nothing", "a", "ab", "b", "breath", "breathing", "he", "is", "my", "wife")
phrase = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=3).map(" ".join)
phrases = st.lists(phrase, min_size=1, max_size=8, unique=True)
text = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=7).map(" ".join)


def plain(listed) -> str:
    return "|".join(re.escape(k) for k in sorted(listed, key=len, reverse=True))


def sample_pattern(alternation: str, shape: int) -> str:
    group = f"{alternation}|{resolver._ANY_WORDS}"
    return [
        f"(?P<s0>{alternation})",  # a sample that is only a slot
        f"is (?P<s0>{group})",
        f"(?P<s0>{group}) is (?P<s1>{group})",
        f"my (?P<s0>{group}) (?P<s1>{alternation})",
        f"(?:[^ ]+ )+?is (?P<s0>{group})",  # a loose SearchQuery carrier
    ][shape]


def outcome(pattern: str, said: str):
    match = re.fullmatch(pattern, said)
    return None if match is None else [match.span(name) for name in sorted(re.compile(pattern).groupindex)]


@settings(max_examples=300, deadline=None)
@given(listed=phrases, said=text, shape=st.integers(0, 4))
@example(listed=["he is", "he"], said="he is is b", shape=2)  # both fit: the longer phrase wins
@example(listed=["a b", "a", "b no", "b"], said="my a b no", shape=3)
def test_trie_alternation_matches_what_the_longest_first_alternation_matched(listed, said, shape):
    trie = resolver.phrase_alternation(listed)
    assert outcome(sample_pattern(trie, shape), said) == outcome(sample_pattern(plain(listed), shape), said)


def test_the_real_models_slot_samples_match_their_own_values_as_before():
    model = resolver.Model(json.loads(REAL.read_text(encoding="utf-8")), str(REAL))
    for sample in model.samples:
        if sample.pattern is None:
            continue
        for name, slot_type in sample.slots:
            listed = model.type_values.get(slot_type)
            if not listed:
                continue
            old = plain(listed)
            new = resolver.phrase_alternation(listed)
            for value in list(listed)[:: max(1, len(listed) // 25)]:
                for said in (value, f"{value} is {value}", f"my {value} now"):
                    for shape in range(5):
                        assert outcome(sample_pattern(new, shape), said) == outcome(
                            sample_pattern(old, shape), said
                        ), (sample.text, name, said)


def test_loading_the_model_compiles_no_sample_regex_until_it_is_needed():
    model = resolver.Model(json.loads(REAL.read_text(encoding="utf-8")), str(REAL))
    assert not any(sample._compiled for sample in model.samples)
    resolution = model.resolve("my husband is not breathing")
    assert resolution.intent == "EmergencyIntent"
    assert 0 < sum(bool(sample._compiled) for sample in model.samples) < len(model.samples) // 4
