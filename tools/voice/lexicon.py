"""Pronunciations for words the recognizer's stock dictionary (CMUdict, shipped in the pocketsphinx
wheel) does not know: hand-written for the skill's medical and product words, otherwise derived by
rule (a compound of known words, else simple letter-to-sound rules). ARPAbet, as the dictionary uses."""

from __future__ import annotations

import re
from pathlib import Path

# The acoustic model's phone set (CMU/ARPAbet, no stress marks).
_PHONE_LIST = (
    "AA AE AH AO AW AY B CH D DH EH ER EY F G HH IH IY JH K L M N NG OW OY P R S SH T TH UH UW V W Y Z ZH"
)
PHONES = frozenset(_PHONE_LIST.split(" "))

# Hand-written: how patients, caregivers and clinicians say these words (variants where people differ).
EXTRA: dict[str, tuple[str, ...]] = {
    "baclofen": ("B AE K L OW F EH N", "B AE K L AH F AH N", "B AE K L OW F AH N"),
    "intrathecal": ("IH N T R AH TH IY K AH L", "IH N T R AH TH EH K AH L"),
    "mychart": ("M AY CH AA R T",),
    "lioresal": ("L AY AO R AH S AA L", "L AY OW R AH S AE L"),
    "spasticity": ("S P AE S T IH S IH T IY",),
    "dystonia": ("D IH S T OW N IY AH",),
    "itb": ("AY T IY B IY",),
    "ms": ("EH M EH S",),
    "neurosurgeon": ("N UH R OW S ER JH AH N",),
    "neurosurgery": ("N UH R OW S ER JH ER IY",),
    "programmer": ("P R OW G R AE M ER",),
    "refill": ("R IY F IH L",),
    "refills": ("R IY F IH L Z",),
    "refilled": ("R IY F IH L D",),
    "overdose": ("OW V ER D OW S",),
    "underdose": ("AH N D ER D OW S",),
    "withdrawal": ("W IH TH D R AO L", "W IH DH D R AO L"),
    "meningitis": ("M EH N AH N JH AY T AH S",),
    "cerebrospinal": ("S EH R AH B R OW S P AY N AH L",),
    "convulsing": ("K AH N V AH L S IH NG",),
}

# Letter-to-sound rules, longest spelling first: crude, but only reached for words no table knows.
_RULES: tuple[tuple[str, str], ...] = (
    ("tion", "SH AH N"),
    ("sion", "ZH AH N"),
    ("ough", "AO"),
    ("igh", "AY"),
    ("tch", "CH"),
    ("sch", "S K"),
    ("ph", "F"),
    ("sh", "SH"),
    ("ch", "CH"),
    ("th", "TH"),
    ("wh", "W"),
    ("ck", "K"),
    ("ng", "NG"),
    ("qu", "K W"),
    ("ee", "IY"),
    ("ea", "IY"),
    ("oo", "UW"),
    ("ou", "AW"),
    ("ow", "OW"),
    ("oi", "OY"),
    ("oy", "OY"),
    ("ai", "EY"),
    ("ay", "EY"),
    ("au", "AO"),
    ("aw", "AO"),
    ("ie", "IY"),
    ("ei", "EY"),
    ("ey", "IY"),
    ("ar", "AA R"),
    ("er", "ER"),
    ("ir", "ER"),
    ("ur", "ER"),
    ("or", "AO R"),
    ("a", "AE"),
    ("b", "B"),
    ("c", "K"),
    ("d", "D"),
    ("e", "EH"),
    ("f", "F"),
    ("g", "G"),
    ("h", "HH"),
    ("i", "IH"),
    ("j", "JH"),
    ("k", "K"),
    ("l", "L"),
    ("m", "M"),
    ("n", "N"),
    ("o", "AA"),
    ("p", "P"),
    ("r", "R"),
    ("s", "S"),
    ("t", "T"),
    ("u", "AH"),
    ("v", "V"),
    ("w", "W"),
    ("x", "K S"),
    ("y", "IY"),
    ("z", "Z"),
    ("'", ""),
)


def letter_to_sound(word: str) -> str:
    word = word.lower()
    if word.endswith("e") and len(word) > 3 and word[-2] not in "aeiouy":
        word = word[:-1]  # silent final e
    phones: list[str] = []
    pos = 0
    while pos < len(word):
        for spelling, sound in _RULES:
            if word.startswith(spelling, pos):
                phones.extend(sound.split())
                pos += len(spelling)
                break
        else:
            pos += 1  # not a letter we know: silent
    # Doubled consonants are said once.
    collapsed = [p for i, p in enumerate(phones) if i == 0 or p != phones[i - 1] or p in ("IY", "AH")]
    return " ".join(collapsed)


_SUFFIXES = (("ing", "IH NG"), ("ed", "D"), ("es", "Z"), ("s", "Z"), ("er", "ER"), ("ly", "L IY"))


def with_suffix(word: str, known: dict[str, list[str]]) -> str | None:
    """ "convulsing" -> "convulse" + "ing": a known word with a common ending."""
    for suffix, sound in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for candidate in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else None):
                if candidate and candidate in known:
                    return f"{known[candidate][0]} {sound}"
    return None


def split_compound(word: str, known: dict[str, list[str]]) -> str | None:
    """ "mychart" -> "M AY CH AA R T": two known words (two letters or more each) run together."""
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if head in known and tail in known:
            return f"{known[head][0]} {known[tail][0]}"
    return None


def pronunciations(word: str, known: dict[str, list[str]]) -> list[str]:
    """Every pronunciation of ``word``: the stock dictionary's, the hand-written ones, else by rule."""
    word = word.lower()
    if word in EXTRA:
        return list(EXTRA[word]) + [p for p in known.get(word, []) if p not in EXTRA[word]]
    if word in known:
        return list(known[word])
    derived = with_suffix(word, known) or split_compound(word, known)
    return [derived] if derived else [letter_to_sound(word)]


def read_cmudict(path: Path) -> dict[str, list[str]]:
    """CMUdict as shipped with pocketsphinx: ``word phones`` and ``word(2) phones`` lines."""
    known: dict[str, list[str]] = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            parts = line.split(maxsplit=1)
            if len(parts) != 2:
                continue
            word = re.sub(r"\(\d+\)$", "", parts[0])
            known.setdefault(word, []).append(parts[1].strip())
    return known
