"""Write the topic phrasings the skill matches unplaced questions against, from the interaction model.

The catch-all hands the skill whatever no sample took. To answer a reworded question ("is it a big device")
the skill compares its words with every way the model already asks for each topic. The function does not ship
the model, so this tool writes those ways down per topic: each topic intent's samples, with the slot that
picks the topic filled by each of its values and synonyms, and any other slot by its first value.

    python tools/phrasings.py          rewrite lambda/phrasings/<locale>.json
    python tools/phrasings.py --check  exit 1 when a file is not up to date
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lambda"))

from itb_skill import answers, content  # noqa: E402

MODELS = ROOT / "interaction_model/skill-package/interactionModels/custom"
OUT = ROOT / "lambda/phrasings"
_SLOT = re.compile(r"\{(\w+)\}")
MAX_NAMES = 3  # a value and its first synonyms: enough words to match, without one value outweighing a topic


def _values(types: dict[str, list], type_name: str) -> list[tuple[str, list[str]]]:
    """(id, [name, synonyms...]) of each value of a custom slot type; [] for a built-in type."""
    values = []
    for value in types.get(type_name, []):
        name = value["name"]
        values.append((value.get("id") or name["value"], [name["value"], *name.get("synonyms", [])]))
    return values


def _without(sample: str, keep: str | None = None) -> str:
    """``sample`` without its slots (a person, a condition: words that do not pick the topic), but ``keep``
    written as ``{}``."""
    if keep is not None:
        sample = sample.replace("{" + keep + "}", "\0")
    return " ".join(_SLOT.sub("", sample).split()).lower().replace("\0", "{}")


def phrasings(model: dict, texts: content.Content) -> dict[str, object]:
    """The ways the model asks for each topic, compactly (the zip ships them):

    - ``topics``: topic id -> samples of intents (or of samples without the deciding slot) that give that
      topic whatever else was said;
    - ``by_slot``: for an intent whose slot picks the topic, its samples with that slot written ``{}``, and
      for each topic the slot values (up to ``MAX_NAMES`` names each) that pick it.
    """
    language = model["interactionModel"]["languageModel"]
    types = {slot_type["name"]: slot_type["values"] for slot_type in language.get("types", [])}
    plain: dict[str, set[str]] = {}
    by_slot = []
    for intent in language["intents"]:
        route = texts.intents.get(intent["name"])
        if route is None or route.advice_slot is not None:  # advice is declined by its own recogniser
            continue
        slot_types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
        templates = set()
        for sample in intent.get("samples", []):
            if route.slot is not None and "{" + route.slot + "}" in sample:
                templates.add(_without(sample, keep=route.slot))
            elif (topic := answers.route(texts, intent["name"], {})) in texts.topics:
                plain.setdefault(topic, set()).add(_without(sample))
        if templates and route.slot is not None:
            values: dict[str, list[str]] = {}
            for value_id, names in _values(types, slot_types[route.slot]):
                topic = answers.route(texts, intent["name"], {route.slot: value_id})
                if topic in texts.topics:
                    values.setdefault(topic, []).extend(n.lower() for n in names[:MAX_NAMES])
            by_slot.append({"samples": sorted(templates), "values": {t: values[t] for t in sorted(values)}})
    return {"topics": {topic: sorted(plain[topic]) for topic in sorted(plain)}, "by_slot": by_slot}


def render(locale: str) -> str:
    model = json.loads((MODELS / f"{locale}.json").read_text(encoding="utf-8"))
    document = {
        "generated_by": "tools/phrasings.py from the interaction model: do not edit; run make phrasings",
        **phrasings(model, content.load(locale)),
    }
    return json.dumps(document, indent=0, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    stale = []
    for locale in sorted(content.supported_locales()):
        target = OUT / f"{locale}.json"
        text = render(locale)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if "--check" in argv:
            stale.append(str(target.relative_to(ROOT)))
        else:
            OUT.mkdir(exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if stale:
        print(f"not up to date with the interaction model: {', '.join(stale)}; run make phrasings")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
