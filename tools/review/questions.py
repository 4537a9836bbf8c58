"""Questions that reach each answer: the model's own samples (slots filled) and the test corpora, each sent
through the offline simulator (``skill-sim``: the model's resolver and the real ``lambda_handler``), so an
answer lists what actually reaches it, not what was meant to."""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
MODEL_FILE = ROOT / "interaction_model" / "skill-package" / "interactionModels" / "custom" / "en-US.json"
CORPUS_DIR = ROOT / "tests" / "corpus"
_SLOT = re.compile(r"\{(\w+)\}")
# Values for Amazon's built-in slot types a sample may use; free text (SearchQuery) comes from the corpora.
BUILT_IN_VALUES = {"AMAZON.NUMBER": ("one hundred three",), "AMAZON.FirstName": ("mary",)}


class Question(NamedTuple):
    text: str
    origin: str  # "model: PumpSizeIntent" or "corpus: questions_unseen.txt"


def model_utterances(model_file: Path = MODEL_FILE, content: dict | None = None) -> list[Question]:
    """Every sample with its slots filled: the slot that picks the topic with each of its values, the others
    with their first value. Samples with a free-text slot are left to the corpora."""
    model = json.loads(Path(model_file).read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
    routes = (content or {}).get("intents", {})
    values = {
        t["name"]: [v["name"]["value"] for v in t.get("values", []) if isinstance(v.get("name"), dict)]
        for t in model.get("types", [])
    }
    values.update({name: list(v) for name, v in BUILT_IN_VALUES.items()})
    found: list[Question] = []
    for intent in model.get("intents", []):
        slot_types = {s["name"]: s["type"] for s in intent.get("slots") or []}
        routing_slot = (routes.get(intent["name"]) or {}).get("slot")
        for sample in intent.get("samples") or []:
            names = _SLOT.findall(sample)
            if any(slot_types.get(n) not in values for n in names):
                continue
            choices = [
                values[slot_types[n]] if n == routing_slot else [_typical(values[slot_types[n]])]
                for n in names
            ]
            for filled in itertools.product(*choices):
                text = sample
                for name, value in zip(names, filled, strict=True):
                    text = text.replace("{" + name + "}", value, 1)
                found.append(Question(text, f"model: {intent['name']}"))
    return found


def _typical(values: list[str]) -> str:
    """A value that reads well in any sample: the first of two words or more ("my son", not "me")."""
    return next((v for v in values if len(v.split()) > 1), values[0])


def corpus_utterances(folder: Path = CORPUS_DIR) -> list[Question]:
    """Every corpus line's utterance (read by ``corpora``, the one reader: a line's `` || `` note is not
    part of what was said)."""
    import corpora

    return [
        Question(line.utterance, f"corpus: {line.corpus}.txt")
        for path in corpora.files(Path(folder))
        for line in corpora.read(path)
    ]


def reached(
    questions: list[Question], plain_by_answer: dict[str, str]
) -> tuple[dict[str, list[Question]], int]:
    """{answer id: the questions whose first reply is that answer}, and how many reached none of them.

    A question reaches an answer when the simulator's reply (as the listener hears it, in one-shot
    session) is exactly that answer's text. The simulator's skill remembers nothing (no profile, no data/)."""
    from skill_sim.simulator import Simulator, quiet_request_log

    by_text: dict[str, str] = {}
    for answer_id, plain in plain_by_answer.items():
        by_text.setdefault(plain, answer_id)
    found: dict[str, list[Question]] = defaultdict(list)
    unmatched = 0
    simulator = Simulator(ROOT)
    seen: set[str] = set()
    with quiet_request_log():
        for question in questions:
            key = question.text.lower()
            if key in seen:
                continue
            seen.add(key)
            try:
                turn = simulator.ask(question.text)
            except Exception:  # text Alexa itself would refuse (digits, symbols): not a question here
                continue
            answer_id = by_text.get(turn.heard.speech if turn.heard else "")
            if answer_id is None:
                unmatched += 1
            else:
                found[answer_id].append(question)
    return dict(found), unmatched
