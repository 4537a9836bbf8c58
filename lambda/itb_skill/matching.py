"""Which topic a question asks for when the interaction model placed it nowhere (the catch-all's words).

Its words are compared with every way the model already asks for each topic (``lambda/phrasings/``,
written from the model by ``tools/phrasings.py``) and with the topics' keywords and titles: word stems and
pairs of stems, weighted by how rare they are (TF-IDF), and the nearest phrasing decides. A match says which
phrasing decided it, how close it was and how far ahead of the best other topic, so a test or ``skill-sim
explain`` can show why a question was answered, and whether it was understood or only the best guess.

The thresholds were chosen on held-out question set 5 (``tests/corpus/topics_unseen5.txt``, never a
phrasing): of its 189 questions, 127 had a phrasing ``CONFIDENT`` close and ``MARGIN`` ahead, and 119 of those
were the right topic. Below it, the nearest phrasing was wrong as often as right, so a question below it is
not answered from here at all.
"""

from __future__ import annotations

import json
import math
import os
import re
from typing import NamedTuple

from itb_skill.answers import stem
from itb_skill.content import Content
from itb_skill.paths import PHRASINGS_DIR

CONFIDENT = 0.45  # cosine of the nearest phrasing: at least this close...
MARGIN = 0.1  # ...and this far ahead of the best other topic: the topic was understood
MAX_CHARS = 500  # a question is short; a long text is a story, matched by its start

# Words every question shares: they say nothing about which topic it asks for.
_COMMON_WORDS = (
    "a an the is it its to of and or i im my me we our us you your he she his her him they them their "
    "do does did be been being can could would will should shall may might must what whats how when "
    "where who why which that this these those there about for in on at with from if so um uh er erm "
    "like just really get got have has had was were are am any some tell know want wondering please "
    "ok okay well then than also too very much one someone somebody anyone anybody thing things "
    "explain again actually exactly usually once remind go "
)
_COMMON = frozenset(_COMMON_WORDS.split())
# British spellings folded to American, as the phrasings are written: "anaesthesia", "haematoma".
_BRITISH_AE = re.compile(r"(?<=[a-z])ae(?=[a-z])")
_WORD = re.compile(r"[a-z]+")


class Match(NamedTuple):
    topic: str
    score: float  # cosine of the nearest phrasing of ``topic``, 0 to 1
    margin: float  # how far ``score`` is ahead of the nearest phrasing of any other topic
    phrasing: str  # the phrasing that decided

    @property
    def confident(self) -> bool:
        return self.score >= CONFIDENT and self.margin >= MARGIN

    def explain(self) -> str:
        verdict = "understood" if self.confident else "too far"
        return f"{verdict}: {self.topic} ({self.score:.2f}, {self.margin:.2f} ahead), near {self.phrasing!r}"


def features(text: str) -> dict[str, int]:
    """Stems that are not common words, and each pair of them side by side, with their counts."""
    words = _WORD.findall(_BRITISH_AE.sub("e", text.lower().replace("'", "").replace("\u2019", "")))
    stems = [stem(word) for word in words if word not in _COMMON]
    counted: dict[str, int] = {}
    for feature in (*stems, *(f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False))):
        counted[feature] = counted.get(feature, 0) + 1
    return counted


class _Index(NamedTuple):
    topics: tuple[str, ...]  # per phrasing
    phrasings: tuple[str, ...]
    rarity: dict[str, float]  # inverse document frequency of each feature
    unseen: float  # the weight of a feature no phrasing has
    postings: dict[str, tuple[tuple[int, float], ...]]  # feature -> (phrasing, weight in its unit vector)


def _phrasings(texts: Content) -> list[tuple[str, str]]:
    """(topic id, phrasing): the model's, as written by ``tools/phrasings.py``, then keywords and titles."""
    pairs: list[tuple[str, str]] = []
    path = os.path.join(PHRASINGS_DIR, f"{texts.locale}.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            written = json.load(handle)
        for topic_id, phrasings in written.get("topics", {}).items():
            pairs += [(topic_id, phrasing) for phrasing in phrasings]
        for group in written.get("by_slot", []):
            for topic_id, names in group["values"].items():
                pairs += [
                    (topic_id, sample.replace("{}", name)) for sample in group["samples"] for name in names
                ]
    for topic in texts.topics.values():
        pairs += [(topic.id, keyword) for keyword in topic.keywords]
        pairs.append((topic.id, topic.title))
    return [(topic_id, phrasing) for topic_id, phrasing in dict.fromkeys(pairs) if topic_id in texts.topics]


def _unit(counted: dict[str, int], rarity: dict[str, float], unseen: float = 0.0) -> dict[str, float]:
    """Unit vector of the weighted features; a feature no phrasing has weighs ``unseen`` (the rarest), so
    words the skill knows nothing about ("fly on a plane") pull a question away from every topic."""
    weighted = {feature: count * rarity.get(feature, unseen) for feature, count in counted.items()}
    norm = math.sqrt(sum(weight * weight for weight in weighted.values())) or 1.0
    return {feature: weight / norm for feature, weight in weighted.items()}


_built: dict[str, tuple[Content, _Index]] = {}  # locale -> (the content it was built from, its index)


def _index(texts: Content) -> _Index:
    """Built once per content, on the first question that needs it (not at a cold start)."""
    built = _built.get(texts.locale)
    if built is None or built[0] is not texts:
        built = _built[texts.locale] = (texts, _build(texts))
    return built[1]


def _build(texts: Content) -> _Index:
    pairs = _phrasings(texts)
    counted = [features(phrasing) for _, phrasing in pairs]
    document_frequency: dict[str, int] = {}
    for one in counted:
        for feature in one:
            document_frequency[feature] = document_frequency.get(feature, 0) + 1
    total = len(pairs) + 1
    rarity = {feature: math.log(total / (seen + 1)) + 1 for feature, seen in document_frequency.items()}
    postings: dict[str, list[tuple[int, float]]] = {}
    for number, one in enumerate(counted):
        for feature, weight in _unit(one, rarity).items():
            postings.setdefault(feature, []).append((number, weight))
    return _Index(
        tuple(topic_id for topic_id, _ in pairs),
        tuple(phrasing for _, phrasing in pairs),
        rarity,
        math.log(total) + 1,
        {feature: tuple(entries) for feature, entries in postings.items()},
    )


def best(texts: Content, text: str | None) -> Match | None:
    """The topic whose phrasing is nearest to ``text``, or None when no phrasing shares a word with it."""
    if not text:
        return None
    index = _index(texts)
    closeness: dict[int, float] = {}
    for feature, weight in _unit(features(text[:MAX_CHARS]), index.rarity, index.unseen).items():
        for number, other in index.postings.get(feature, ()):
            closeness[number] = closeness.get(number, 0.0) + weight * other
    nearest: dict[str, tuple[float, int]] = {}
    for number, score in closeness.items():
        topic_id = index.topics[number]
        if score > nearest.get(topic_id, (0.0, -1))[0]:
            nearest[topic_id] = (score, number)
    if not nearest:
        return None
    ranked = sorted(nearest.items(), key=lambda item: (-item[1][0], item[0]))
    topic_id, (score, number) = ranked[0]
    runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
    return Match(topic_id, round(score, 4), round(score - runner_up, 4), index.phrasings[number])


def prepare(texts: Content) -> None:
    """Build the index now (an environment initialized ahead of requests)."""
    _index(texts)
