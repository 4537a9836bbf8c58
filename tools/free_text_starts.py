"""Write the free-text intents' samples from interaction_model/free_text_starts.json.

Alexa hands a skill free text only after a carrier phrase (``AMAZON.SearchQuery``), so the words a report
starts with decide whether the skill can screen it at all. The starts are kept as classes in a data file
(subjects, times, amounts, interjections, signs from the sources); this tool turns each class into samples.

    python tools/free_text_starts.py          rewrite those intents' samples in the model
    python tools/free_text_starts.py --check  exit 1 when the model is not up to date
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from emergency_vocabulary import MODEL
from emergency_vocabulary import _key as key  # one spelling of "the same phrase" for both model generators

STARTS = Path(__file__).resolve().parent.parent / "interaction_model/free_text_starts.json"


def samples(starts: dict, intent: str) -> list[str]:
    """Every sample of ``intent``, in the data file's order, each once."""
    spec = starts["intents"][intent]
    slot = "{" + spec["slot"] + "}"
    out: dict[str, str] = {}
    for group in spec["starts"].values():
        for start in group:
            sample = start if slot in start else f"{start} {slot}"
            out.setdefault(key(sample), sample)
    return list(out.values())


def problems(generated: dict[str, list[str]], document: dict) -> list[str]:
    """Starts the model could not take: digits, a sample another intent has, one start in two intents."""
    found = []
    owners: dict[str, str] = {}
    for intent in document["interactionModel"]["languageModel"]["intents"]:
        if intent["name"] in generated:
            continue
        for sample in intent.get("samples", []):
            owners[key(sample)] = intent["name"]
    for intent, written in generated.items():
        for sample in written:
            if re.search(r"\d", sample):
                found.append(f"{intent}: {sample!r} has a digit (spell numbers out)")
            owner = owners.setdefault(key(sample), intent)
            if owner != intent:
                found.append(f"{intent}: {sample!r} is also a sample of {owner}")
    return found


def render(text: str, intent: str, new: list[str]) -> str:
    """``text`` (the hand-formatted model) with ``intent``'s samples replaced, one a line."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == f'"name": "{intent}",')
    start = next(i for i in range(at, len(lines)) if lines[i].strip() == '"samples": [') + 1
    end = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("]"))
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())] if start < end else " " * 12
    body = [f"{indent}{json.dumps(s, ensure_ascii=False)}," for s in new]
    body[-1] = body[-1].rstrip(",")
    lines[start:end] = body
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    starts = json.loads(STARTS.read_text(encoding="utf-8"))
    text = MODEL.read_text(encoding="utf-8")
    generated = {intent: samples(starts, intent) for intent in starts["intents"]}
    wrong = problems(generated, json.loads(text))
    if wrong:
        print("\n".join(wrong))
        return 1
    new = text
    for intent, written in generated.items():
        new = render(new, intent, written)
    json.loads(new)
    if "--check" in argv:
        stale = new != text
        print(f"{MODEL.name} is stale: run python tools/free_text_starts.py" if stale else "up to date")
        return 1 if stale else 0
    MODEL.write_text(new, encoding="utf-8")
    counts = ", ".join(f"{intent} {len(written)}" for intent, written in generated.items())
    print(f"samples written: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
