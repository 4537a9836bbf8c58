"""The project's test corpora (``tests/corpus/*.txt``), read in one place.

Format: ``# `` lines are comments (a set's header records who wrote it and its first-pass figures),
``## name`` starts a section, every other non-empty line is one utterance, optionally followed by
`` || `` and what a right answer is (topic ids, ADVICE, NOT COVERED, or a note).

Which side a corpus is on comes from its file name: ``emergencies*`` are reports of danger now
(``## crisis`` sections need the 988 Lifeline too); every other corpus must never be an emergency, except
an annotated line whose right answer tells to call 911 (``CALL_911`` or ``EMERGENCY_OK`` after its note).

A file with the header line ``# held out: not for training`` is only measured: the learned screen never
trains on it, so it stays a set nobody tuned for.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "tests" / "corpus"
EMERGENCY_PREFIX = "emergencies"
CRISIS_SECTION = "crisis"
HELD_OUT_MARK = "# held out: not for training"
_911_IS_RIGHT = {"CALL_911", "EMERGENCY_OK"}


class Line(NamedTuple):
    corpus: str  # file name without .txt
    section: str
    utterance: str
    expected: str | None  # what follows " || ", if anything

    @property
    def emergency(self) -> bool:
        return self.corpus.startswith(EMERGENCY_PREFIX)

    @property
    def crisis(self) -> bool:
        return self.emergency and self.section == CRISIS_SECTION

    @property
    def calling_911_is_right(self) -> bool:
        """An annotated question whose right answer tells to call 911 ("who do I call for an urgent medical
        question"): the emergency response is not a false alarm there."""
        return bool(self.expected) and not _911_IS_RIGHT.isdisjoint(self.expected.split())


def read(path: Path) -> list[Line]:
    """Every utterance line of one corpus file."""
    name = path.name.removesuffix(".txt")
    section, lines = "", []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("## "):
            section = line[3:].strip()
        elif line and not line.startswith("#"):
            utterance, _, expected = line.partition(" || ")
            lines.append(Line(name, section, utterance.strip(), expected.strip() or None))
    return lines


def files(directory: Path = CORPUS_DIR) -> list[Path]:
    return sorted(directory.glob("*.txt"))


def load(name: str, directory: Path = CORPUS_DIR) -> list[Line]:
    """One corpus by file name (with or without .txt)."""
    return read(directory / (name if name.endswith(".txt") else f"{name}.txt"))


def every(directory: Path = CORPUS_DIR) -> list[Line]:
    return [line for path in files(directory) for line in read(path)]


def held_out(path: Path) -> bool:
    return HELD_OUT_MARK in path.read_text(encoding="utf-8").splitlines()


def training(directory: Path = CORPUS_DIR) -> list[Line]:
    """Every line the learned screen trains on: every corpus but the held-out ones."""
    return [line for path in files(directory) if not held_out(path) for line in read(path)]


def emergencies(directory: Path = CORPUS_DIR) -> list[Line]:
    return [line for line in every(directory) if line.emergency]


def not_emergencies(directory: Path = CORPUS_DIR) -> list[Line]:
    return [line for line in every(directory) if not line.emergency]
